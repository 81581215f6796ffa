"""The typed text model: marks move with the text they stand in."""
from __future__ import annotations

from build_tools.model import Emphasis, Link, PageBreak, Text, note_ref, page_mark


def page(label: str):
    return page_mark(0, PageBreak(label, 1))


def at(text: Text, mark) -> int:
    assert mark in text.marks
    return mark.start


def test_a_page_break_stays_between_the_words_it_stood_between():
    t = Text("documenta- tion", [])
    p = page("5")
    p.start = p.end = len("documenta-")
    t.marks.append(p)
    t.replace(len("documenta"), len("documenta- "), "")  # the hyphen and space go
    assert t.text == "documentation" and at(t, p) == len("documenta")


def test_several_edits_in_one_pass_move_every_mark_once():
    t = Text("a¹ b² c³", [])
    e = Emphasis(len("a¹ "), len("a¹ b²"))
    t.marks.append(e)
    t.edit([(1, 2, "", [note_ref(1, "1")]), (4, 5, "", [note_ref(4, "2")]), (7, 8, "", [note_ref(7, "3")])])
    assert t.text == "a b c"
    assert [(m.start, getattr(m, "number", "")) for m in t.marks] == [(1, "1"), (2, ""), (3, "2"), (5, "3")]
    assert (e.start, e.end) == (2, 3)  # still over "b"


def test_text_inserted_at_a_point_stays_outside_the_spans_that_meet_there():
    t = Text("ab", [Emphasis(0, 1), Link(1, 2, "x")])
    t.replace(1, 1, "--")
    assert t.text == "a--b"
    assert [(m.start, m.end) for m in t.marks] == [(0, 1), (3, 4)]


def test_a_replaced_mark_takes_its_place_among_the_marks_around_it():
    t = Text("1931 x", [])
    before, ref, after = page("1"), note_ref(4, "32"), page("2")
    before.start = before.end = after.start = after.end = 4
    t.marks += [before, ref, after]
    t.put_in_place({id(ref): "–32"})
    assert t.text == "1931–32 x"
    assert [m.start for m in t.marks] == [4, 7] and t.marks == [before, after]


def test_pieces_keep_their_marks_and_a_span_across_a_cut_is_cut_with_it():
    t = Text("one\ntwo", [Link(2, 6, "x")])
    first, second = t.lines()
    assert (first.text, [(m.start, m.end) for m in first.marks]) == ("one", [(2, 3)])
    assert (second.text, [(m.start, m.end) for m in second.marks]) == ("two", [(0, 2)])
    assert Text.join([first, second], "\n").text == "one\ntwo"


def test_stripping_keeps_space_that_a_mark_stands_beside():
    t = Text("  x  ", [])
    p = page("3")
    p.start = p.end = 1
    t.marks.append(p)
    s = t.stripped()
    assert s.text == " x" and s.marks[0].start == 0


def test_printed_text_puts_the_reference_numbers_back():
    t = Text("her. When", [note_ref(4, "7")])
    assert t.printed() == "her.7 When"
