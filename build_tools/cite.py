"""How to cite a source: Chicago, MLA and APA text, BibTeX, RIS, CSL-JSON,
Highwire Press meta tags and schema.org JSON-LD, all from one record of
docs/data/sources.json.

Pure functions, no I/O: the MkDocs hook (build_tools/mkdocs_hooks.py) calls
them for every page and writes the download files.

One citation model. Where a passage is, is a Locator: a printed page or a
range of pages, or, in a source without printed pages, a paragraph number or
a range of them (¶ 12). `part_locator` gives a part's (a page of the site)
and every output takes it from there: the "Cite this page" box, the three
styles, the Highwire tags and the JSON-LD; `source_extent` is the range a
chapter or article fills in its book or journal, which the reference lists
(BibTeX, RIS, CSL-JSON, and the styles' reference entries) give. A part that
stands for the whole source (its only part, or a book's opening page) has the
source's extent as its locator: none for a book or an essay.

`url` is the address of the passage in the edition, left out when unknown.
The styles return HTML: titles in <i>, every value escaped where it is
written. What each style does with a pinpoint locator:

- Chicago: a full note (notes-bibliography style), the locator at its end.
- MLA: the works-cited entry, then the in-text citation: (Bazhanov 76).
- APA: the reference-list entry, then the in-text citation: (Bazhanov, 1990, p. 76).

Titles are printed as the source gives them (no automatic sentence case for
APA: it would lower-case proper names).
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from html import escape as _html

EN_DASH = "\u2013"
PAGE, PARAGRAPH = "page", "paragraph"
# "1-15", "1–15", "1--15", "xi—xv": a range of printed pages as a bibliography gives it.
PAGE_RANGE = re.compile(r"\s*([^\s\u2010-\u2015-]+)\s*(?:(?:-+|[\u2010-\u2015])\s*([^\s\u2010-\u2015-]+))?\s*")


# ------------------------------------------------------------ the locator


@dataclass(frozen=True)
class Locator:
    """Where a passage is: one page or paragraph, or a range of them."""

    unit: str  # PAGE or PARAGRAPH
    first: str
    last: str | None = None  # the last of a range; None (or == first) for one
    first_exact: bool = True  # False: a page whose place was inferred ("p. 149?")
    last_exact: bool = True

    @property
    def is_range(self) -> bool:
        return bool(self.last) and self.last != self.first

    def text(self) -> str:
        """'76', '149?', '75–94', '12–14' (not escaped)."""
        first = page_label(self.first, self.first_exact)
        return f"{first}{EN_DASH}{page_label(self.last, self.last_exact)}" if self.is_range else first


def page_label(label: str, exact: bool = True) -> str:
    """A printed page as cited: a page whose place was inferred carries a question mark ("p. 149?")."""
    return label if exact else label + "?"


def parse_pages(value) -> Locator | None:
    """A bibliography's `pages` ("1-15", "1–15", "xi", "3--9") as a Locator; text that is no range
    of pages stays one label, as given."""
    text = str(value or "").strip()
    if not text:
        return None
    m = PAGE_RANGE.fullmatch(text)
    return Locator(PAGE, m.group(1), m.group(2)) if m else Locator(PAGE, text)


def unit(source: dict) -> str:
    """How passages of a source are cited: by printed page, or by paragraph when its text marks
    none (sources.json says which; a record without it, by its parts' pages)."""
    if source.get("unit") in (PAGE, PARAGRAPH):
        return source["unit"]
    return PAGE if any(p.get("first_page") for p in source.get("parts") or []) else PARAGRAPH


def source_extent(source: dict) -> Locator | None:
    """The pages a chapter or an article fills in its book or journal: the bibliography's `pages`,
    else the first and last page the text marks. A book or an essay has none."""
    if _bib(source).get("kind") not in ("chapter", "article"):
        return None
    given = parse_pages(_bib(source).get("pages"))
    if given:
        return given
    parts = [p for p in source.get("parts") or [] if p.get("first_page")]
    if not parts:
        return None
    first, last = parts[0], parts[-1]
    return Locator(PAGE, first["first_page"], last.get("last_page") or last["first_page"],
                   first.get("first_page_exact", True), last.get("last_page_exact", True))


def stands_for_source(source: dict, part: dict | None) -> bool:
    """The source's only part, its opening page, or a page that is none of its parts (its
    editorial notes): cited as the whole source."""
    parts = source.get("parts") or []
    return part is None or len(parts) <= 1 or part.get("slug") == "index"


def part_locator(source: dict, part: dict | None) -> Locator | None:
    """The one answer to "where is this part": its printed pages, or its paragraphs in a source
    without pages; the source's extent for a part that stands for the whole source."""
    if stands_for_source(source, part):
        return source_extent(source)
    if unit(source) == PAGE:
        if not part.get("first_page"):
            return None
        return Locator(PAGE, part["first_page"], part.get("last_page"),
                       part.get("first_page_exact", True), part.get("last_page_exact", True))
    if not part.get("first_paragraph"):
        return None
    return Locator(PARAGRAPH, str(part["first_paragraph"]), str(part.get("last_paragraph") or "") or None)


def pinpoint(source: dict, label: str) -> Locator:
    """One page or paragraph of a source, as the reader's place gives it ("76", "149?", "12");
    the cite box's templates are made with label "{n}"."""
    exact = not label.endswith("?")
    return Locator(unit(source), label.rstrip("?") or label, first_exact=exact)


def _as_locator(where) -> Locator | None:
    return where if isinstance(where, Locator) or where is None else parse_pages(where)


# How each style names a page and a paragraph, one and several.
ABBREVIATIONS = {
    "box": {PAGE: ("p.", "pp."), PARAGRAPH: ("\u00b6", "\u00b6\u00b6")},
    "chicago": {PAGE: ("", ""), PARAGRAPH: ("par.", "pars.")},
    "mla": {PAGE: ("", ""), PARAGRAPH: ("par.", "pars.")},  # in the text: (Bazhanov 76)
    "mla-entry": {PAGE: ("p.", "pp."), PARAGRAPH: ("par.", "pars.")},  # a chapter's range in its entry
    "apa": {PAGE: ("p.", "pp."), PARAGRAPH: ("para.", "paras.")},
}


def locator_text(where, style: str = "box") -> str:
    """A locator as a style prints it (HTML-escaped): 'p. 76', 'pp. 75–94', '¶ 12', 'par. 12'."""
    loc = _as_locator(where)
    if loc is None:
        return ""
    one, many = ABBREVIATIONS[style][loc.unit]
    prefix = many if loc.is_range else one
    return (f"{prefix} " if prefix else "") + _html(loc.text())


def page_tags(loc: Locator | None) -> tuple[str | None, str | None]:
    """First and last printed page, for metadata that has fields for them (no '?': a number)."""
    if loc is None or loc.unit != PAGE:
        return None, None
    return loc.first, loc.last if loc.is_range else None


# --------------------------------------------------------------- helpers


def _bib(source: dict) -> dict:
    return source.get("bibliography") or {}


def _people(bib: dict, role: str) -> list[dict]:
    return [p for p in bib.get(role) or [] if p.get("family")]


def _given_family(p: dict) -> str:
    return f"{p.get('given', '')} {p['family']}".strip()


def _family_given(p: dict) -> str:
    return f"{p['family']}, {p['given']}" if p.get("given") else p["family"]


def _and(names: list[str], conj: str = "and") -> str:
    if len(names) <= 2:
        return f" {conj} ".join(names)
    return ", ".join(names[:-1]) + f", {conj} " + names[-1]


def _initials(given: str) -> str:
    # "David W." -> "D. W."; "Jean-Paul" -> "J.-P."
    parts = re.split(r"\s+", given.strip())
    return " ".join("-".join(h[0] + "." for h in part.split("-") if h) for part in parts if part)


def _apa_name(p: dict) -> str:
    return f"{p['family']}, {_initials(p['given'])}" if p.get("given") else p["family"]


def _apa_name_inverted(p: dict) -> str:  # editors and translators: "D. W. Doyle"
    return f"{_initials(p['given'])} {p['family']}" if p.get("given") else p["family"]


def _end(text: str, mark: str = ".") -> str:
    """Add closing punctuation unless the text already ends with some (a title "…Rule?")."""
    return text if text.endswith((".", "?", "!")) else text + mark


def _title_in_quotes(title: str, mark: str) -> str:
    # American style: comma or period inside the quotes, none after ? or !.
    return f"\u201c{_end(_html(title), mark)}\u201d"


def _year(bib: dict) -> str:
    return str(bib["year"]) if bib.get("year") else ""


def _publisher_place(bib: dict) -> str:
    return ": ".join(_html(x) for x in (bib.get("place"), bib.get("publisher")) if x)


def _url(url: str | None) -> str:
    return f" {_html(url)}" if url else ""


def _in_text(parts: list[str]) -> str:
    """The in-text citation on a line of its own, after the reference entry and its address."""
    return "<br>In the text: (" + "".join(parts) + ")"


# ------------------------------------------------------------- short form

# A part of a book named only for its place in it: "Brent, introduction to <i>Inside the Stalin Archives</i>".
GENERIC_PARTS = {"introduction", "preface", "foreword", "afterword", "epilogue", "prologue", "conclusion"}


def short_title(bib: dict, key: str = "title") -> str:
    """A title as a short note gives it: the bibliography's short_title (CSL's title-short), else the
    main title without its subtitle ("Inside the Stalin Archives: Discovering..." -> "Inside the
    Stalin Archives"). Not escaped."""
    if key == "title" and str(bib.get("short_title") or "").strip():
        return str(bib["short_title"]).strip()
    title = str(bib.get(key) or "").strip()
    return re.split(r":\s", title, maxsplit=1)[0].strip() or title


def short_authors(bib: dict) -> str:
    """Who a short note names: the authors' family names (three or more: the first, et al.), else
    the editors', with "ed."/"eds."; "" for a work without either. Not escaped."""
    for role, suffix in (("authors", ("", "")), ("editors", (", ed.", ", eds."))):
        people = [p["family"] for p in _people(bib, role)]
        if people:
            names = people[0] + " et al." if len(people) > 2 else _and(people)
            return names + suffix[len(people) > 1]
    return ""


def short_form(source: dict, esc=_html, italic=lambda text: f"<i>{text}</i>") -> str:
    """How a historian names a source in a short note (Chicago): "Bazhanov, <i>Damnation of
    Stalin</i>", "Harris, “Stalin and Stalinism”", "Brent, introduction to <i>Inside the Stalin
    Archives</i>". HTML, every value escaped; for Markdown, pass its escape and its italics."""
    bib = _bib(source)
    title = short_title(bib)
    if bib.get("kind") == "book":
        work = italic(esc(title))
    elif title.casefold() in GENERIC_PARTS and bib.get("container_title") and not bib.get("short_title"):
        work = f"{esc(title.lower())} to {italic(esc(short_title(bib, 'container_title')))}"
    else:
        work = f"\u201c{esc(title)}\u201d"
    names = short_authors(bib)
    return f"{esc(names)}, {work}" if names else work


def short_form_text(source: dict) -> str:
    """The short form as plain text (a browser tab): no italics, nothing escaped."""
    return short_form(source, esc=str, italic=str)


# ----------------------------------------------------------------- styles


def chicago(source: dict, where=None, url: str | None = None) -> str:
    """A Chicago (17th ed.) note: Boris Bazhanov, <i>Title</i>, trans. … (Place: Publisher, 1990), 76."""
    bib = _bib(source)
    authors = _and([_html(_given_family(p)) for p in _people(bib, "authors")])
    facts = ", ".join(x for x in (_publisher_place(bib), _html(_year(bib)) or "n.d.") if x)
    kind = bib.get("kind")
    if kind in ("book", "chapter"):
        if kind == "book":
            work = f"<i>{_html(bib['title'])}</i>"
        else:
            work = f"{_title_in_quotes(bib['title'], ',')} in <i>{_html(bib.get('container_title', ''))}</i>"
        for role, label in (("editors", "ed."), ("translators", "trans.")):
            if _people(bib, role):
                work += f", {label} " + _and([_html(_given_family(p)) for p in _people(bib, role)])
        work += f" ({facts})"
    else:  # unpublished work, e.g. a student essay
        described = ", ".join(x for x in (_html(bib.get("note", "")), _html(_year(bib)) or "n.d.") if x)
        work = f"{_title_in_quotes(bib['title'], '')} ({described})"
    parts = [x for x in (authors, work, locator_text(where, "chicago"), _html(url or "")) if x]
    return ", ".join(parts) + "."


def _mla_publisher(name: str) -> str:
    # MLA 9 abbreviates "University Press" to "UP".
    return re.sub(r"\bUniversity Press\b", "UP", name)


def mla(source: dict, where=None, url: str | None = None) -> str:
    """An MLA (9th ed.) works-cited entry (a chapter's pages in the location slot), its address,
    then the in-text citation with the page or paragraph: (Bazhanov 76), (Harris, par. 12)."""
    bib = _bib(source)
    authors = _people(bib, "authors")
    if len(authors) > 2:
        lead = _family_given(authors[0]) + ", et al."
    elif len(authors) == 2:
        lead = _family_given(authors[0]) + ", and " + _given_family(authors[1])
    else:
        lead = _family_given(authors[0]) if authors else ""
    out = [_end(_html(lead))] if lead else []
    kind = bib.get("kind")
    if kind == "chapter":
        out.append(_title_in_quotes(bib["title"], "."))
        container = f"<i>{_html(bib.get('container_title', ''))}</i>"
    else:
        container = f"<i>{_html(bib['title'])}</i>"
    slots = [container]
    for role, label in (("editors", "edited by"), ("translators", "Translated by")):
        if _people(bib, role):
            slots.append(f"{label} " + _and([_html(_given_family(p)) for p in _people(bib, role)]))
    if kind in ("book", "chapter"):
        slots += [_html(_mla_publisher(bib.get("publisher", ""))), _html(_year(bib))]
    else:
        slots += [_html(bib.get("note", "")), _html(_year(bib))]
    slots.append(locator_text(source_extent(source), "mla-entry"))
    # "Translated by" opens a sentence after a title but not after a comma.
    text = ", ".join(s for s in slots if s).replace(", Translated by", ", translated by")
    out.append(_end(text))
    if url:
        out.append(_end(_html(url)))
    name = _html(authors[0]["family"]) + (" et al." if len(authors) > 2 else "") if authors else _html(bib["title"])
    pin = _as_locator(where)
    sep = ", " if pin and pin.unit == PARAGRAPH else " "
    return " ".join(out) + _in_text([name] + ([sep, locator_text(pin, "mla")] if pin else []))


def apa(source: dict, where=None, url: str | None = None) -> str:
    """An APA (7th ed.) reference, its address, then the in-text citation: (Bazhanov, 1990, p. 76)."""
    bib = _bib(source)
    authors = [_apa_name(p) for p in _people(bib, "authors")]
    lead = authors[0] if len(authors) == 1 else ", ".join(authors[:-1]) + ", & " + authors[-1] if authors else ""
    date = f"({_html(_year(bib)) or 'n.d.'})."
    kind = bib.get("kind")
    translators = _people(bib, "translators")
    trans = f"{', '.join(_apa_name_inverted(p) for p in translators)}, Trans." if translators else ""
    publisher = _html(bib.get("publisher", ""))
    if kind == "book":
        title = f"<i>{_html(bib['title'])}</i>" + (f" ({_html(trans)})" if trans else "")
        ref = f"{_end(title)} {_end(publisher) if publisher else ''}"
    elif kind == "chapter":
        editors = _people(bib, "editors")
        eds = ""
        if editors:
            eds = ", ".join(_apa_name_inverted(p) for p in editors) + (" (Eds.), " if len(editors) > 1 else " (Ed.), ")
        extra = "; ".join(x for x in (locator_text(source_extent(source), "apa"), _html(trans)) if x)
        container = f"<i>{_html(bib.get('container_title', ''))}</i>" + (f" ({extra})" if extra else "")
        ref = f"{_end(_html(bib['title']))} In {_html(eds)}{_end(container)} {_end(publisher) if publisher else ''}"
    else:
        note = f" [{_html(bib['note'])}]" if bib.get("note") else ""
        ref = _end(f"<i>{_html(bib['title'])}</i>{note}")
    text = " ".join(x for x in (_html(_end(lead)) if lead else "", date, ref.strip()) if x)
    text += _url(url)  # APA ends with the address, no period after it
    cite = ", ".join(x for x in (
        _html(authors[0].split(",")[0]) + (" et al." if len(authors) > 2 else "") if authors else "",
        _html(_year(bib)) or "n.d.",
        locator_text(where, "apa"),
    ) if x)
    return text + _in_text([cite])


STYLES = {"chicago": ("Chicago (note)", chicago), "mla": ("MLA", mla), "apa": ("APA", apa)}


# --------------------------------------------------------------- data files


def key(source: dict) -> str:
    """A BibTeX key: bazhanov1990."""
    bib = _bib(source)
    authors = _people(bib, "authors")
    name = authors[0]["family"] if authors else source.get("slug", "anon")
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]", "", ascii_name) + (re.sub(r"[^0-9]", "", _year(bib)) or "nd")


# One line each: a line break in a field would end it (RIS) or open a paragraph (BibTeX).
LINE_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
TEX_SPECIALS = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
                "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _one_line(text) -> str:
    return LINE_BREAKS.sub(" ", str(text)).strip()


def _tex(text) -> str:
    """A BibTeX field value: braces balanced whatever the text (every special character escaped)."""
    return "".join(TEX_SPECIALS.get(ch, ch) for ch in _one_line(text))


def _extent(source: dict) -> tuple[str | None, str | None]:
    return page_tags(source_extent(source))


def bibtex(source: dict, url: str | None = None) -> str:
    bib = _bib(source)
    kind = bib.get("kind")
    entry = {"book": "book", "chapter": "incollection"}.get(kind, "unpublished")
    names = lambda role: " and ".join(_family_given(p) for p in _people(bib, role))  # noqa: E731
    first, last = _extent(source)
    fields = [
        ("author", names("authors")),
        ("title", bib.get("title")),
        ("booktitle", bib.get("container_title") if kind == "chapter" else None),
        ("editor", names("editors")),
        ("translator", names("translators")),
        ("publisher", bib.get("publisher")),
        ("address", bib.get("place")),
        ("year", _year(bib)),
        ("pages", f"{first}--{last}" if last else first),
        ("isbn", bib.get("isbn")),
        ("note", bib.get("note")),
        ("howpublished", bib.get("medium")),
        ("url", url),
    ]
    body = ",\n".join(f"  {name} = {{{_tex(value)}}}" for name, value in fields if value)
    return f"@{entry}{{{key(source)},\n{body}\n}}\n"


def ris(source: dict, url: str | None = None) -> str:
    bib = _bib(source)
    kind = bib.get("kind")
    lines = [("TY", {"book": "BOOK", "chapter": "CHAP"}.get(kind, "UNPB"))]
    lines += [("AU", _family_given(p)) for p in _people(bib, "authors")]
    lines += [("A2", _family_given(p)) for p in _people(bib, "editors")]
    lines += [("A4", _family_given(p)) for p in _people(bib, "translators")]  # translator
    lines.append(("TI", bib.get("title")))
    if kind == "chapter":
        lines.append(("T2", bib.get("container_title")))
    first, last = _extent(source)
    lines += [("SP", first), ("EP", last)]
    lines += [("PY", _year(bib)), ("PB", bib.get("publisher")), ("CY", bib.get("place")),
              ("SN", bib.get("isbn")), ("N1", bib.get("note")), ("UR", url)]
    # RIS lines end in CR LF; "ER  - " closes the record. A value is one line, or it would forge tags.
    lines = [(tag, _one_line(value)) for tag, value in lines if value]
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines if value) + "ER  - \r\n"


def csl(source: dict, url: str | None = None) -> dict:
    """One CSL-JSON item (the files hold a list of items)."""
    bib = _bib(source)
    kind = bib.get("kind")
    first, last = _extent(source)
    item = {
        "id": key(source),
        "type": {"book": "book", "chapter": "chapter"}.get(kind, "manuscript"),
        "title": bib.get("title"),
        "title-short": bib.get("short_title"),
        "author": [{"family": p["family"], "given": p.get("given", "")} for p in _people(bib, "authors")],
        "editor": [{"family": p["family"], "given": p.get("given", "")} for p in _people(bib, "editors")],
        "translator": [{"family": p["family"], "given": p.get("given", "")} for p in _people(bib, "translators")],
        "container-title": bib.get("container_title") if kind == "chapter" else None,
        "publisher": bib.get("publisher"),
        "publisher-place": bib.get("place"),
        "issued": {"date-parts": [[int(bib["year"])]]} if str(bib.get("year") or "").isdigit() else None,
        "page": f"{first}-{last}" if last else first,
        "ISBN": bib.get("isbn"),
        "genre": bib.get("note") if kind not in ("book", "chapter") else None,
        "note": bib.get("note") if kind in ("book", "chapter") else None,
        "medium": bib.get("medium"),
        "URL": url,
    }
    return {k: v for k, v in item.items() if v}


# ----------------------------------------------------- metadata for <head>


def is_book_chapter(source: dict, part: dict | None) -> bool:
    """A page of a book other than its opening page: cited as a chapter of the book."""
    return _bib(source).get("kind") == "book" and not stands_for_source(source, part)


def highwire(source: dict, part: dict | None = None, url: str | None = None) -> list[tuple[str, str]]:
    """Highwire Press tags (read by Zotero, Google Scholar) for one page."""
    bib = _bib(source)
    kind = bib.get("kind")
    tags: list[tuple[str, str | None]] = []
    if is_book_chapter(source, part):
        tags += [("citation_title", part["title"]), ("citation_inbook_title", bib.get("title"))]
    elif kind == "chapter":
        tags += [("citation_title", bib.get("title")), ("citation_inbook_title", bib.get("container_title"))]
    else:
        tags.append(("citation_title", bib.get("title")))
        if kind == "book":
            tags.append(("citation_book_title", bib.get("title")))
    first, last = page_tags(part_locator(source, part))
    tags += [("citation_author", _family_given(p)) for p in _people(bib, "authors")]
    tags += [("citation_editor", _family_given(p)) for p in _people(bib, "editors")]
    tags += [
        ("citation_publication_date", _year(bib)),
        ("citation_publisher", bib.get("publisher")),
        ("citation_isbn", bib.get("isbn")),
        ("citation_firstpage", first),
        ("citation_lastpage", last),
        ("citation_language", "en"),
        ("citation_public_url", url),
    ]
    return [(name, str(value)) for name, value in tags if value]


def _person(p: dict) -> dict:
    return {"@type": "Person", "name": _given_family(p), "familyName": p["family"],
            **({"givenName": p["given"]} if p.get("given") else {})}


def jsonld(source: dict, part: dict | None = None, url: str | None = None) -> dict:
    """schema.org description of a page: Book, Chapter (isPartOf a Book) or CreativeWork."""
    bib = _bib(source)
    kind = bib.get("kind")
    people = lambda role: [_person(p) for p in _people(bib, role)]  # noqa: E731
    publisher = {"@type": "Organization", "name": bib["publisher"],
                 **({"location": bib["place"]} if bib.get("place") else {})} if bib.get("publisher") else None
    book = {
        "@type": "Book",
        "name": bib.get("container_title") if kind == "chapter" else bib.get("title"),
        "author": people("authors") if kind == "book" else None,
        "editor": people("editors"),
        "translator": people("translators"),
        "datePublished": _year(bib),
        "publisher": publisher,
        "isbn": bib.get("isbn"),
    }
    if is_book_chapter(source, part):
        data = {"@type": "Chapter", "name": part["title"], "author": people("authors"), "isPartOf": book}
    elif kind == "book":
        data = book
    elif kind == "chapter":
        data = {"@type": "Chapter", "name": bib.get("title"), "author": people("authors"), "isPartOf": book}
    else:
        data = {"@type": "CreativeWork", "name": bib.get("title"), "author": people("authors"),
                "datePublished": _year(bib), "description": bib.get("note")}
    first, last = page_tags(part_locator(source, part))
    if first:
        data.update(pageStart=first, pageEnd=last or first,
                    pagination=f"{first}{EN_DASH}{last}" if last else first)
    data.update({"@context": "https://schema.org", "inLanguage": "en", "url": url})
    return _prune(data)


def _prune(value):
    if isinstance(value, dict):
        pruned = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def jsonld_script(data: dict) -> str:
    """JSON safe inside <script>: no '</script>' can close it early."""
    return json.dumps(data, ensure_ascii=False, indent=1).replace("<", "\\u003c")
