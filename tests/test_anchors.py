"""Published citation anchors never silently disappear (build_tools/anchors.py)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from build_tools import anchors
from build_tools.model import EditionError
from build_tools.site import build_site
from tests.test_browser import browser  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = "bazhanov-damnation-of-stalin/07-i-become-anticommunist.html"
CHAPTER_MD = "bazhanov-damnation-of-stalin/07-i-become-anticommunist.md"


def project(tmp: Path, manifest: list[str], moved: dict[str, str] | None = None) -> Path:
    """A copy of the project (code linked, not copied) with its own anchor files."""
    root = tmp / "project"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for name in ("build_tools", "overrides", "node_modules"):
        (root / name).symlink_to(ROOT / name)
    (root / "data").mkdir()
    (root / anchors.MANIFEST).write_text("\n".join(sorted(manifest)) + "\n", encoding="utf-8")
    if moved:
        (root / anchors.MOVED).write_text("".join(f"{k}: {v}\n" for k, v in moved.items()), encoding="utf-8")
    return root


# ------------------------------------------------------------ check_manifest


PUBLISHED = {CHAPTER: {"p-75", "p-77", "para-75-1"}}


def test_every_missing_anchor_is_named(tmp_path):
    root = project(tmp_path, [f"{CHAPTER}#p-75", f"{CHAPTER}#p-76", f"{CHAPTER}#fn:ch07-1"])
    with pytest.raises(EditionError) as error:
        anchors.check_manifest(root, PUBLISHED)
    assert f"{CHAPTER}#p-76" in str(error.value)
    assert f"{CHAPTER}#fn:ch07-1" in str(error.value)
    assert f"{CHAPTER}#p-75" not in str(error.value)


def test_a_declared_move_passes_and_redirects(tmp_path):
    root = project(tmp_path, [f"{CHAPTER}#p-75", f"{CHAPTER}#p-76"], {f"{CHAPTER}#p-76": f"{CHAPTER}#p-77"})
    assert anchors.check_manifest(root, PUBLISHED) == {f"{CHAPTER}#p-76": f"{CHAPTER}#p-77"}


def test_a_move_to_nowhere_fails(tmp_path):
    root = project(tmp_path, [f"{CHAPTER}#p-76"], {f"{CHAPTER}#p-76": f"{CHAPTER}#p-99"})
    with pytest.raises(EditionError, match=re.escape(f"{CHAPTER}#p-76 -> {CHAPTER}#p-99")):
        anchors.check_manifest(root, PUBLISHED)


def test_manifest_round_trip(tmp_path):
    root = project(tmp_path, [])
    anchors.write_manifest(root, PUBLISHED)
    assert anchors.read_manifest(root) == sorted(f"{CHAPTER}#{a}" for a in PUBLISHED[CHAPTER])
    assert anchors.check_manifest(root, PUBLISHED) == {}


def test_the_committed_manifest_is_sorted_and_well_formed():
    lines = anchors.read_manifest(ROOT)
    assert lines, f"{anchors.MANIFEST} is empty"
    assert lines == sorted(set(lines))
    bad = [line for line in lines if not re.fullmatch(r"[\w./-]+\.html#(p-|para-|fn:)\S+", line)]
    assert bad == []


def test_anchors_are_collected_from_html():
    html = ('<a class="page-break" id="p-76" href="#p-76"></a><a class="para" id="para-76-1"></a>'
            '<li id="fn:ch07-1"></li><sup id="fnref:ch07-1"></sup><h2 id="notes"></h2>')
    assert anchors.anchors_in(html) == {"p-76", "para-76-1", "fn:ch07-1"}


# ------------------------------------------------------- in a real build


@pytest.fixture
def docs_without_p76(docs_copy):
    """The edition as if a change to the source lost the break before page 76."""
    tmp = docs_copy()
    chapter = tmp / "docs" / CHAPTER_MD
    text = chapter.read_text(encoding="utf-8")
    marker = re.search(r'<a class="page-break" id="p-76"[^>]*></a>', text)
    assert marker, "the chapter has no p-76 anchor to remove"
    chapter.write_text(text.replace(marker.group(0), ""), encoding="utf-8")
    return tmp


PROMISED = [f"{CHAPTER}#p-75", f"{CHAPTER}#p-76", f"{CHAPTER}#p-77", f"{CHAPTER}#para-76-1"]


def test_build_fails_naming_the_lost_anchor(docs_without_p76, tmp_path):
    root = project(tmp_path, PROMISED)
    with pytest.raises(EditionError) as error:
        build_site(root, docs_dir=docs_without_p76 / "docs", site_dir=tmp_path / "site")
    assert f"{CHAPTER}#p-76" in str(error.value)
    assert f"{CHAPTER}#p-75" not in str(error.value)


@pytest.fixture
def site_with_move(docs_without_p76, tmp_path):
    root = project(tmp_path, PROMISED, {f"{CHAPTER}#p-76": f"{CHAPTER}#p-77"})
    return build_site(root, docs_dir=docs_without_p76 / "docs", site_dir=tmp_path / "site")


def test_build_with_declared_move_passes(site_with_move):
    script = (site_with_move / "assets" / "javascripts" / "anchor-redirects.js").read_text(encoding="utf-8")
    assert f'"{CHAPTER}#p-76": "{CHAPTER}#p-77"' in script


def test_an_old_citation_lands_on_the_new_anchor(site_with_move, browser):  # noqa: F811
    page = browser.new_page()  # from file:// too: the map is a script, not fetched
    try:
        page.goto((site_with_move / CHAPTER).as_uri() + "#p-76")
        page.wait_for_function("() => location.hash === '#p-77'", timeout=10_000)
    finally:
        page.close()
