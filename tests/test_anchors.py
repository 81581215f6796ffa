"""Published citation anchors never silently disappear (build_tools/anchors.py)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from build_tools import anchors
from build_tools.model import EditionError
from build_tools.site import build_site
from tests.test_browser import browser  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = "bazhanov-damnation-of-stalin/07-i-become-anticommunist.html"
CHAPTER_MD = "bazhanov-damnation-of-stalin/07-i-become-anticommunist.md"


def project(tmp: Path, manifest: list[str], moved: dict[str, str] | None = None) -> Path:
    """A copy of the project (code linked, not copied) with its own anchor files. Manifest lines
    without a fingerprint get one that says what kind of anchor they are."""
    root = tmp / "project"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for name in ("build_tools", "overrides", "node_modules"):
        (root / name).symlink_to(ROOT / name)
    (root / "data").mkdir()
    lines = [line if " | " in line else f"{line} | {_some_fingerprint(line)}" for line in manifest]
    (root / anchors.MANIFEST).write_text("\n".join(sorted(lines)) + "\n", encoding="utf-8")
    if moved:
        (root / anchors.MOVED).write_text("".join(f"{k}: {v}\n" for k, v in moved.items()), encoding="utf-8")
    return root


def _some_fingerprint(entry: str) -> anchors.Fingerprint:
    anchor = entry.partition("#")[2]
    if anchor.startswith("p-"):
        return anchors.page_fingerprint(anchor[2:])
    return anchors.fingerprint("some text of it", "note" if anchor.startswith("fn:") else "paragraph")


# ---------------------------------------------------------- fingerprints


def test_a_fingerprint_is_the_length_and_the_opening_words_normalised():
    fp = anchors.fingerprint("“Kamenev opened the séance,” and read Lenin's letter³ of 1922–23 to the Plenum. There")
    assert fp == anchors.Fingerprint("paragraph", 14, "kamenev opened the seance and read lenin s")
    assert anchors.Fingerprint.parse(str(fp)) == fp
    assert str(fp) == "paragraph, 14 words | kamenev opened the seance and read lenin s"
    assert anchors.Fingerprint.parse("page xii") == anchors.page_fingerprint("xii")
    empty = anchors.fingerprint("", "note")
    assert anchors.Fingerprint.parse(str(empty)) == empty
    assert anchors.fingerprint("Сталин и НКВД").opening == "сталин и нквд"  # any script's letters


@pytest.mark.parametrize("promised, found, score", [
    ("Kamenev opened the seance and read Lenin's letter aloud.", "Kamenev opened the séance and read Lenin's letter aloud!", 4),
    ("Kamenev opened the seance and read Lenin's letter aloud.", "Kamenev opened the seance and read Lenin's letter aloud to all.", 3),
    ("Yes, he said. Then we went to the Kremlin at noon.", "Yes, he said.", 2),  # split within the opening
    ("Yes, he said.", "Yes, he said. Then we went to the Kremlin at noon.", 2),  # joined with the next
    ("Kamenev opened the seance and read Lenin's letter aloud.", "Kamenev opened the session and read Lenin's letter aloud.", 1),
    ("Kamenev opened the seance and read Lenin's letter aloud.", "Zinoviev and Kamenev had won the vote that day.", 0),
    ("Yes.", "Yes, indeed.", 0),  # too short to tell
    ("Kamenev opened the seance and read Lenin's letter aloud.",
     "Kamenev opened the session and read Lenin's letter aloud " + "and more " * 20, 0),  # another length too
])
def test_likeness(promised, found, score):
    assert anchors.likeness(anchors.fingerprint(promised), anchors.fingerprint(found)) == score


# -------------------------------------------------------- reconciliation

TEXTS = [
    "The first paragraph tells how the party was founded in the town.",
    "The second paragraph tells of the war and the famine that followed it.",
    "A third paragraph describes the secretariat and its many clerks at work.",
    "Then a fourth one recalls the plenum where the letter was read aloud.",
    "Finally the fifth paragraph closes the chapter with an escape to Persia.",
]


def promises_for(texts: list[str], ids: list[str] | None = None, moved: dict[str, str] | None = None):
    ids = ids or [f"para-1-{n}" for n in range(1, len(texts) + 1)]
    moved = moved or {}
    return [anchors.Promise("s/index.html", a, anchors.fingerprint(t), n, moved.get(a))
            for n, (a, t) in enumerate(zip(ids, texts), start=1)]


def build(texts: list[str]) -> list[anchors.Paragraph]:
    """Paragraphs as the structure numbers them: para-1-1, para-1-2... in order."""
    return [anchors.Paragraph(f"para-1-{n}", t) for n, t in enumerate(texts, start=1)]


def test_without_promises_every_paragraph_keeps_its_natural_id():
    result = anchors.reconcile([], build(TEXTS))
    assert result.ids == [f"para-1-{n}" for n in range(1, 6)] and result.gone == []


def test_an_inserted_paragraph_moves_no_published_anchor_and_takes_no_published_id():
    new = "An inserted paragraph the first transcription missed."
    result = anchors.reconcile(promises_for(TEXTS), build(TEXTS[:1] + [new] + TEXTS[1:]))
    assert result.ids == ["para-1-1", "para-1-2a", "para-1-2", "para-1-3", "para-1-4", "para-1-5"]
    assert result.gone == [] and result.followed == []


def test_a_deleted_paragraph_is_named_with_its_text():
    result = anchors.reconcile(promises_for(TEXTS), build(TEXTS[:2] + TEXTS[3:]))
    assert [p.anchor for p in result.gone] == ["para-1-3"]
    assert result.ids == ["para-1-1", "para-1-2", "para-1-4", "para-1-5"]
    message = anchors.gone_message(result.gone, "sources/s/raw.txt")
    assert "s/index.html#para-1-3 (“a third paragraph describes the secretariat and its …”, 12 words)" in message
    assert f"{anchors.MANIFEST}:3:" in message and "sources/s/raw.txt" in message
    assert "\n" not in message and message.endswith(f"that it is retired (`old.html#anchor: {anchors.RETIRED}`).")


def test_a_paragraph_declared_moved_or_retired_may_go():
    for where in ("s/index.html#para-1-2", anchors.RETIRED):
        result = anchors.reconcile(promises_for(TEXTS, moved={"para-1-3": where}), build(TEXTS[:2] + TEXTS[3:]))
        assert result.gone == []
        assert "para-1-3" not in result.ids


def test_a_split_paragraph_keeps_its_id_on_the_part_that_holds_its_opening():
    head, tail = "A third paragraph describes the secretariat and its many clerks.", "They were at work."
    texts = TEXTS[:2] + [head, tail] + TEXTS[3:]
    result = anchors.reconcile(promises_for(TEXTS), build(texts))
    assert result.ids == ["para-1-1", "para-1-2", "para-1-3", "para-1-4a", "para-1-4", "para-1-5"]
    assert [(p.anchor, score) for p, _, score in result.followed] == [("para-1-3", 3)]


def test_a_paragraph_split_within_its_opening_keeps_its_id_on_the_head():
    texts = TEXTS[:2] + ["A third paragraph describes.", "The secretariat and its many clerks at work."] + TEXTS[3:]
    result = anchors.reconcile(promises_for(TEXTS), build(texts))
    assert result.ids[2] == "para-1-3" and result.ids[3] not in {f"para-1-{n}" for n in range(1, 6)}


def test_merged_paragraphs_keep_the_first_id_and_name_the_second():
    texts = TEXTS[:2] + [TEXTS[2] + " " + TEXTS[3], TEXTS[4]]
    result = anchors.reconcile(promises_for(TEXTS), build(texts))
    assert result.ids == ["para-1-1", "para-1-2", "para-1-3", "para-1-5"]
    assert [p.anchor for p in result.gone] == ["para-1-4"]


def test_reordered_paragraphs_keep_their_ids():
    texts = [TEXTS[0], TEXTS[3], TEXTS[1], TEXTS[2], TEXTS[4]]
    result = anchors.reconcile(promises_for(TEXTS), build(texts))
    assert result.ids == ["para-1-1", "para-1-4", "para-1-2", "para-1-3", "para-1-5"] and result.followed == []


def test_an_emended_paragraph_keeps_its_id():
    texts = list(TEXTS)
    texts[1] = texts[1].replace("second paragraph tells", "second paragraph relates")  # in the opening
    texts[3] = texts[3].replace("where the letter", "where Lenin's letter")  # further on, one word more
    result = anchors.reconcile(promises_for(TEXTS), build(texts))
    assert result.ids == [f"para-1-{n}" for n in range(1, 6)] and result.gone == []
    assert sorted((p.anchor, score) for p, _, score in result.followed) == [("para-1-2", 1), ("para-1-4", 3)]


def test_other_text_in_the_place_of_a_deleted_paragraph_does_not_take_its_anchor():
    texts = TEXTS[:2] + ["Wholly different words stand here now, about a journey south."] + TEXTS[3:]
    result = anchors.reconcile(promises_for(TEXTS), build(texts))
    assert [p.anchor for p in result.gone] == ["para-1-3"] and result.ids[2] == "para-1-3a"


def test_repeated_paragraphs_keep_their_own_ids_in_order():
    texts = ["Yes.", "He asked again whether we had read it.", "Yes."]
    ids = ["para-1-1", "para-1-2", "para-1-3"]
    result = anchors.reconcile(promises_for(texts, ids), build(["A new opening line of the chapter."] + texts))
    assert result.ids == ["para-1-1a", "para-1-1", "para-1-2", "para-1-3"]


def test_a_new_paragraph_never_takes_a_retired_id():
    promises = promises_for(TEXTS, moved={"para-1-5": anchors.RETIRED})
    texts = TEXTS[:4] + ["A new last paragraph in place of the old."]
    result = anchors.reconcile(promises, build(texts), taken={"para-1-5a"})
    assert result.ids[4] == "para-1-5b" and result.gone == []


def test_a_source_that_lost_its_text_names_every_anchor():
    result = anchors.reconcile(promises_for(TEXTS), [])
    assert [p.anchor for p in result.gone] == [f"para-1-{n}" for n in range(1, 6)]


def test_lines_without_a_fingerprint_stay_on_their_natural_id():
    legacy = [anchors.Promise("s/index.html", "para-1-2", None, 1)]
    result = anchors.reconcile(legacy, build(TEXTS[1:]))
    assert result.ids[1] == "para-1-2" and result.gone == []


def test_matching_costs_grow_with_the_edits_not_with_the_source():
    """Comparisons beyond the exact tier: none when nothing changed, a handful for one edit."""
    texts = [f"Paragraph {words} " + " ".join(f"w{n}x{k}" for k in range(9)) for n, words in
             enumerate(["one", "two", "three", "four", "five", "six", "seven", "eight"] * 50)]
    texts = [t.replace("w", "word").replace("x", "sub") for t in texts]
    calls = []
    original = anchors.likeness
    anchors.likeness = lambda a, b: calls.append(1) or original(a, b)
    try:
        anchors.reconcile(promises_for(texts), build(texts))
        assert calls == []
        anchors.reconcile(promises_for(texts), build(texts[:100] + [texts[100] + " more"] + texts[101:]))
        assert 0 < len(calls) <= 5
    finally:
        anchors.likeness = original


# ---------------------------------------------------------- the manifest


PUBLISHED = {CHAPTER: {"p-75", "p-77", "para-75-1"}}
SOURCE = CHAPTER.split("/")[0]


def test_every_missing_anchor_is_named(tmp_path):
    root = project(tmp_path, [f"{CHAPTER}#p-75", f"{CHAPTER}#p-76", f"{CHAPTER}#fn:ch07-1"])
    with pytest.raises(EditionError) as error:
        anchors.check_manifest(root, PUBLISHED, {SOURCE})
    assert f"{CHAPTER}#p-76" in str(error.value)
    assert f"{CHAPTER}#fn:ch07-1" in str(error.value)
    assert f"{CHAPTER}#p-75" not in str(error.value)


def test_a_source_in_the_build_that_publishes_nothing_fails(tmp_path):
    # the issue: a profile that removed a whole source's text passed as "not in this build"
    lines = [f"{CHAPTER}#p-75", f"{CHAPTER}#para-75-1"]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with pytest.raises(EditionError, match="2 published anchor"):
        anchors.check_manifest(project(tmp_path / "a", lines), {}, {SOURCE})
    assert anchors.check_manifest(project(tmp_path / "b", lines), {}, {"another-source"}) == {}  # other sources


def test_an_anchor_on_another_page_of_its_source_is_named_with_where_it_is(tmp_path):
    root = project(tmp_path, [f"{CHAPTER}#para-75-1"])
    other = CHAPTER.replace("07-i-become", "08-something")
    with pytest.raises(EditionError, match=re.escape(f"declare `{CHAPTER}#para-75-1: {other}#para-75-1`")):
        anchors.check_manifest(root, {other: {"para-75-1"}}, {SOURCE})


def test_a_declared_move_passes_and_redirects(tmp_path):
    root = project(tmp_path, [f"{CHAPTER}#p-75", f"{CHAPTER}#p-76"], {f"{CHAPTER}#p-76": f"{CHAPTER}#p-77"})
    assert anchors.check_manifest(root, PUBLISHED, {SOURCE}) == {f"{CHAPTER}#p-76": f"{CHAPTER}#p-77"}


def test_a_retired_anchor_passes_and_redirects_nowhere(tmp_path):
    root = project(tmp_path, [f"{CHAPTER}#p-75", f"{CHAPTER}#p-76"], {f"{CHAPTER}#p-76": anchors.RETIRED})
    assert anchors.check_manifest(root, PUBLISHED, {SOURCE}) == {}
    assert anchors.redirects(root) == {}


def test_a_move_to_nowhere_fails(tmp_path):
    root = project(tmp_path, [f"{CHAPTER}#p-76"], {f"{CHAPTER}#p-76": f"{CHAPTER}#p-99"})
    with pytest.raises(EditionError, match=re.escape(f"{CHAPTER}#p-76 -> {CHAPTER}#p-99")):
        anchors.check_manifest(root, PUBLISHED, {SOURCE})


@pytest.mark.parametrize("target", ["javascript:alert(1)", "https://evil.example/#x", "../../etc#p-1", "p-77"])
def test_a_move_must_name_an_anchor_of_the_edition(tmp_path, target):
    root = project(tmp_path, [f"{CHAPTER}#p-76"], {f"{CHAPTER}#p-76": target})
    with pytest.raises(EditionError, match=re.escape(str(anchors.MOVED))):
        anchors.check_manifest(root, PUBLISHED, {SOURCE})


def test_manifest_update_keeps_every_line_and_records_what_is_published(tmp_path):
    root = project(tmp_path, [f"{CHAPTER}#p-75", f"{CHAPTER}#para-75-1"])
    now = {f"{CHAPTER}#para-75-1": anchors.fingerprint("The emended text of it."),
           f"{CHAPTER}#para-75-10": anchors.fingerprint("A tenth paragraph."),
           f"{CHAPTER}#para-75-2": anchors.fingerprint("A second paragraph.")}
    anchors.write_manifest(root, now)
    promises = {p.entry: p.fingerprint for p in anchors.read_promises(root)}
    assert promises[f"{CHAPTER}#p-75"] == anchors.page_fingerprint("75")  # kept, though not published now
    assert promises[f"{CHAPTER}#para-75-1"] == now[f"{CHAPTER}#para-75-1"]  # what it points to now
    assert list(promises)[-2:] == [f"{CHAPTER}#para-75-2", f"{CHAPTER}#para-75-10"]  # in the order of the pages


def test_a_bad_manifest_line_is_named(tmp_path):
    root = project(tmp_path, [f"{CHAPTER}#para-75-1 | paragraph, many words | x"])
    with pytest.raises(EditionError, match=re.escape(f"{anchors.MANIFEST}:1:")):
        anchors.read_promises(root)


def test_the_committed_manifest_is_well_formed_readable_and_in_page_order():
    lines = [line for line in (ROOT / anchors.MANIFEST).read_text(encoding="utf-8").splitlines()
             if not line.startswith("#")]
    promises = anchors.read_promises(ROOT)
    assert len(promises) == len(lines) > 2000
    assert all(p.fingerprint is not None for p in promises)  # every line says what it points to
    entries = [p.entry for p in promises]
    assert entries == sorted(set(entries), key=anchors.natural_key)
    assert all(len(line) < 200 for line in lines)  # one anchor a line, short enough to review


def test_anchors_are_collected_from_html():
    html = ('<a class="page-break" id="p-76" href="#p-76"></a><a class="para" id="para-76-1"></a>'
            '<li id="fn:ch07-1"></li><sup id="fnref:ch07-1"></sup><h2 id="notes"></h2>')
    assert anchors.anchors_in(html) == {"p-76", "para-76-1", "fn:ch07-1"}


# ------------------------------------------------- on the five sources


def test_the_next_build_keeps_exactly_what_a_build_published(built_docs):
    """The fingerprints a build publishes (data/anchors.txt, what --update records) are the ones the
    next build reconciles with: every paragraph matches exactly, and the same lines come out."""
    from build_tools.pipeline import anchor_pages, convert_source, published_anchors
    from build_tools.read import read_sources

    lines = [line for line in (built_docs / anchors.PUBLISHED).read_text(encoding="utf-8").splitlines()
             if not line.startswith("#")]
    promised = anchors.promises_from_lines(lines)
    assert set(read_manifest_entries()) <= {line.partition(" | ")[0] for line in lines}  # all promises kept
    for source in read_sources(ROOT):
        source.promises = promised[source.slug]
        edition = convert_source(source)
        assert not [w for w in source.warnings if "follows its paragraph" in w], source.slug
        mine = {line for line in lines if line.startswith(source.slug + "/")}
        assert set(published_anchors(edition, anchor_pages(edition))) == mine, source.slug


def read_manifest_entries() -> list[str]:
    return [p.entry for p in anchors.read_promises(ROOT) if not p.moved]


# ------------------------------------------------------- in a real build


@pytest.fixture
def docs_without_p76(docs_copy):
    """The edition as if a change to the source lost the break before page 76."""
    tmp = docs_copy()
    chapter = tmp / "docs" / CHAPTER_MD
    text = chapter.read_text(encoding="utf-8")
    marker = re.search(r'<a class="page-break" id="p-76"[^>]*></a>', text)
    assert marker, "the chapter has no p-76 anchor to remove"
    chapter.write_text(text.replace(marker.group(0), ""), encoding="utf-8")
    return tmp


PROMISED = [f"{CHAPTER}#p-75", f"{CHAPTER}#p-76", f"{CHAPTER}#p-77", f"{CHAPTER}#para-76-1"]


def test_build_fails_naming_the_lost_anchor(docs_without_p76, tmp_path):
    root = project(tmp_path, PROMISED)
    with pytest.raises(EditionError) as error:
        build_site(root, docs_dir=docs_without_p76 / "docs", site_dir=tmp_path / "site")
    assert f"{CHAPTER}#p-76" in str(error.value)
    assert f"{CHAPTER}#p-75" not in str(error.value)


@pytest.fixture
def site_with_move(docs_without_p76, tmp_path):
    root = project(tmp_path, PROMISED, {f"{CHAPTER}#p-76": f"{CHAPTER}#p-77"})
    return build_site(root, docs_dir=docs_without_p76 / "docs", site_dir=tmp_path / "site")


def test_build_with_declared_move_passes(site_with_move):
    script = (site_with_move / "assets" / "javascripts" / "anchor-redirects.js").read_text(encoding="utf-8")
    assert f'"{CHAPTER}#p-76": "{CHAPTER}#p-77"' in script


def test_an_old_citation_lands_on_the_new_anchor(site_with_move, browser):  # noqa: F811
    page = browser.new_page()  # from file:// too: the map is a script, not fetched
    try:
        page.goto((site_with_move / CHAPTER).as_uri() + "#p-76")
        page.wait_for_function("() => location.hash === '#p-77'", timeout=10_000)
    finally:
        page.close()
