"""One build at a time, nothing lost in its way, and a build killed anywhere leaves the last one whole.

Through the `edition` command in a built temporary project (see test_bad_input.py).
"""
from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.test_bad_input import PROSE, assert_refused, built, edition, error_line, outputs, project  # noqa: F401

LOCK = Path(".cache", "edition", "build.lock")


def _change(root: Path, words: str = "A new paragraph.") -> None:
    """A change to the inputs, so that a build has work to do."""
    (root / "sources" / "alpha" / "raw.txt").write_text(PROSE + f"\n{words}\n", encoding="utf-8")


# ------------------------------------------------------------------ the lock

def test_a_second_build_stops_at_once_while_one_is_running(project):
    _change(project)
    before = outputs(project)
    with open(project / LOCK, "a+") as held:  # a build at work holds this lock
        fcntl.flock(held, fcntl.LOCK_EX)
        held.write("pid 4242\n")
        held.flush()
        for command in ("build", "convert"):
            message = error_line(edition(project, command, timeout=60))
            assert message.startswith(f"edition: error: {project / LOCK}: another edition build"), message
            assert "pid 4242" in message
    assert outputs(project) == before
    assert edition(project, "build").returncode == 0  # the lock goes with the process that held it


def test_two_builds_started_together_never_break_each_other(project, tmp_path):
    _change(project)
    reference = tmp_path / "reference"
    shutil.copytree(project, reference, symlinks=True)
    assert edition(reference, "build").returncode == 0
    env = {**os.environ, "SOURCE_DATE_EPOCH": "315532800"}
    command = [str(Path(sys.executable).with_name("edition")), "--root", str(project), "build"]
    runs = [subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=env) for _ in range(2)]
    results = [(r.wait(timeout=180), r.stderr.read()) for r in runs]
    for code, stderr in results:
        assert "Traceback" not in stderr, stderr
        assert code == 0 or "another edition build or convert is running" in stderr.splitlines()[-1], stderr
    assert any(code == 0 for code, _ in results)
    assert outputs(project) == outputs(reference)


# ------------------------------------------------------- what a build replaces

def test_a_folder_where_the_bundle_goes_is_not_deleted(project):
    _change(project)
    folder = project / "dist" / "stalin-edition-offline.zip"
    folder.unlink()
    folder.mkdir()
    (folder / "notes.txt").write_text("somebody's work\n")
    assert_refused(project, "dist/stalin-edition-offline.zip", None, "folder", "move it")
    assert (folder / "notes.txt").read_text() == "somebody's work\n"


def test_an_edit_to_a_file_mkdocs_yml_inherits_rebuilds(project):
    (project / "base.yml").write_text("site_description: The first description.\n", encoding="utf-8")
    with open(project / "mkdocs.yml", "a", encoding="utf-8") as f:
        f.write("INHERIT: base.yml\n")
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "\n".join(l for l in text.splitlines() if not l.startswith(("site_description", "  A critical", "  Stalinism")))
        + "\n", encoding="utf-8")
    assert edition(project, "build").returncode == 0
    assert "The first description." in (project / "site" / "index.html").read_text(encoding="utf-8")
    assert "skipped" in edition(project, "build").stderr
    (project / "base.yml").write_text("site_description: The second description.\n", encoding="utf-8")
    again = edition(project, "build")
    assert again.returncode == 0 and "skipped" not in again.stderr, again.stderr
    assert "The second description." in (project / "site" / "index.html").read_text(encoding="utf-8")


# ---------------------------------------------------------- fault injection

# Run `edition build` with one function wrapped so that the process kills itself (SIGKILL: no
# cleanup of any kind) the n-th time it is called: during conversion, while MkDocs writes the
# site, while the bundle is zipped.
KILLER = textwrap.dedent("""
    import importlib, os, signal, sys
    module, name, when = sys.argv[1], sys.argv[2], int(sys.argv[3])
    owner, _, attr = name.rpartition(".")
    target = importlib.import_module(module)
    for part in filter(None, owner.split(".")):
        target = getattr(target, part)
    original, calls = getattr(target, attr), [0]
    def wrapped(*args, **kwargs):
        calls[0] += 1
        if calls[0] == when:
            os.kill(os.getpid(), signal.SIGKILL)
        return original(*args, **kwargs)
    setattr(target, attr, wrapped)
    from build_tools.cli import main
    sys.exit(main(sys.argv[4:]))
""")
KILL_POINTS = {  # point: (module, function, which call, the stages finished by then)
    "convert": ("build_tools.pipeline", "_write", 3, ()),  # a page of the staged docs
    "render": ("mkdocs.utils", "write_file", 5, ("convert",)),  # a page of the staged site
    "zip": ("zipfile", "ZipFile.writestr", 40, ("convert", "mkdocs build")),  # an entry of the bundle
}
STAGES = ("convert", "mkdocs build", "offline bundle")


@pytest.mark.parametrize("point", list(KILL_POINTS))
def test_a_build_killed_anywhere_leaves_the_last_build_whole(project, tmp_path, point):
    _change(project, "A paragraph the killed build never published.")
    reference = tmp_path / "reference"
    shutil.copytree(project, reference, symlinks=True)
    assert edition(reference, "build").returncode == 0  # what the next build must give
    before, listing = outputs(project), sorted(os.listdir(project))
    module, name, when, finished = KILL_POINTS[point]
    killed = subprocess.run([sys.executable, "-c", KILLER, module, name, str(when), "--root", str(project), "build"],
                            capture_output=True, text=True, timeout=180,
                            env={**os.environ, "SOURCE_DATE_EPOCH": "315532800"})
    assert killed.returncode == -9, killed.stderr  # it was killed, not finished or failed
    timed = [stage for stage in STAGES if any(line.startswith(stage + " ") for line in killed.stderr.splitlines())]
    assert tuple(timed) == finished, killed.stderr  # killed in the stage meant
    assert outputs(project) == before, "a killed build changed docs/, site/ or dist/"
    assert sorted(os.listdir(project)) == listing
    again = edition(project, "build")
    assert again.returncode == 0 and "skipped" not in again.stderr, again.stderr
    assert outputs(project) == outputs(reference)


def test_installing_or_upgrading_a_distribution_changes_the_builds_key(tmp_path, monkeypatch):
    """A build with another version of MkDocs, Material or any library is not skipped."""
    from build_tools import cache

    (tmp_path / "root").mkdir()
    packages = tmp_path / "site-packages"
    (packages / "somelib-1.0.dist-info").mkdir(parents=True)
    monkeypatch.setattr(sys, "path", [str(packages)] + sys.path)
    before = cache.input_digest(tmp_path / "root")
    assert cache.input_digest(tmp_path / "root") == before
    (packages / "somelib-1.0.dist-info").rename(packages / "somelib-1.1.dist-info")
    upgraded = cache.input_digest(tmp_path / "root")
    (packages / "otherlib-2.0.dist-info").mkdir()
    assert len({before, upgraded, cache.input_digest(tmp_path / "root")}) == 3


def test_a_rebuild_links_the_unchanged_sources_pages_into_the_new_docs(project):
    """`edition build` stages docs/ whole and swaps it in; an unchanged source's pages are the published
    files themselves (hard links), not read from the cache and written again."""
    _change(project)  # a build in this copy of the project, which records its docs' marks
    assert edition(project, "build").returncode == 0
    alpha = project / "docs" / "alpha" / "index.md"
    inode = alpha.stat().st_ino
    (project / "sources" / "beta" / "raw.txt").write_text(PROSE.replace("Stalin", "Lenin") + "\nMore.\n",
                                                          encoding="utf-8")
    result = edition(project, "build")
    assert result.returncode == 0, result.stderr
    assert alpha.stat().st_ino == inode
    assert "More." in (project / "docs" / "beta" / "index.md").read_text(encoding="utf-8")
