"""MkDocs hooks: what mkdocs.yml alone cannot say.

1. Ship the iframe-worker shim from our pinned npm install. From file://
Chromium refuses to start Web Workers, so Material's search worker needs the
iframe-worker shim; Material's offline plugin would load it from unpkg.com,
which an offline reader cannot reach. The shim is third-party code, so it is
not committed: `npm ci` installs the exact version recorded (with its
integrity hash) in package-lock.json, and this hook adds that file to the
site at the URL listed in `extra.polyfills` in mkdocs.yml.

2. Title each source's section in the navigation after its index page. MkDocs
names a folder's section after the folder ("trotsky-revolution-betrayed");
readers should see the source's title, the H1 of docs/<slug>/index.md. This
keeps the navigation automatic (no `nav:` to maintain by hand).

3. Reading order. The converter knows the order of a book's parts (front
matter, introduction, chapters, notes, index) and writes it to
docs/.nav.yml (dotfiles are not published); file names stay stable URLs.

4. Citation (build_tools/cite.py: one citation model, and the formatting):
every page of a source gets Highwire Press `citation_*` tags and schema.org
JSON-LD in its <head> and a "Cite this" box (overrides/main.html,
overrides/partials/cite.html); data/cite/<slug>.bib|.ris|.json are generated
from docs/data/sources.json. Citations carry the edition's public address,
`extra.edition.base_url`, also in the offline bundle (unset: no absolute
URLs).

5. Stable anchors (build_tools/anchors.py): the anchors of every rendered
page are checked against data/anchors-manifest.txt, for every source in the
build (sources.json); moved ones are redirected by
assets/javascripts/anchor-redirects.js. Once its anchors are
read, a page's Markdown and HTML are let go (memory at scale).

6. Titles stay text. Jinja's `striptags` (Material's filter for <title>)
*unescapes* what it strips, so a heading that printed "&lt;script&gt;" would
come out as markup; its result is escaped again. In a hook, not only in
`edition build`, so that `edition serve` and a plain `mkdocs build` are safe too.
Likewise site_name and site_description, which the theme prints unescaped.
"""

import json
import logging
import posixpath
from pathlib import Path

import yaml
from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from build_tools import anchors, cite

log = logging.getLogger("mkdocs.hooks.edition")
REDIRECTS_JS = "assets/javascripts/anchor-redirects.js"
CITE_FORMATS = (("BibTeX", "bib"), ("RIS", "ris"), ("CSL-JSON", "json"))

# Per build: the sources by slug, and the citable anchors of every page.
_sources: dict[str, dict] = {}
_published: dict[str, set[str]] = {}

PACKAGE = Path("node_modules", "iframe-worker")


def _root(config) -> Path:
    return Path(config.config_file_path).parent


def _base_url(config) -> str:
    base = str((config.extra.get("edition") or {}).get("base_url") or "")
    return base if not base or base.endswith("/") else base + "/"


def on_config(config):
    _sources.clear()
    _published.clear()
    _escape_site_words(config)
    nav_file = Path(config.docs_dir) / ".nav.yml"
    if nav_file.is_file() and not config.nav:
        config.nav = yaml.safe_load(nav_file.read_text(encoding="utf-8"))
    return config


def on_files(files, config):
    _add_citation_files(files, config)
    # The redirect map is a script so that it also loads from file://.
    files.append(File.generated(config, REDIRECTS_JS,
                                content=anchors.redirects_script(anchors.redirects(_root(config)))))
    uris = [str(p) for p in config.extra.get("polyfills", []) if "iframe-worker" in str(p)]
    if not uris:
        return files
    package = Path(config.config_file_path).parent / PACKAGE
    shim = package / "shim" / "index.js"
    if not shim.is_file():
        raise PluginError(f"{shim} is missing; run `npm ci` (or `make site`) first")
    for uri in uris:
        files.append(File.generated(config, uri, abs_src_path=str(shim)))
        # The MIT licence asks for its notice to travel with the code.
        notice = posixpath.join(posixpath.dirname(uri), "LICENSE")
        files.append(File.generated(config, notice, abs_src_path=str(package / "LICENSE")))
    return files


def on_env(env, config, files):
    _escape_striptags(env)
    # Page titles are known once every page has been read, which is by now,
    # and nothing has been rendered yet (404.html included).
    for file in files.documentation_pages():
        page = file.page
        if page is not None and page.is_index and page.parent is not None and page.title:
            page.parent.title = page.title
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
    }


# ------------------------------------------------------------------- anchors


@event_priority(-100)  # last: every other plugin has had the page
def on_post_page(output, page, config):
    ids = anchors.anchors_in(output)
    if ids:
        _published[page.url] = ids
    # Written and indexed: MkDocs would otherwise hold every page's source and HTML until the
    # build ends, which is most of its memory for a large edition. (Markdown "", not None: MkDocs
    # takes a page without Markdown for one without a title, and later pages list this one.)
    page.markdown, page.content = "", None
    return output


# ------------------------------------------------------------------- anchors check


def on_post_build(config):
    root = _root(config)
    if anchors.read_manifest(root):
        # raises EditionError naming every lost anchor of the sources in this build
        anchors.check_manifest(root, _published, sources=_sources)
        new = anchors.unlisted(root, _published)
        if new:
            log.info("%d anchors are not in %s yet; `python -m build_tools.anchors --update` adds them",
                     new, anchors.MANIFEST)
    else:
        log.info("%s is missing: published anchors are not checked", anchors.MANIFEST)
