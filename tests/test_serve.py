"""`edition serve` (build_tools/serve.py) on a tiny project, on the command line: it builds as
`edition build` does (search index included), serves on --port, and rebuilds what an edit to a
source changes."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.test_bad_input import EDITION, add_source, make_project

PATIENCE = 300  # seconds: a shared machine may be slow; no budget is asserted, this only ends a hang


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as reply:
            return reply.status, reply.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def wait_for(check, what: str, server: subprocess.Popen, log: Path):
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        got = check()
        if got:
            return got
        if server.poll() is not None:
            pytest.fail(f"edition serve stopped ({server.returncode}) before {what}:\n{log.read_text()}")
        time.sleep(0.5)
    pytest.fail(f"no {what} after {PATIENCE} s:\n{log.read_text()}")


@pytest.fixture
def serving(tmp_path):
    root = make_project(tmp_path / "project")
    add_source(root, "essay")
    port = free_port()
    log = tmp_path / "serve.log"
    with open(log, "w", encoding="utf-8") as out:
        server = subprocess.Popen([str(EDITION), "--root", str(root), "serve", "--port", str(port)],
                                  stdout=out, stderr=subprocess.STDOUT,
                                  env={**os.environ, "SOURCE_DATE_EPOCH": "315532800"})
    try:
        yield root, f"http://127.0.0.1:{port}/", server, log
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def page_with(root: Path, words: str) -> str:
    for path in sorted((root / "site").rglob("*.html")):
        if words in path.read_text(encoding="utf-8"):
            return path.relative_to(root / "site").as_posix()
    return ""


def test_serve_rebuilds_on_an_edit_to_a_source_or_a_register_with_its_search_index(serving):
    root, url, server, log = serving
    wait_for(lambda: get(url)[0] == 200, "site", server, log)
    page = page_with(root, "The peasants paid.")
    assert page
    status, html = get(url + page)
    assert status == 200 and "The peasants paid." in html
    assert "livereload" in html  # the reload script, put in by the server
    assert "livereload" not in (root / "site" / page).read_text(encoding="utf-8")  # not into site/
    assert get(url + "search/meta.js")[0] == 200  # the search index is served, as built

    raw = root / "sources" / "essay" / "raw.txt"
    raw.write_text(raw.read_text(encoding="utf-8").replace("The peasants paid.", "The kulaks were deported."),
                   encoding="utf-8")
    html = wait_for(lambda: (lambda got: got[1] if "kulaks were deported" in got[1] else "")(get(url + page)),
                    "rebuilt page", server, log)
    assert "The peasants paid." not in html
    from build_tools import search_index
    found = search_index.Index(root / "site" / "search").search("kulaks")
    assert [p["url"] for p in found["pages"]] == [page]


    # A register is an input too: the page links the person it now knows.
    (root / "data" / "persons.yml").write_text("- id: stalin-iosif\n  name: Iosif Stalin\n  variants: [Stalin]\n",
                                               encoding="utf-8")
    wait_for(lambda: "#stalin-iosif" in get(url + page)[1], "page linking the register", server, log)


def test_a_port_in_use_is_one_line(tmp_path):
    root = make_project(tmp_path / "project")
    add_source(root, "essay")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([str(EDITION), "--root", str(root), "serve", "--port", str(port)],
                              capture_output=True, text=True, timeout=PATIENCE)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == (f"edition: error: port {port} on 127.0.0.1 is in use; "
                                                    "choose another with --port")
    assert not (root / "site").exists()
