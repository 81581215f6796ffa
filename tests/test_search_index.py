"""The search index in parts (build_tools/search_index.py) and its query in the browser
(overrides/assets/javascripts/search.js), on small indexes made for each test."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from build_tools import search_index as si
from build_tools.model import EditionError
from tests.test_browser import browser  # noqa: F401  (the session's one Chromium)

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "overrides" / "assets" / "javascripts" / "search.js"


def para(anchor: str) -> str:
    return f'<a class="para" id="{anchor}" href="#{anchor}" aria-label="Link"></a>'


CHAPTER = f"""# <a class="page-break" id="p-1" href="#p-1" data-page="1"></a>1. The Purge {{ #the-purge }}

{para("para-1-1")}Ovsepián met [Tukhachevsky](../persons.md#tukhachevsky) in *Moscow*.[^n1]
{{: .summary }}

{para("para-1-2")}Stalin’s apology came \\*late\\* &amp; Yezhov <a class="page-break" id="p-2" href="#p-2"></a>was silent.

> {para("para-2-1")}A quoted letter from Kiev.

{para("para-2-2")}The purge reached Kiev long after the other cities of the south had lost their officials.

## Notes {{ #notes }}

[^n1]: {para("para-9-1")}1\\. About two hundred miles southwest of Kiev.

[^n2]: A note without a paragraph anchor.

*[NKVD]: People's Commissariat for Internal Affairs

## Self-check {{ #self-check data-search-exclude }}

{para("para-x")}Quoted for the editor: southwest of Kiev.

### Detail {{ #detail }}

Still excluded.
"""

REGISTER = f"""# Persons

<a class="person" id="tukhachevsky"></a>**Tukhachevsky, Mikhail**. Marshal.

- Bazhanov, pp. [3](one/chapter.md#para-1-1), [7](one/chapter.md#para-1-2)

| <a class="entry-id" id="row-1" href="#row-1">row-1</a> | hyphenation | Tukha-&#124;chevsky |
| --- | --- | --- |
"""


def make_docs(folder: Path, pages: dict[str, str], variants: dict | None = None) -> Path:
    docs = folder / "docs"
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    (docs / "data").mkdir(parents=True, exist_ok=True)
    (docs / "data" / "sources.json").write_text(json.dumps(
        [{"slug": "one", "bibliography": {"title": "The First Source"}}]), encoding="utf-8")
    if variants:
        (docs / "data" / "search-variants.json").write_text(json.dumps(variants), encoding="utf-8")
    return docs


@pytest.fixture
def small(tmp_path) -> Path:
    """A two-page edition's site folder with its index."""
    docs = make_docs(tmp_path, {"one/chapter.md": CHAPTER, "persons.md": REGISTER}, {"Yezhov": ["Ezhov"]})
    site = tmp_path / "site"
    si.write_index(docs, site)
    return site


# ------------------------------------------------------------------ reading docs/


def test_entries_are_paragraphs_notes_headings_and_rows_with_their_anchors():
    title, entries = si.page_entries(CHAPTER, 0)
    assert title == "1. The Purge"
    got = [(e.anchor, e.kind, e.text) for e in entries]
    assert got == [
        ("the-purge", "heading", "1. The Purge"),
        ("para-1-1", "text", "Ovsepián met Tukhachevsky in Moscow."),
        ("para-1-2", "text", "Stalin’s apology came *late* & Yezhov was silent."),
        ("para-2-1", "text", "A quoted letter from Kiev."),
        ("para-2-2", "text", "The purge reached Kiev long after the other cities of the south had lost their officials."),
        ("notes", "heading", "Notes"),
        ("para-9-1", "text", "1. About two hundred miles southwest of Kiev."),
        ("fn:n2", "text", "A note without a paragraph anchor."),
    ]  # no abbreviation, nothing of the section marked data-search-exclude


def test_register_entries_without_their_lists_of_places():
    _, entries = si.page_entries(REGISTER, 3)
    assert [(e.anchor, e.kind, e.text) for e in entries] == [
        ("", "heading", "Persons"),
        ("tukhachevsky", "text", "Tukhachevsky, Mikhail. Marshal."),
        ("row-1", "row", "row-1 hyphenation Tukha-|chevsky"),
    ]


def test_emphasis_marks_are_dropped_where_each_branch_alone_drops_them():
    """EMPHASIS looks ahead for * or _ before trying its lookbehinds: a branch for another mark would
    be skipped unless the lookahead names it."""
    import random
    import re

    plain = re.compile(si.EMPHASIS_MARKS)
    rng = random.Random(11)
    for _ in range(5000):
        text = "".join(rng.choice("a1_*\\ é") for _ in range(rng.randint(0, 12)))
        assert si.EMPHASIS.sub("", text) == plain.sub("", text), text
    assert si.plain("*Pravda*, __the__ snake_case \\_x_") == "Pravda, the snake_case _x"


def test_query_words_fold_like_the_text_and_drop_stop_words():
    assert si.query_words("Southwest of KIEV, kiev") == ["southwest", "kiev"]
    assert si.query_words("Stalin’s +apology*") == ["stalin's", "apology"]
    assert si.query_words("Ovsepián") == ["ovsepian"]
    assert si.query_words("Trotsky¶exploded") == ["trotsky", "exploded"]  # a rejoin's mark in the apparatus
    assert si.key_of("ovsepian") == "ov" and si.key_of("élan") == "_e9l" and si.key_of("1921") == "19"


# ------------------------------------------------------------------ writing, querying


def urls(found: dict) -> list[str]:
    return [hit["location"] for page in found["pages"] for hit in page["hits"]]


@pytest.mark.parametrize("query, first", [
    ("Ovsepian", "one/chapter.html#para-1-1"),  # printed "Ovsepián"
    ("stalin's apology", "one/chapter.html#para-1-2"),  # printed "Stalin’s"
    ("Ezhov", "one/chapter.html#para-1-2"),  # printed "Yezhov"; search-variants.json has Ezhov
    ("southwest of Kiev", "one/chapter.html#para-9-1"),  # the note, not the editor's quote of it
    ("purge", "one/chapter.html#the-purge"),
])
def test_search_finds_the_entry(small, query, first):
    assert urls(si.Index(small / "search").search(query))[0] == first


def test_words_of_the_excluded_section_are_not_indexed(small):
    assert si.Index(small / "search").search("editor")["total"] == 0


def test_a_word_is_a_prefix_from_three_letters_on(small):
    index = si.Index(small / "search")
    assert "persons.html#tukhachevsky" in urls(index.search("tukh"))
    assert index.search("tu")["total"] == 0  # two letters: the word itself only
    assert index.search("mosc")["terms"] == ["moscow"]


def test_entries_matching_more_words_come_first(small):
    index = si.Index(small / "search")
    found = index.search("Kiev letter")
    assert urls(found)[0] == "one/chapter.html#para-2-1"  # both words
    assert found["total"] == 3  # and those with one of them
    # The heading scores higher for "purge" than the long paragraph for both words, yet comes second.
    heading, paragraph = index.search("purge")["pages"][0]["hits"]
    assert heading["location"].endswith("#the-purge") and heading["score"][1] > paragraph["score"][1] * 2
    assert urls(index.search("purge kiev"))[:2] == ["one/chapter.html#para-2-2", "one/chapter.html#the-purge"]


def test_a_heading_outweighs_a_paragraph_and_a_paragraph_a_table_row(small):
    assert urls(si.Index(small / "search").search("tukhachevsky"))[:1] == ["persons.html#tukhachevsky"]
    assert si.impact(1, 5, 5.0, si.BOOST["heading"]) > si.impact(1, 5, 5.0, si.BOOST["text"]) \
        > si.impact(1, 5, 5.0, si.BOOST["row"])


def test_results_are_grouped_by_page():
    step = 8
    ranked = [0, 1, 9, 2, 3, 17, 4, 25]  # pages 0, 0, 1, 0, 0, 2, 0, 3
    assert si.group_by_page(ranked, step, pages=3, hits=3) == [[0, 1, 2], [9], [17]]
    assert si.group_by_page(ranked, step, pages=1, hits=2) == [[0, 1]]


def test_entry_numbers_carry_their_page():
    step = si.stride([3, 1, 0, 2])
    assert step == 4  # three entries on page 0: numbers 0-2, page 1's 4, page 3's 12-13
    assert [si.doc_file(n, step) for n in (0, 2, 4, 12, 13)] == ["docs/0-0"] * 2 + ["docs/1-0"] + ["docs/3-0"] * 2
    assert si.stride([8]) == 16 and si.stride([0, 0]) == 2


def test_a_query_reads_only_the_files_it_needs(small):
    index = si.Index(small / "search")
    index.search("Ovsepian")
    assert index.loaded[:3] == ["meta", "terms/ov", "postings/ov-0"]
    assert [n for n in index.loaded[3:]] == ["docs/0-0"]
    every = [p for p in (small / "search").rglob("*.js")]
    assert index.bytes_loaded() < sum(p.stat().st_size for p in every)


def test_a_big_term_list_is_cut_into_files(tmp_path, monkeypatch):
    monkeypatch.setattr(si, "POSTINGS_BYTES", 40)
    text = "\n\n".join(f"{para(f'para-{i}')}Kiev kievan kievite number{i}" for i in range(30))
    docs = make_docs(tmp_path, {"one/a.md": "# A\n\n" + text})
    folder = si.write_index(docs, tmp_path / "site")
    assert len(list(folder.glob("postings/ki-*.js"))) == 3
    assert si.Index(folder).search("kiev")["total"] == 30


def test_the_index_is_written_the_same_twice(tmp_path):
    docs = make_docs(tmp_path, {"one/chapter.md": CHAPTER, "persons.md": REGISTER})
    one = si.write_index(docs, tmp_path / "a")
    two = si.write_index(docs, tmp_path / "b")
    files = sorted(p.relative_to(one) for p in one.rglob("*.js"))
    assert files == sorted(p.relative_to(two) for p in two.rglob("*.js"))
    assert all((one / f).read_bytes() == (two / f).read_bytes() for f in files)


def test_a_site_without_its_index_is_refused(tmp_path):
    with pytest.raises(EditionError, match="search/meta.js is missing"):
        si.require_index(tmp_path)


def test_a_file_that_is_no_index_file_is_refused():
    with pytest.raises(ValueError):
        si.parse_script("alert(1);")
    assert si.parse_script('__editionSearch("terms/ab",[["abc",1,2,0]]);\n') == ("terms/ab", [["abc", 1, 2, 0]])


# ------------------------------------------------------------------ the same in the browser

HARNESS = """<!doctype html><meta charset="utf-8"><title>search</title>
<script id="__config" type="application/json">{"base": ".", "translations": {}}</script>
<header class="md-header"><nav class="md-header__inner"></nav></header>
<input type="checkbox" id="__search">
<template id="edition-search-template">
  <div class="md-search"><form class="md-search__form"><input class="md-search__input"
    data-md-component="search-query"></form>
  <div class="md-search__scrollwrap"><div class="md-search-result__meta"></div>
  <ol class="md-search-result__list"></ol></div></div>
</template>
<script src="search.js"></script>
"""


@pytest.fixture
def harness(small, browser):  # noqa: F811
    shutil.copy(SCRIPT, small / "search.js")
    (small / "harness.html").write_text(HARNESS, encoding="utf-8")
    context = browser.new_context()
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.goto((small / "harness.html").as_uri())  # file://: no fetch, no module, as in the bundle
    yield tab
    context.close()
    assert errors == []


QUERIES = ["Ovsepian", "Ovsepián", "stalin's apology", "Stalin’s", "Ezhov", "southwest of Kiev",
           "tukh", "tu", "Kiev letter", "purge kiev", "mosc", "the of", "qqq", "1921", "élan", "*+~"]


def test_javascript_finds_what_python_finds_loading_the_same_files(small, harness):
    for query in QUERIES:
        index = si.Index(small / "search")
        expected = index.search(query)
        before = set(harness.evaluate("() => editionSearch.loaded()"))
        got = harness.evaluate("q => editionSearch.search(q)", query)
        assert got == expected, query
        loaded = set(harness.evaluate("() => editionSearch.loaded()"))
        assert loaded - before <= set(index.loaded), query  # nothing Python did not need


def test_javascript_and_python_rank_alike_with_small_pages(small, harness):
    expected = si.Index(small / "search").search("kiev tukhachevsky", pages=1)
    assert harness.evaluate("q => editionSearch.search(q, 1)", "kiev tukhachevsky") == expected


def test_each_result_shows_the_printed_page_its_passage_begins_on(small, harness):
    """As `edition search` prints it ("p. 1"): a reader sees where to cite before opening the page."""
    harness.fill("input[data-md-component=search-query]", "Kiev letter")
    harness.wait_for_selector(".md-search-result__item")
    shown = harness.locator(".md-search-result__article").evaluate_all(
        "els => els.map(e => (e.querySelector('.edition-search__page') || {}).textContent || '')")
    hits = [hit for page in si.Index(small / "search").search("Kiev letter")["pages"] for hit in page["hits"]]
    assert shown == [f"p. {hit['page']}" if hit["page"] else "" for hit in hits]
    assert any(shown) and not all(shown)  # the text's passages have one; a note does not


def test_results_show_text_as_text_with_the_words_marked(tmp_path, browser):  # noqa: F811
    hostile = '<img src=x onerror="window.hit=1"> <script>window.hit=2</script> Kiev &amp; more'
    docs = make_docs(tmp_path, {"one/a.md": "# A &lt;b&gt;title\n\n" + para("para-1") +
                                hostile.replace("<", "&lt;")})
    site = tmp_path / "site"
    si.write_index(docs, site)
    shutil.copy(SCRIPT, site / "search.js")
    (site / "harness.html").write_text(HARNESS, encoding="utf-8")
    context = browser.new_context()
    tab = context.new_page()
    tab.goto((site / "harness.html").as_uri())
    tab.fill("input[data-md-component=search-query]", "kiev")
    tab.wait_for_selector(".md-search-result__item")
    item = tab.locator(".md-search-result__item").first
    assert item.locator("h1").inner_text() == "A <b>title"
    assert item.locator("mark").all_inner_texts() == ["Kiev"]
    assert '<img src=x onerror="window.hit=1">' in item.inner_text()
    assert tab.locator(".md-search-result__list img, .md-search-result__list script").count() == 0
    assert tab.evaluate("() => window.hit") is None
    assert item.locator("a").first.get_attribute("href") == "./one/a.html#para-1"
    context.close()


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _indexed_then_changed(tmp_path: Path) -> tuple[Path, Path]:
    """(docs, cache): a chapter and a register, indexed once into first/ with the cache, then a
    paragraph added to the register."""
    docs = make_docs(tmp_path, {"one/chapter.md": CHAPTER, "persons.md": REGISTER}, {"Yezhov": ["Ezhov"]})
    si.write_index(docs, tmp_path / "first", cache=tmp_path / "cache")
    (docs / "persons.md").write_text(REGISTER + "\nA paragraph added about Yezhov.\n", encoding="utf-8")
    return docs, tmp_path / "cache"


def test_a_rebuild_reads_only_the_changed_page_and_writes_the_same_index(tmp_path, monkeypatch):
    docs, cache = _indexed_then_changed(tmp_path)
    read = []
    real = si.page_entries
    monkeypatch.setattr(si, "page_entries", lambda text, page: read.append(page) or real(text, page))
    si.write_index(docs, tmp_path / "cached", cache=cache)
    assert len(read) == 1  # persons.md; the chapter came from the cache
    monkeypatch.setattr(si, "page_entries", real)
    si.write_index(docs, tmp_path / "fresh")
    assert _files(tmp_path / "cached" / "search") == _files(tmp_path / "fresh" / "search")
    assert len(list(cache.glob("*.json"))) == 2  # the old persons.md is gone


def test_a_rebuild_weighs_only_the_changed_page_unless_the_average_length_moved(tmp_path, monkeypatch):
    """A page's postings are kept by its content and the (rounded) average entry length."""
    docs = make_docs(tmp_path, {"one/chapter.md": CHAPTER, "persons.md": REGISTER}, {"Yezhov": ["Ezhov"]})
    cache = tmp_path / "cache"
    si.write_index(docs, tmp_path / "first", cache=cache)
    weighed = []
    real = si.page_postings
    monkeypatch.setattr(si, "page_postings", lambda entries, *a: weighed.append(entries[0].page) or real(entries, *a))
    (docs / "persons.md").write_text(REGISTER.replace("Marshal.", "General."), encoding="utf-8")  # as long
    again = si.write_index(docs, tmp_path / "again", cache=cache, previous=tmp_path / "first")
    assert weighed == [1]  # persons.md, the second page
    assert _files(again) == _files(si.write_index(docs, tmp_path / "fresh"))
    weighed.clear()
    (docs / "persons.md").write_text(REGISTER + "\nA paragraph on Yezhov, longer than any other here by far: "
                                     + "words " * 60 + "\n", encoding="utf-8")
    moved = si.write_index(docs, tmp_path / "moved", cache=cache, previous=tmp_path / "again")
    assert sorted(weighed) == [0, 1]  # another average: every page weighed again
    weighed.clear()
    assert _files(moved) == _files(si.write_index(docs, tmp_path / "fresh2"))
    assert (_files(moved)["postings/ki-0.js"] != _files(again)["postings/ki-0.js"])  # Kiev, in the chapter only


def test_changed_variants_read_every_page_again(tmp_path, monkeypatch):
    docs = make_docs(tmp_path, {"one/chapter.md": CHAPTER, "persons.md": REGISTER}, {"Yezhov": ["Ezhov"]})
    si.write_index(docs, tmp_path / "first", cache=tmp_path / "cache")
    (docs / "data" / "search-variants.json").write_text(json.dumps({"Yezhov": ["Jeschow"]}), encoding="utf-8")
    si.write_index(docs, tmp_path / "cached", cache=tmp_path / "cache")
    si.write_index(docs, tmp_path / "fresh")
    assert _files(tmp_path / "cached" / "search") == _files(tmp_path / "fresh" / "search")
    assert _files(tmp_path / "cached" / "search") != _files(tmp_path / "first" / "search")


def test_a_rebuild_links_the_unchanged_files_of_the_previous_index_and_writes_the_rest(tmp_path):
    docs = make_docs(tmp_path, {"one/chapter.md": CHAPTER, "persons.md": REGISTER}, {"Yezhov": ["Ezhov"]})
    si.write_index(docs, tmp_path / "before")
    published = _files(tmp_path / "before" / "search")
    (docs / "persons.md").write_text(REGISTER + "\nA paragraph added about Yezhov.\n", encoding="utf-8")
    (tmp_path / "before" / "search" / "meta.js").write_text("altered by hand", encoding="utf-8")
    published["meta.js"] = b"altered by hand"
    si.write_index(docs, tmp_path / "after", previous=tmp_path / "before")
    si.write_index(docs, tmp_path / "fresh")
    after = tmp_path / "after" / "search"
    assert _files(after) == _files(tmp_path / "fresh" / "search")  # the same as written from nothing
    assert _files(tmp_path / "before" / "search") == published  # and the previous index untouched
    linked = {p.relative_to(after).as_posix() for p in after.rglob("*.js") if p.stat().st_nlink == 2}
    changed = {name for name, data in _files(after).items() if published.get(name) != data}
    assert linked and changed and "meta.js" not in linked
    assert linked == set(_files(after)) - changed  # every unchanged file linked, no changed one


def test_an_index_made_from_the_same_pages_is_linked_whole_unless_a_file_of_it_changed(tmp_path, monkeypatch):
    docs = make_docs(tmp_path, {"one/chapter.md": CHAPTER, "persons.md": REGISTER}, {"Yezhov": ["Ezhov"]})
    cache = tmp_path / "cache"
    si.write_index(docs, tmp_path / "before", cache=cache)
    si.write_index(docs, tmp_path / "fresh")
    with monkeypatch.context() as patched:
        patched.setattr(si, "postings_index", lambda *a: pytest.fail("the index was made again"))
        again = si.write_index(docs, tmp_path / "again", cache=cache, previous=tmp_path / "before")
    assert _files(again) == _files(tmp_path / "fresh" / "search")
    assert all(p.stat().st_nlink == 2 for p in again.rglob("*.js"))  # one file each in before/ and again/
    # a file of the published index altered by hand: the index is made again, not linked
    (tmp_path / "again" / "search" / "meta.js").unlink()
    (tmp_path / "again" / "search" / "meta.js").write_text("altered", encoding="utf-8")
    made = si.write_index(docs, tmp_path / "third", cache=cache, previous=tmp_path / "again")
    assert _files(made) == _files(tmp_path / "fresh" / "search")
    # a page changed: made again
    (docs / "persons.md").write_text(REGISTER + "\nA paragraph added about Yezhov.\n", encoding="utf-8")
    changed = si.write_index(docs, tmp_path / "fourth", cache=cache, previous=tmp_path / "third")
    assert _files(changed) == _files(si.write_index(docs, tmp_path / "fifth"))
    assert _files(changed) != _files(made)


def test_a_file_the_manifest_knows_unchanged_is_linked_unread_and_unmade(tmp_path, monkeypatch):
    """The manifest's digest, mark and key of each file: one still as recorded is linked without being
    read or made again; one written since (another mark) is read, and made again."""
    from build_tools.cache import KeepingWriter

    manifest = tmp_path / "index.manifest"
    first = KeepingWriter(tmp_path / "a", None, manifest, salt="code")
    (tmp_path / "a").mkdir()
    for name in ("same.js", "mended.js", "made.js"):
        first.write_made(name, f"key of {name}", lambda name=name: f"data of {name}".encode())
    first.record("inputs")
    (tmp_path / "a" / "mended.js").write_bytes(b"written since, longer")  # in place: another mark
    read, made = [], []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda path: read.append(path.name) or real(path))
    second = KeepingWriter(tmp_path / "b", tmp_path / "a", manifest, salt="code")
    (tmp_path / "b").mkdir()
    second.write("same.js", b"data of same.js")
    for name in ("mended.js", "made.js"):
        second.write_made(name, f"key of {name}", lambda name=name: made.append(name) or f"data of {name}".encode())
    assert made == ["mended.js"]
    assert "same.js" not in read and "made.js" not in read
    assert {p.name: p.read_bytes() for p in (tmp_path / "b").iterdir()} == {
        n: f"data of {n}".encode() for n in ("same.js", "mended.js", "made.js")}
    assert (tmp_path / "b" / "made.js").stat().st_ino == (tmp_path / "a" / "made.js").stat().st_ino
    # other code: the keys are not trusted, every file is made
    made.clear()
    third = KeepingWriter(tmp_path / "c", tmp_path / "a", manifest, salt="other code")
    (tmp_path / "c").mkdir()
    third.write_made("made.js", "key of made.js", lambda: made.append("made.js") or b"data of made.js")
    assert made == ["made.js"]


def test_a_rebuild_makes_only_the_changed_pages_files_of_texts(tmp_path, monkeypatch):
    docs, cache = _indexed_then_changed(tmp_path)
    made = []
    real = si.script
    monkeypatch.setattr(si, "script", lambda name, data: made.append(name) or real(name, data))
    after = si.write_index(docs, tmp_path / "after", cache=cache, previous=tmp_path / "first")
    monkeypatch.setattr(si, "script", real)
    docs_files = {p.relative_to(after).as_posix()[:-3] for p in after.glob("docs/*.js")}
    assert {n for n in made if n.startswith("docs/")} == {n for n in docs_files if n.startswith("docs/1-")}
    assert _files(after) == _files(si.write_index(docs, tmp_path / "fresh"))


def test_a_manifest_naming_a_file_outside_the_index_is_not_followed(tmp_path):
    import hashlib

    from build_tools.cache import KeepingWriter

    (tmp_path / "before").mkdir()
    (tmp_path / "secret.txt").write_bytes(b"not the index's")
    digest = hashlib.blake2b(b"not the index's", digest_size=16).hexdigest()
    manifest = tmp_path / "index.manifest"
    manifest.write_text(json.dumps({"inputs": "x", "salt": "", "files": {"../secret.txt": digest},
                                    "marks": {}, "keys": {}}), encoding="utf-8")
    (tmp_path / "new").mkdir()
    writer = KeepingWriter(tmp_path / "new", tmp_path / "before", manifest)
    assert writer.reuse("x") is False
    assert (tmp_path / "secret.txt").stat().st_nlink == 1


def test_postings_take_four_bytes_a_number_until_entry_numbers_need_eight():
    """The joined postings are the most a build holds at once; their numbers are exact either way."""
    from array import array

    class Pages:  # two pages, each with "tsar" at places 0 and 2 (weights 7, 9) and "duma" at 1
        pages = [si.Page("a.html", "A", "a"), si.Page("b.html", "B", "b")]

        @staticmethod
        def page_postings(number, average):
            return si.PagePostings(["tsar", "duma"], array("i", [5, 8]), array("i", [2, 0, 7, 2, 9, 1, 1, 4]))

    narrow = si.postings_index(Pages(), 1.0, 4)
    assert narrow["tsar"].itemsize == 4
    assert narrow["tsar"].tolist() == [0, 7, 2, 9, 2, 7, 2, 9]  # entries 0, 2 | 4, 6
    assert narrow["duma"].tolist() == [1, 4, 4, 4]
    wide = si.postings_index(Pages(), 1.0, 2 ** 31)
    assert wide["tsar"].itemsize == 8
    assert wide["tsar"].tolist() == [0, 7, 2, 9, 2 ** 31 - 2, 7, 2, 9]


def test_pages_read_are_held_with_their_terms_as_text_until_weighed_and_weighed_the_same(tmp_path):
    """Between reading every page and weighing them (which needs the average length of all), a page's
    terms are held as one text an entry, not as counters: at 100x the counters were half a gigabyte."""
    docs = make_docs(tmp_path, {"one/chapter.md": CHAPTER, "persons.md": REGISTER}, {"Yezhov": ["Ezhov"]})
    cache = tmp_path / "cache"
    texts = si._Texts(docs, cache, si.page_keys(docs, cache))
    held = [t for _, terms in texts.read.values() for t in terms]
    assert len(texts.read) == 2 and held and all(type(t) is str for t in held)
    variants = si.words_of.Variants.load(docs / "data" / "search-variants.json")
    for number in range(len(texts.pages)):
        found, terms = texts.entries(number)
        assert terms == [si.entry_terms(e, variants) for e in found] and any(terms)
