"""`edition serve`: the edition as `edition build` makes it, rebuilt and reloaded on every edit.

MkDocs' own `serve` renders docs/ only: an edit to a source, a register, a
profile or the theme's overrides changed nothing, and the served site had
no search index (build_site writes it after MkDocs). Here every build is
`edition build`'s (convert, render, search index, self-check, bundle; cached,
so an edit to one source converts that source only), and the site it swaps
in is served by MkDocs' live-reload server, which puts its reload script
into the pages it sends (not into site/: the built files stay as
`edition build` writes them) and reloads open pages once a rebuild is done.
A failed rebuild is one line; the previous site stays up.
"""
from __future__ import annotations

import errno
import logging
import socket
from pathlib import Path

WATCHED = ("sources", "data", "overrides", "mkdocs.yml")  # what a build reads, but the code
HOST = "127.0.0.1"
DEFAULT_PORT = 8000

log = logging.getLogger("edition.serve")


def serve(root: Path, port: int = DEFAULT_PORT) -> None:
    from mkdocs.livereload import LiveReloadServer

    from build_tools.cli import build

    require_free_port(port)
    build(root)
    server = LiveReloadServer(builder=lambda: rebuild(root), host=HOST, port=port, root=str(root / "site"))
    for name in WATCHED:
        if (root / name).exists():
            server.watch(str(root / name))
    try:
        server.serve()
    except KeyboardInterrupt:
        log.info("Shutting down...")
    finally:
        server.shutdown()


def rebuild(root: Path) -> None:
    """One rebuild for the server: an error the editor can fix is one line (the server prints a
    SystemExit's message and keeps the last good site), anything else its traceback."""
    from build_tools.cli import _is_user_error, _one_line, build, io_problem

    try:
        build(root)
    except OSError as exc:
        raise SystemExit(f"edition: error: {_one_line(io_problem(exc))}") from None
    except Exception as exc:
        if not _is_user_error(exc):
            raise
        raise SystemExit(f"edition: error: {_one_line(exc)}") from None


def require_free_port(port: int) -> None:
    from build_tools.model import EditionError

    if not 0 < port < 65536:
        raise EditionError(f"--port {port}: a port is a number from 1 to 65535")
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        probe.bind((HOST, port))
    except OSError as exc:
        if exc.errno in (errno.EADDRINUSE, errno.EACCES):
            raise EditionError(f"port {port} on {HOST} is {'in use' if exc.errno == errno.EADDRINUSE else 'not allowed'}; "
                               "choose another with --port") from None
        raise
    finally:
        probe.close()
