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

5. A page whose output cannot have changed is not wrapped in the theme again:
its output is kept by a digest of everything the theme reads for it (its body
and metadata, the navigation, the configuration and theme files, the
source's citation record, the code) and printed as it was (a template of one
line, KEPT_TEMPLATE, added to the theme's loader), so a one-source rebuild
runs Jinja only for the pages it changed (unless a title in the navigation
changed).

6. Titles stay text. Jinja's `striptags` (Material's filter for <title>)
*unescapes* what it strips, so a heading that printed "&lt;script&gt;" would
come out as markup; its result is escaped again. In a hook, not only in
`edition build`, so that `edition serve` and a plain `mkdocs build` are safe too.
Likewise site_name and site_description, which the theme prints unescaped.
"""

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import yaml
from markupsafe import Markup, escape
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc

from build_tools import anchors, cite, page_body
from build_tools.cache import ContentCache

REDIRECTS_JS = anchors.REDIRECTS_JS
CITE_FORMATS = (("BibTeX", "bib"), ("RIS", "ris"), ("CSL-JSON", "json"))

BODY_CACHE = Path(".cache", "edition", "bodies")
PAGE_CACHE = Path(".cache", "edition", "pages")
KEPT_TEMPLATE = "edition-kept-page.html"
JINJA_CACHE = Path(".cache", "edition", "jinja")


@dataclass
class _Build:
    """What the hooks carry from one event to the next in one build, by page (src_uri)."""

    bodies: page_body.BodyCache
    outputs: ContentCache
    body: dict[str, page_body.Body] = field(default_factory=dict)  # rendered, until MkDocs takes it
    body_key: dict[str, str] = field(default_factory=dict)
    output_key: dict[str, tuple[str, bool]] = field(default_factory=dict)  # (key, whether it is kept)
    nav: object = None
    env: object = None


_build: _Build | None = None  # made by on_pre_build
_sources: dict[str, dict] = {}  # per build: the sources by slug


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
    global _build
    _build = _Build(page_body.BodyCache(_root(config) / BODY_CACHE), ContentCache(_root(config) / PAGE_CACHE))


def on_page_markdown(markdown, page, config, files):
    _build.body[page.file.src_uri] = _build.bodies.body(markdown)
    _build.body_key[page.file.src_uri] = _build.bodies.key(markdown)
    return ""


def on_page_content(html, page, config, files):
    body = _build.body.pop(page.file.src_uri)
    page.toc = get_toc(_nested(body.headings))
    page._title_from_render = body.title
    # The HTML is read back from the body cache when the page is written (on_page_context):
    # MkDocs renders every page before it writes any, and holding them all was most of its memory.
    return ""


def _take_body(page) -> None:
    """The page's body, into page.content for its template: from the cache where on_page_markdown
    left it, or rendered again from its Markdown if the entry has gone since."""
    body = _build.bodies.kept(_build.body_key[page.file.src_uri]) or _build.bodies.body(page.file.content_string)
    page.content = body.html


def on_post_build(config):
    _build.bodies.prune()
    _build.outputs.prune()


def on_nav(nav, config, files):
    _build.nav = nav
    return nav


def _choose_kept_outputs(config, files) -> None:
    """Pages whose output the last build left under the same digest are printed as they were."""
    from mkdocs import __version__ as mkdocs_version
    from material import __version__ as material_version

    root = _root(config)
    shared = hashlib.sha256()
    # the file, and what the theme reads of the configuration (also when the file INHERITs another)
    settings = json.dumps({k: config[k] for k in ("site_name", "site_description", "site_url", "copyright",
                                                  "extra", "extra_css", "extra_javascript", "use_directory_urls")}
                          | {"theme": dict(config.theme)}, default=str, sort_keys=True)
    for part in (Path(config.config_file_path).read_bytes(), settings.encode(), Path(__file__).read_bytes(),
                 page_body.RENDERER.encode(), mkdocs_version.encode(), material_version.encode(),
                 os.environ.get("SOURCE_DATE_EPOCH", "").encode(), _nav_text(_build.nav.items).encode()):
        shared.update(hashlib.sha256(part).digest())
    overrides = root / "overrides"
    for path in sorted(overrides.rglob("*")) if overrides.is_dir() else ():
        if path.is_file():
            shared.update(path.relative_to(overrides).as_posix().encode() + b"\0" + path.read_bytes())
    for file in files.documentation_pages():
        page = file.page
        if page is None or file.src_uri not in _build.body_key:
            continue
        slug = file.src_uri.split("/")[0] if "/" in file.src_uri else ""
        key = _build.outputs.key("\0".join([shared.hexdigest(), file.src_uri, _build.body_key[file.src_uri],
                                       json.dumps(page.meta, sort_keys=True, default=str),
                                       json.dumps(_sources.get(slug), sort_keys=True)]))
        kept = _build.outputs.has(key)  # read when its page is written: all held at once, they were most of the memory
        _build.output_key[file.src_uri] = (key, kept)
        if kept:
            page.meta["template"] = KEPT_TEMPLATE


def _nav_text(items, depth: int = 0) -> str:
    """The navigation as every page prints it: each item's title and address, in order."""
    return "".join(f"{depth}\t{item.title}\t{getattr(item, 'url', '')}\n"
                   + _nav_text(getattr(item, "children", None) or [], depth + 1) for item in items)


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
    _build.env = env
    if not getattr(env, "edition_kept", False):  # an environment used again (serve) gets it once
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({KEPT_TEMPLATE: "{{ edition_kept_page }}"}), env.loader])
        env.edition_kept = True
        # Compiled templates kept between builds (by each template's name and source): compiling
        # Material's templates was a tenth of a one-source rebuild.
        folder = _root(config) / JINJA_CACHE
        folder.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    _choose_kept_outputs(config, files)
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


@event_priority(100)  # first: the page's body is in place before any plugin reads page.content
def on_page_context(context, page, config, nav):
    key, kept = _build.output_key.get(page.file.src_uri, ("", False))
    if kept:
        output = _build.outputs.get(key)
        if not isinstance(output, str):  # damaged or gone since: render it here, and keep it again
            _build.output_key[page.file.src_uri] = (key, False)
            _take_body(page)
            context = _cite_context(context, page, config)
            page.meta.pop("template", None)  # as it was when the page was first rendered
            output = _build.env.get_template("main.html").render(context)
        context["edition_kept_page"] = Markup(output)
        return context
    _take_body(page)
    return _cite_context(context, page, config)


def _cite_context(context, page, config):
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
    key, kept = _build.output_key.pop(page.file.src_uri, ("", False))
    if key and not kept:
        _build.outputs.put(key, output)
    return output
