"""Source text is data: hostile text is shown to the reader as text, never run, never markup.

One `edition build` of a temporary project holding hostile sources (and a
small register, so that linking persons and terms runs over them too); the
checks read the BUILT HTML that MkDocs and Python-Markdown wrote, and the
search index (text, shown as text by the search box).
"""
from __future__ import annotations

import html
import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.test_bad_input import add_source, edition, make_project

MARK = "xss"  # every payload carries it, so that nothing of it can hide in the theme's own code

# Each line is a paragraph of its own; each must reach the reader exactly as printed here.
HOSTILE = [
    '<script>alert("xss-1")</script> after the script',
    "<img src=x onerror=\"alert('xss-2')\"> after the image",
    "[click xss-3](javascript:alert('xss-3'))",
    "<a href=\"javascript:alert('xss-4')\">xss-4</a>",
    "![xss-5](http://evil.example/xss-5.png)",
    "[xss-5b]: javascript:alert(1)",
    "Attribute lists {: onclick=\"alert('xss-6')\" } and {: #xss-id .xss-class }",
    "*[XSS]: an abbreviation definition xss-7",
    "A footnote reference[^1] and a definition: xss-8",
    "[^1]: the footnote xss-8b",
    "{{ config.site_name }} {% if true %}xss-9{% endif %} {# xss-9b #}",
    "Entities stay entities: &lt;script&gt; &amp; &copy; &#60;b&#62; &nbsp; xss-10",
    "1921.",
    "#",
    "# Not a heading xss-11",
    "> not a quotation xss-12",
    "- not a list xss-13",
    "+ not a list either",
    "| a | b | xss-14 |",
    "|---|---|---|",
    '<div markdown="1">*xss-15*</div>',
    "<style>body{display:none}</style> xss-16",
    "<iframe src=\"javascript:alert('xss-17')\"></iframe>",
    "<svg onload=alert('xss-18')>",
    "<!-- xss-19 comment -->",
    "    indented, not code xss-20",
    "```",
    "~~~",
    "Setext xss-21",
    "======",
    "***",
    "<http://autolink.example/xss-22> <mailto:xss@example.org> www.xss-23.example",
    "Backslashes \\*stay\\* \\\\ xss-24",
    "[[xss-25 wiki link]] and [xss-26][ref] and [ref]: http://evil.example",
    "<details open ontoggle=alert('xss-27')>",
    "Stalin and the NEP <b onmouseover=\"alert('xss-28')\">Stalin</b>",
]
# A book-like profile: headings from the text, notes, emphasis from HTML, tables, quotations, pages.
BOOK = """text: raw.txt
bibliography:
  kind: book
  title: "</title><script>alert('xss-title')</script><img src=x onerror=alert(1)> {{ config }} \\" onmouseover=\\"x"
  authors: [{family: "<b>xss-author</b>", given: "[x](javascript:1)"}]
  publisher: "<i>xss-publisher</i>"
  year: 1990
layout:
  pages: {marker: 'Page (?P<label>\\d+)'}
  headings: {strategies: [first-line-title, all-caps], notes: Notes}
  notes: {heading: Notes, number: '(\\d{1,3})\\.\\s', references: superscript}
  emphasis: [html, asterisk]
  tables: tab-separated
  blockquotes: [after-colon]
  cross_references: true
"""
BOOK_TEXT = """<img src=x onerror=alert('xss-30')> The Title of a Hostile Book

Page 1

<SCRIPT>ALERT('XSS-31')</SCRIPT> A CHAPTER

Stalin said¹ <i onmouseover="alert('xss-32')">this</i>, see chapter 1, p. 1, in 1921² and the NEP:

<script>alert('xss-33')</script> a quotation after a colon

<b>xss-34</b>\t[x](javascript:alert('xss-35'))\t{{ xss-36 }}
a\tb\tc

Page 2

NOTES

1. <script>alert('xss-37')</script> The note [x](javascript:alert('xss-38')).
2. {: onclick="alert('xss-39')" } *[NOTE]: xss-40
"""
PERSONS = "- id: stalin\n  name: Iosif Stalin\n  sort: Stalin, Iosif\n  variants: [Stalin]\n"
GLOSSARY = "- id: nep\n  term: NEP\n  variants: []\n  definition: The New Economic Policy.\n"

# Tags the source's text could only have brought in as markup (the edition's own Markdown makes none of
# them inside the article; the citation box, a template, is not looked at for these).
DANGEROUS_TAGS = {"script", "img", "iframe", "style", "svg", "object", "embed", "form", "input", "textarea",
                  "video", "audio", "link", "meta", "base", "frame", "frameset", "math", "template",
                  "details", "b", "i", "pre"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}
# An anchor the edition made from source text (slugified: lower-case letters, digits, hyphens), on this page
# or on another page of the same source (the editorial notes link to headings the self-check names).


class Page(HTMLParser):
    """What a page holds: elements (with attributes), inline scripts, and the text of its article."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        # (tag, attrs, inside <article> and outside the citation box)
        self.elements: list[tuple[str, dict[str, str | None], bool]] = []
        self.scripts: list[tuple[dict, str]] = []
        self.article_text: list[str] = []
        self.title = ""
        self._in = Counter()
        self._script: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "details" and "edition-cite" in (a.get("class") or ""):
            self._in["cite"] += 1
        self.elements.append((tag, a, self._in["article"] > 0 and not self._in["cite"]))
        if tag in ("article", "title", "style"):
            self._in[tag] += 1
        if tag == "script":
            self._script = []
            self.scripts.append((a, ""))

    def handle_endtag(self, tag):
        if tag in ("article", "title", "style") and self._in[tag]:
            self._in[tag] -= 1
        if tag == "details" and self._in["cite"]:
            self._in["cite"] -= 1
        if tag == "script" and self._script is not None:
            self.scripts[-1] = (self.scripts[-1][0], "".join(self._script))
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)
        elif self._in["title"]:
            self.title += data
        elif self._in["article"] and not self._in["style"] and not self._in["cite"]:
            self.article_text.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.article_text).split())


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("hostile") / "project")
    (root / "data" / "persons.yml").write_text(PERSONS, encoding="utf-8")
    (root / "data" / "glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    add_source(root, "benign")
    add_source(root, "hostile", "A Hostile Essay\n\n" + "\n\n".join(HOSTILE) + "\n",
               "text: raw.txt\nbibliography: {kind: essay, title: 'A hostile essay xss-title-2 <script>'}\n")
    add_source(root, "hostile-book", BOOK_TEXT, BOOK)
    result = edition(root, "build")
    assert result.returncode == 0, result.stderr
    return root / "site"


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _is_theme_search_share(tag: str, attrs: dict) -> bool:
    # Material's own search "share" button is <a href="javascript:void(0)" class="md-search__icon ...">.
    return tag == "a" and attrs.get("href") == "javascript:void(0)" and "md-search__icon" in (attrs.get("class") or "")


def assert_inert(page: Page, where: str) -> None:
    for tag, attrs, in_article in page.elements:
        for name, value in attrs.items():
            assert not name.startswith("on"), f"{where}: <{tag} {name}=...>"
            if name in URL_ATTRIBUTES and value:
                scheme = re.sub(r"[\s\x00-\x1f]", "", html.unescape(value)).lower()
                if scheme.startswith(("javascript:", "vbscript:", "data:")) and not _is_theme_search_share(tag, attrs):
                    raise AssertionError(f"{where}: <{tag} {name}={value!r}>")
                # A link to an anchor made from hostile text is inert: an id is letters, digits and hyphens.
                assert MARK not in value.lower() or tag == "a" and re.fullmatch(r"[\w./-]*#[a-z0-9:-]+", value), \
                    f"{where}: {tag} {name}={value}"
        if in_article:
            assert tag not in DANGEROUS_TAGS, f"{where}: <{tag} {attrs}> inside the article"
            assert not ({"xss-id", "xss-class"} & set((attrs.get("id") or "").split() + (attrs.get("class") or "").split())), \
                f"{where}: an attribute list from the source was applied: <{tag} {attrs}>"
    for attrs, code in page.scripts:
        assert MARK not in (attrs.get("src") or "").lower(), where
        if attrs.get("type") == "application/ld+json":
            json.loads(code)  # data, and well-formed: nothing closed it early
            assert "<" not in code, f"{where}: '<' inside JSON-LD"
        else:
            assert MARK not in code.lower() and "alert(" not in code.lower(), f"{where}: source text inside a script"


def test_every_page_is_inert(site):
    checked = 0
    for path in pages(site):
        assert_inert(parse(path), str(path.relative_to(site)))
        checked += 1
    assert checked >= 6


def test_the_hostile_pages_have_the_same_scripts_as_a_benign_one(site):
    def scripts(path):
        return sorted((a.get("src") or "<inline>", a.get("type") or "") for a, _ in parse(path).scripts)

    benign = scripts(site / "benign" / "index.html")
    for path in list((site / "hostile").glob("*.html")) + list((site / "hostile-book").glob("*.html")):
        assert scripts(path) == benign, path


def test_the_reader_sees_the_hostile_text_as_printed(site):
    text = parse(site / "hostile" / "index.html").text
    for line in HOSTILE:
        if line.startswith("<!--"):
            continue  # checked below: a comment is shown, not hidden
        assert " ".join(line.split()) in text, line
    assert "<!-- xss-19 comment -->" in text
    # Nothing was expanded: not the Jinja, not the footnote, not the abbreviation.
    assert "Stalin and Stalinism" not in text.split("{{ config.site_name }}")[0][-60:]


def test_markup_like_lines_did_not_become_structure(site):
    page = parse(site / "hostile" / "index.html")
    tags = Counter(tag for tag, _, inside in page.elements if inside)
    assert tags["h1"] == 1 and not tags["h2"] + tags["h3"]  # the title only; "# Not a heading" is text
    assert not tags["blockquote"] and not tags["ol"] and not tags["ul"] and not tags["table"] and not tags["hr"]
    # The only abbreviation is the glossary's: "*[XSS]: ..." in the text defined none.
    assert {a.get("title") for tag, a, inside in page.elements if inside and tag == "abbr"} <= {"The New Economic Policy."}
    links = [a["href"] for tag, a, inside in page.elements if inside and tag == "a" and a.get("href")]
    # Only the edition's own links: in-page anchors and pages of the site, never an address from the text.
    assert all(":" not in h.split("#")[0] and "evil" not in h for h in links), links


def test_titles_from_the_source_are_text_in_title_nav_and_header(site):
    page = parse(site / "hostile-book" / "index.html")
    raw = (site / "hostile-book" / "index.html").read_text(encoding="utf-8")
    # The H1 the pipeline found in the first line, as <title> text, in the header and the navigation.
    heading = "<img src=x onerror=alert('xss-30')> The Title of a Hostile Book"
    assert page.title.startswith(heading), page.title
    assert heading in page.text
    assert "<img src=x" not in raw and "<img src" not in raw.lower()
    # The bibliography's title, in the citation at the top of the page.
    title = "</title><script>alert('xss-title')</script><img src=x onerror=alert(1)> {{ config }} \" onmouseover=\"x"
    assert title in page.text
    assert "<script>alert('xss-title')" not in raw
    # Headings found in the text are text too (on their page, in its table of contents and the nav).
    texts = " ".join(p.text for p in map(parse, sorted((site / "hostile-book").glob("*.html"))))
    assert "<SCRIPT>ALERT('XSS-31')</SCRIPT> A CHAPTER" in texts
    for path in (site / "hostile-book").glob("*.html"):
        assert "<script>alert" not in path.read_text(encoding="utf-8").lower(), path


def test_emphasis_from_html_keeps_no_attributes(site):
    for path in (site / "hostile-book").glob("*.html"):
        for tag, attrs, inside in parse(path).elements:
            if inside and tag == "em":
                assert not attrs, (path, attrs)


def test_the_search_index_holds_text_not_markup(site):
    """The index holds what the reader sees, as text (search.js shows it with textContent, never as
    HTML; tests/test_search_index.py checks that in a browser): every hostile line is there as printed."""
    from build_tools.search_index import parse_script

    texts = []
    for path in sorted((site / "search" / "docs").glob("*.js")):
        _, data = parse_script(path.read_text(encoding="utf-8"))
        texts += [" ".join(data["page"])] + [text for _, _, text, _ in data["docs"]]
    hostile = "\n".join(texts)
    missing = [line for line in HOSTILE if " ".join(line.split()) not in hostile]
    assert missing == []
    assert "A hostile essay xss-title-2 <script>" in hostile  # the source's title, as printed