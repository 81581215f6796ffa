"""A printed index as a reader finds it: sub-entries under their entries, persons linked to the register.

The rules on a few lines made for each; the whole of Bazhanov's index in the
browser (tests/test_reader.py).
"""
from __future__ import annotations

from build_tools.enrich.index_headings import name_span
from build_tools.write.index_entries import levels


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
