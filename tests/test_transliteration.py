"""The other transliterations of register names (build_tools/transliteration.py), in the index,
in Python and in the browser."""
from __future__ import annotations

import shutil

import pytest
from wordfreq import zipf_frequency

from build_tools import search_index as si
from build_tools import transliteration as tr
from build_tools.enrich import Enrichment
from tests.conftest import ROOT
from tests.test_browser import browser  # noqa: F401  (the session's one Chromium)
from tests.test_search_index import HARNESS, SCRIPT, make_docs, para


@pytest.mark.parametrize("printed, wanted", [
    ("Trotsky", {"trotskii", "trotskiy", "trotski", "trockij"}),  # LC, BGN, popular -i, scholarly
    ("Zinoviev", {"zinovev", "zinov'ev", "zinov'yev", "zinovyev"}),  # soft sign ' or nothing, -ev/-yev/-iev
    ("Yezhov", {"ezhov", "ezhev", "yejov"}),  # E/Ye at the start, ё spelt e, Zh/J
    ("Iakov", {"yakov", "jakov"}),  # Ia/Ya
    ("Iurii", {"yuriy", "yury", "jurij"}),  # Iu/Yu and -ii/-iy/-y
    ("Nikolai", {"nikolay", "nikolaj"}),  # й at the end
    ("Khrushchev", {"khrushchov"}),  # ё after shch
    ("Andreev", {"andreyev"}),  # е after a vowel
])
def test_each_scheme_s_spelling_of_a_name(printed, wanted):
    got = set(tr.transliterations([printed]))
    assert wanted <= got, got
    assert tr.normal(printed) not in got


def test_a_phrase_is_spelt_in_one_scheme_throughout():
    got = set(tr.transliterations(["Nikolai Yezhov"]))
    assert {"nikolay yezhov", "nikolai ezhov"} <= got
    assert "nikolay ezhov" not in got  # BGN's first name with LC's surname: no scheme spells it so


def test_a_phrase_s_sounds_are_heard_once_for_all_schemes(monkeypatch):
    heard = []
    real = tr.sounds
    monkeypatch.setattr(tr, "sounds", lambda word: heard.append(word) or real(word))
    forms = tr.phrase_forms("Nikolai Yezhov")
    assert sorted(heard) == ["nikolai", "yezhov"]
    assert {"nikolay yezhov", "nikolai ezhov"} <= forms


@pytest.mark.parametrize("name", ["Trotsky", "Zinoviev", "Yezhov", "Iakov", "Vasiliev", "Nikolai"])
def test_every_spelling_of_a_name_gives_the_same_spellings(name):
    """Read back from LC's, BGN's or the popular spelling, a name gives the same spellings again.
    (The scholarly c and j, and a soft sign left out, are read back as plain letters: their
    forms are generated, not read.)"""
    readable = [tr.SCHEMES.index(s) for s in ("lc", "bgn", "popular")]
    word = tr.normal(name)
    spellings = {tr.spell(tr.sounds(word), scheme) for scheme in readable}
    group = {word, *tr.transliterations([name])}
    for form in spellings:
        assert {form, *tr.transliterations([form])} == group, form


def test_no_generated_form_is_a_common_english_word():
    assert "car" not in tr.transliterations(["Tsar"])
    assert "semen" not in tr.transliterations(["Semyon"])
    assert "ear" not in tr.transliterations(["Year"])
    # The whole of the registers: no word of a generated spelling that the register does not
    # print is as common in English as the threshold.
    groups = tr.register_names(Enrichment.load(ROOT / "data"))  # persons, glossary, places
    for canonical, forms in tr.with_transliterations(groups).items():
        printed = {w for f in [canonical, *groups[canonical]] for w in tr.normal(f).split()}
        for form in forms:
            for word in tr.normal(form).split():
                assert word in printed or zipf_frequency(word, "en") < tr.ENGLISH, (canonical, form)


def test_the_variant_sets_stay_small():
    """At most two spellings (ё) per scheme of each printed form, far fewer in practice."""
    for name in ["Grigory Yevseevich Zinoviev", "Nikolai Ivanovich Yezhov", "Aleksandr Kutepov"]:
        assert len(tr.transliterations([name])) <= 2 * len(tr.SCHEMES)
    groups = tr.register_names(Enrichment.load(ROOT / "data"))
    listed = sum(len(v) + 1 for v in groups.values())
    generated = sum(len(tr.transliterations([k, *v])) for k, v in groups.items())
    assert generated < 4 * listed


# ------------------------------------------------------------------ in the index

TEXT = f"""# Chapter

{para("para-1")}Trotsky spoke first.

{para("para-2")}Then Zinoviev answered, and Yezhov took notes.

{para("para-3")}Lewin writes of Ezhev and of the purge.

{para("para-4")}Nothing here about them.
"""

NAMES = {"Leon Trotsky": ["Trotsky"], "Grigory Zinoviev": ["Zinoviev"], "Nikolai Yezhov": ["Yezhov", "Ezhev"]}
QUERIES = {"Trotsky": ["Trotskii", "Trotskiy", "Trotski", "Trockij"],
           "Zinoviev": ["Zinovev", "Zinov'ev", "Zinov’yev", "Zinovyev"],
           "Yezhov": ["Ezhov", "Ezhev", "Yejov", "Yezhev", "YEZHOV"]}


@pytest.fixture
def named(tmp_path):
    docs = make_docs(tmp_path, {"one/chapter.md": TEXT}, tr.with_transliterations(NAMES))
    site = tmp_path / "site"
    si.write_index(docs, site)
    return site


def locations(found):
    return sorted(hit["location"] for page in found["pages"] for hit in page["hits"])


def test_every_transliteration_finds_what_the_printed_name_finds(named):
    index = si.Index(named / "search")
    for printed, others in QUERIES.items():
        found = {q: locations(index.search(q)) for q in [printed, *others]}
        assert found[printed] and all(v == found[printed] for v in found.values()), found


def test_javascript_finds_what_python_finds_for_every_transliteration(named, browser):  # noqa: F811
    shutil.copy(SCRIPT, named / "search.js")
    (named / "harness.html").write_text(HARNESS, encoding="utf-8")
    context = browser.new_context()
    tab = context.new_page()
    tab.goto((named / "harness.html").as_uri())
    for query in [q for printed, others in QUERIES.items() for q in [printed, *others]]:
        assert tab.evaluate("q => editionSearch.search(q)", query) == si.Index(named / "search").search(query), query
    context.close()


def exact(index: si.Index, word: str) -> set[int]:
    """The entries holding the word itself (not words it begins)."""
    for term, weight, _, file in index.matches(word):
        if weight == 2:
            flat = index.load(f"postings/{si.key_of(word)}-{file}")[term]
            return {sum(flat[:i + 1:2]) for i in range(0, len(flat), 2)}
    return set()


@pytest.mark.parametrize("printed, others", [("trotsky", ["trotskii", "trotskiy", "trotski"]),
                                             ("zinoviev", ["zinovev", "zinov'ev", "zinovyev"]),
                                             ("yezhov", ["ezhov", "ezhev", "yejov"])])
def test_the_edition_s_index_knows_every_transliteration(unpacked, printed, others):
    index = si.Index(unpacked / "search")
    entries = exact(index, printed)
    assert entries
    assert all(exact(index, other) == entries for other in others)


def test_transliterations_made_before_are_taken_from_the_memo_which_keeps_only_this_calls_groups():
    groups = {"Yezhov, Nikolai": ["Yezhov"], "Kirov, Sergei": []}
    plain = tr.with_transliterations(groups)
    memo = {"stale\nnames": ["x"]}
    assert tr.with_transliterations(groups, memo) == plain
    assert set(memo) == {"Yezhov, Nikolai\nYezhov", "Kirov, Sergei"}
    memo["Yezhov, Nikolai\nYezhov"] = ["Marked"]  # what the memo says is used, not made again
    assert "Marked" in tr.with_transliterations(groups, memo)["Yezhov, Nikolai"]
