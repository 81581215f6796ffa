"""Conversion is cached source by source: a rebuild processes what changed, and nothing else.

A source's contribution (its pages, data and mentions) depends on its own
files, the registers and the converter's code; the pages that gather every
source are always rewritten from the contributions. Whatever the cache
holds, the docs must be exactly those of a conversion without it.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from build_tools import pipeline
from build_tools.enrich.specs import SPECS

META = "text: raw.txt\nbibliography: {kind: essay, title: %s, authors: [{family: %s, given: A.}]}\nlayout: {}\n"
TEXT = "A Title\n\nStalin ruled the party and the state. %s\n\nA second paragraph, to end.\n"
PERSONS = """\
- id: stalin-iosif
  name: Iosif Stalin
  variants: [Stalin]
"""


def write_source(root: Path, slug: str, sentence: str) -> None:
    folder = root / "sources" / slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "source.yml").write_text(META % (slug.title(), slug.title()), encoding="utf-8")
    (folder / "raw.txt").write_text(TEXT % sentence, encoding="utf-8")


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    (root / "data").mkdir(parents=True)
    (root / "data" / "persons.yml").write_text(PERSONS, encoding="utf-8")
    write_source(root, "alpha", "Molotov agreed.")
    write_source(root, "beta", "Molotov did not.")
    return root


@pytest.fixture
def processed(monkeypatch):
    """The slugs of the sources the pipeline processes (not taken from the cache), in order."""
    seen: list[str] = []
    original = pipeline.process_source

    def counting(source, context, *args, **kwargs):
        seen.append(source.slug)
        return original(source, context, *args, **kwargs)

    monkeypatch.setattr(pipeline, "process_source", counting)
    return seen


def docs(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def uncached(root: Path, out: Path) -> dict[str, bytes]:
    pipeline.convert_all(root, out)
    return docs(out)


def test_a_rebuild_processes_only_the_changed_source(project, processed, tmp_path):
    cache = tmp_path / "cache"
    pipeline.convert_all(project, project / "docs", cache=cache)
    assert processed == ["alpha", "beta"]

    processed.clear()
    write_source(project, "beta", "Molotov did not, and said so.")
    report = pipeline.convert_all(project, project / "docs", cache=cache)
    assert processed == ["beta"]
    # Cached or not, the same docs: the changed text is in, the shared pages know both sources.
    assert docs(project / "docs") == uncached(project, tmp_path / "fresh")
    assert "and said so" in (project / "docs" / "beta" / "index.md").read_text(encoding="utf-8")
    assert [a["source"] for a in report.audits] == ["alpha", "beta"]
    assert {m.source for m in report.registers.mentions} == {"alpha", "beta"}

    processed.clear()
    pipeline.convert_all(project, project / "docs", cache=cache)
    assert processed == []


def test_a_register_change_reprocesses_every_source(project, processed, tmp_path):
    cache = tmp_path / "cache"
    pipeline.convert_all(project, project / "docs", cache=cache)
    assert "#molotov" not in (project / "docs" / "alpha" / "index.md").read_text(encoding="utf-8")

    processed.clear()
    with open(project / "data" / "persons.yml", "a", encoding="utf-8") as f:
        f.write("- id: molotov\n  name: Vyacheslav Molotov\n  variants: [Molotov]\n")
    pipeline.convert_all(project, project / "docs", cache=cache)
    assert processed == ["alpha", "beta"]
    for slug in ("alpha", "beta"):
        assert "persons/v.md#molotov" in (project / "docs" / slug / "index.md").read_text(encoding="utf-8")
    assert docs(project / "docs") == uncached(project, tmp_path / "fresh")


@pytest.mark.parametrize("register", [s.file for s in SPECS])
def test_a_change_to_any_register_file_reprocesses_every_source(project, processed, tmp_path, register):
    """The cache keys on every register's file, whether or not the change alters an entry."""
    cache = tmp_path / "cache"
    pipeline.convert_all(project, project / "docs", cache=cache)
    processed.clear()
    path = project / "data" / register
    path.write_text((path.read_text(encoding="utf-8") if path.is_file() else "") + "# reviewed\n", encoding="utf-8")
    pipeline.convert_all(project, project / "docs", cache=cache)
    assert processed == ["alpha", "beta"]


def test_parallel_processing_gives_the_same_docs(project, monkeypatch, tmp_path):
    for n in range(3):
        write_source(project, f"gamma-{n}", f"Molotov wrote {n} letters.")
    serial = uncached(project, tmp_path / "serial")
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 2)
    assert uncached(project, tmp_path / "parallel") == serial


def test_register_entries_with_only_the_required_keys_build(project, tmp_path):
    # read_register accepts an entry with id and name (persons) or id, term and definition
    # (glossary); the rest must default, not crash the build.
    (project / "data" / "glossary.yml").write_text("- id: party\n  term: party\n  definition: The Communist Party.\n",
                                                   encoding="utf-8")
    (project / "data" / "persons.yml").write_text("- id: stalin\n  name: Stalin\n", encoding="utf-8")
    report = pipeline.convert_all(project, tmp_path / "docs")
    assert {m.person for m in report.registers.mentions} == {"stalin"}
    assert {u.term for u in report.registers.uses} == {"party"}
    assert "## Stalin { #stalin .person }" in (tmp_path / "docs" / "persons" / "s.md").read_text(encoding="utf-8")


def test_a_change_to_a_sources_published_anchors_reprocesses_that_source(project, processed, tmp_path):
    """Paragraph ids are reconciled with the manifest's lines for the source: they are part of its key."""
    cache = tmp_path / "cache"
    pipeline.convert_all(project, project / "docs", cache=cache)
    opening = '<a class="para" id="para-start-{}" href="#para-start-{}" data-cite-para="3" '
    assert opening.format(3, 3) in (project / "docs" / "alpha" / "index.md").read_text(encoding="utf-8")

    # As if alpha's last two paragraphs had been published the other way round.
    processed.clear()
    (project / "data" / "anchors-manifest.txt").write_text(
        "alpha/index.html#para-start-2 | paragraph, 5 words | a second paragraph to end\n"
        "alpha/index.html#para-start-3 | paragraph, 9 words | stalin ruled the party and the state molotov\n",
        encoding="utf-8")
    pipeline.convert_all(project, project / "docs", cache=cache)
    assert processed == ["alpha"]
    assert opening.format(2, 2) in (project / "docs" / "alpha" / "index.md").read_text(encoding="utf-8")
    assert docs(project / "docs") == uncached(project, tmp_path / "fresh")


def test_the_shared_pages_are_made_again_only_when_what_they_gather_changed(project, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    made = []
    real = pipeline.write_shared_pages
    monkeypatch.setattr(pipeline, "write_shared_pages", lambda *a, **k: made.append(1) or real(*a, **k))
    pipeline.convert_all(project, project / "docs", cache=cache)
    kept = docs(project / "docs")
    pipeline.convert_all(project, project / "docs", cache=cache)
    assert len(made) == 1  # nothing changed: as the last build made them
    assert docs(project / "docs") == kept
    (project / "mkdocs.yml").write_text("site_name: Another Edition\n", encoding="utf-8")  # a setting
    pipeline.convert_all(project, project / "docs", cache=cache)
    assert len(made) == 2 and "Another Edition" in (project / "docs" / "index.md").read_text(encoding="utf-8")
    write_source(project, "beta", "Molotov did not, and said so.")  # a source
    pipeline.convert_all(project, project / "docs", cache=cache)
    assert len(made) == 3
    assert docs(project / "docs") == uncached(project, tmp_path / "fresh")


def test_word_frequencies_looked_up_once_are_kept_for_the_next_build(tmp_path, monkeypatch):
    import sys

    from build_tools import lexicon

    monkeypatch.setattr(lexicon, "_FREQUENCIES", {})
    with lexicon.kept_frequencies(tmp_path / "words"):
        common, rare = lexicon.zipf("the"), lexicon.zipf("zzyzxq")
    assert common > 6 > rare
    monkeypatch.setattr(lexicon, "_FREQUENCIES", {})  # a new process, and no wordfreq to ask
    monkeypatch.setitem(sys.modules, "wordfreq", None)
    with lexicon.kept_frequencies(tmp_path / "words"):
        assert (lexicon.zipf("the"), lexicon.zipf("zzyzxq")) == (common, rare)
        with pytest.raises(ImportError):
            lexicon.zipf("molotov")  # not kept: asked of wordfreq


def test_an_unchanged_sources_pages_are_left_in_docs_unless_docs_lost_them(project, processed, tmp_path, monkeypatch):
    """A rebuild neither reads nor writes the pages of a source taken from the cache while docs/ holds
    them as the last build left them; a page edited or deleted there since is written again."""
    cache = tmp_path / "cache"
    pipeline.convert_all(project, project / "docs", cache=cache)
    alpha = project / "docs" / "alpha" / "index.md"
    inode = alpha.stat().st_ino
    pages_read = []
    real = pipeline._cached
    monkeypatch.setattr(pipeline, "_cached", lambda folder, name, key:
                        (pages_read.append(name) if folder.name == pipeline.PAGES else None) or real(folder, name, key))
    write_source(project, "beta", "Molotov did not, and said so.")
    pipeline.convert_all(project, project / "docs", cache=cache)
    assert processed[-1:] == ["beta"] and pages_read == []
    assert alpha.stat().st_ino == inode  # alpha's page neither read nor written
    assert docs(project / "docs") == uncached(project, tmp_path / "fresh")
    # edited by hand (as long as it was), or deleted: written again from the cache, alpha not processed
    processed.clear()
    alpha.write_text(alpha.read_text(encoding="utf-8").replace("Stalin", "STALIN"), encoding="utf-8")
    (project / "docs" / "alpha" / "text.md").unlink(missing_ok=True)
    pipeline.convert_all(project, project / "docs", cache=cache)
    assert processed == [] and pages_read == ["alpha"]
    assert docs(project / "docs") == uncached(project, tmp_path / "fresh2")
    # its files lost from the cache as well: alpha is processed again
    for kept in (cache / pipeline.PAGES).glob("alpha-*"):
        kept.unlink()
    alpha.write_text("edited", encoding="utf-8")
    processed.clear()
    pipeline.convert_all(project, project / "docs", cache=cache)
    assert processed == ["alpha"]
    assert docs(project / "docs") == uncached(project, tmp_path / "fresh3")


@pytest.mark.parametrize("keep_editions", [False, True])
def test_each_raw_text_is_let_go_once_its_source_is_taken(project, tmp_path, monkeypatch, keep_editions):
    """At 20x the corpus the raw texts were a quarter of what the conversion held; the editions a
    caller keeps still read theirs."""
    read = []
    real = pipeline.read_sources
    monkeypatch.setattr(pipeline, "read_sources", lambda root: read.extend(real(root)) or read)
    report = pipeline.convert_all(project, tmp_path / "docs", cache=tmp_path / "cache", keep_editions=keep_editions)
    assert [s.slug for s in read] == ["alpha", "beta"]
    assert [bool(s.text) for s in read] == [keep_editions] * 2
    assert all("Molotov" in e.source.text for e in report.editions) and len(report.editions) == 2 * keep_editions
    assert "Molotov did not." in (tmp_path / "docs" / "beta" / "index.md").read_text(encoding="utf-8")
