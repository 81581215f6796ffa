"""What a built site must hold, whichever renderer built it.

MkDocs runs our hooks (build_tools/mkdocs_hooks.py); a renderer that reads
mkdocs.yml but not its hooks (Zensical runs no hook it does not know) would
publish the pages without their citations, anchor redirects or escaped
titles, and say nothing. So after every build the site folder itself is
read and the build fails, naming what is missing, unless:

- every page of every source carries its citation (Highwire `citation_title`,
  JSON-LD, the cite box) and the source's BibTeX/RIS/CSL-JSON files exist;
- every anchor the manifest promises is published or declared moved (read
  from the HTML here, so this check does not depend on a hook at all);
- the anchor redirect script is in the site (the search index is required
  by build_tools/search_index.py, which writes it after the renderer);
- no page's <title> holds markup (the hook escapes what Jinja's striptags
  unescapes);
- every link from one page of the site to another, or to a place in one,
  resolves (MkDocs' converter, which checked links, no longer reads our pages:
  build_tools/page_body.py renders them).
"""
from __future__ import annotations

import html as html_text
import json
import logging
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

from . import anchors
from .cache import ContentCache, code_fingerprint
from .model import EditionError

CITE_FORMATS = ("bib", "ris", "json")
REDIRECTS_JS = anchors.REDIRECTS_JS
SHOWN = 20  # problems named per kind; the rest are counted
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
ID = re.compile(r"""\sid=(?:"([^"]*)"|'([^']*)')""")
HREF = re.compile(r"""<a\b[^>]*?\shref=(?:"([^"]*)"|'([^']*)')""")
EXTERNAL = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:|//")
log = logging.getLogger("mkdocs.edition")


def check_site(root: Path, site: Path, cache: Path | None = None) -> None:
    """Raise EditionError listing what the built site lacks. Each page is read once (twice if a link
    leads nowhere, to name each such link); cache: a folder where what was read of each page is kept by
    the page's content, so an unchanged page is not parsed."""
    root, site = Path(root), Path(site)
    problems: list[str] = []
    sources = _sources(site, problems)
    problems += [f"{REDIRECTS_JS}: missing"] if not (site / REDIRECTS_JS).is_file() else []
    cited = {part["url"] for source in sources for part in source.get("parts") or []}
    store = ContentCache(cache, salt=code_fingerprint()) if cache else None
    published: dict[str, set[str]] = {}
    ids: dict[str, set[str]] = {}
    places: set[tuple[str, str]] = set()  # where the links lead (file, fragment), each once: not every link
    for url, facts in _read_pages(site, store):
        problems += facts["title"] + ([f"{url}: no {', no '.join(facts['lacks'])}"] if url in cited and facts["lacks"] else [])
        if facts["anchors"]:
            published[url] = set(facts["anchors"])
        ids[url] = set(facts["ids"])
        places.update((target, fragment) for _, target, fragment in facts["links"])
    nowhere = {place: why for place in places if (why := leads_nowhere(site, ids, *place))}
    broken = []
    for url, facts in _read_pages(site, store) if nowhere else ():  # name each link that leads there: on failure only
        for href, *place in facts["links"]:
            if why := nowhere.get(tuple(place)):
                broken.append(f"{url}: a link to {href}, {why}")
    if store:
        store.prune()
    problems += [f"{url}: missing" for url in sorted(cited) if not (site / url).is_file()]
    problems += [f"data/cite/{source['slug']}.{ext}: missing" for source in sources for ext in CITE_FORMATS
                 if not (site / "data" / "cite" / f"{source['slug']}.{ext}").is_file()]
    if problems:
        raise EditionError("The built site is incomplete, so it was not published (did the renderer skip "
                           "build_tools/mkdocs_hooks.py?):\n  " + "\n  ".join(_listed(problems)))
    if broken:
        raise EditionError("Links in the built site lead nowhere, so it was not published (a link the writer "
                           "made to a page or anchor that is not there):\n  " + "\n  ".join(_listed(broken)))
    if not anchors.read_manifest(root):
        log.info("%s is missing: published anchors are not checked", anchors.MANIFEST)
        return
    # raises EditionError naming every lost anchor of the sources in this build
    anchors.check_manifest(root, published, sources=[s["slug"] for s in sources])
    if new := anchors.unlisted(root, published):
        log.info("%d anchors are not in %s yet; `python -m build_tools.anchors --update` adds them",
                 new, anchors.MANIFEST)


def _read_pages(site: Path, store: ContentCache | None):
    """Each page of the site, in order: its URL and page_facts."""
    for page in sorted(site.rglob("*.html")):
        url = page.relative_to(site).as_posix()
        yield url, page_facts(url, page.read_text(encoding="utf-8"), store)


def page_facts(url: str, html: str, store: ContentCache | None = None) -> dict:
    """What the check reads of one page: markup in its title, the citation marks it lacks, its citable
    anchors, its ids, and its links within the site (href, the file it leads to, the fragment)."""
    key = store.key(url + "\0" + html) if store else ""
    if store and isinstance(kept := store.get(key), dict):
        return kept
    links = []
    for a, b in HREF.findall(html):
        href = html_text.unescape(a or b)
        if found := link_target(url, href):
            links.append([href, *found])
    facts = {"title": title_problems(url, html), "lacks": citation_lacks(html), "anchors": sorted(anchors.anchors_in(html)),
             "ids": sorted({html_text.unescape(a or b) for a, b in ID.findall(html)}), "links": links}
    if store:
        store.put(key, facts)
    return facts


def leads_nowhere(site: Path, ids: dict[str, set[str]], target: str, fragment: str) -> str:
    """Why a link to that file and fragment (link_target's) leads nowhere ("" if it leads somewhere):
    to no file, or to no such place in a page (ids: each page's ids)."""
    if target.startswith("../") or (target not in ids and not (site / target).exists()):
        return "which is not in the site"
    if fragment and target in ids and fragment not in ids[target]:
        return "a place that page does not have"
    return ""


def link_target(url: str, href: str) -> tuple[str, str] | None:
    """(the file in the site a link on page `url` leads to, its fragment); None for a link out of it."""
    if not href or EXTERNAL.match(href) or href.startswith("/"):
        return None
    path, _, fragment = href.partition("#")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(url), unquote(path))) if path else url
    return target, unquote(fragment)


def _sources(site: Path, problems: list[str]) -> list[dict]:
    path = site / "data" / "sources.json"
    if not path.is_file():
        problems.append("data/sources.json: missing")
        return []
    return json.loads(path.read_text(encoding="utf-8"))


def citation_lacks(html: str) -> list[str]:
    """What of its citation a source's page lacks."""
    return [what for what, mark in (("Highwire tags", '<meta name="citation_title"'),
                                    ("JSON-LD", '<script type="application/ld+json">'),
                                    ("cite box", 'class="edition-cite"')) if mark not in html]


def title_problems(url: str, html: str) -> list[str]:
    m = TITLE.search(html)
    return [f"{url}: markup in its <title>: {m.group(1)[:80]!r}"] if m and "<" in m.group(1) else []


def _listed(problems: list[str]) -> list[str]:
    if len(problems) <= SHOWN:
        return problems
    return problems[:SHOWN] + [f"... and {len(problems) - SHOWN} more"]
