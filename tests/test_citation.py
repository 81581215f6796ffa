"""Citations, reference files and page metadata (build_tools/cite.py and the hook)."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from build_tools import cite

BOOK = {
    "slug": "bazhanov-damnation-of-stalin",
    "bibliography": {
        "kind": "book", "title": "Bazhanov and the Damnation of Stalin",
        "authors": [{"family": "Bazhanov", "given": "Boris"}],
        "translators": [{"family": "Doyle", "given": "David W."}],
        "note": "Translation and commentary by David W. Doyle",
        "publisher": "Ohio University Press", "place": "Athens, Ohio", "year": 1990, "isbn": "0821409484",
    },
    "parts": [
        {"slug": "index", "title": "Bazhanov and the Damnation of Stalin", "number": None,
         "url": "bazhanov-damnation-of-stalin/index.html", "first_page": "i", "last_page": "vi"},
        {"slug": "07-i-become-anticommunist", "title": "I Become Anticommunist", "number": "7",
         "url": "bazhanov-damnation-of-stalin/07-i-become-anticommunist.html", "first_page": "75", "last_page": "90"},
    ],
}
CHAPTER_PART = BOOK["parts"][1]
CHAPTER = {
    "slug": "harris-stalin-and-stalinism",
    "bibliography": {
        "kind": "chapter", "title": "Stalin and Stalinism",
        "container_title": "The Oxford Handbook of Modern Russian History",
        "authors": [{"family": "Harris", "given": "James"}], "editors": [{"family": "Dixon", "given": "Simon"}],
        "publisher": "Oxford University Press", "place": "Oxford", "year": 2018, "pages": "1-15",
    },
    "parts": [{"slug": "index", "title": "Stalin and Stalinism", "number": None,
               "url": "harris-stalin-and-stalinism/index.html", "first_page": None, "last_page": None}],
}
ESSAY = {
    "slug": "hellerman-revolution-from-above",
    "bibliography": {"kind": "essay", "title": "Revolution From Above: State-Sanctioned Violence",
                     "authors": [{"family": "Hellerman", "given": "Julianna"}],
                     "note": "Student essay, Soc Sci 201"},
    "parts": [],
}
QUESTION = {"slug": "lewin", "bibliography": {
    "kind": "chapter", "title": "How Did Stalin Rule?", "container_title": "The Soviet Century",
    "authors": [{"family": "Lewin", "given": "Moshe"}], "publisher": "Verso", "place": "London", "year": 2005}}
URL = "https://example.org/ed/bazhanov-damnation-of-stalin/07-i-become-anticommunist.html#p-76"


def text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html).replace("&amp;", "&")


# ------------------------------------------------------------ the locator


@pytest.mark.parametrize("given, first, last", [
    ("1-15", "1", "15"), ("1–15", "1", "15"), ("1--15", "1", "15"), (" 3 — 9 ", "3", "9"),
    ("xi-xvi", "xi", "xvi"), ("7", "7", None), (7, "7", None),
])
def test_a_bibliography_range_is_read_whatever_the_dash(given, first, last):
    loc = cite.parse_pages(given)
    assert (loc.unit, loc.first, loc.last) == ("page", first, last)


def test_text_that_is_no_range_stays_one_label():
    loc = cite.parse_pages("1-5, 9")
    assert (loc.first, loc.last) == ("1-5, 9", None)
    assert cite.parse_pages("") is None and cite.parse_pages(None) is None


def test_locators_as_each_style_names_them():
    page, pages = cite.Locator("page", "76"), cite.Locator("page", "75", "94")
    para, paras = cite.Locator("paragraph", "12"), cite.Locator("paragraph", "12", "14")
    inferred = cite.Locator("page", "149", first_exact=False)
    assert [cite.locator_text(x) for x in (page, pages, para, paras, inferred)] == [
        "p. 76", "pp. 75–94", "¶ 12", "¶¶ 12–14", "p. 149?"]
    assert [cite.locator_text(x, "chicago") for x in (page, pages, para)] == ["76", "75–94", "par. 12"]
    assert [cite.locator_text(x, "apa") for x in (page, pages, para, paras)] == ["p. 76", "pp. 75–94", "para. 12", "paras. 12–14"]
    assert cite.locator_text(cite.Locator("page", "7", "7")) == "p. 7"  # a range of one page is one page
    assert cite.page_tags(inferred) == ("149", None)  # metadata gets the number, not the doubt
    assert cite.page_tags(para) == (None, None)  # paragraphs are no pages


def test_a_part_of_a_book_is_cited_by_its_pages_and_the_opening_page_as_the_book():
    assert cite.part_locator(BOOK, CHAPTER_PART) == cite.Locator("page", "75", "90")
    assert cite.part_locator(BOOK, BOOK["parts"][0]) is None
    assert cite.part_locator(BOOK, None) is None  # its editorial notes


def test_a_chapter_is_cited_by_the_pages_its_bibliography_gives():
    # The only part of a chapter stands for the chapter: the bibliography's range, not the
    # pages its text happens to mark.
    marked = CHAPTER | {"parts": [CHAPTER["parts"][0] | {"first_page": "3", "last_page": "9"}]}
    assert cite.part_locator(marked, marked["parts"][0]) == cite.Locator("page", "1", "15")
    unmarked = marked | {"bibliography": marked["bibliography"] | {"pages": None}}
    assert cite.part_locator(unmarked, unmarked["parts"][0]) == cite.Locator("page", "3", "9")
    neither = CHAPTER | {"bibliography": CHAPTER["bibliography"] | {"pages": None}}
    assert cite.part_locator(neither, neither["parts"][0]) is None and cite.unit(neither) == "paragraph"


def test_parts_of_a_source_without_pages_are_cited_by_paragraph():
    source = {"slug": "x", "bibliography": {"kind": "essay", "title": "T"}, "unit": "paragraph", "parts": [
        {"slug": "index", "title": "T", "url": "x/index.html", "first_paragraph": 1, "last_paragraph": 3},
        {"slug": "two", "title": "Two", "url": "x/two.html", "first_paragraph": 4, "last_paragraph": 9}]}
    assert cite.part_locator(source, source["parts"][1]) == cite.Locator("paragraph", "4", "9")
    assert cite.part_locator(source, source["parts"][0]) is None  # the opening page: the essay
    assert cite.pinpoint(source, "12") == cite.Locator("paragraph", "12")
    assert cite.pinpoint(BOOK, "149?") == cite.Locator("page", "149", first_exact=False)


# ------------------------------------------------------------------ styles


def test_chicago_note_with_page_and_url():
    assert text(cite.chicago(BOOK, "76", URL)) == (
        "Boris Bazhanov, Bazhanov and the Damnation of Stalin, trans. David W. Doyle "
        f"(Athens, Ohio: Ohio University Press, 1990), 76, {URL}.")
    assert "<i>Bazhanov and the Damnation of Stalin</i>" in cite.chicago(BOOK)
    assert text(cite.chicago(ESSAY, cite.Locator("paragraph", "3"))).endswith("(Student essay, Soc Sci 201, n.d.), par. 3.")


def test_chicago_chapter_with_editor_and_range():
    assert text(cite.chicago(CHAPTER, "3-5")) == (
        "James Harris, “Stalin and Stalinism,” in The Oxford Handbook of Modern Russian History, "
        "ed. Simon Dixon (Oxford: Oxford University Press, 2018), 3–5.")


def test_a_title_ending_in_a_question_mark_takes_no_more_punctuation():
    assert "“How Did Stalin Rule?” in" in cite.chicago(QUESTION)
    assert "“How Did Stalin Rule?” <i>" in cite.mla(QUESTION)
    assert "?." not in cite.apa(QUESTION) and "?," not in cite.chicago(QUESTION)


def test_mla_entry_then_the_place_in_the_text():
    assert text(cite.mla(BOOK, "76")) == (
        "Bazhanov, Boris. Bazhanov and the Damnation of Stalin, translated by David W. Doyle, "
        "Ohio UP, 1990.In the text: (Bazhanov 76)")
    assert "<br>In the text: (Bazhanov 75–90)" in cite.mla(BOOK, "75-90")
    # a chapter's entry gives its range; the place cited goes in the text
    assert text(cite.mla(CHAPTER, cite.Locator("page", "7"))) == (
        "Harris, James. “Stalin and Stalinism.” The Oxford Handbook of Modern Russian History, "
        "edited by Simon Dixon, Oxford UP, 2018, pp. 1–15.In the text: (Harris 7)")
    assert cite.mla(ESSAY, cite.Locator("paragraph", "12"), URL).endswith(f"{URL}.<br>In the text: (Hellerman, par. 12)")


def test_apa_reference_its_address_and_the_in_text_citation():
    assert cite.apa(BOOK, "76") == (
        "Bazhanov, B. (1990). <i>Bazhanov and the Damnation of Stalin</i> (D. W. Doyle, Trans.). "
        "Ohio University Press.<br>In the text: (Bazhanov, 1990, p. 76)")
    assert text(cite.apa(CHAPTER)).startswith(
        "Harris, J. (2018). Stalin and Stalinism. In S. Dixon (Ed.), "
        "The Oxford Handbook of Modern Russian History (pp. 1–15). Oxford University Press.")
    # the address ends the reference (no period after it); the in-text citation has a line of its own
    assert cite.apa(ESSAY, cite.Locator("paragraph", "3"), URL) == (
        "Hellerman, J. (n.d.). <i>Revolution From Above: State-Sanctioned Violence</i> [Student essay, Soc Sci 201]. "
        f"{URL}<br>In the text: (Hellerman, n.d., para. 3)")


def test_an_approximate_page_is_cited_with_its_question_mark():
    inferred = cite.pinpoint(BOOK, "149?")
    assert text(cite.chicago(BOOK, inferred)).endswith("1990), 149?.")
    assert cite.apa(BOOK, inferred).endswith("(Bazhanov, 1990, p. 149?)")


def test_source_text_is_escaped():
    evil = {"bibliography": {"kind": "book", "title": "<script>x</script> & Co",
                             "authors": [{"family": "O'Neil", "given": "A"}], "year": "<b>2000</b>"}}
    for style in (cite.chicago, cite.mla, cite.apa):
        out = style(evil, "1")
        assert "<script>" not in out and "&lt;script&gt;" in out and "&amp; Co" in out and "<b>" not in out


def test_a_chapters_pages_are_escaped_in_every_style():
    # bibliography.pages of a chapter without page markers reaches the entries as given (issue 12)
    payload = '<img src="x" onerror="document.title=1">'
    chapter = CHAPTER | {"bibliography": CHAPTER["bibliography"] | {"pages": payload}}
    where = cite.part_locator(chapter, chapter["parts"][0])
    for style in (cite.chicago, cite.mla, cite.apa):
        for out in (style(chapter, where, URL), style(chapter, cite.Locator("page", payload))):
            assert "<img" not in out and "&lt;img" in out
    assert "<img" not in cite.locator_text(where)


@pytest.mark.parametrize("name", list(cite.STYLES))
def test_page_template_placeholders_survive(name):
    # The page script fills in {n} and {url}: they must come out verbatim.
    out = cite.STYLES[name][1](BOOK, cite.pinpoint(BOOK, "{n}"), "{url}")
    assert "{n}" in out and "{url}" in out


# ------------------------------------------------------------------- files


def test_bibtex():
    assert cite.bibtex(BOOK, "https://example.org/x.html") == (
        "@book{bazhanov1990,\n"
        "  author = {Bazhanov, Boris},\n"
        "  title = {Bazhanov and the Damnation of Stalin},\n"
        "  translator = {Doyle, David W.},\n"
        "  publisher = {Ohio University Press},\n"
        "  address = {Athens, Ohio},\n"
        "  year = {1990},\n"
        "  isbn = {0821409484},\n"
        "  note = {Translation and commentary by David W. Doyle},\n"
        "  url = {https://example.org/x.html}\n"
        "}\n")
    chapter = cite.bibtex(CHAPTER)
    assert chapter.startswith("@incollection{harris2018,") and "pages = {1--15}" in chapter
    assert "booktitle = {The Oxford Handbook of Modern Russian History}" in chapter
    assert cite.bibtex(ESSAY).startswith("@unpublished{hellermannd,")
    assert r"{Atlas \& Co.}" in cite.bibtex({"bibliography": {"kind": "book", "title": "T", "publisher": "Atlas & Co."}})


def test_ris():
    lines = cite.ris(CHAPTER).split("\r\n")
    assert lines[0] == "TY  - CHAP" and lines[-2:] == ["ER  - ", ""]
    assert {"AU  - Harris, James", "A2  - Dixon, Simon", "T2  - The Oxford Handbook of Modern Russian History",
            "SP  - 1", "EP  - 15", "PY  - 2018"} <= set(lines)
    assert "A4  - Doyle, David W." in cite.ris(BOOK)  # translator
    assert cite.ris(ESSAY).startswith("TY  - UNPB")


def test_csl_json():
    item = cite.csl(BOOK, "https://example.org/x.html")
    assert item == {
        "id": "bazhanov1990", "type": "book", "title": "Bazhanov and the Damnation of Stalin",
        "author": [{"family": "Bazhanov", "given": "Boris"}],
        "translator": [{"family": "Doyle", "given": "David W."}],
        "publisher": "Ohio University Press", "publisher-place": "Athens, Ohio",
        "issued": {"date-parts": [[1990]]}, "ISBN": "0821409484",
        "note": "Translation and commentary by David W. Doyle", "URL": "https://example.org/x.html",
    }
    assert cite.csl(CHAPTER)["type"] == "chapter" and cite.csl(CHAPTER)["page"] == "1-15"
    assert cite.csl(ESSAY)["type"] == "manuscript" and cite.csl(ESSAY)["genre"] == "Student essay, Soc Sci 201"


FORGERIES = ["Title\nTY  - JOUR\nTI  - Forged", "Title\r\nER  - \r\nTY  - BOOK", "A\u2028B", "back\\",
             "open { brace", "close } brace", "}, note = {forged", "\\input{/etc/passwd}", "x\n\n@misc{forged,"]


@pytest.mark.parametrize("payload", FORGERIES)
def test_a_field_cannot_forge_ris_records_or_tags(payload):
    bib = {"kind": "chapter", "title": payload, "container_title": payload, "note": payload, "publisher": payload,
           "authors": [{"family": payload, "given": payload}], "pages": payload, "isbn": payload}
    lines = cite.ris({"bibliography": bib}, url=payload).split("\r\n")
    tags = [line[:6] for line in lines[:-1]]
    assert lines[-1] == ""
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - ", t) for t in tags)
    assert [t for t in tags if t == "TY  - "] == ["TY  - "] and tags[-1] == "ER  - "
    assert len(tags) == 10  # TY AU TI T2 SP PB SN N1 UR ER: one line each, nothing forged


def _bibtex_fields(entry: str) -> list[str]:
    """Field names of a BibTeX entry, read as BibTeX does: braces nest, a backslash escapes the next character."""
    assert entry.startswith("@") and entry.endswith("}\n")
    body = entry[entry.index(",") + 1:-2]
    names, depth, i, start = [], 0, 0, 0
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            assert depth >= 0, entry
        elif ch == "," and depth == 0:
            names.append(body[start:i].split("=")[0].strip())
            start = i + 1
        i += 1
    assert depth == 0, entry
    names.append(body[start:].split("=")[0].strip())
    return names


@pytest.mark.parametrize("payload", FORGERIES)
def test_a_field_cannot_forge_bibtex_fields_or_entries(payload):
    bib = {"kind": "chapter", "title": payload, "container_title": payload, "note": payload, "publisher": payload,
           "authors": [{"family": payload, "given": payload}], "pages": payload}
    entry = cite.bibtex({"bibliography": bib}, url=payload)
    assert entry.count("\n@") == 0 and "\n\n" not in entry
    assert _bibtex_fields(entry) == ["author", "title", "booktitle", "publisher", "pages", "note", "url"]


# --------------------------------------------------------- page metadata


def test_highwire_for_a_chapter_of_a_book():
    tags = cite.highwire(BOOK, CHAPTER_PART, "https://example.org/ed/x.html")
    assert tags == [
        ("citation_title", "I Become Anticommunist"),
        ("citation_inbook_title", "Bazhanov and the Damnation of Stalin"),
        ("citation_author", "Bazhanov, Boris"),
        ("citation_publication_date", "1990"),
        ("citation_publisher", "Ohio University Press"),
        ("citation_isbn", "0821409484"),
        ("citation_firstpage", "75"),
        ("citation_lastpage", "90"),
        ("citation_language", "en"),
        ("citation_public_url", "https://example.org/ed/x.html"),
    ]


def test_highwire_for_a_whole_book_and_a_chapter_source():
    book = dict(cite.highwire(BOOK, BOOK["parts"][0]))
    assert book["citation_title"] == book["citation_book_title"] == "Bazhanov and the Damnation of Stalin"
    assert "citation_firstpage" not in book and "citation_public_url" not in book
    chapter = cite.highwire(CHAPTER, CHAPTER["parts"][0])
    assert ("citation_inbook_title", "The Oxford Handbook of Modern Russian History") in chapter
    assert ("citation_firstpage", "1") in chapter and ("citation_lastpage", "15") in chapter
    assert ("citation_editor", "Dixon, Simon") in chapter
    dashed = CHAPTER | {"bibliography": CHAPTER["bibliography"] | {"pages": "1–15"}}  # never "1–15" whole
    assert dict(cite.highwire(dashed, dashed["parts"][0]))["citation_firstpage"] == "1"


def test_json_ld():
    chapter = cite.jsonld(BOOK, CHAPTER_PART, "https://example.org/ed/x.html")
    assert chapter["@context"] == "https://schema.org" and chapter["@type"] == "Chapter"
    assert chapter["url"] == "https://example.org/ed/x.html"
    assert (chapter["pageStart"], chapter["pageEnd"], chapter["pagination"]) == ("75", "90", "75–90")
    assert chapter["isPartOf"]["@type"] == "Book" and chapter["isPartOf"]["isbn"] == "0821409484"
    assert cite.jsonld(BOOK, BOOK["parts"][0])["@type"] == "Book"
    assert cite.jsonld(ESSAY)["@type"] == "CreativeWork"
    assert cite.jsonld(CHAPTER)["isPartOf"]["editor"][0]["name"] == "Simon Dixon"
    script = cite.jsonld_script({"name": "</script><script>alert(1)</script>"})
    assert "</script>" not in script and json.loads(script)["name"].startswith("</script>")


# ------------------------------------------------ every output agrees


def outputs(source: dict, part: dict | None) -> dict[str, object]:
    """Where each output of the edition says a part is (None: it gives no place)."""
    from build_tools import mkdocs_hooks

    url = part["url"] if part else source.get("editorial_notes", "x.html")
    box = mkdocs_hooks._page_citation(source, url, "https://example.org/ed/")
    tags = dict(box["meta"])
    data = json.loads(box["jsonld"])
    styles = {s["id"]: text(s["html"]) for s in box["styles"]}
    return {
        "box": box["locator"],
        "highwire": (tags.get("citation_firstpage"), tags.get("citation_lastpage")),
        "jsonld": (data.get("pageStart"), data.get("pageEnd"), data.get("pagination")),
        "chicago": styles["chicago"], "mla": styles["mla"], "apa": styles["apa"],
        "bibtex": re.search(r"pages = \{(.*)\}", cite.bibtex(source)),
        "ris": [line[6:] for line in cite.ris(source).split("\r\n") if line[:2] in ("SP", "EP")],
        "csl": cite.csl(source).get("page"),
    }


def assert_agree(source: dict, part: dict | None) -> None:
    where = cite.part_locator(source, part)
    got = outputs(source, part)
    context = (source["slug"], part and part["slug"], where, got)
    first, last = cite.page_tags(where)
    assert got["box"] == (cite.locator_text(where) if where else ""), context
    assert got["highwire"] == (first, last), context
    assert got["jsonld"] == ((first, last or first, f"{first}–{last}" if last else first) if first else (None, None, None)), context
    if where:
        assert f", {cite.locator_text(where, 'chicago')}, https://" in got["chicago"], context
        mla_in_text = (", " if where.unit == "paragraph" else " ") + cite.locator_text(where, "mla")
        assert f"{mla_in_text})" in got["mla"], context
        assert f", {cite.locator_text(where, 'apa')})" in got["apa"], context
    else:
        assert "), https://" in got["chicago"] and re.search(r"In the text: \([^,0-9]*\)$", got["mla"]), context
    # the reference files give the source's extent; a part that stands for the source agrees with them
    extent = cite.source_extent(source)
    ext_first, ext_last = cite.page_tags(extent)
    assert (got["bibtex"].group(1) if got["bibtex"] else None) == (f"{ext_first}--{ext_last}" if ext_last else ext_first)
    assert got["ris"] == [x for x in (ext_first, ext_last) if x]
    assert got["csl"] == (f"{ext_first}-{ext_last}" if ext_last else ext_first)
    if cite.stands_for_source(source, part):
        assert where == extent, context


def made_up(kind: str, pages, parts: list[tuple]) -> dict:
    """A source with a bibliography and parts (slug, first page, last page, first ¶, last ¶)."""
    bib = {"kind": kind, "title": "A Title", "container_title": "A Book", "authors": [{"family": "Author", "given": "An"}],
           "publisher": "P", "year": 2000, **({"pages": pages} if pages is not None else {})}
    records = [{"slug": slug, "title": slug.title(), "url": f"x/{slug}.html", "first_page": fp, "last_page": lp,
                "first_paragraph": fq, "last_paragraph": lq} for slug, fp, lp, fq, lq in parts]
    return {"slug": "x", "bibliography": bib, "parts": records, "editorial_notes": "x/editorial-notes.html",
            "unit": "page" if any(p[1] for p in parts) else "paragraph"}


MADE_UP = [
    made_up("chapter", "1-15", [("index", "3", "9", 1, 40)]),  # pages given, text marks fewer
    made_up("chapter", "1–15", [("index", None, None, 1, 40)]),  # en dash, no page markers
    made_up("chapter", "1--15", [("index", "1", "15", 1, 40)]),
    made_up("chapter", None, [("index", "3", "9", 1, 40)]),  # no pages given: the text's
    made_up("chapter", None, [("index", None, None, 1, 40)]),  # no pages at all: paragraphs
    made_up("chapter", "xi-xvi", [("index", "xi", "xvi", 1, 9)]),  # roman pages
    made_up("chapter", "7", [("index", "7", "7", 1, 3)]),  # one page
    made_up("book", None, [("index", "i", "vi", 1, 5), ("one", "1", "12", 6, 40), ("two", "12", "12", 41, 44)]),
    made_up("book", "1-300", [("index", "i", "vi", 1, 5), ("one", "vii", "3", 6, 40)]),  # a book's pages: ignored
    made_up("book", None, [("index", None, None, 1, 5), ("one", None, None, 6, 40)]),  # an e-book without pages
    made_up("essay", None, [("index", None, None, 1, 16)]),
    made_up("essay", None, [("index", "1", "4", 1, 16)]),  # a printed essay
    made_up("chapter", "1-15", [("index", "1", "2", 1, 5), ("two", "3", "15", 6, 9)]),  # a chapter in parts
]


@pytest.mark.parametrize("source", MADE_UP, ids=lambda s: f"{s['bibliography']['kind']}-{s['bibliography'].get('pages')}")
def test_every_output_agrees_on_made_up_sources(source):
    for part in source["parts"] + [None]:
        assert_agree(source, part)


def test_every_output_agrees_on_every_part_of_every_source(built_docs):
    sources = json.loads((built_docs / "data" / "sources.json").read_text(encoding="utf-8"))
    assert {s["unit"] for s in sources} == {"page", "paragraph"}
    for source in sources:
        for part in source["parts"] + [None]:
            assert_agree(source, part)
    by_slug = {s["slug"]: s for s in sources}
    # what the issue found: Brent's chapter agrees with its bibliography, Hellerman is cited by ¶
    brent = by_slug["brent-inside-the-stalin-archives"]
    assert cite.part_locator(brent, brent["parts"][0]) == cite.Locator("page", "1", "15")
    assert cite.unit(by_slug["hellerman-revolution-from-above"]) == "paragraph"


# ------------------------------------------------- in the built edition


class Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta, self.jsonld, self._ld, self.cite_box = [], [], False, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("name") or "").startswith("citation_"):
            self.meta.append((attrs["name"], attrs["content"]))
        self._ld = tag == "script" and attrs.get("type") == "application/ld+json"
        if tag == "details" and "edition-cite" in (attrs.get("class") or ""):
            self.cite_box = True

    def handle_data(self, data):
        if self._ld:
            self.jsonld.append(json.loads(data))
            self._ld = False


def test_every_source_page_can_be_cited(unpacked):
    sources = json.loads((unpacked / "data" / "sources.json").read_text(encoding="utf-8"))
    pages = [part["url"] for s in sources for part in s["parts"]] + [s["editorial_notes"] for s in sources]
    assert len(pages) > len(sources)
    for url in pages:
        head = Head()
        head.feed((unpacked / url).read_text(encoding="utf-8"))
        names = {name for name, _ in head.meta}
        assert {"citation_title", "citation_author"} <= names, url
        assert len(head.jsonld) == 1 and head.jsonld[0]["@context"] == "https://schema.org", url
        assert head.cite_box, url
    for s in sources:
        for ext in ("bib", "ris", "json"):
            assert (unpacked / "data" / "cite" / f"{s['slug']}.{ext}").is_file()
    home = Head()
    home.feed((unpacked / "index.html").read_text(encoding="utf-8"))
    assert not home.meta and not home.cite_box  # the home page is no source


def test_with_a_base_url_everything_carries_the_address():
    from build_tools import mkdocs_hooks

    url = CHAPTER_PART["url"]
    page = mkdocs_hooks._page_citation(BOOK, url, "https://example.org/ed/")
    assert ("citation_public_url", f"https://example.org/ed/{url}") in page["meta"]
    assert json.loads(page["jsonld"])["url"] == f"https://example.org/ed/{url}"
    assert page["url"] == f"https://example.org/ed/{url}"
    chicago = next(s for s in page["styles"] if s["id"] == "chicago")
    assert text(chicago["html"]).endswith(f"1990), 75–90, https://example.org/ed/{url}.")
    assert "{n}, {url}." in chicago["template"] and "{url}" not in chicago["template_nourl"]
    assert page["locator"] == "pp. 75–90" and page["locator_template"] == "p. {n}" and page["unit"] == "page"
    # a book's opening page stands for the whole book: no pages
    whole = mkdocs_hooks._page_citation(BOOK, BOOK["parts"][0]["url"], "")
    assert whole["locator"] == "" and "citation_public_url" not in dict(whole["meta"])


def test_a_source_is_named_as_a_short_note_names_it():
    """The navigation and every page title name a source so (build_tools/write/place.py)."""
    def named(**bib) -> str:
        return cite.short_form({"bibliography": bib})

    doe = [{"family": "Doe", "given": "Jane"}]
    assert named(kind="book", title="Bazhanov and the Damnation of Stalin", short_title="Damnation of Stalin",
                 authors=[{"family": "Bazhanov", "given": "Boris"}]) == "Bazhanov, <i>Damnation of Stalin</i>"
    assert named(kind="chapter", title="Introduction", authors=doe,
                 container_title="Inside the Archives: Discovering Russia") == "Doe, introduction to <i>Inside the Archives</i>"
    assert named(kind="essay", title="Revolution From Above: State Violence", authors=doe) == "Doe, “Revolution From Above”"
    three = [{"family": f} for f in ("Ames", "Bell", "Cole")]
    assert named(kind="book", title="Records", editors=three) == "Ames et al., eds., <i>Records</i>"
    assert named(kind="book", title="<b>X</b> & Y", authors=[{"family": "O'Neil"}]) == \
        "O&#x27;Neil, <i>&lt;b&gt;X&lt;/b&gt; &amp; Y</i>"
    assert cite.short_form_text({"bibliography": {"kind": "book", "title": "A & B", "authors": doe}}) == "Doe, A & B"


def test_a_part_whose_title_stands_before_its_first_page_marker_begins_on_that_page():
    """The part's opening holds no page yet: it is cited from its first page break, not its last."""
    from build_tools.pipeline import _part_record
    from tests.util import convert

    pages = "\n\n".join(f"Page {n}\n\nThe text of page {n} goes on here." for n in (3, 4, 9))
    ed = convert("THE FIRST CHAPTER\n\nIt opens before any page number is printed.\n\n" + pages,
                 {"pages": {"marker": r"Page (?P<label>\d+)"}, "headings": {"style": "caps"}})
    part = next(d for d in ed.divisions if any(b.pages() for b in d.blocks))
    record = _part_record(ed.source, part)
    assert (record["first_page"], record["last_page"]) == ("3", "9")
