"""MkDocs hooks: the three things mkdocs.yml alone cannot say.

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
"""

import posixpath
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

PACKAGE = Path("node_modules", "iframe-worker")


def on_config(config):
    nav_file = Path(config.docs_dir) / ".nav.yml"
    if nav_file.is_file() and not config.nav:
        config.nav = yaml.safe_load(nav_file.read_text(encoding="utf-8"))
    return config


def on_files(files, config):
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
    # Page titles are known once every page has been read, which is by now,
    # and nothing has been rendered yet (404.html included).
    for file in files.documentation_pages():
        page = file.page
        if page is not None and page.is_index and page.parent is not None and page.title:
            page.parent.title = page.title
    return env
