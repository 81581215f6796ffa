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


# ------------------------------------------------------------------ styles


def test_chicago_note_with_page_and_url():
    assert text(cite.chicago(BOOK, "76", URL)) == (
        "Boris Bazhanov, Bazhanov and the Damnation of Stalin, trans. David W. Doyle "
        f"(Athens, Ohio: Ohio University Press, 1990), 76, {URL}.")
    assert "<i>Bazhanov and the Damnation of Stalin</i>" in cite.chicago(BOOK)


def test_chicago_chapter_with_editor_and_range():
    assert text(cite.chicago(CHAPTER, "3-5")) == (
        "James Harris, “Stalin and Stalinism,” in The Oxford Handbook of Modern Russian History, "
        "ed. Simon Dixon (Oxford: Oxford University Press, 2018), 3–5.")


def test_a_title_ending_in_a_question_mark_takes_no_more_punctuation():
    assert "“How Did Stalin Rule?” in" in cite.chicago(QUESTION)
    assert "“How Did Stalin Rule?” <i>" in cite.mla(QUESTION)
    assert "?." not in cite.apa(QUESTION) and "?," not in cite.chicago(QUESTION)


def test_mla_entry_puts_the_page_in_the_location():
    assert text(cite.mla(BOOK, "76")) == (
        "Bazhanov, Boris. Bazhanov and the Damnation of Stalin, translated by David W. Doyle, "
        "Ohio UP, 1990, p. 76.")
    assert text(cite.mla(BOOK, "75-90")).endswith("1990, pp. 75–90.")
    # a chapter without a pinpoint: the chapter's pages
    assert text(cite.mla(CHAPTER)).endswith("edited by Simon Dixon, Oxford UP, 2018, pp. 1–15.")


def test_apa_reference_and_in_text_citation():
    assert text(cite.apa(BOOK, "76")) == (
        "Bazhanov, B. (1990). Bazhanov and the Damnation of Stalin (D. W. Doyle, Trans.). "
        "Ohio University Press. In the text: (Bazhanov, 1990, p. 76).")
    assert text(cite.apa(CHAPTER)).startswith(
        "Harris, J. (2018). Stalin and Stalinism. In S. Dixon (Ed.), "
        "The Oxford Handbook of Modern Russian History (pp. 1–15). Oxford University Press.")
    assert text(cite.apa(ESSAY, "3", URL)) == (
        "Hellerman, J. (n.d.). Revolution From Above: State-Sanctioned Violence [Student essay, Soc Sci 201]. "
        f"{URL} In the text: (Hellerman, n.d., p. 3).")


def test_source_text_is_escaped():
    evil = {"bibliography": {"kind": "book", "title": "<script>x</script> & Co",
                             "authors": [{"family": "O'Neil", "given": "A"}], "year": 2000}}
    for style in (cite.chicago, cite.mla, cite.apa):
        out = style(evil, "1")
        assert "<script>" not in out and "&lt;script&gt;" in out and "&amp; Co" in out


@pytest.mark.parametrize("name", list(cite.STYLES))
def test_page_template_placeholders_survive(name):
    # The page script fills in {page} and {url}: they must come out verbatim.
    out = cite.STYLES[name][1](BOOK, "{page}", "{url}")
    assert "{page}" in out and "{url}" in out


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
    assert "{page}, {url}." in chicago["template"] and "{url}" not in chicago["template_nourl"]
    assert page["first_page"] == "75" and page["locator"] == "pp. 75–90"
    # a book's opening page stands for the whole book: no pages
    whole = mkdocs_hooks._page_citation(BOOK, BOOK["parts"][0]["url"], "")
    assert whole["first_page"] == "" and whole["locator"] == "" and "citation_public_url" not in dict(whole["meta"])
