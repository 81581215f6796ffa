"""Search that accents, apostrophes and spelling variants do not defeat (build_tools/search.py),
over the built edition's index (build_tools/search_index.py)."""
from __future__ import annotations

import json
import re

import pytest

from build_tools import search, search_index
from build_tools.site import build_site
from tests.conftest import ROOT

SEP = search.SEPARATOR


def test_fold():
    assert search.fold("Ovsepián") == "ovsepian"
    assert search.fold("Stalin’s") == search.fold("Stalin's") == "stalin's"
    assert search.fold("naïveté Führer") == "naivete fuhrer"


def test_words_split_at_punctuation_quotes_and_stop_words():
    assert search.words("“Comrades,” said Stalin’s ‘Koba’ (of Kiev). The Mogilev-Podolsky 48.27", SEP) == [
        "Comrades", "Stalin’s", "Koba", "Kiev", "Mogilev", "Podolsky", "48.27"]
    # "Iéna" is no stop word "I" followed by something: JavaScript's \b would say so
    assert search.words("Iéna à O'Brien", SEP) == ["Iéna", "à", "O'Brien"]


def test_the_separator_is_a_javascript_regexp_too():
    # Material runs it as `new RegExp(separator)`: no Python-only syntax.
    assert "(?P" not in SEP and "(?i" not in SEP and r"\Z" not in SEP
    re.compile(SEP)


def test_register_variants_work_both_ways_and_on_whole_words():
    register = search.Variants({"Yezhov": ["Ezhov", "Ejov"], "Nikolai Bukharin": ["Bucharin"]})
    assert register.found_in(search.fold("Then Yezhov came")) == {"ezhov", "ejov"}
    assert register.found_in(search.fold("EZHOV")) == {"yezhov", "ejov"}
    assert register.found_in("yezhova and ezhovism") == set()
    assert register.found_in("nikolai bukharin") == {"bucharin"}


def test_an_entry_s_variants_cost_what_it_mentions_not_the_whole_register():
    """The index asks for every entry; with thousands of groups, an entry that mentions one name must
    not be compared with all of them (the groups' list is never walked)."""
    register = search.Variants({f"Name{n}ov": [f"Nam{n}ev"] for n in range(2000)} | {"Yezhov": ["Ezhov"]})

    class Unwalkable(list):
        def __iter__(self):
            raise AssertionError("every group compared")

    register.groups = Unwalkable(register.groups)
    assert register.found_in("then yezhov came") == {"ezhov"}
    assert register.found_in("nothing of note") == set()


# -------------------------------------------------------- the built index


@pytest.fixture(scope="module")
def variant_site(docs_copy):
    """The edition built with a register of spellings, as the person index will write it."""
    tmp = docs_copy()
    (tmp / "docs" / "data" / "search-variants.json").write_text(
        json.dumps({"Yezhov": ["Ezhov"], "Yagoda": ["Iagoda"]}), encoding="utf-8")
    return build_site(ROOT, docs_dir=tmp / "docs", site_dir=tmp / "site")


def pages(site, query):
    return [page["url"] for page in search_index.Index(site / "search").search(query)["pages"]]


def locations(site):
    """Where every entry of the index leads."""
    out = []
    for path in sorted((site / "search" / "docs").glob("*.js")):
        _, data = search_index.parse_script(path.read_text(encoding="utf-8"))
        out += [data["page"][0] + (f"#{anchor}" if anchor else "") for anchor, _, _, _ in data["docs"]]
    return out


@pytest.mark.parametrize("query, expected", [
    ("Ovsepian", "bazhanov-damnation-of-stalin/book-index.html"),  # printed "Ovsepián"
    ("Ovsepián", "bazhanov-damnation-of-stalin/book-index.html"),
    ("Stalin's apology", "lewin-soviet-century/index.html"),  # printed "Stalin’s"
    ("southwest of Kiev", "bazhanov-damnation-of-stalin/01-entering-the-party.html"),  # a note
    ("Ezhov", "brent-inside-the-stalin-archives/index.html"),  # printed "Yezhov" only
])
def test_search_finds(variant_site, query, expected):
    found = pages(variant_site, query)
    assert expected in found[:10], found  # the first screenful of results


def test_the_self_check_s_quotes_are_not_searched(variant_site):
    """The editorial notes' self-check quotes the text; a search leads to the text, not to the quotes."""
    found = locations(variant_site)
    assert any(loc.startswith("bazhanov-damnation-of-stalin/editorial-notes.html") for loc in found)
    assert not any(loc.endswith("editorial-notes.html#self-check") for loc in found)


def test_without_the_register_a_variant_is_not_found(docs_copy):
    tmp = docs_copy()
    (tmp / "docs" / "data" / "search-variants.json").unlink(missing_ok=True)
    site = build_site(ROOT, docs_dir=tmp / "docs", site_dir=tmp / "site")
    assert "brent-inside-the-stalin-archives/index.html" not in pages(site, "Ezhov")


def test_edition_search_command(variant_site, capsys):
    assert search_index.main(["--site", str(variant_site), "southwest", "of", "Kiev"]) == 0
    out = capsys.readouterr().out
    first = out.splitlines()[:3]
    assert first[0] == "1. Entering the Party (Bazhanov, Damnation of Stalin)", out  # the source as the navigation names it
    # the note's own paragraph, with the words around the first one found
    assert first[1].strip() == "bazhanov-damnation-of-stalin/01-entering-the-party.html#para-238-11", out
    assert "southwest of Kiev" in first[2]
    assert search_index.main(["--site", str(variant_site), "qwertyuiop"]) == 1
    assert search_index.main(["--site", str(variant_site.parent / "nowhere"), "Kiev"]) == 2
