"""Edits a corrected transcription makes (insert, delete, split, merge, reorder, emend paragraphs)
never re-point a published anchor silently: each either still opens its text, or the build fails
naming it. On a small made-up source, on the Hellerman essay and on a page of Bazhanov (copies).
benchmarks/anchor_stability.py prints the same counts before and after reconciliation."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_tools import anchors
from build_tools.model import EditionError
from build_tools.pipeline import convert_source
from build_tools.read import read_source
from tests.anchor_edits import Edit, edits, outcome, paragraph_lines, promises_of
from tests.util import make_source

ROOT = Path(__file__).resolve().parents[1]
PAGES = {"pages": {"marker": r"Page (?P<label>\d+)"}}
MADE_UP = "\n\n".join([
    "Page 1",
    "The town lay on the river, and the party met in the back room of the mill. Nobody came late.",
    "In the spring of that year the committee sent a clerk from the capital. He stayed a week.",
    "The clerk wrote down the names of everyone who spoke at the meeting. The list went north.",
    "Kamenev opened the session and read the letter aloud to the members. There was silence.",
    "After the vote the members went home by the long road over the hills. It rained all night.",
    "Years later the survivors remembered the evening and the wet road home. Few were left.",
    "Page 2",
    "The second page begins with the arrest of the miller and his two sons. The mill closed.",
    "A short epilogue follows. It names the dead.",
]) + "\n"
MADE_UP_EDITS = edits(("spring", "summer"), ("hills", "mountains"))


def convert_made_up(raw: str):
    def run(promises):
        source = make_source(raw, PAGES)
        source.promises = promises
        return convert_source(source)
    return run


def apply(edit: Edit, raw: str, region: list[int]) -> str:
    return "\n".join(edit.apply(raw.split("\n"), region))


def assert_kept_or_named(result, edit: Edit) -> None:
    assert result.repointed == [], f"{edit.name}: re-pointed silently: {result.repointed}"
    assert result.counts["named, text still there"] == 0, edit.name
    assert result.counts["named, text gone"] == edit.gone, (edit.name, result.counts)


@pytest.mark.parametrize("edit", MADE_UP_EDITS, ids=lambda e: e.name)
def test_a_made_up_source(edit):
    original = convert_made_up(MADE_UP)(None)
    region = paragraph_lines(MADE_UP, after="Page 1", before="Page 2")
    result = outcome(original, convert_made_up(apply(edit, MADE_UP, region)), edit)
    assert_kept_or_named(result, edit)
    assert result.counts["kept"] == 8 - edit.gone


def test_without_reconciliation_an_inserted_paragraph_re_points_anchors():
    """What the issue found, on the made-up source: ids from position alone move with an insertion."""
    insert = MADE_UP_EDITS[0]
    region = paragraph_lines(MADE_UP, after="Page 1", before="Page 2")
    original = convert_made_up(MADE_UP)(None)
    result = outcome(original, convert_made_up(apply(insert, MADE_UP, region)), insert, reconcile=False)
    assert len(result.repointed) == 5


def test_a_deleted_paragraph_is_named_and_quoted():
    delete = next(e for e in MADE_UP_EDITS if e.name == "delete")
    region = paragraph_lines(MADE_UP, after="Page 1", before="Page 2")
    original = convert_made_up(MADE_UP)(None)
    with pytest.raises(EditionError) as error:
        convert_made_up(apply(delete, MADE_UP, region))(promises_of(original))
    message = str(error.value)
    assert "test/index.html#para-1-3 (“the clerk wrote down the names of everyone …”, 17 words)" in message
    assert message.count("#para-") == 1 and f"{anchors.MANIFEST}:" in message and str(anchors.MOVED) in message


def test_a_source_that_loses_all_its_text_fails_naming_every_anchor():
    original = convert_made_up(MADE_UP)(None)
    source = make_source(MADE_UP, PAGES | {"boilerplate": {"lines": [".*"]}})
    source.promises = promises_of(original)
    with pytest.raises(EditionError) as error:
        convert_source(source)
    assert str(error.value).count("#para-") == 8


def test_a_message_names_at_most_twenty_anchors_and_counts_the_rest():
    promises = [anchors.Promise("s/index.html", f"para-1-{n}", anchors.fingerprint(f"text number {n}"), n)
                for n in range(1, 31)]
    message = anchors.gone_message(promises, "raw.txt")
    assert message.count("#para-1-") == 20 and "... and 10 more" in message


def test_a_note_that_holds_other_text_is_named():
    text = ("A Title\n\nThe party met in the back room of the mill that spring, as it always had.1 Nobody came "
            "late, and nobody left early.2\n\nNotes:\n\n"
            "(1) The mill stood on the river bank until the war.\n\n(2) The minutes say so.\n")
    layout = {"headings": {"strategies": ["title-lines"], "notes": "Notes:"},
              "notes": {"heading": "Notes:", "number": r"\((\d{1,3})\)\s", "references": "glued"}}

    def run(raw, promises):
        source = make_source(raw, layout)
        source.promises = promises
        return convert_source(source)
    original = run(text, None)
    assert len([n.id for d in original.divisions for n in d.notes]) == 2
    swapped = text.replace("(1) The mill stood on the river bank until the war.", "(1) The minutes say so, word for word.")
    swapped = swapped.replace("(2) The minutes say so.", "(2) The mill stood on the river bank until the war.")
    with pytest.raises(EditionError, match=r"#fn:\S+ \(“the mill stood on the river bank until …”, 10 words\) "
                                           r"now holds other text"):
        run(swapped, promises_of(original))
    run(text.replace("river bank", "riverbank"), promises_of(original))  # an emended note is the same note


# ------------------------------------------------ on copies of real sources


def copy_of(slug: str, tmp: Path) -> Path:
    folder = tmp / slug
    shutil.copytree(ROOT / "sources" / slug, folder)
    return folder


def convert_copy(folder: Path, raw: str):
    (folder / "raw.txt").write_text(raw, encoding="utf-8")

    def run(promises):
        source = read_source(folder)
        source.promises = promises
        return convert_source(source)
    return run


REAL = {
    # (slug, region after, region before, a word of the opening of the region's 2nd paragraph and its
    # emendation, a word far into its 5th)
    "hellerman": ("hellerman-revolution-from-above", "by Julianna Hellerman for Prof Varat's Soc Sci 201 class", None,
                  ("provided", "gave"), ("hegemony", "dominance")),
    "bazhanov": ("bazhanov-damnation-of-stalin", "Page 76", "Page 77", ("séance", "session"), ("vote", "ballot")),
}


@pytest.fixture(scope="module", params=list(REAL))
def real(request, tmp_path_factory):
    slug, after, before, opening, later = REAL[request.param]
    folder = copy_of(slug, tmp_path_factory.mktemp(request.param))
    raw = (folder / "raw.txt").read_text(encoding="utf-8")
    return folder, raw, paragraph_lines(raw, after, before), convert_copy(folder, raw)(None), edits(opening, later)


@pytest.mark.parametrize("kind", ["insert", "delete", "split", "merge", "reorder", "emend"])
def test_a_real_source(real, kind):
    folder, raw, region, original, kinds = real
    edit = next(e for e in kinds if e.name == kind)
    result = outcome(original, convert_copy(folder, apply(edit, raw, region)), edit)
    assert_kept_or_named(result, edit)
    assert set(result.counts) <= {"kept", "named, text gone"} and result.counts["kept"] >= 16 - edit.gone


def test_hellerman_with_a_profile_that_removes_all_its_text_fails_naming_its_anchors(tmp_path):
    """The issue's case: a boilerplate pattern `.*` took the whole essay, and the build passed."""
    folder = copy_of("hellerman-revolution-from-above", tmp_path)
    meta = (folder / "source.yml").read_text(encoding="utf-8")
    (folder / "source.yml").write_text(meta.replace("layout:\n", "layout:\n  boilerplate:\n    lines: ['.*']\n"),
                                       encoding="utf-8")
    source = read_source(folder)
    source.promises = anchors.promises_by_source(ROOT)[source.slug]  # what the edition has published
    with pytest.raises(EditionError) as error:
        convert_source(source)
    assert str(error.value).count("hellerman-revolution-from-above/index.html#para-") == 16
