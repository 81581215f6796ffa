"""The offline bundle: complete, self-contained, reproducible."""

import json
import os
import re
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from build_tools import search_index
from build_tools.model import EditionError
from build_tools.site import build_site, bundle_name, make_offline_bundle
from tests.conftest import ROOT, build

ROOT = Path(__file__).resolve().parents[1]
NAME = bundle_name(ROOT)
NAME_OF_TMP = bundle_name(Path("/nonexistent"))  # a project without settings

EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)  # http://, https://, //host
# A URL the code could fetch is a string literal; URLs in comments are not.
URL_IN_CODE = re.compile(r"""["'`]((?:https?:)?//[^\s"'`)<>\\]+)""")
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")

# URL literals in Material's JavaScript that an offline reader never fetches.
# A new entry here needs a reason; an unknown URL fails the test.
ALLOWED_IN_JS = {
    "https://unpkg.com/mermaid@": "Mermaid is loaded only for diagrams; the edition has none",
    "https://unpkg.com/resize-observer-polyfill": "only for browsers without ResizeObserver",
    "https://api.github.com/": "repository facts, only when repo_url is set (it is not)",
    "https://${e}/api/v4/projects/": "GitLab repository facts, likewise",
    "//nbsp": "not a URL: a comment right after a string in lunr/wordcut.js",
}




def files(folder: Path, *suffixes: str):
    return sorted(p for p in folder.rglob("*") if p.suffix in suffixes)


class Resources(HTMLParser):
    """Collects what a page makes the browser fetch, and every local link."""

    FETCHED = {"script": "src", "img": "src", "iframe": "src", "embed": "src",
               "source": "src", "audio": "src", "video": "src", "object": "data"}
    NOT_FETCHED_LINKS = {"canonical", "alternate", "prev", "next", "search", "license"}

    def __init__(self):
        super().__init__()
        self.fetched, self.links, self.scripts, self.styles = [], [], [], []
        self._in = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.FETCHED and attrs.get(self.FETCHED[tag]):
            self.fetched.append(attrs[self.FETCHED[tag]])
        if tag == "link" and attrs.get("href"):
            rel = set((attrs.get("rel") or "").lower().split())
            (self.links if rel <= self.NOT_FETCHED_LINKS else self.fetched).append(attrs["href"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if attrs.get("style"):
            self.styles.append(attrs["style"])
        # JSON-LD and other data blocks are never run: their URLs are not fetched.
        data_block = tag == "script" and attrs.get("type") not in (None, "", "text/javascript", "module")
        self._in = tag if tag in ("script", "style") and not data_block else None

    def handle_data(self, data):
        if self._in == "script":
            self.scripts.append(data)
        elif self._in == "style":
            self.styles.append(data)

    def handle_endtag(self, tag):
        self._in = None


def parse(page: Path) -> Resources:
    parser = Resources()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def external_in_css(text: str) -> list[str]:
    return [u for m in CSS_URL.finditer(text) for u in m.groups() if u and EXTERNAL.match(u)]


def external_in_js(text: str) -> list[str]:
    return [u for u in URL_IN_CODE.findall(text)
            if not any(u.startswith(prefix) for prefix in ALLOWED_IN_JS)]


def test_zip_unpacks_into_one_folder_with_index(bundle, unpacked):
    with zipfile.ZipFile(bundle) as zf:
        names = zf.namelist()
    assert all(n.startswith(f"{NAME}/") and ".." not in n.split("/") for n in names)
    assert names == sorted(names)
    assert (unpacked / "index.html").is_file()


def test_nothing_is_fetched_from_the_network(unpacked):
    problems = []
    for page in files(unpacked, ".html"):
        found = parse(page)
        problems += [(page.name, u) for u in found.fetched if EXTERNAL.match(u)]
        problems += [(page.name, u) for s in found.styles for u in external_in_css(s)]
        problems += [(page.name, u) for s in found.scripts for u in external_in_js(s)]
    for css in files(unpacked, ".css"):
        problems += [(css.name, u) for u in external_in_css(css.read_text(encoding="utf-8"))]
    for js in files(unpacked, ".js"):
        if js.parent.parent == unpacked / "search":
            search_index.parse_script(js.read_text(encoding="utf-8"))  # the index's files: data only
            continue  # (whose text, the sources' own, may quote an address)
        problems += [(js.name, u) for u in external_in_js(js.read_text(encoding="utf-8"))]
    assert problems == []


def test_local_links_and_resources_resolve_to_files(unpacked):
    # From file:// a link to a folder shows a listing, not the page.
    broken = []
    for page in files(unpacked, ".html"):
        if page.name == "404.html":  # served by web servers only, with root-relative URLs
            continue
        found = parse(page)
        for url in found.fetched + found.links:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if not target.is_file():
                broken.append((page.relative_to(unpacked).as_posix(), url))
    assert broken == []


def test_search_works_without_a_server(unpacked):
    # From file:// Chromium refuses fetch() and module scripts: the search box is a classic script,
    # and every file of the index is one too, handing its data to the function search.js defines.
    home = parse(unpacked / "index.html")
    assert any(u.endswith("assets/javascripts/search.js") for u in home.fetched)
    assert 'type="module"' not in (unpacked / "index.html").read_text(encoding="utf-8")
    files = sorted((unpacked / "search").rglob("*.js"))
    assert (unpacked / "search" / "meta.js") in files and len(files) > 100
    for path in files:
        name, _ = search_index.parse_script(path.read_text(encoding="utf-8"))
        assert f"{name}.js" == path.relative_to(unpacked / "search").as_posix()
    # No worker, so no worker shim to ship.
    assert not any("iframe-worker" in u for u in home.fetched)


def test_a_bundle_without_its_search_index_is_refused(docs_copy):
    tmp = docs_copy()
    site = build_site(ROOT, docs_dir=tmp / "docs", site_dir=tmp / "site")
    shutil.rmtree(site / "search")
    with pytest.raises(EditionError, match="search/meta.js is missing"):
        make_offline_bundle(ROOT, site_dir=site, dist_dir=tmp / "dist")
    assert not (tmp / "dist").exists()


def test_two_builds_give_identical_bundles(bundle, docs_copy):
    assert build(docs_copy()).read_bytes() == bundle.read_bytes()


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


# `make test` installs Chromium; under CI a missing browser is a failure, not a skip.
@pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="no Chromium installed")
def test_search_in_headless_chromium_without_network(unpacked, tmp_path):
    _, entries = search_index.parse_script((unpacked / "search" / "docs" / "1-0.js").read_text(encoding="utf-8"))
    words = re.findall(r"[A-Za-z]{7,}", " ".join(text for _, _, text, _ in entries["docs"]))
    assert words, "nothing to search for"
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
               "--disable-background-networking", "--disable-component-update",
               "--no-first-run", f"--user-data-dir={tmp_path}",
               "--virtual-time-budget=15000", "--dump-dom",
               f"{(unpacked / 'index.html').as_uri()}?q={words[0]}"]
    # A private network namespace proves no request could succeed, where allowed.
    if shutil.which("unshare") and subprocess.run(["unshare", "-n", "true"]).returncode == 0:
        command = ["unshare", "-n"] + command
    dom = subprocess.run(command, capture_output=True, text=True, timeout=120).stdout
    assert re.search(r"\d+ matching documents?", dom), dom[-2000:]
    assert 'class="md-search-result__item"' in dom


def _small_site(site: Path) -> Path:
    (site / "search").mkdir(parents=True)
    (site / "search" / "meta.js").write_text("meta", encoding="utf-8")
    (site / "index.html").write_text("<p>home</p>" * 50, encoding="utf-8")
    (site / "a").mkdir()
    for n in range(5):
        (site / "a" / f"{n}.html").write_text(f"<p>page {n}</p>" * 200, encoding="utf-8")
    return site


def test_a_bundle_made_from_the_published_one_is_the_bundle_made_afresh(tmp_path, monkeypatch):
    """Unchanged files are taken from the published bundle compressed; the zip is the same, byte for byte."""
    site = _small_site(tmp_path / "site")
    published = make_offline_bundle(tmp_path, site_dir=site, previous=tmp_path / "none.zip")
    first = published.read_bytes()
    compressed = []
    real = zipfile.ZipFile.writestr
    monkeypatch.setattr(zipfile.ZipFile, "writestr", lambda zf, info, *a, **k:
                        compressed.append(getattr(info, "filename", info)) or real(zf, info, *a, **k))
    assert make_offline_bundle(tmp_path, site_dir=site).read_bytes() == first
    assert compressed == []  # nothing changed: the published bundle itself
    (site / "a" / "3.html").write_text("<p>changed</p>", encoding="utf-8")
    again = make_offline_bundle(tmp_path, site_dir=site).read_bytes()
    files = {n for n in compressed if not n.endswith("/")}
    assert files == {f"{NAME_OF_TMP}/a/3.html"}  # only the changed file was compressed
    monkeypatch.setattr(zipfile.ZipFile, "writestr", real)
    assert again == make_offline_bundle(tmp_path, site_dir=site, dist_dir=tmp_path / "fresh").read_bytes()
    with zipfile.ZipFile(published) as zf:
        assert zf.testzip() is None and zf.read(f"{NAME_OF_TMP}/a/3.html") == b"<p>changed</p>"


def test_a_rebundle_reads_only_the_files_written_since(tmp_path, monkeypatch):
    """The manifest's marks: a file of the site still as it was (linked, renamed or left alone) is
    known by its recorded digest; only one written since is read."""
    from build_tools import cache

    site = _small_site(tmp_path / "site")
    make_offline_bundle(tmp_path, site_dir=site)
    os.replace(site / "a" / "1.html", site / "a" / "moved")  # renamed and back: the same file
    os.replace(site / "a" / "moved", site / "a" / "1.html")
    (site / "a" / "3.html").write_text("<p>changed</p>", encoding="utf-8")
    read = []
    real = cache.file_digest
    monkeypatch.setattr(cache, "file_digest", lambda path: read.append(Path(path)) or real(path))
    again = make_offline_bundle(tmp_path, site_dir=site).read_bytes()
    assert [p for p in read if site in p.parents] == [site / "a" / "3.html"]
    monkeypatch.setattr(cache, "file_digest", real)
    assert again == make_offline_bundle(tmp_path, site_dir=site, dist_dir=tmp_path / "fresh").read_bytes()


def test_a_bundle_replaced_by_hand_is_not_taken_for_the_one_the_manifest_describes(tmp_path):
    site = _small_site(tmp_path / "site")
    published = make_offline_bundle(tmp_path, site_dir=site, previous=tmp_path / "none.zip")
    fresh = published.read_bytes()
    other = _small_site(tmp_path / "other")
    (other / "index.html").write_text("<p>another home</p>", encoding="utf-8")
    shutil.copyfile(make_offline_bundle(tmp_path, site_dir=other, dist_dir=tmp_path / "o"), published)
    assert make_offline_bundle(tmp_path, site_dir=site).read_bytes() == fresh
