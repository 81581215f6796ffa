"""The five real sources, converted end to end: what the foundation promises."""
from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from build_tools.lexicon import words
from build_tools.model import NoteRef
from build_tools.pipeline import convert_all
from build_tools.write.markdown import render_block
from tests.util import assert_conserved

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
BAZHANOV, BRENT, HARRIS = "bazhanov-damnation-of-stalin", "brent-inside-the-stalin-archives", "harris-stalin-and-stalinism"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    docs = tmp_path_factory.mktemp("docs") / "docs"
    return docs, convert_all(ROOT, docs, keep_editions=True)


@pytest.fixture(scope="module")
def editions(built):
    return {e.source.slug: e for e in built[1].editions}


def markdown(docs: Path, slug: str) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((docs / slug).glob("*.md")) if p.name != "editorial-notes.md")


def reading(docs: Path, slug: str) -> str:
    return (docs / "data" / "text" / f"{slug}.txt").read_text(encoding="utf-8")


def raw(slug: str) -> str:
    return (ROOT / "sources" / slug / "raw.txt").read_text(encoding="utf-8")


def test_raw_texts_are_byte_identical_to_the_seeds():
    if not SEEDS.is_dir():
        pytest.skip("no ../shared/seeds beside the checkout")
    seeds = {hashlib.sha256(p.read_bytes()).hexdigest() for p in SEEDS.glob("*.txt")}
    ours = {hashlib.sha256(p.read_bytes()).hexdigest() for p in (ROOT / "sources").glob("*/raw.txt")}
    assert ours == seeds


def test_every_source_is_published_with_editorial_notes(built):
    docs, report = built
    for e in report.editions:
        assert (docs / e.source.slug / "index.md").is_file()
        assert (docs / e.source.slug / "editorial-notes.md").is_file()
    assert len(list((docs / BAZHANOV).glob("*.md"))) >= 20  # a page per chapter, front and back matter


def test_conservation_audit_accounts_for_every_word(editions):
    for edition in editions.values():
        assert_conserved(edition)


def test_no_page_marker_or_running_head_is_left(built, editions):
    docs = built[0]
    for slug, edition in editions.items():
        text = reading(docs, slug)
        for key in ("pages.marker", "pages.running_head"):
            pattern = edition.source.setting(key)
            if pattern:
                printed = [l for l in raw(slug).splitlines() if re.fullmatch(pattern, l.strip())]
                assert printed, f"{slug}: the profile's {key} matches nothing in the raw text"
                for line in text.splitlines():
                    assert not re.search(pattern.replace("(?P<label>", "(?:"), line), (slug, line)


def test_portal_boilerplate_is_gone(built):
    md = markdown(built[0], HARRIS)
    for phrase in ("Show Summary Details", "Page of", "PRINTED FROM OXFORD", "Subscriber: null", "Find this resource"):
        assert phrase in raw(HARRIS)
        assert phrase not in md


def test_no_broken_ligature_is_left(built):
    docs = built[0]
    for slug in (BRENT,):
        source = raw(slug)
        broken = re.findall(r"\b([A-Za-z]*(?:fi|fl)) ([a-z]+)", source)
        assert len(broken) > 30
        text = reading(docs, slug)
        for left, right in broken:
            assert f"{left} {right}" not in text, (left, right)
        for example in ("five", "officials", "difficult", "flock"):
            assert example in text


def test_no_line_end_hyphen_split_is_left(built):
    text = reading(built[0], BRENT)
    pairs = re.findall(r"([A-Za-z]+)-\s*\n\s*([a-z]+)", raw(BRENT))
    assert len(pairs) > 15
    for left, right in pairs:
        assert f"{left}- {right}" not in text
        assert f"{left}{right}" in text or f"{left}-{right}" in text, (left, right)
    assert "organizations" in text and "lice-ridden" in text and "de-Nazified" in text


MISSING_002 = "7 11 19 21 45 62 69 71 73 75 85 87 89 93 95 102 111 127 129 146 149 156 161 166 168 175 176 181 191 196 204 226 228 231 234 v vi ix xvi".split()


def test_bazhanov_has_an_anchor_for_every_page_marked_or_not(built):
    md = markdown(built[0], BAZHANOV)
    marked = re.findall(r"^Page (\S+)$", raw(BAZHANOV), flags=re.M)
    assert len(marked) == 250
    for label in marked + MISSING_002:
        assert md.count(f'id="p-{label}"') == 1, label
    # A chapter heading between Page 6 and Page 8 proves where page 7 begins.
    assert re.search(r'# <a class="page-break" id="p-7"[^>]*></a>2\. The Central Committee', md)
    assert 'class="page-break approximate" id="p-11"' in md


def test_brent_has_an_anchor_for_every_page(built):
    md = markdown(built[0], BRENT)
    labels = re.findall(r'id="p-(\d+)"', md)
    assert sorted(map(int, labels)) == list(range(1, 16))
    for head in (8, 10, 12, 14):  # printed in running heads: exact
        assert f'class="page-break" id="p-{head}"' in md


def test_bazhanov_chapters_come_from_the_table_of_contents(editions):
    divisions = editions[BAZHANOV].divisions
    numbered = [(d.number, d.title) for d in divisions if d.number]
    assert [n for n, _ in numbered] == [str(i) for i in range(1, 18)]
    assert numbered[6] == ("7", "I Become Anticommunist")
    assert {"Notes", "Index", "Party Congresses", "Conclusion"} <= {d.title for d in divisions}


def test_bazhanov_congress_list_is_a_table(built):
    md = (built[0] / BAZHANOV / "party-congresses.md").read_text()
    assert "| *Congress* | *Date* | *Remarks* |" in md
    assert "| 20 | February 1956 | (Khrushchev denouement) |" in md


def test_headings_of_the_short_sources(editions):
    def heads(slug):
        return [b.printed() for d in editions[slug].divisions for b in d.blocks if b.kind == "heading"]

    assert heads("lewin-soviet-century")[:3] == ["How Did Stalin Rule?", "The Politburo (1935–6)", "The Party Apparatus"]
    assert "Formative Experiences" in heads(HARRIS) and "Dictatorship and Terror" in heads(HARRIS)
    assert heads(BRENT) == ["Introduction"]


def test_block_quotations_stay_block_quotes(built):
    lewin = markdown(built[0], "lewin-soviet-century")
    assert re.search(r'^> <a class="para" [^>]*></a>You only see one side of the story', lewin, re.M)
    brent = markdown(built[0], BRENT)
    for start in ("These words of Stalin were uttered", "Things aren’t going badly here", "I think that here our enemy",
                  "Among the prisoners there are some", "“Beat them!”"):
        assert re.search(r"^> (<a [^>]*></a>)+" + re.escape(start), brent, re.M), start
    assert re.search(r"^> .*I threw myself at the hangman’s feet,<br>$", brent, re.M)


def test_markdown_says_what_the_text_says(editions):
    """Render every block with markdown-it: same words, and the structure it was meant to have."""
    md = MarkdownIt("commonmark").enable("table")
    for edition in editions.values():
        numbers = {n.id: n.number for d in edition.divisions for n in d.notes}
        for division in edition.divisions:
            note_blocks = [b for n in division.notes + division.unreferenced_notes for b in n.blocks]
            for block in division.blocks + note_blocks:
                source_md = render_block(edition.source, division, block)
                # A footnote reference stands for the printed number (CommonMark has no footnotes).
                source_md = re.sub(r"\[\^([^\]]+)\]", lambda m: numbers[m.group(1)], source_md)
                source_md = re.sub(r"\s*\{:? [.#][^}]*\}$", "", source_md, flags=re.M)  # our attr lists
                out = md.render(source_md)
                expected = words(block.number) + _words_with_references(block) + [
                    w for r in block.rows for c in r for w in _words_with_references(c)]
                out = re.sub(r"<a [^>]*></a>", "", out)  # an anchor (a page beginning inside a word) is no space
                # The editor's signs ([corr.], [sic], Ed. 1) are apparatus, as a note's number is.
                out = re.sub(r'<a class="editorial" [^>]*>[^<]*</a>|<sup class="editor-note-ref".*?</sup>', "", out)
                got = words(html.unescape(re.sub(r"<[^>]+>", " ", out)))
                assert got == expected, (edition.source.slug, block.anchor)
                tag = re.match(r"<(\w+)", out).group(1)
                want = {"heading": f"h{block.level}", "table": "p"}.get(block.kind, "blockquote" if block.role in ("quote", "verse", "attribution") else "p")
                assert tag == want, (edition.source.slug, block.anchor, out[:80])


def test_emendations_are_published_and_point_at_existing_anchors(built):
    docs = built[0]
    records = json.loads((docs / "data" / "emendations.json").read_text())
    by_source = {r["source"] for r in records}
    assert {BAZHANOV, BRENT, HARRIS} <= by_source
    pages: dict[str, str] = {}
    for r in records[:: max(1, len(records) // 200)]:
        path, anchor = r["url"].split("#")
        text = pages.setdefault(path, (docs / path.replace(".html", ".md")).read_text())
        assert f'id="{anchor}"' in text or f"{{ #{anchor} }}" in text  # a paragraph's or a heading's anchor
    notes = (docs / BRENT / "editorial-notes.md").read_text()
    assert "offi cials" in notes and "| officials |" in notes


def test_plain_text_export_has_one_paragraph_per_line_and_no_notes(built):
    text = reading(built[0], BAZHANOV)
    assert "\ue000" not in text and "Page 75" not in text
    assert "I was born in 1900 in the village of Mogilev-Podolsky, in the Ukraine. At the time" in text
    assert "Zorge (fnu), Orgburo functionary, 7\n" in text  # index entries stay one per line
    assert "48°.27'N" not in text  # a note, not the reading text


def test_build_is_deterministic(built, tmp_path):
    first = built[0]
    second = tmp_path / "docs"
    convert_all(ROOT, second)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel


def _words_with_references(text) -> list[str]:
    """The words of a text, each note reference's number a word of its own where it stands."""
    pieces, last = [], 0
    for ref in text.of(NoteRef):
        pieces += [text.text[last:ref.start], f" {ref.number} "]
        last = ref.start
    return words(" ".join(pieces + [text.text[last:]]))
