"""A printed index as a reader finds it: sub-entries under their entries, persons linked to the register.

The rules on a few lines made for each; the whole of Bazhanov's index in the
browser (tests/test_reader.py).
"""
from __future__ import annotations

import re

from build_tools.enrich import Enrichment
from build_tools.enrich.index_headings import name_span
from build_tools.enrich.registers import Person
from build_tools.write.index_entries import levels
from tests.util import convert


def nested(text: str, letter: str | None) -> list[str]:
    """The lines, a sub-entry indented, as the reader should see them."""
    lines = text.strip("\n").split("\n")
    return [("  " if level else "") + line for line, level in zip(lines, levels(lines, letter))]


def test_lines_that_break_the_alphabetical_order_are_sub_entries():
    assert nested("""
Bastamov (fnu), 231
Bazhanov, Boris Georgievich
anticommunism of, vii, 75-90
Cheka/OGPU, quarrels with, 3, 73
"special dossier" of, 49
Stalin, acts for, 77-78
Bukharin, relations with, 12
wounded in Kiev, 2
Belenky, Grigory ("Grisha"), 150
p Bessedovsky, Grigori Z. (p Kalinov), 204""", "b") == """
Bastamov (fnu), 231
Bazhanov, Boris Georgievich
  anticommunism of, vii, 75-90
  Cheka/OGPU, quarrels with, 3, 73
  "special dossier" of, 49
  Stalin, acts for, 77-78
  Bukharin, relations with, 12
  wounded in Kiev, 2
Belenky, Grigory ("Grisha"), 150
p Bessedovsky, Grigori Z. (p Kalinov), 204""".strip("\n").split("\n")


def test_acronyms_come_first_and_a_headword_s_own_lines_tie():
    assert nested("""
CPSU (Communist Party, Soviet Union), x
bureaucracy of, 53-54
Central Committee, x
Bazhanov appointed secretary, 33
Central Control Commission, 22-24
Cheka, Soviet state security service, xi
Cheka messenger corps, 35-36""", "c") == """
CPSU (Communist Party, Soviet Union), x
  bureaucracy of, 53-54
Central Committee, x
  Bazhanov appointed secretary, 33
Central Control Commission, 22-24
Cheka, Soviet state security service, xi
Cheka messenger corps, 35-36""".strip("\n").split("\n")


def test_a_sub_entry_phrased_as_one_does_not_outweigh_the_entry_after_it():
    # "Trotsky, first serious attack on" sorts with "Trotsky, Lev" but reads as the Troika's sub-entry.
    assert nested("""
Troika, 16
dissolution of, 118
Trotsky, first serious attack on, 50
p Trotsky, Lev Davidovich, xii
and Bazhanov, xii-xiii
Troika, struggle against, 53-56
Trotskaya, Zina, 122""", "t") == """
Troika, 16
  dissolution of, 118
  Trotsky, first serious attack on, 50
p Trotsky, Lev Davidovich, xii
  and Bazhanov, xii-xiii
  Troika, struggle against, 53-56
Trotskaya, Zina, 122""".strip("\n").split("\n")


def test_the_index_s_own_slip_in_order_between_near_names_stays_an_entry():
    assert nested("""
Khrushchev, Nikita, xiii
Khutarov, Ivan, 152
Khutarevna, Anna, 152-53
Kirov, Sergei, 20""", "k") == ["Khrushchev, Nikita, xiii", "Khutarov, Ivan, 152", "Khutarevna, Anna, 152-53",
                              "Kirov, Sergei, 20"]


def test_without_letter_headings_any_capital_may_open_an_entry():
    assert nested("Adams, John, 3\nand Jefferson, 4\nBurke, Edmund, 5", None) == [
        "Adams, John, 3", "  and Jefferson, 4", "Burke, Edmund, 5"]


def test_a_heading_s_name_is_its_surname_and_given_names():
    heading = "p Agabekov, Georgy Sergeevich (p Aruntov; p Ovsepián), Soviet defector"
    a, z = name_span(heading)
    assert heading[a:z] == "Agabekov, Georgy Sergeevich"
    assert (lambda h: h[slice(*name_span(h))])("Afeniev (fnu), murder of by Cheka") == "Afeniev"


INDEXED = ("Contents\n\nOne\nIndex\n\nPage 1\n\nOne\n\nStalin spoke to Bazhanov.\n\nPage 2\n\nIndex\n\nB\n\n"
           "Bazhanov, Boris Georgievich\nanticommunism of, 1\nStalin, acts for, 1\nBelov (fnu), 1\n\n"
           "S\n\nSmith (fnu), 1\n- p Stalin, Iosif (né Djugashvili), 1\nand Bazhanov, 1\nStalin, Iosif, 1\n")
LAYOUT = {"divisions": "chapters", "pages": {"marker": r"Page (?P<label>\d+)"}, "headings": {"strategies": ["contents"]}}


def test_an_index_line_that_opens_with_a_person_s_printed_heading_links_the_name_to_the_register(tmp_path):
    from build_tools.pipeline import write_editions

    persons = [Person("bazhanov-boris", "Boris Bazhanov", "Bazhanov, Boris", ["Bazhanov"],
                      index=["Bazhanov, Boris Georgievich"]),
               Person("stalin-iosif", "Iosif Stalin", "Stalin, Iosif", ["Stalin"],
                      index=["p Stalin, Iosif (né Djugashvili)"]),
               # the same printed heading for two persons: neither is linked from it
               Person("smith-a", "A. Smith", "Smith, A.", index=["Smith (fnu)"]),
               Person("smith-b", "B. Smith", "Smith, B.", index=["Smith (fnu)"])]
    edition = convert(INDEXED, LAYOUT)
    write_editions([edition], tmp_path / "docs", Enrichment({"persons": persons}))
    page = (tmp_path / "docs" / "test" / "book-index.md").read_text(encoding="utf-8")
    entries = re.findall(r'<span class="index-entry( index-entry--sub)?">(.*?)</span>', page)
    shown = [("  " if sub else "") + re.sub(r"\]\([^)]*\)", "]", text) for sub, text in entries]
    assert shown == ["[Bazhanov, Boris Georgievich]", "  anticommunism of, [1]", "  Stalin, acts for, [1]",
                     "Belov (fnu), [1]",
                     "Smith (fnu), [1]", "\\- p [Stalin, Iosif] (né Djugashvili), [1]", "  and Bazhanov, [1]",
                     "Stalin, Iosif, [1]"]  # not the printed heading: the start of a longer name is no match
    assert "[Bazhanov, Boris Georgievich](../persons/b.md#bazhanov-boris)" in page
    assert "[Stalin, Iosif](../persons/s.md#stalin-iosif) (né" in page
    # The index is the book's apparatus: its links are not mentions on the persons' pages.
    register = (tmp_path / "docs" / "persons" / "b.md").read_text(encoding="utf-8")
    assert "book-index" not in register
