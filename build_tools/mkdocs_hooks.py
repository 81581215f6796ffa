"""MkDocs hooks: what mkdocs.yml alone cannot say.

1. The navigation. The converter knows the order of a book's parts (front
matter, introduction, chapters, notes, index) and how a historian names each
source ("Bazhanov, <i>Damnation of Stalin</i>"), and writes both, every title
escaped, to docs/.nav.yml (dotfiles are not published); file names stay
stable URLs. The hook only hands that file to MkDocs as its `nav`.

2. Citation (build_tools/cite.py: one citation model, and the formatting):
every page of a source gets Highwire Press `citation_*` tags and schema.org
JSON-LD in its <head> and a "Cite this" box (overrides/main.html,
overrides/partials/cite.html); data/cite/<slug>.bib|.ris|.json are generated
from docs/data/sources.json. Citations carry the edition's public address,
`extra.edition.base_url`, also in the offline bundle (unset: no absolute
URLs).

3. Stable anchors (build_tools/anchors.py): moved ones (data/anchors-moved.yml, and the
entries of the split register pages) are sent on by
assets/javascripts/anchor-redirects.js. (The anchors themselves are checked
against data/anchors-manifest.txt after the build, from the site's HTML, by
build_tools/site_check.py, which also fails the build when what these hooks
write is missing.) A page's Markdown and HTML are let go once rendered
(memory at scale).

4. Page bodies come from build_tools/page_body.py (markdown-it-py, cached by
content), not from Python-Markdown: MkDocs only wraps them in the theme. The
Markdown extensions in mkdocs.yml are what a renderer without this hook
uses on the same Markdown; here they are switched off, so MkDocs' own
converter has nothing to do. Links are checked in the built site
(build_tools/site_check.py), as MkDocs' converter no longer sees them.

5. Titles stay text. Jinja's `striptags` (Material's filter for <title>)
*unescapes* what it strips, so a heading that printed "&lt;script&gt;" would
come out as markup; its result is escaped again. In a hook, not only in
`edition build`, so that `edition serve` and a plain `mkdocs build` are safe too.
Likewise site_name and site_description, which the theme prints unescaped.
"""

import json
from pathlib import Path

import yaml
from markupsafe import Markup, escape
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc

from build_tools import anchors, cite, page_body

REDIRECTS_JS = anchors.REDIRECTS_JS
CITE_FORMATS = (("BibTeX", "bib"), ("RIS", "ris"), ("CSL-JSON", "json"))

# Per build: the sources by slug; the rendered page bodies.
_sources: dict[str, dict] = {}
_bodies: dict[str, page_body.Body] = {}
_cache: list[page_body.BodyCache] = []
BODY_CACHE = Path(".cache", "edition", "bodies")


def _root(config) -> Path:
    return Path(config.config_file_path).parent


def _base_url(config) -> str:
    base = str((config.extra.get("edition") or {}).get("base_url") or "")
    return base if not base or base.endswith("/") else base + "/"


def on_config(config):
    _sources.clear()
    _escape_site_words(config)
    # The bodies are ours (on_page_markdown): Python-Markdown gets an empty page, with nothing to run.
    config["markdown_extensions"], config["mdx_configs"] = [], {}
    nav_file = Path(config.docs_dir) / ".nav.yml"
    if nav_file.is_file() and not config.nav:
        config.nav = yaml.safe_load(nav_file.read_text(encoding="utf-8"))
    return config


def on_files(files, config):
    _add_citation_files(files, config)
    # The redirect map (declared moves, and the register entries' docs/data/register-moves.json) is a
    # script so that it also loads from file://.
    files.append(File.generated(config, REDIRECTS_JS, content=anchors.redirects_script(
        anchors.redirects(_root(config), Path(config.docs_dir)))))
    return files


def on_pre_build(config):
    _bodies.clear()
    _cache[:] = [page_body.BodyCache(_root(config) / BODY_CACHE)]


def on_page_markdown(markdown, page, config, files):
    _bodies[page.file.src_uri] = _cache[0].body(markdown)
    return ""


def on_page_content(html, page, config, files):
    body = _bodies.pop(page.file.src_uri)
    page.toc = get_toc(_nested(body.headings))
    page._title_from_render = body.title
    return body.html


def on_post_build(config):
    _cache[0].prune()


def _nested(headings) -> list[dict]:
    """The page's headings as MkDocs' table of contents takes them: each under the last one above its level."""
    top: list[dict] = []
    open_: list[dict] = []
    for h in headings:
        token = {"level": h.level, "id": h.id, "name": h.name, "children": []}
        while open_ and open_[-1]["level"] >= h.level:
            open_.pop()
        (open_[-1]["children"] if open_ else top).append(token)
        open_.append(token)
    return top


def on_env(env, config, files):
    _escape_striptags(env)
    return env


def _escape_site_words(config) -> None:
    """The theme prints site_name and site_description as they are (in <title>, the header, a
    <meta> attribute) and sometimes through `| e`: as Markup they are escaped once, either way."""
    for key in ("site_name", "site_description"):
        if config[key] is not None and not isinstance(config[key], Markup):
            config[key] = Markup.escape(config[key])


def _escape_striptags(env) -> None:
    strip = env.filters["striptags"]
    if getattr(strip, "escapes", False):  # an environment used again (serve) is wrapped once
        return

    def striptags(value):
        return escape(strip(value))

    striptags.escapes = True
    env.filters["striptags"] = striptags


# ------------------------------------------------------------------ citation


def _add_citation_files(files, config):
    path = Path(config.docs_dir) / "data" / "sources.json"
    if not path.is_file():
        return
    base = _base_url(config)
    for source in json.loads(path.read_text(encoding="utf-8")):
        _sources[source["slug"]] = source
        url = base + source["parts"][0]["url"] if base and source.get("parts") else None
        for content, ext in ((cite.bibtex(source, url), "bib"), (cite.ris(source, url), "ris"),
                             (json.dumps([cite.csl(source, url)], ensure_ascii=False, indent=1) + "\n", "json")):
            files.append(File.generated(config, f"data/cite/{source['slug']}.{ext}", content=content))


def on_page_context(context, page, config, nav):
    source = _sources.get(page.file.src_uri.split("/")[0]) if "/" in page.file.src_uri else None
    if source is not None:
        context["edition_cite"] = _page_citation(source, page.url, _base_url(config))
    return context


def _page_citation(source: dict, url: str, base: str) -> dict:
    """What overrides/main.html and partials/cite.html print for one page.

    Without script the box cites the part (cite.part_locator: its pages, its paragraphs, or
    nothing for a page that stands for a whole book); edition.js fills the templates with the
    page or paragraph at the reader's place, which the page's anchors carry (data-cite...).
    """
    part = next((p for p in source.get("parts") or [] if p["url"] == url), None)
    absolute = base + url if base else None
    where = cite.part_locator(source, part)
    here = cite.pinpoint(source, "{n}")  # {n} and {url} are filled in by edition.js
    styles = []
    for name, (label, style) in cite.STYLES.items():
        styles.append({
            "id": name, "label": label,
            "html": style(source, where, absolute),
            "template": style(source, here, "{url}"),
            "template_nourl": style(source, here, None),
        })
    slug = source["slug"]
    return {
        "slug": slug,
        "meta": cite.highwire(source, part, absolute),
        "jsonld": cite.jsonld_script(cite.jsonld(source, part, absolute)),
        "styles": styles,
        "url": absolute or "",
        "unit": cite.unit(source),
        "locator": cite.locator_text(where),
        "locator_template": cite.locator_text(here),
        "files": [(label, f"data/cite/{slug}.{ext}") for label, ext in CITE_FORMATS],
        "tei": f"data/tei/{slug}.xml",
    }


# -------------------------------------------------------------------- memory


@event_priority(-100)  # last: every other plugin has had the page
def on_post_page(output, page, config):
    # Written and indexed: MkDocs would otherwise hold every page's source and HTML until the
    # build ends, which is most of its memory for a large edition. (Markdown "", not None: MkDocs
    # takes a page without Markdown for one without a title, and later pages list this one.)
    page.markdown, page.content = "", None
    return output
