"""The navigation stays the same size on every page, however many sources there are.

Material prints the top level of the navigation on every page, with the pages
of each top-level section. Were every source at the top level, each page
would list every page of every source: a site that grows with the square of
its corpus. Above `extra.edition.navigation_group_size` sources, they sit in
groups under "Sources", and a page prints the groups, its own group and its
own source.
"""
from __future__ import annotations

import re

import pytest
import yaml

from build_tools.enrich import Registers
from build_tools.model import EditionError
from build_tools.pipeline import Contribution, navigation
from build_tools.read import read_settings
from tests.test_bad_input import add_source, edition, make_project

SLUGS = [f"s{k:02d}" for k in range(7)]


def contribution(slug: str, family: str) -> Contribution:
    return Contribution(slug=slug, files={}, nav={slug: [f"{slug}/index.md"]}, home="", short_title=family,
                        audit={}, warnings=[], problems="", emendations=[], record={}, notes={}, where={},
                        places={}, occurrences=[])


def sources_in(nav) -> list[str]:
    """The source sections of a navigation, in order, wherever they sit."""
    found = []
    for item in nav:
        for key, value in item.items():
            if isinstance(value, list):
                found += [key] if all(isinstance(v, str) for v in value) else sources_in(value)
    return found


def test_a_few_sources_sit_at_the_top_level():
    done = [contribution(s, s.title()) for s in SLUGS[:3]]
    nav = navigation(done, Registers(), group_size=3)
    assert nav == [{"Home": "index.md"}] + [c.nav for c in done]


def test_more_sources_than_a_group_holds_are_grouped_evenly_in_order():
    done = [contribution(s, f"Author {s}") for s in SLUGS]
    nav = navigation(done, Registers(), group_size=3)
    assert [list(item) for item in nav] == [["Home"], ["Sources"]]
    groups = nav[1]["Sources"]
    # Seven sources in groups of at most three: three groups, sizes as even as can be.
    assert [len(next(iter(g.values()))) for g in groups] == [2, 2, 3]
    assert sources_in(nav) == SLUGS
    assert list(groups[0]) == ["Author s00 – Author s01"]


def test_a_group_title_is_text_not_markup():
    done = [contribution("a", "<b>Ann</b>"), contribution("b", "O'Brien & Co")]
    nav = navigation(done, Registers(), group_size=1)
    titles = [next(iter(g)) for g in nav[1]["Sources"]]
    assert titles == ["&lt;b&gt;Ann&lt;/b&gt;", "O&#x27;Brien &amp; Co"]


@pytest.mark.parametrize("value", ["many", 1, True, [20]])
def test_a_bad_group_size_is_refused_naming_the_file(tmp_path, value):
    config = tmp_path / "mkdocs.yml"
    config.write_text(yaml.safe_dump({"site_name": "x", "extra": {"edition": {"navigation_group_size": value}}}))
    with pytest.raises(EditionError, match=re.escape(str(config)) + ".*navigation_group_size"):
        read_settings(tmp_path)


def test_a_built_page_lists_its_own_group_not_every_source(tmp_path):
    root = make_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("navigation_group_size: 20", "navigation_group_size: 2")
    config.write_text(re.sub(r"(?m)^site_name: .*$", "site_name: Essays in Groups", text), encoding="utf-8")
    assert read_settings(root).navigation_group_size == 2
    for slug in ("alpha", "beta", "delta", "epsilon"):
        add_source(root, slug)
    # Its author names a group: text, never markup.
    add_source(root, "gamma", meta="text: raw.txt\nbibliography: {kind: essay, title: Gamma, "
                                   "authors: [{family: '<img src=x onerror=alert(1)>', given: A.}]}\nlayout: {}\n")
    result = edition(root, "build")
    assert result.returncode == 0, result.stderr

    def links(page: str) -> set[str]:
        """The pages the primary navigation (the left sidebar) of page links to."""
        html = (root / "site" / page).read_text(encoding="utf-8")
        nav = html[html.index("md-nav--primary"):html.index("md-sidebar--secondary")]
        return set(re.findall(r'href="([^"#]+)"', nav))

    # In order: alpha | beta, delta | epsilon, gamma. Beta's page lists its own group's
    # sources and its own pages; another group is one link, to its first source.
    assert links("beta/index.html") == {"../index.html", "../alpha/index.html", "index.html", "editorial-notes.html",
                                        "../delta/index.html", "../epsilon/index.html"}
    assert "../gamma/index.html" in links("epsilon/index.html")
    html = (root / "site" / "epsilon" / "index.html").read_text(encoding="utf-8")
    assert "Epsilon – &lt;img src=x onerror=alert(1)&gt;" in html and "<img src=x" not in html
    # The home page is the edition's, not the five seeds': its title is the site's name.
    home = (root / "docs" / "index.md").read_text(encoding="utf-8")
    assert home.startswith("# Essays in Groups\n\n")
