"""Page bodies rendered by build_tools/page_body.py: each rule on a few lines of its own, then the whole
edition against Python-Markdown with mkdocs.yml's extensions (what MkDocs rendered before)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import markdown
import yaml

from benchmarks.site_diff import facets
from build_tools.mkdocs_hooks import PAGE_CACHE
from build_tools.page_body import FOOTNOTES_HERE, MD_LINK, BodyCache, _parser, render
from build_tools.site import build_site

ROOT = Path(__file__).resolve().parents[1]


def test_a_heading_takes_its_attributes_and_a_permalink():
    body = render("## Safarov, Georgy { #safarov-georgy .person data-search-exclude }\n")
    assert body.html.startswith('<h2 class="person" data-search-exclude="data-search-exclude" id="safarov-georgy">'
                                "Safarov, Georgy")
    assert '<a class="headerlink" href="#safarov-georgy" title="Permanent link">&para;</a></h2>' in body.html
    assert [(h.level, h.id, h.name) for h in body.headings] == [(2, "safarov-georgy", "Safarov, Georgy")]


def test_a_heading_without_an_id_gets_one_from_its_words_and_each_is_unique():
    body = render("# Émigrés & <em>exiles</em>\n\n## Summary\n\n## Summary\n\n## x { #summary_1 }\n")
    assert [h.id for h in body.headings] == ["emigres-exiles", "summary", "summary_2", "summary_1"]
    assert body.title == "Émigrés & exiles"
    assert body.headings[0].name == "Émigrés &amp; exiles"


def test_a_closing_attribute_line_gives_the_paragraph_its_class():
    html = render("The German revolution.\nDiscussion.\n{: .summary }\n\nNext { .not-attributes }\n").html
    assert html.startswith('<p class="summary">The German revolution.\nDiscussion.</p>')
    assert "<p>Next { .not-attributes }</p>" in html


def test_links_to_pages_lead_to_their_html_and_other_links_are_kept():
    html = render("[a](../persons/s.md#stalin-joseph) [b](index.md) [c](https://x.org/a.md) "
                  "[d](#p-3) [e](mailto:a@b.md) [f](data/x.json)\n").html
    for href in ('"../persons/s.html#stalin-joseph"', '"index.html"', '"https://x.org/a.md"', '"#p-3"',
                 '"mailto:a@b.md"', '"data/x.json"'):
        assert f"href={href}" in html


def test_notes_are_numbered_as_defined_linked_both_ways_and_placed_where_the_page_says():
    page = "\n".join([
        "# Chapter", "",
        "Text[^b] and more[^a], and again[^b]. A [^missing] is text.", "",
        "## Notes { #notes }", "",
        "[^a]: First note,", "    continued.", "",
        "    A second paragraph of it.", "",
        "[^b]: Second note.", "",
        FOOTNOTES_HERE, "",
        "### After the notes", "",
    ])
    html = render(page).html
    assert '<sup id="fnref:b"><a class="footnote-ref" href="#fn:b">2</a></sup>' in html
    assert '<sup id="fnref:a"><a class="footnote-ref" href="#fn:a">1</a></sup>' in html
    assert '<sup id="fnref2:b">' in html
    assert "A [^missing] is text." in html
    notes = html.index('<div class="footnote">')
    assert html.index('id="notes"') < notes < html.index("After the notes")
    first = html[html.index('<li id="fn:a">'):html.index('<li id="fn:b">')]
    assert "<p>First note,\ncontinued.</p>" in first
    assert first.rstrip().endswith('A second paragraph of it.&#160;<a class="footnote-backref" href="#fnref:a" '
                                   'title="Jump back to footnote 1 in the text">&#8617;</a></p>\n</li>')
    assert FOOTNOTES_HERE not in html


def test_without_a_place_for_them_the_notes_close_the_page():
    html = render("Text[^1].\n\n[^1]: The note.\n\nLast paragraph.\n").html
    assert html.index("Last paragraph.") < html.index('<div class="footnote">')


def test_a_table_and_raw_html_pass_as_python_markdown_gave_them():
    html = render('| Entry | Count |\n| --- | --- |\n| glued | 2 |\n\n<div class="x" hidden data-y="[1]"></div>\n').html
    assert "<th>Entry</th>" in html and "<td>2</td>" in html
    assert '<div class="x" hidden data-y="[1]"></div>' in html


def test_a_body_is_rendered_once_per_content_and_the_cache_keeps_one_builds_pages(tmp_path):
    cache = BodyCache(tmp_path / "bodies")
    first = cache.body("# One\n\nText.\n")
    cache.body("# Two\n")
    assert cache.rendered == 2
    again = BodyCache(tmp_path / "bodies")
    assert again.body("# One\n\nText.\n") == first
    assert again.body("# One\n\nText changed.\n") != first
    assert again.rendered == 1
    again.prune()
    assert len(list((tmp_path / "bodies").iterdir())) == 2  # "# Two" was not used by this build


def test_a_damaged_cache_entry_is_rendered_again(tmp_path):
    cache = BodyCache(tmp_path / "bodies")
    body = cache.body("# One\n")
    for entry in (tmp_path / "bodies").iterdir():
        entry.write_text("{not json")
    again = BodyCache(tmp_path / "bodies")
    assert again.body("# One\n") == body and again.rendered == 1


def _python_markdown(text: str) -> str:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names, configs = [], {}
    for item in config["markdown_extensions"]:
        name = next(iter(item)) if isinstance(item, dict) else item
        names.append(name)
        configs[name] = item[name] if isinstance(item, dict) else {}
    return markdown.markdown(text, extensions=names, extension_configs=configs)


def test_every_page_of_the_edition_reads_as_python_markdown_rendered_it(built_docs):
    """Text, ids and links of each page's body identical to mkdocs.yml's extensions' rendering (with the
    links to pages made .html, as MkDocs did after Python-Markdown)."""
    pages = sorted(built_docs.rglob("*.md"))
    assert len(pages) > 50
    differing = []
    for path in pages:
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            text = text.split("\n---\n", 1)[1]
        ours = facets("page.html", render(text).html)
        theirs = facets("page.html", _python_markdown(text))
        theirs["links"] = [MD_LINK.sub(r"\1.html", link) for link in theirs["links"]]
        if ours != theirs:
            differing.append(path.relative_to(built_docs).as_posix())
    assert differing == []


def _small_project(tmp: Path) -> Path:
    root = tmp / "project"
    (root / "docs" / "data").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root)
    shutil.copytree(ROOT / "overrides", root / "overrides")
    (root / "build_tools").symlink_to(ROOT / "build_tools")
    (root / "docs" / "data" / "sources.json").write_text("[]\n", encoding="utf-8")
    (root / "docs" / "index.md").write_text("# Home\n\nSee [one](one.md#a).\n", encoding="utf-8")
    (root / "docs" / "one.md").write_text("# One\n\n## A { #a }\n\nText.\n", encoding="utf-8")
    return root


def test_a_page_whose_output_cannot_have_changed_is_printed_as_the_last_build_left_it(tmp_path):
    root = _small_project(tmp_path)
    site = build_site(root)
    kept = sorted((root / PAGE_CACHE).glob("*.json"))
    assert len(kept) == 2
    for path in kept:  # mark what the cache holds: a page printed from it shows the mark
        text = json.loads(path.read_text(encoding="utf-8")).replace("<h1", "<h1 data-kept")
        path.write_text(json.dumps(text), encoding="utf-8")
    site = build_site(root)
    assert all(b"<h1 data-kept" in (site / name).read_bytes() for name in ("index.html", "one.html"))
    (root / "docs" / "one.md").write_text("# One\n\n## A { #a }\n\nText changed.\n", encoding="utf-8")
    site = build_site(root)
    assert b"data-kept" not in (site / "one.html").read_bytes() and b"Text changed." in (site / "one.html").read_bytes()
    assert b"data-kept" in (site / "index.html").read_bytes()  # its output depends on nothing that changed


def test_a_title_in_the_navigation_changes_every_page(tmp_path):
    root = _small_project(tmp_path)
    build_site(root)
    for path in (root / PAGE_CACHE).glob("*.json"):
        path.write_text(json.dumps(json.loads(path.read_text(encoding="utf-8")) + "<!-- kept -->"), encoding="utf-8")
    (root / "docs" / "one.md").write_text("# One, renamed\n\n## A { #a }\n\nText.\n", encoding="utf-8")
    site = build_site(root)
    assert not any(b"<!-- kept -->" in p.read_bytes() for p in site.glob("*.html"))
    assert b"One, renamed" in (site / "index.html").read_bytes()


def test_a_kept_page_damaged_after_it_was_chosen_is_rendered_again(tmp_path, monkeypatch):
    """The output is read only when its page is written (memory); if it is unreadable by then, the
    page is rendered as if nothing had been kept, and kept again."""
    from build_tools.cache import ContentCache

    root = _small_project(tmp_path)
    site = build_site(root)
    fresh = (site / "one.html").read_bytes()
    real_get = ContentCache.get
    monkeypatch.setattr(ContentCache, "get", lambda self, key: None if "pages" in str(self.folder)
                        else real_get(self, key))
    site = build_site(root)
    assert (site / "one.html").read_bytes() == fresh


def test_a_plain_relative_url_is_normalised_as_markdown_it_would():
    import random
    from markdown_it import MarkdownIt
    normalize = MarkdownIt("commonmark").normalizeLink
    fast = _parser().normalizeLink
    assert fast is not normalize
    rng = random.Random(17)
    alphabet = "aZ09._~/#-:%? éAB"
    urls = ["../persons/s.md#stalin", "//Example.COM/a", "03-x.md", "#p-12", "a b.md", "HTTP://x.org/%7e",
            "caf\u00e9.md"] + ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(3000)]
    for url in urls:
        assert fast(url) == normalize(url), url


def test_mkdocs_holds_no_page_body_between_rendering_the_pages_and_writing_them(tmp_path, monkeypatch):
    """MkDocs renders every page before it writes one: a body is taken from the cache only when its
    page is written, or the whole edition's HTML would be in memory at once."""
    from mkdocs.commands import build as mkdocs_build

    from build_tools.mkdocs_hooks import BODY_CACHE

    root = _small_project(tmp_path)
    held, lose_bodies = [], []
    real_build_page = mkdocs_build._build_page

    def build_page(page, config, doc_files, *args, **kwargs):  # every page rendered, this one to write
        held.append(sum(len(f.page.content or "") for f in doc_files if f.page and f.page is not page))
        if lose_bodies:
            shutil.rmtree(root / BODY_CACHE, ignore_errors=True)
        return real_build_page(page, config, doc_files, *args, **kwargs)

    monkeypatch.setattr(mkdocs_build, "_build_page", build_page)
    site = build_site(root)
    assert len(held) == 2 and held[0] == 0
    assert b"<p>Text.</p>" in (site / "one.html").read_bytes()
    lose_bodies.append(True)  # the cache emptied before the pages are written: rendered again
    (root / "docs" / "one.md").write_text("# One\n\n## A { #a }\n\nText, again.\n", encoding="utf-8")
    site = build_site(root)
    assert b"<p>Text, again.</p>" in (site / "one.html").read_bytes()
