"""The built HTML: no broken internal link or anchor anywhere, no serious accessibility fault."""
from __future__ import annotations

import os
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.test_browser import browser, page  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parents[1]
AXE = Path(os.environ.get("AXE_CORE_JS") or ROOT / "node_modules" / "axe-core" / "axe.min.js")

# Pages checked with axe-core; a page not built (yet) is skipped.
AXE_PAGES = [
    "index.html",
    "bazhanov-damnation-of-stalin/07-i-become-anticommunist.html",
    "bazhanov-damnation-of-stalin/book-index.html",
    "persons.html",  # the person index and the glossary, once built
    "glossary.html",
]


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        if tag in ("a", "link", "area") and attrs.get("href"):
            self.hrefs.append(attrs["href"])


@pytest.fixture(scope="module")
def pages(unpacked) -> dict[Path, Links]:
    parsed = {}
    for path in sorted(unpacked.rglob("*.html")):
        links = Links()
        links.feed(path.read_text(encoding="utf-8"))
        parsed[path.resolve()] = links
    return parsed


def test_no_broken_internal_links_or_anchors(unpacked, pages):
    broken = defaultdict(list)
    checked = 0
    for path, links in pages.items():
        if path.name == "404.html":  # served by web servers only, with root-relative URLs
            continue
        for href in links.hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:
                continue  # external: the bundle test keeps these out of what is fetched
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            page = path.relative_to(unpacked.resolve()).as_posix()
            checked += 1
            if not target.is_file():
                broken[page].append(f"{href} (no such file)")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else set()
                if unquote(parts.fragment) not in ids:
                    broken[page].append(f"{href} (no such anchor)")
    assert checked > 1000
    assert dict(broken) == {}


def axe_script() -> Path:
    if not AXE.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{AXE} is missing; run `npm ci`")
        pytest.skip(f"axe-core is not installed ({AXE}); run `npm ci` or set AXE_CORE_JS")
    return AXE


@pytest.mark.parametrize("url", AXE_PAGES)
def test_no_serious_accessibility_violations(page, unpacked, url):  # noqa: F811
    if not (unpacked / url).is_file():
        pytest.skip(f"{url} is not built")
    script = axe_script()
    page.goto((unpacked / url).as_uri())
    page.add_script_tag(path=str(script))
    result = page.evaluate("""() => axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
        resultTypes: ['violations'],
    })""")
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} - " + "; ".join(n["target"][0] for n in v["nodes"][:5])
        for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert not serious, "\n".join(serious)
