"""How to cite a source: Chicago, MLA and APA text, BibTeX, RIS, CSL-JSON,
Highwire Press meta tags and schema.org JSON-LD, all from one record of
docs/data/sources.json.

Pure functions, no I/O: the MkDocs hook (build_tools/mkdocs_hooks.py) calls
them for every page and writes the download files.

`page` is a printed page label ("76", "xii") or a range ("75-94"); `url` is
the address of the passage in the edition, left out when unknown (the site's
base URL is unset). The styles return HTML: titles in <i>, text escaped.
What each style does with a page:

- Chicago: a full note (notes-bibliography style), the page as pinpoint.
- MLA: a works-cited entry with the page(s) in the location slot.
- APA: the reference-list entry, then the in-text citation with the page.

Titles are printed as the source gives them (no automatic sentence case for
APA: it would lower-case proper names).
"""
from __future__ import annotations

import json
import re
import unicodedata
from html import escape as _html

EN_DASH = "\u2013"


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


def page_label(label: str, exact: bool = True) -> str:
    """A printed page as cited: a page whose place was inferred carries a question mark ("p. 149?")."""
    return label if exact else label + "?"


def _pages(page: str | None) -> str:
    return (page or "").replace("--", EN_DASH).replace("-", EN_DASH)


def locator(page: str | None) -> str:
    """'p. 76' or 'pp. 75–94'."""
    page = _pages(page)
    if not page:
        return ""
    return ("pp. " if EN_DASH in page else "p. ") + page


def _year(bib: dict) -> str:
    return str(bib["year"]) if bib.get("year") else ""


def _publisher_place(bib: dict) -> str:
    return ": ".join(_html(x) for x in (bib.get("place"), bib.get("publisher")) if x)


def _url(url: str | None) -> str:
    return f" {_html(url)}" if url else ""


# ----------------------------------------------------------------- styles


def chicago(source: dict, page: str | None = None, url: str | None = None) -> str:
    """A Chicago (17th ed.) note: Boris Bazhanov, <i>Title</i>, trans. … (Place: Publisher, 1990), 76."""
    bib = _bib(source)
    authors = _and([_html(_given_family(p)) for p in _people(bib, "authors")])
    facts = ", ".join(x for x in (_publisher_place(bib), _year(bib) or "n.d.") if x)
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
        described = ", ".join(x for x in (_html(bib.get("note", "")), _year(bib) or "n.d.") if x)
        work = f"{_title_in_quotes(bib['title'], '')} ({described})"
    parts = [x for x in (authors, work, _pages(page)) if x]
    return _end(", ".join(parts) + ("," + _url(url) if url else ""))


def _mla_publisher(name: str) -> str:
    # MLA 9 abbreviates "University Press" to "UP".
    return re.sub(r"\bUniversity Press\b", "UP", name)


def mla(source: dict, page: str | None = None, url: str | None = None) -> str:
    """An MLA (9th ed.) works-cited entry; the page goes in the location slot."""
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
        slots += [_html(_mla_publisher(bib.get("publisher", ""))), _year(bib)]
    else:
        slots += [_html(bib.get("note", "")), _year(bib)]
    if not page and kind == "chapter":
        page = bib.get("pages")
    slots.append(locator(page))
    # "Translated by" opens a sentence after a title but not after a comma.
    text = ", ".join(s for s in slots if s).replace(", Translated by", ", translated by")
    out.append(_end(text))
    if url:
        out.append(_end(_html(url)))
    return " ".join(out)


def apa(source: dict, page: str | None = None, url: str | None = None) -> str:
    """An APA (7th ed.) reference, then the in-text citation: (Bazhanov, 1990, p. 76)."""
    bib = _bib(source)
    authors = [_apa_name(p) for p in _people(bib, "authors")]
    lead = authors[0] if len(authors) == 1 else ", ".join(authors[:-1]) + ", & " + authors[-1] if authors else ""
    date = f"({_year(bib) or 'n.d.'})."
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
        extra = "; ".join(x for x in (f"pp. {_pages(bib['pages'])}" if bib.get("pages") else "", trans) if x)
        container = f"<i>{_html(bib.get('container_title', ''))}</i>" + (f" ({_html(extra)})" if extra else "")
        ref = f"{_end(_html(bib['title']))} In {_html(eds)}{_end(container)} {_end(publisher) if publisher else ''}"
    else:
        note = f" [{_html(bib['note'])}]" if bib.get("note") else ""
        ref = _end(f"<i>{_html(bib['title'])}</i>{note}")
    text = " ".join(x for x in (_html(_end(lead)) if lead else "", date, ref.strip()) if x)
    if url:
        text += " " + _html(url)
    cite = ", ".join(x for x in (
        _html(authors[0].split(",")[0]) + (" et al." if len(authors) > 2 else "") if authors else "",
        _year(bib) or "n.d.",
        locator(page),
    ) if x)
    return f"{text} In the text: ({cite})."


STYLES = {"chicago": ("Chicago (note)", chicago), "mla": ("MLA", mla), "apa": ("APA", apa)}


# --------------------------------------------------------------- data files


def key(source: dict) -> str:
    """A BibTeX key: bazhanov1990."""
    bib = _bib(source)
    authors = _people(bib, "authors")
    name = authors[0]["family"] if authors else source.get("slug", "anon")
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]", "", ascii_name) + (_year(bib) or "nd")


def _tex(text: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", str(text)).replace("~", r"\textasciitilde{}")


def bibtex(source: dict, url: str | None = None) -> str:
    bib = _bib(source)
    kind = bib.get("kind")
    entry = {"book": "book", "chapter": "incollection"}.get(kind, "unpublished")
    names = lambda role: " and ".join(_family_given(p) for p in _people(bib, role))  # noqa: E731
    fields = [
        ("author", names("authors")),
        ("title", bib.get("title")),
        ("booktitle", bib.get("container_title") if kind == "chapter" else None),
        ("editor", names("editors")),
        ("translator", names("translators")),
        ("publisher", bib.get("publisher")),
        ("address", bib.get("place")),
        ("year", _year(bib)),
        ("pages", _pages(bib.get("pages")).replace(EN_DASH, "--")),
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
    pages = _pages(bib.get("pages")).split(EN_DASH) if bib.get("pages") else []
    lines += [("SP", pages[0] if pages else None), ("EP", pages[-1] if len(pages) > 1 else None)]
    lines += [("PY", _year(bib)), ("PB", bib.get("publisher")), ("CY", bib.get("place")),
              ("SN", bib.get("isbn")), ("N1", bib.get("note")), ("UR", url)]
    # RIS lines end in CR LF; "ER  - " closes the record.
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines if value) + "ER  - \r\n"


def csl(source: dict, url: str | None = None) -> dict:
    """One CSL-JSON item (the files hold a list of items)."""
    bib = _bib(source)
    kind = bib.get("kind")
    item = {
        "id": key(source),
        "type": {"book": "book", "chapter": "chapter"}.get(kind, "manuscript"),
        "title": bib.get("title"),
        "author": [{"family": p["family"], "given": p.get("given", "")} for p in _people(bib, "authors")],
        "editor": [{"family": p["family"], "given": p.get("given", "")} for p in _people(bib, "editors")],
        "translator": [{"family": p["family"], "given": p.get("given", "")} for p in _people(bib, "translators")],
        "container-title": bib.get("container_title") if kind == "chapter" else None,
        "publisher": bib.get("publisher"),
        "publisher-place": bib.get("place"),
        "issued": {"date-parts": [[int(bib["year"])]]} if bib.get("year") else None,
        "page": bib.get("pages"),
        "ISBN": bib.get("isbn"),
        "genre": bib.get("note") if kind not in ("book", "chapter") else None,
        "note": bib.get("note") if kind in ("book", "chapter") else None,
        "medium": bib.get("medium"),
        "URL": url,
    }
    return {k: v for k, v in item.items() if v}


# ----------------------------------------------------- metadata for <head>


def part_pages(part: dict | None) -> tuple[str | None, str | None]:
    if not part:
        return None, None
    return part.get("first_page"), part.get("last_page")


def is_book_chapter(source: dict, part: dict | None) -> bool:
    """A page of a book other than its opening page: cited as a chapter of the book.
    Other sources (a chapter, an essay) are one page each, cited whole."""
    return _bib(source).get("kind") == "book" and bool(part) and part.get("slug") != "index"


def highwire(source: dict, part: dict | None = None, url: str | None = None) -> list[tuple[str, str]]:
    """Highwire Press tags (read by Zotero, Google Scholar) for one page."""
    bib = _bib(source)
    kind = bib.get("kind")
    tags: list[tuple[str, str | None]] = []
    if is_book_chapter(source, part):
        tags += [("citation_title", part["title"]), ("citation_inbook_title", bib.get("title"))]
        first, last = part_pages(part)
    elif kind == "chapter":
        tags += [("citation_title", bib.get("title")), ("citation_inbook_title", bib.get("container_title"))]
        first, _, last = (bib.get("pages") or "").partition("-")
        if not first:
            first, last = part_pages(part)
    else:
        tags.append(("citation_title", bib.get("title")))
        if kind == "book":
            tags.append(("citation_book_title", bib.get("title")))
        first = last = None
    tags += [("citation_author", _family_given(p)) for p in _people(bib, "authors")]
    tags += [("citation_editor", _family_given(p)) for p in _people(bib, "editors")]
    tags += [
        ("citation_publication_date", _year(bib)),
        ("citation_publisher", bib.get("publisher")),
        ("citation_isbn", bib.get("isbn")),
        ("citation_firstpage", first),
        ("citation_lastpage", last or None),
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
    first, last = part_pages(part)
    if is_book_chapter(source, part):
        data = {"@type": "Chapter", "name": part["title"], "author": people("authors"), "isPartOf": book}
    elif kind == "book":
        data, first, last = book, None, None
    elif kind == "chapter":
        first, _, last = (bib.get("pages") or "").partition("-")
        data = {"@type": "Chapter", "name": bib.get("title"), "author": people("authors"), "isPartOf": book}
    else:
        data = {"@type": "CreativeWork", "name": bib.get("title"), "author": people("authors"),
                "datePublished": _year(bib), "description": bib.get("note")}
    if data is not book and first:
        data.update(pageStart=first, pageEnd=last or None,
                    pagination=f"{first}{EN_DASH}{last}" if last and last != first else first)
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
