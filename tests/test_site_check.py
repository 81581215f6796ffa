"""The built site is checked for what the hooks write, so a renderer that skips them fails loudly."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from build_tools.model import EditionError
from build_tools.site import build_site
from build_tools.site_check import REDIRECTS_JS, check_site

ROOT = Path(__file__).resolve().parents[1]
CITED = ('<meta name="citation_title" content="A">'
         '<script type="application/ld+json">{}</script><details class="edition-cite"></details>')


def small_site(tmp: Path, body: str = CITED, title: str = "Chapter one - A") -> Path:
    site = tmp / "site"
    (site / "data" / "cite").mkdir(parents=True)
    (site / "a").mkdir()
    (site / "data" / "sources.json").write_text(json.dumps([{"slug": "a", "parts": [{"url": "a/one.html"}]}]))
    for ext in ("bib", "ris", "json"):
        (site / "data" / "cite" / f"a.{ext}").write_text("x")
    (site / "a" / "one.html").write_text(f"<html><head><title>{title}</title>{body}</head></html>")
    (site / REDIRECTS_JS).parent.mkdir(parents=True)
    (site / REDIRECTS_JS).write_text("")
    return site


def test_a_complete_site_passes(tmp_path):
    check_site(tmp_path, small_site(tmp_path))


@pytest.mark.parametrize("lost, named", [
    ('<meta name="citation_title" content="A">', "no Highwire tags"),
    ('<script type="application/ld+json">{}</script>', "no JSON-LD"),
    ('<details class="edition-cite"></details>', "no cite box"),
])
def test_a_page_without_its_citation_fails_naming_the_page(tmp_path, lost, named):
    site = small_site(tmp_path, CITED.replace(lost, ""))
    with pytest.raises(EditionError, match=rf"a/one\.html: {named}"):
        check_site(tmp_path, site)


def test_missing_citation_files_and_the_redirect_script_are_named(tmp_path):
    site = small_site(tmp_path)
    (site / "data" / "cite" / "a.ris").unlink()
    (site / REDIRECTS_JS).unlink()
    with pytest.raises(EditionError) as error:
        check_site(tmp_path, site)
    for missing in ("data/cite/a.ris: missing", "anchor-redirects.js: missing"):
        assert missing in str(error.value)


@pytest.mark.parametrize("href, fails", [
    ("one.html#here", False), ("#here", False), ("../data/cite/a.bib", False), ("https://example.org/x", False),
    ("one.html#gone", True), ("two.html", True), ("two.html#here", True), ("#gone", True),
    ("../../outside.html", True),
])
def test_a_link_to_a_page_or_place_the_site_lacks_fails_naming_it(tmp_path, href, fails):
    site = small_site(tmp_path, CITED + f'</head><body><p id="here">x</p><a class="k" href="{href}">y</a>')
    if not fails:
        check_site(tmp_path, site)
        return
    with pytest.raises(EditionError, match=rf"a/one\.html: a link to {href}"):
        check_site(tmp_path, site)


def test_each_place_links_lead_is_checked_once_and_every_link_to_a_missing_one_is_named(tmp_path, monkeypatch):
    """The check holds where the links lead, not every link (a large site has millions): a link to a
    place found missing is named on a second reading of the pages' links."""
    from build_tools import site_check

    links = '<a href="one.html#here">x</a><a href="#here">y</a><a href="two.html#p">z</a>'
    site = small_site(tmp_path, CITED + f'</head><body><p id="here">x</p>{links}')
    (site / "a" / "two.html").write_text(f"<html><head><title>Two</title></head><body>{links}</body></html>")
    checked = []
    real = site_check.leads_nowhere
    monkeypatch.setattr(site_check, "leads_nowhere", lambda *a: checked.append(a[2:]) or real(*a))
    with pytest.raises(EditionError) as error:
        check_site(tmp_path, site)
    assert sorted(checked) == [("a/one.html", "here"), ("a/two.html", "here"), ("a/two.html", "p")]
    assert [line.strip() for line in str(error.value).splitlines()[1:]] == [
        "a/one.html: a link to two.html#p, a place that page does not have",
        "a/two.html: a link to #here, a place that page does not have",
        "a/two.html: a link to two.html#p, a place that page does not have"]

def test_what_is_kept_of_a_page_is_used_for_that_page_only(tmp_path, monkeypatch):
    from build_tools import site_check

    cache = tmp_path / "checks"
    site = small_site(tmp_path, CITED + '</head><body><p id="here">x</p><a href="#here">y</a>')
    check_site(tmp_path, site, cache)
    assert len(list(cache.glob("*.json"))) == 1
    with monkeypatch.context() as patched:  # an unchanged page is not read again
        patched.setattr(site_check, "title_problems", lambda *a: pytest.fail("the kept facts were not used"))
        check_site(tmp_path, site, cache)
    page = site / "a" / "one.html"
    page.write_text(page.read_text().replace('href="#here"', 'href="#gone"'))
    with pytest.raises(EditionError, match="a link to #gone"):
        check_site(tmp_path, site, cache)
    page.write_text(page.read_text().replace("<title>Chapter one - A", "<title><b>A</b>"))
    with pytest.raises(EditionError, match="markup in its <title>"):
        check_site(tmp_path, site, cache)
    assert len(list(cache.glob("*.json"))) == 1, "facts of pages no longer in the site are kept"


def test_markup_in_a_title_fails(tmp_path):
    site = small_site(tmp_path, title="<script>alert(1)</script>")
    with pytest.raises(EditionError, match="markup in its <title>"):
        check_site(tmp_path, site)


def test_many_problems_are_counted_not_all_listed(tmp_path):
    site = small_site(tmp_path)
    sources = [{"slug": "a", "parts": [{"url": f"a/{n}.html"} for n in range(30)]}]
    (site / "data" / "sources.json").write_text(json.dumps(sources))
    with pytest.raises(EditionError) as error:
        check_site(tmp_path, site)
    assert "and 10 more" in str(error.value)


def test_a_build_whose_renderer_runs_no_hooks_is_refused_and_nothing_published(docs_copy, tmp_path):
    """As a renderer that reads mkdocs.yml but not its hooks would build it (Zensical runs no MkDocs hook)."""
    root = tmp_path / "project"
    root.mkdir()
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    hooks = "hooks:\n  - build_tools/mkdocs_hooks.py\n"
    assert hooks in config
    (root / "mkdocs.yml").write_text(config.replace(hooks, ""), encoding="utf-8")
    for name in ("build_tools", "overrides", "node_modules"):
        (root / name).symlink_to(ROOT / name)
    shutil.copytree(ROOT / "data", root / "data")
    site = tmp_path / "site"
    with pytest.raises(EditionError) as error:
        build_site(root, docs_dir=docs_copy() / "docs", site_dir=site)
    said = str(error.value)
    assert "no Highwire tags, no JSON-LD, no cite box" in said
    assert "anchor-redirects.js: missing" in said
    assert not site.exists()
