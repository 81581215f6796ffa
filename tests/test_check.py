"""The self-check (build_tools/check): each check catches its kind of damage on a
small text made for it, and finds nothing on a clean one.

The checks read the reading view, so most damaged texts are written as
passages of that view directly: they stay damaged whatever the converter
learns to repair. The view itself is tested on texts run through the
converter.
"""
from __future__ import annotations

import html
import re

import markdown

from build_tools.check import CHECKS, apparatus, debris, defects, headings, links, pages, paragraphs, registers
from build_tools.check import run_checks, split_words, summary
from build_tools.check.finding import Evidence
from build_tools.check.view import Link, NoteRef, PageMark, Passage, RegisterPlace, passages, register_places
from build_tools.enrich import Enrichment
from build_tools.enrich.registers import Person, Term
from build_tools.lexicon import Lexicon
from build_tools.model import Emendation, PageBreak, Removal
from build_tools.write.register_layout import lay_out
from build_tools.write.registers import citation_places, glossary_register, persons_register

from .util import convert

FILLER = ("The committee met again in the spring and the members argued about the plan for many hours. "
          "Nobody could say what would come of it. ")


def passage(text: str, line: int = 1, **kw) -> Passage:
    fields = {"part": "index", "anchor": f"para-{line}", "kind": "para", "level": 0, "role": "", "page": None,
              "line": line}
    return Passage(text=text, **(fields | kw))


def evidence(*ps: Passage, corpus: str = "", **kw) -> Evidence:
    kw.setdefault("lexicon", Lexicon([corpus] + [p.text for p in ps]))
    return Evidence("test", list(ps), **kw)


def kinds(findings) -> list[str]:
    return [f.kind for f in findings]


# ------------------------------------------------------------------ the view


PAGED_NOTES = """A Title

The first paragraph runs on to
Page 5
the next page, where a note stands.¹

Page 6

Another *paragraph*.²

Notes

1. The first note.

A second paragraph of the note.

2. The second note.
"""
PAGED_LAYOUT = {"pages": {"marker": "Page (?P<label>\\d+)"},
                "headings": {"strategies": ["first-line-title"], "notes": "Notes"},
                "notes": {"heading": "Notes", "references": "superscript"}, "emphasis": ["asterisk"]}


def test_view_is_plain_reading_text_with_pages_and_references_as_marks():
    view = passages(convert(PAGED_NOTES, PAGED_LAYOUT))
    assert not any(re.search("[\ue000-\uf8ff]", p.text) for p in view)
    first = next(p for p in view if p.text.startswith("The first"))
    assert first.text == "The first paragraph runs on to\nthe next page, where a note stands.1"
    mark, = first.pages
    assert (first.text[mark.offset:].startswith("the next page"), mark.label, mark.exact, mark.line) == (True, "5", True, 4)
    ref, = first.refs
    assert (first.text[ref.offset:], ref.number, ref.note) == ("1", "1", "n1")
    assert first.line == 3 and not first.in_note
    another = next(p for p in view if p.text.startswith("Another"))
    assert another.text == "Another paragraph.2" and another.page == "6" and another.pages[0].offset == 0
    (start, end), = another.emphasis
    assert another.text[start:end] == "paragraph"


def test_view_gives_notes_their_paragraphs_and_pages():
    view = passages(convert(PAGED_NOTES, PAGED_LAYOUT))
    in_notes = [(p.text, p.note) for p in view if p.in_note]
    assert in_notes == [("1. The first note.", "n1"), ("A second paragraph of the note.", "n1"), ("2. The second note.", "n2")]
    assert all(p.page == "6" for p in view if p.in_note)
    heading = next(p for p in view if p.text == "Notes")
    assert (heading.kind, heading.role) == ("heading", "notes-heading")


def test_view_reduces_links_to_their_text_and_keeps_the_target():
    text = "An Essay\n\nAs one historian argues (Kort, 241), it was so.\n\nWorks Cited\n\nKort, Michael. The Soviet Colossus. 2006.\n"
    layout = {"headings": {"strategies": ["first-line-title", "title-lines"]}, "citations": {"works_cited": "Works Cited"}}
    view = passages(convert(text, layout))
    cited = next(p for p in view if "argues" in p.text)
    link, = cited.links
    entry = next(p for p in view if p.text.startswith("Kort, Michael"))
    assert (cited.text[link.start:link.end], link.target) == ("(Kort, 241)", entry.anchor)
    assert cited.text == "As one historian argues (Kort, 241), it was so."


def test_view_of_a_reference_that_leads_nowhere_has_no_note():
    view = passages(convert("A paragraph ends here.⁴\n", {"notes": {"references": "superscript"}}))
    assert [(r.number, r.note) for r in view[0].refs] == [("4", None)]


# ------------------------------------------------------------------ split words


def test_split_words_are_found_across_a_space_and_a_line_break():
    found = split_words.check(evidence(
        passage("He brought with him sample documenta- tion which revealed much."),
        passage("Zina (Lev Trotsky's daughter by Olga Kame-\nneva), 122", kind="lines", line=9),
        corpus="Kameneva Kameneva",
    ))
    assert kinds(found) == ["split word", "split word"]
    assert "documentation is a word" in found[0].note and "documenta- tion" in found[0].quote
    assert "line break" in found[1].note and found[1].line == 9


def test_a_compound_that_kept_the_space_after_its_hyphen_is_found():
    found = split_words.check(evidence(passage("while its then- rudimentary apparatus was directed by him")))
    assert kinds(found) == ["split compound"] and "then-rudimentary" in found[0].note


def test_suspended_compounds_and_dashes_are_not_split_words():
    clean = passage("He held junior- and second-level jobs, pre- or post-war, a well-known man - and a dash – too.")
    assert split_words.check(evidence(clean)) == []


# ------------------------------------------------------------------ debris


def test_page_number_lines_and_page_n_are_debris():
    found = debris.check(evidence(
        passage("the last line of a page\n37\nthe first line of the next", kind="lines"),
        passage("The text goes on Page 12 and on.", line=5),
    ))
    assert kinds(found) == ["page number line", "page number"]
    assert found[0].quote.count("37") == 1 and "Page 12" in found[1].quote


def test_a_running_head_the_conversion_removed_elsewhere_is_found_again():
    removed = [Removal("running head", " 8 Inside the Archives", 10), Removal("running head", " 12 Inside the Archives", 50)]
    found = debris.check(evidence(passage("the archive was opened 10 Inside the  Archives in the spring of 1992."),
                                  removals=removed))
    assert kinds(found) == ["running head"] and "opened 10 Inside the Archives in" in found[0].quote


def test_a_page_number_beside_its_page_break_is_a_running_head():
    text = "the end of one page. Introduction 9 the start of the next"
    mark = PageMark(text.index("Introduction"), "9", True, 40)
    found = debris.check(evidence(passage(text, pages=[mark])))
    assert kinds(found) == ["running head"] and found[0].page == "9"


def test_running_heads_nobody_named_recur_with_changing_numbers():
    ps = [passage(FILLER + f"The Soviet Century {n} " + FILLER, line=n) for n in (212, 214, 216)]
    found = debris.check(evidence(*ps))
    assert kinds(found) == ["running head"] * 3 and {f.line for f in found} == {212, 214, 216}
    assert debris.check(evidence(*ps[:2])) == []  # twice is not yet a pattern


def test_stray_superscripts_and_numbers_are_debris_unless_note_references():
    text = "had unexpected consequences.6 ⁾ It was the Party12 that met, as in vols.12 and 1920s. He left the Party. 9"
    refs = [NoteRef(text.index("6 ⁾"), "6", "ch09-6")]
    found = debris.check(evidence(passage(text, refs=refs)))
    assert kinds(found) == ["stray superscript", "glued number", "stray number"]
    referenced = [NoteRef(text.index("12 that"), "12", "n12"), NoteRef(len(text) - 1, "9", "n9")] + refs
    assert kinds(debris.check(evidence(passage(text, refs=referenced)))) == ["stray superscript"]


def test_note_references_the_ocr_misread_as_other_signs_are_debris():
    text = ("the workers’ protests.* Then at the burial,® he spoke of the “windows.”? In the 1ª case "
            "he said “Yes?” and left at 5 p.m., a 45° turn; see p. 3.")
    found = [f for f in debris.check(evidence(passage(text))) if f.kind == "note-like mark"]
    marks = [text[m.start()] for m in debris.NOTE_LIKE.finditer(text)]
    assert marks == ["*", "®", "?", "ª"] and len(found) == 4


def test_the_note_like_signs_are_found_where_each_of_their_branches_alone_finds_them():
    """NOTE_LIKE looks ahead for the signs before trying its lookbehinds: a branch for another sign
    would be skipped unless the lookahead names it."""
    import random

    plain = re.compile(debris.NOTE_LIKE_SIGNS)
    rng = random.Random(7)
    alphabet = "ab1.,;:!?’”\" *®ªº†‡ \n"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14)))
        assert [m.span() for m in debris.NOTE_LIKE.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_portal_text_is_debris():
    found = debris.check(evidence(passage("Kotkin, Stephen. Stalin. Find this resource: Penguin, 2014.")))
    assert kinds(found) == ["portal text"]


def test_clean_text_has_no_debris():
    clean = [passage(FILLER + "In 1937, on p. 376 of the English edition, 12 men met.", line=1),
             passage("© Copyright 1990 by David W. Doyle. See www.marxists.org for the text.", line=3)]
    assert debris.check(evidence(*clean)) == []


# ------------------------------------------------------------------ headings


def test_all_caps_headings_and_a_heading_ending_in_a_colon_are_found():
    found = headings.check(evidence(
        passage("LIFE AT THE TOP (THE 1940S)", kind="heading", level=2),
        passage("NKVD", kind="heading", level=2, line=3),  # one word: an acronym may be a heading
        passage("Notes:", kind="heading", level=2, line=5),
    ))
    assert kinds(found) == ["all-caps heading", "heading ends with a colon"]


def test_a_sentence_taken_for_a_heading_is_found():
    title_case = [passage(t, kind="heading", level=2, line=i) for i, t in
                  enumerate(["Formative Experiences", "The Rise of Stalin and the Great Break", "Dictatorship and Terror"])]
    sentence = passage("He did not know what the committee had decided", kind="heading", level=2, line=9)
    found = headings.check(evidence(*title_case, sentence))
    assert kinds(found) == ["sentence as heading"] and found[0].line == 9
    long = passage("The " + "very " * 15 + "long title", kind="heading", level=2, line=11)
    assert kinds(headings.check(evidence(long))) == ["sentence as heading"]


def test_a_heading_swallowed_into_a_note_is_found_once_per_note():
    note = [passage(t, in_note=True, note="postscript-3", line=i) for i, t in enumerate(
        ["3. Bazhanov died in Paris in 1983.", "Select Bibliography", "Aleksandrov, Viktor. The Kremlin. 1963.",
         "Russian Review", "Slavic Review"])]
    found = headings.check(evidence(*note))
    assert kinds(found) == ["heading inside a note"] and found[0].quote == "Select Bibliography"
    assert "3 more paragraphs" in found[0].note


def test_clean_headings_are_not_found():
    clean = [passage(t, kind="heading", level=1, line=i) for i, t in
             enumerate(["Stalin's Secretariat. The Military.", "Escape. Persia. India.", "OGPU. The Essence of Power"])]
    clean += [passage("1. A note.", in_note=True, note="n1", line=9), passage("It goes on.", in_note=True, note="n1", line=10)]
    assert headings.check(evidence(*clean)) == []


# ------------------------------------------------------------------ paragraphs


def test_a_paragraph_far_longer_than_the_source_s_typical_one_is_found():
    ordinary = [passage(FILLER, line=i) for i in range(20)]
    lost = passage(FILLER * 60, line=99)
    found = paragraphs.check(evidence(*ordinary, lost))
    assert kinds(found) == ["long paragraph"] and found[0].line == 99
    # A source that lost every break has no typical paragraph: an absolute limit applies.
    assert kinds(paragraphs.check(evidence(passage(FILLER * 100), passage(FILLER * 100, line=2)))) == ["long paragraph"] * 2


def test_a_short_paragraph_ending_mid_sentence_is_found_too():
    short = passage('These photos have often been published in the newspapers: "Vladimir', line=10)
    found = paragraphs.check(evidence(short, passage("Ilich speaking for the last time. " + FILLER, line=12)))
    assert kinds(found) == ["split paragraph"]


def test_a_paragraph_ending_mid_sentence_is_found_and_where_a_page_breaks():
    ends_open = passage(FILLER + "The head of the section was then secretary of the Southeast", line=10)
    next_page = passage("Bureau of the Central Committee. " + FILLER, line=13, pages=[PageMark(0, "13", True, 12)])
    found = paragraphs.check(evidence(ends_open, next_page))
    assert kinds(found) == ["split at a page break"] and found[0].line == 10
    same_page = passage("Bureau of the Central Committee. " + FILLER, line=13)
    assert kinds(paragraphs.check(evidence(ends_open, same_page))) == ["split paragraph"]


def test_a_join_across_a_sentence_end_with_no_page_break_is_found():
    text = "Tamara went to Andrei Andreevich Andreev who married her.7 When I started working in Stalin's office, it was spring."
    p = passage(text, anchor="para-36-3", line=864)
    join = Emendation("paragraph rejoined", "vich Andreev who married her.7¶When I started working in Stal",
                      "vich Andreev who married her.7 When I started working in Stal", 866, anchor="para-36-3")
    found = paragraphs.check(evidence(p, emendations=[join]))
    assert kinds(found) == ["paragraphs joined"] and found[0].line == 866 and "her.7 When" in found[0].quote
    at_page = passage(text, anchor="para-36-3", line=864, pages=[PageMark(text.index("When"), "37", True, 865)])
    assert paragraphs.check(evidence(at_page, emendations=[join])) == []


def test_clean_paragraphs_are_not_found():
    ps = [passage(FILLER, line=i) for i in range(5)]
    ps += [passage("Contents", line=20), passage("Harris, James. The Great Fear. Oxford University Press, 2016), 63–82", line=22),
           passage("Translation and Commentary by David W. Doyle", line=24),
           passage("Keywords: Stalinism, terror, Bolshevik Party, political police, Lenin, Stalin, Trotsky, Kirov", line=26)]
    join = Emendation("paragraph rejoined", "secretary of the¶Southeast Bureau", "secretary of the Southeast Bureau", 3,
                      anchor="para-1")
    assert paragraphs.check(evidence(*ps, emendations=[join])) == []


# ------------------------------------------------------------------ page anchors


def paged(labels: list[str | None], size: int = 1000, shift: dict[str, int] | None = None) -> list[Passage]:
    """One passage per page, each page `size` characters; shift moves a page's anchor into its paragraph
    by so many characters (as an inference would: no marker line)."""
    shift = shift or {}
    out = []
    for i, label in enumerate(labels):
        offset = shift.get(label, 0)
        out.append(passage(FILLER * (size // len(FILLER)), line=10 * i + 2, anchor=f"para-{i}",
                           pages=[PageMark(offset, label, True, None if offset else 10 * i + 1)]))
    return out


def test_pages_out_of_order_duplicated_or_without_number_are_found():
    found = pages.check(evidence(*paged(["1", "2", "4", "3", "3", None, "5", "6"])))
    assert kinds(found) == ["page out of order", "page duplicated", "page without a number"]
    assert [f.page for f in found[:2]] == ["3", "3"]


def test_a_page_anchor_away_from_its_marker_is_found():
    early = passage(FILLER, line=10, pages=[PageMark(0, "8", True, 14)])  # marked on line 14, anchored at the start
    late = passage(FILLER, line=30, pages=[PageMark(40, "9", True, 28)])  # marked before the paragraph, anchored inside
    found = pages.check(evidence(early, late))
    assert kinds(found) == ["page anchor too early", "page anchor too late"] and [f.line for f in found] == [14, 28]


def test_a_page_anchor_far_from_where_page_length_puts_it_is_found():
    labels = [str(n) for n in range(1, 11)]
    moved = pages.check(evidence(*paged(labels, shift={"6": 900})))
    assert kinds(moved) == ["page anchor misplaced"] and moved[0].page == "6"
    assert pages.check(evidence(*paged(labels, shift={"6": 300}))) == []  # pages vary that much


def test_a_page_anchor_the_printed_index_contradicts_is_found():
    names = ["Agabekov", "Barmin", "Krivitsky", "Orlov"]
    book = paged(["1", "2", "3", "4", "5", "6"])
    # Page 2's anchor stands before the sentence that names them; the printed index puts them on page 1.
    book[1].text = f"The defectors {', '.join(names)} followed him. " + book[1].text
    index = passage("\n".join(f"{n}, Soviet defector, 1, 40" for n in names), kind="lines", line=900,
                    part="book-index", part_kind="index")
    found = pages.check(evidence(*book, index))
    assert kinds(found) == ["page anchor contradicts the index"] and found[0].page == "2"
    assert all(n in found[0].note for n in names)
    index.text = "\n".join(f"{n}, Soviet defector, 2, 40" for n in names)  # the index agrees: page 2
    assert pages.check(evidence(*book, index)) == []


def test_clean_page_anchors_are_not_found():
    assert pages.check(evidence(*paged(["i", "ii", "1", "2", "3", "4", "5", "6"]))) == []


# ------------------------------------------------------------------ links


def test_note_references_without_a_note_are_found_and_a_lost_date_range_named():
    text = "He was arrested from 190817 and exiled, as he says.3"
    found = links.check(evidence(passage(text, refs=[NoteRef(text.index("17 and"), "17", None), NoteRef(len(text) - 1, "3", "n3")])))
    assert kinds(found) == ["note reference"] and "1908–17" in found[0].note


def test_every_index_locator_that_is_not_a_link_is_found():
    text = "Agabekov, Georgy, Soviet defector, viii, 191-92, 238 n2 and n5, 40 passim"
    linked = text.index("191-92")
    entry = passage(text, part="book-index", part_kind="index", anchor="para-277-5",
                    links=[Link(linked, linked + 6, "p-191")])
    listed = [type("Unresolved", (), {"entry": "Agabekov", "locator": "viii", "reason": "no page viii", "anchor": "para-277-5"})()]
    found = links.check(evidence(entry, unresolved=listed))
    assert kinds(found) == ["index locator"] * 4
    assert [f.quote.count(loc) > 0 for f, loc in zip(found, ["viii", "238 n2", "n5", "40"])] == [True] * 4
    notes = [f.note for f in found]
    assert notes[0] == "Agabekov: listed as not linked" and all("not listed" in n for n in notes[1:])


def test_linked_locators_and_references_are_not_found():
    text = "Barmin, Aleksandr, 12, 14-15"
    entry = passage(text, part="book-index", part_kind="index",
                    links=[Link(text.index("12"), text.index("12") + 2, "p-12"), Link(text.index("14"), len(text), "p-14")])
    assert links.check(evidence(entry, passage("A sentence.1", refs=[NoteRef(11, "1", "n1")], line=5))) == []


# ------------------------------------------------------------------ registers


def test_register_view_prints_each_place_as_the_register_page_does():
    text = ("A Title\n\nPage 1\n\nThe Politburo\n\nThe Politburo met. Stalin spoke.\n\nPage 2\n\n"
            "The Politburo met again, as Adibekov writes.\n")
    layout = {"pages": {"marker": "Page (?P<label>\\d+)"}, "headings": {"strategies": ["first-line-title", "title-lines"]}}
    edition = convert(text, layout)
    persons = [Person("stalin", "Iosif Stalin", variants=["Stalin"], born=1878, died=1953),
               Person("adibekov", "G. M. Adibekov", sort="Adibekov, G. M.", variants=["Adibekov"])]
    context = Enrichment({"persons": persons, "glossary": [Term("politburo", "Politburo", "Its bureau.")]})
    found = context.apply(edition)
    places = register_places(edition, found, persons)
    reg = context.registers(found)
    where = {"test": {p.anchor: "index" for p in passages(edition)}}
    def pages(make) -> str:  # the register's pages, letter by letter
        made = lay_out(make(reg, {"test": "Test"}, where, {"test": citation_places(edition)})).pages
        return "\n".join(made[path] for path in sorted(made) if "/" in path)

    printed = re.findall(r"\[([^\]]+)\]\(\.\./test/", pages(glossary_register))
    assert [r.label for r in places if r.register == "glossary"] == printed
    assert [(r.register, r.entry, r.kind, r.label) for r in places if r.register == "persons"] == [
        ("persons", "stalin", "p.", "1"), ("persons", "adibekov", "p.", "2")]
    page = markdown.markdown(pages(persons_register))
    names = html.unescape(re.sub(r"<[^>]+>", "", page))  # what the reader sees
    assert [r.title for r in places if r.register == "persons" and r.title not in names] == []
    assert {r.entry: r.title for r in places if r.register == "persons"}["adibekov"] == "Adibekov, G. M."


def place(entry: str, label: str, kind: str = "p.", register: str = "persons", **kw) -> RegisterPlace:
    return RegisterPlace(register, entry, kind, label, kw.pop("anchor", f"para-{label}-1"), "index", **kw)


def test_a_register_place_the_book_does_not_have_is_found():
    book = [PageBreak(str(n), n) for n in range(1, 286)]
    found = registers.check(evidence(register=[place("bolsheviks", "473", "¶", "glossary"), place("lenin", "12")], pages=book))
    assert kinds(found) == ["page the book lacks"] and "473" in found[0].note
    without_pages = registers.check(evidence(register=[place("bolsheviks", "473", "¶", "glossary")], pages=[]))
    assert without_pages == []  # a source without pages is cited by paragraph


def test_register_pages_out_of_the_book_s_order_are_found_once_per_entry():
    book = [PageBreak(label, 1) for label in ["viii", "ix", "x"] + [str(n) for n in range(1, 286)]]
    unsorted = [place("agabekov", label) for label in ("ix", "238", "188", "191")]
    found = registers.check(evidence(register=unsorted, pages=book))
    assert kinds(found) == ["register pages unsorted"] and "pp. ix, 238, 188…" in found[0].note
    in_order = [place("agabekov", label) for label in ("viii", "ix", "188", "191", "238")]
    assert registers.check(evidence(register=in_order, pages=book)) == []


def test_an_unresolved_mention_listed_twice_is_found():
    twice = [place("Kaganovich", "8", register="unresolved", anchor=f"para-8-{n}", candidates=("lazar", "mikhail"))
             for n in (1, 2)]
    found = registers.check(evidence(register=twice + [place("Kaganovich", "9", register="unresolved")]))
    assert kinds(found) == ["unresolved mention repeated"] and "listed 2 times" in found[0].note


def test_a_surname_particle_outside_a_person_link_is_found():
    text = "See especially Erik van Ree, The Political Thought of Joseph Stalin."
    ree = text.index("Ree")
    found = registers.check(evidence(passage(text, links=[Link(ree, ree + 3, "/persons.md#ree-erik")])))
    assert kinds(found) == ["particle outside a name's link"] and "van Ree" in found[0].quote
    whole = text.index("Erik")
    assert registers.check(evidence(passage(text, links=[Link(whole, ree + 3, "/persons.md#ree-erik")]))) == []


def test_a_name_linked_inside_an_italic_title_is_found():
    text = "See Khrushchev Remembers, where Khrushchev says so."
    first, second = text.index("Khrushchev"), text.index("Khrushchev says")
    links = [Link(first, first + 10, "/persons.md#khrushchev-nikita"), Link(second, second + 10, "/persons.md#khrushchev-nikita")]
    found = registers.check(evidence(passage(text, links=links, emphasis=[(4, 24)])))
    assert kinds(found) == ["name in a title linked"] and "Khrushchev Remembers" in found[0].note
    assert registers.check(evidence(passage(text, links=links[1:], emphasis=[(4, 24)]))) == []


def test_an_entry_printed_with_two_full_stops_is_found_once():
    doubled = [place("adibekov", str(n), title="Adibekov, G. M..") for n in (1, 2)]
    found = registers.check(evidence(register=doubled + [place("stalin", "3", title="Stalin, Iosif (1878–1953).")]))
    assert kinds(found) == ["double full stop"] and "Adibekov, G. M.." in found[0].note


# ------------------------------------------------------------------ apparatus


def test_review_items_are_listed_apart_and_entries_without_a_page_are_defects():
    p = passage("1931–32", anchor="para-145-2", page="145")
    review = Emendation("lost dash", "41819", "418–19", 203, status="review", anchor="para-145-2", page="145")
    unpaged = Emendation("lost dash", "1931³²", "1931–32", 2485, anchor="para-145-2", page=None)
    found = apparatus.check(evidence(p, emendations=[review, unpaged], pages=[PageBreak("145", 1)]))
    assert [(f.kind, f.review) for f in found] == [("lost dash", True), ("entry without a page", False)]
    assert defects(found) == found[1:]
    assert apparatus.check(evidence(p, emendations=[review, unpaged], pages=[])) == found[:1]  # no pages: lines it is


# ------------------------------------------------------------------ all checks


def test_a_clean_text_gives_no_finding_at_all():
    text = "A Clean Essay\n\n" + "\n\n".join(FILLER for _ in range(6)) + "\n\nA Second Section\n\n" + FILLER + "\n"
    edition = convert(text, {"headings": {"strategies": ["first-line-title", "title-lines"]}})
    assert run_checks(evidence(*passages(edition))) == []


def test_the_summary_counts_each_check_and_review_items_apart():
    found = run_checks(evidence(passage("sample documenta- tion"), passage("THE PARTY APPARATUS", kind="heading", line=3),
                                emendations=[Emendation("lost dash", "1", "1", 5, status="review", anchor="para-1")]))
    line = summary("lewin", found)
    assert line.startswith("lewin: 1 split words, 0 debris, 1 headings,") and line.endswith(", 1 for review")
    assert [name for name, _ in CHECKS] == [part.split(" ", 1)[1] for part in line.split(": ", 1)[1].split(", ")[:-1]]
