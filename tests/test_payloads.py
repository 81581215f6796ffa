"""Every channel x every payload: nothing a contributor writes runs in a reader's browser.

A generator puts each payload (script, attribute breakouts with " and ',
javascript: URLs, Markdown block injection with LF, CR and CRLF, attribute
lists, ...) into every field that reaches the site: the bibliography and
layout of source.yml, every field of persons.yml and glossary.yml entries,
site_name and site_description of mkdocs.yml, and the raw text (paragraphs,
note numbers, table cells). Each (field, payload) pair has its own tag; a
payload that runs sets `top.<tag>`, an injected element or attribute carries
the tag. One `edition build` of a small made-up edition, then every page of
the site (over HTTP) and of the unzipped bundle (from file://) is opened in
headless Chromium and inspected.

Channels the build refuses outright (bidi controls, a page label or a
redirect target that is not one, a bundle name or base_url that is not
one) are tested at the end: refused with one line, nothing built.
"""
from __future__ import annotations

import functools
import re
import threading
import zipfile
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from tests.test_bad_input import add_source, edition, make_project
from tests.test_browser import browser  # noqa: F401  (the session's one Chromium)

# {t} is the tag of one (field, payload) pair; {js} the statement that proves a payload ran.
PAYLOADS = {
    "script": "<script>{js}</script>",
    "img": "<img src=x onerror={js}>",
    "img-quoted": '<img src="x" onerror="{js}">',
    "svg": "<svg onload={js}>",
    "dq-attr": '" tabindex="1" autofocus onfocus="{js}" data-{t}="',
    "sq-attr": "' tabindex='1' autofocus onfocus='{js}' data-{t}='",
    "dq-close": '"><img src=x onerror={js}>',
    "js-url": "javascript:void({js})",
    "md-link": "[{t}](javascript:void({js}))",
    "md-image": "![{t}](javascript:void({js}))",
    "attr-list": "{{: onclick={js} #id-{t} }}",
    "md-block-lf": "\n\n<img src=x onerror={js}>\n\n# head-{t}\n\n- item-{t}\n",
    "md-block-cr": "\r\r<img src=x onerror={js}>\r\r# head-{t}\r",
    "md-block-crlf": "\r\n\r\n<img src=x onerror={js}>\r\n\r\n# head-{t}\r\n",
    "abbr-def": "\n*[a]: x\" onmouseover={js} data-{t}=\"\n",
    "footnote-def": "\n[^{t}]: <img src=x onerror={js}>\n",
}
TAGS: dict[str, tuple[str, str]] = {}  # tag -> (channel, payload name)
# Channels whose fix is on another branch: reported by their own (expected to fail) test until it lands.

def payloads(channel: str, *, one_line: bool = False) -> str:
    """Every payload for one channel, each with its own tag, in one value."""
    pieces = []
    for name, template in PAYLOADS.items():
        if one_line and "\n" in template or one_line and "\r" in template:
            continue
        tag = f"pwn{len(TAGS)}"
        TAGS[tag] = (channel, name)
        pieces.append(f"{channel} " + template.format(t=tag, js=f"top.{tag}=1"))
    return " ".join(pieces)


def person(prefix: str) -> dict:
    return {"family": payloads(f"{prefix}.family"), "given": payloads(f"{prefix}.given")}


# The bibliography fields every kind of source prints, per kind (each kind prints some of them).
def bibliography(kind: str) -> dict:
    bib = {"kind": kind, "title": payloads(f"{kind}:bibliography.title"),
           "authors": [person(f"{kind}:bibliography.authors")], "note": payloads(f"{kind}:bibliography.note"),
           "medium": payloads(f"{kind}:bibliography.medium"), "year": 1990}
    if kind in ("book", "chapter"):
        bib |= {"translators": [person(f"{kind}:bibliography.translators")],
                "editors": [person(f"{kind}:bibliography.editors")],
                "publisher": payloads(f"{kind}:bibliography.publisher"),
                "place": payloads(f"{kind}:bibliography.place"), "isbn": payloads(f"{kind}:bibliography.isbn")}
    if kind == "chapter":
        bib["container_title"] = payloads("chapter:bibliography.container_title")
        bib["pages"] = payloads("chapter:bibliography.pages")
    return bib


def book_text() -> str:
    """Raw text with payloads as paragraphs, a table, and numbers of notes nobody cites."""
    lines = ["CATALOGUE RECORD", "", "The Payload Book", "", "Page 1", "", "Stalin said¹ that the NEP² was over.", ""]
    lines += [payloads("raw:paragraph", one_line=True), ""]
    lines += [f"cell\t{payloads('raw:table cell', one_line=True)}", "a\tb", ""]
    lines += ["Page 2", "", "NOTES", "", "[1] The first note.", "", "[2] The second note.", ""]
    for name, template in PAYLOADS.items():
        if "\n" in template or "\r" in template:
            continue
        tag = f"pwn{len(TAGS)}"
        TAGS[tag] = ("raw:note number", name)
        number = template.format(t=tag, js=f"top.{tag}=1").replace("] ", "]")
        lines += [f"[{number}] A note nobody cites.", ""]
    return "\n".join(lines)


BOOK_LAYOUT = {
    "divisions": "chapters",
    "preamble": {"until": "The Payload Book", "rule": payloads("layout.preamble.rule", one_line=True)},
    "pages": {"marker": r"Page (?P<label>\d+)"},
    "headings": {"strategies": ["first-line-title", "all-caps"]},
    "notes": {"heading": "NOTES", "number": r"\[(.+?)\]\s", "references": "superscript"},
    "tables": "tab-separated",
}
PAYLOAD_PROSE = "A Title\n\nStalin said that the NEP was over, and {payload}\n\nThe end.\n"


def registers() -> tuple[list, list]:
    persons = [
        {"id": "stalin", "name": "Iosif Stalin", "sort": "Stalin, " + payloads("persons.sort"),
         "variants": ["Stalin", payloads("persons.variants")], "born": payloads("persons.born"),
         "died": payloads("persons.died"), "description": payloads("persons.description"),
         "index": ["Stalin, " + payloads("persons.index")]},
        {"id": "payload-person", "name": payloads("persons.name"), "description": "Somebody."},
    ]
    glossary = [
        {"id": "nep", "term": "NEP", "variants": ["New Economic Policy", payloads("glossary.variants")],
         "expansion": payloads("glossary.expansion"), "definition": payloads("glossary.definition")},
        {"id": "payload-term", "term": payloads("glossary.term"), "definition": "A term."},
    ]
    return persons, glossary


def corrections() -> list:
    """The editor's channel (sources/<slug>/corrections.yml): a correction, a comment and who made them."""
    return [
        {"replace": {"find": "The end.", "with": payloads("corrections.replace.with", one_line=True),
                     "note": payloads("corrections.replace.note"), "kind": "corr"},
         "by": payloads("corrections.by", one_line=True)},
        {"replace": {"find": "A Title", "with": "A Heading",
                     "note": payloads("corrections.sic.note"), "kind": "sic"}},
        {"comment": {"at": "Stalin said that the NEP was over", "note": payloads("corrections.comment.note")},
         "by": payloads("corrections.comment.by", one_line=True)},
    ]


def dump(value) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=10**9)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("payloads") / "project")
    persons, glossary = registers()
    (root / "data" / "persons.yml").write_text(dump(persons), encoding="utf-8")
    (root / "data" / "glossary.yml").write_text(dump(glossary), encoding="utf-8")
    settings = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    settings["site_name"] = payloads("mkdocs.site_name")
    settings["site_description"] = payloads("mkdocs.site_description")
    (root / "mkdocs.yml").write_text(dump(settings), encoding="utf-8")
    add_source(root, "book", book_text(), dump({"text": "raw.txt", "bibliography": bibliography("book"),
                                                 "layout": BOOK_LAYOUT}))
    for kind in ("chapter", "essay"):
        meta = {"text": "raw.txt", "bibliography": bibliography(kind), "layout": {"headings": {"strategies": ["first-line-title"]}}}
        add_source(root, kind, PAYLOAD_PROSE.format(payload=payloads(f"raw:{kind} paragraph", one_line=True)), dump(meta))
    (root / "sources" / "essay" / "corrections.yml").write_text(dump(corrections()), encoding="utf-8")
    result = edition(root, "build")
    assert result.returncode == 0, result.stderr
    return root


# ------------------------------------------------------------ in the browser

INSPECT = """tagPattern => {
  const tag = new RegExp(tagPattern);
  // JSON-LD holds the bibliography as data: well-formed, and nothing in it can close the element.
  const isData = text => { try { JSON.parse(text); return !text.includes('<'); } catch (e) { return false; } };
  const found = [];
  for (const k of Object.keys(window)) if (new RegExp('^' + tagPattern + '$').test(k)) found.push(['ran', k]);
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const name = a.name.toLowerCase(), value = a.value;
      const m = (name + ' ' + value).match(tag);
      if (name.startsWith('on')) found.push(['attribute', el.tagName + ' ' + name + '=' + value.slice(0, 80)]);
      else if (/^\\s*(javascript|vbscript|data):/i.test(value) && !(value === 'javascript:void(0)'))
        found.push(['url', el.tagName + ' ' + name + '=' + value.slice(0, 80)]);
      else if (m && (name.startsWith('data-pwn') || name === 'id' && value.startsWith('id-pwn')))
        found.push(['attribute', el.tagName + ' ' + name + '=' + value.slice(0, 80)]);
    }
    const tagName = el.tagName.toLowerCase();
    if (tagName === 'script' && el.type === 'application/ld+json' && isData(el.textContent)) continue;
    if (['script', 'img', 'svg', 'iframe', 'object', 'embed'].includes(tagName) && tag.test(el.outerHTML))
      found.push(['element', el.outerHTML.slice(0, 120)]);
    if (/^h[1-6]$/.test(tagName) && /^\\s*head-pwn\\d+/.test(el.textContent))
      found.push(['block', el.outerHTML.slice(0, 120)]);
    if (tagName === 'li' && /^\\s*item-pwn\\d+/.test(el.textContent)) found.push(['block', el.outerHTML.slice(0, 120)]);
  }
  const html = document.documentElement.outerHTML;
  const bidi = html.match(/[\\u202a-\\u202e\\u2066-\\u2069]/);
  if (bidi) found.push(['bidi', 'U+' + bidi[0].charCodeAt(0).toString(16)]);
  return found;
}"""
TAG_RE = r"pwn\d+"


def inspect(tab, url: str) -> list[tuple[str, str, str]]:
    tab.goto(url)
    tab.wait_for_load_state("load")
    tab.wait_for_timeout(150)  # onerror of a broken image, autofocus, a redirect
    found = tab.evaluate(INSPECT, TAG_RE)
    return [(kind, detail, _who(detail)) for kind, detail in found]


def _who(detail: str) -> str:
    tags = set(re.findall(TAG_RE, detail))
    return ", ".join(sorted({f"{TAGS[t][0]} / {TAGS[t][1]}" for t in tags if t in TAGS})) or "?"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(project):
    handler = functools.partial(_Quiet, directory=str(project / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def unpacked(project, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("payload-bundle")
    bundles = sorted((project / "dist").glob("*-offline.zip"))
    assert len(bundles) == 1
    with zipfile.ZipFile(bundles[0]) as zf:
        zf.extractall(out)
    (folder,) = out.iterdir()
    return folder


def _pages(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html"))


@pytest.fixture(scope="module")
def findings(browser, project, served, unpacked) -> dict[str, list[tuple[str, str, str, str]]]:  # noqa: F811
    """(page, kind of finding, detail, channel / payload) for every page of the site and of the bundle."""
    found = {}
    context = browser.new_context()
    tab = context.new_page()
    try:
        for where, base, folder in (("site", served, project / "site"),
                                    ("bundle", unpacked.as_uri() + "/", unpacked)):
            pages = _pages(folder)
            assert len(pages) >= 10, pages
            found[where] = [(page, *p) for page in pages for p in inspect(tab, base + page)]
    finally:
        context.close()
    return found


def _report(problems) -> str:
    ran = sorted({p[3] for p in problems if p[1] == "ran"})
    lines = "\n".join(f"{page}: {kind}: {who}: {detail}" for page, kind, detail, who in problems)
    return f"{len(problems)} findings; {len(ran)} payloads ran ({ran})\n{lines}"


@pytest.mark.parametrize("where", ["site", "bundle"])
def test_no_payload_runs_or_injects_anything(findings, where):
    problems = findings[where]
    assert not problems, _report(problems)


def test_every_channel_reached_the_site(project):
    """The generator is only as good as its reach: each channel must reach a page or a data file."""
    files = [p for p in (project / "site").rglob("*") if p.suffix in (".html", ".json", ".bib", ".ris")]
    text = " ".join(p.read_text(encoding="utf-8") for p in files)
    found = set(re.findall(TAG_RE, text))
    missing = sorted({channel for channel, _ in TAGS.values()} - {TAGS[t][0] for t in found if t in TAGS})
    assert not missing, missing


# ------------------------------------------------- channels refused outright

from tests.test_bad_input import META, PROSE, assert_refused, built, project as good_project  # noqa: E402,F401

RLO = "\u202e"  # right-to-left override: "exe.txt" shown for "txt.exe"
JS = "javascript:void(top.pwn=1)"


def _append(root: Path, rel: str, text: str) -> None:
    with open(root / rel, "a", encoding="utf-8") as f:
        f.write(text)


def _set_edition(root: Path, key: str, value: str) -> None:
    settings = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    settings["extra"]["edition"][key] = value
    (root / "mkdocs.yml").write_text(dump(settings), encoding="utf-8")


REFUSED = {
    # name: (set the channel up in a built project, file named, line named, words of the message)
    "bidi in the raw text": (lambda r: _append(r, "sources/alpha/raw.txt", f"\nA file named txt{RLO}exe.doc\n"),
                             "sources/alpha/raw.txt", 7, ("U+202E",)),
    "bidi isolate in source.yml": (
        lambda r: (r / "sources/alpha/source.yml").write_text(META % f'"Alpha \u2067title\u2069"', encoding="utf-8"),
        "sources/alpha/source.yml", 2, ("U+2067",)),
    "bidi in persons.yml": (
        lambda r: (r / "data/persons.yml").write_text(f"- id: x\n  name: X\n  description: a {RLO}b\n"),
        "data/persons.yml", 3, ("U+202E",)),
    "bidi in glossary.yml": (
        lambda r: (r / "data/glossary.yml").write_text(f"- id: x\n  term: X\n  definition: \u202aa\n"),
        "data/glossary.yml", 3, ("U+202A",)),
    "bidi in mkdocs.yml": (lambda r: _append(r, "mkdocs.yml", f"# {RLO}\n"), "mkdocs.yml", None, ("U+202E",)),
    "javascript: redirect": (
        lambda r: (r / "data/anchors-moved.yml").write_text(f"alpha/index.html#p-1: '{JS}'\n"),
        "data/anchors-moved.yml", 1, ("javascript:",)),
    "redirect to another site": (
        lambda r: (r / "data/anchors-moved.yml").write_text("'alpha/index.html#p-1': https://evil.example/a.html#b\n"),
        "data/anchors-moved.yml", 1, ("not an address in the site",)),
    "redirect out of the site": (
        lambda r: (r / "data/anchors-moved.yml").write_text("'alpha/index.html#p-1': ../../x.html#b\n"),
        "data/anchors-moved.yml", 1, ("not an address in the site",)),
    "bundle name that is a path": (lambda r: _set_edition(r, "bundle_name", "../../../evil"),
                                   "mkdocs.yml", None, ("bundle_name", "file name")),
    "base_url that is script": (lambda r: _set_edition(r, "base_url", JS), "mkdocs.yml", None, ("base_url",)),
    "base_url that breaks out": (lambda r: _set_edition(r, "base_url", 'https://x.example/"><img src=x>'),
                                 "mkdocs.yml", None, ("base_url",)),
    "page label that is markup": (
        lambda r: ((r / "sources/alpha/source.yml").write_text(
            "text: raw.txt\nbibliography: {kind: essay, title: Alpha}\nlayout: {pages: {marker: 'Page (?P<label>.+)'}}\n",
            encoding="utf-8"),
                   (r / "sources/alpha/raw.txt").write_text(
                       PROSE + '\nPage 3" tabindex="1" autofocus onfocus="top.pwn=1\n\nMore.\n', encoding="utf-8")),
        "sources/alpha/raw.txt", 7, ("page label", "not a page number", "source.yml:")),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_channels_the_build_refuses(good_project, name):
    arrange, file, line, words = REFUSED[name]
    arrange(good_project)
    assert_refused(good_project, file, line, *words)
