"""Register pages a browser opens at any size (build_tools/write/register_layout.py).

Small registers made for each rule; the five sources' registers are checked in
the browser (tests/test_reader.py).
"""
from __future__ import annotations

import posixpath
import re

import pytest

from build_tools.write import register_layout as layout
from build_tools.write.register_layout import Appendix, Entry, Occurrences, Register, entry_page, lay_out, letter_of

LINK = re.compile(r"\]\(([^)\s]+)")


def entry(id: str, sort: str, *per_source: int) -> Entry:
    """An entry with n links in each of some sources ("S1", "S2", ...)."""
    occurrences = [Occurrences(f"S{k}", "p.", [(str(p), f"s{k}/part.md#p-{p}") for p in range(1, n + 1)])
                   for k, n in enumerate(per_source, start=1)]
    return Entry(id, sort, sort, sort, "Someone.", occurrences, "person")


def register(*entries: Entry, appendices=()) -> Register:
    return Register("persons", "Persons", "Everyone.", list(entries), "Mentioned", list(appendices))


def links_in(text: str) -> list[str]:
    return LINK.findall(text)


def targets(pages: dict[str, str]) -> set[str]:
    """Every page#anchor the pages define (heading ids, given or made from the heading) and every page."""
    found = set(pages)
    for path, text in pages.items():
        found |= {f"{path}#{a}" for a in re.findall(r"\{ #([^ }]+)[^}]*\}", text)}
        found |= {f"{path}#{h.lower()}" for h in re.findall(r"(?m)^## (\w+)$", text)}
    return found


def assert_links_resolve(pages: dict[str, str]) -> None:
    """Every link of every page leads to a page (or its anchor) of the layout, or to a source's page."""
    known = targets(pages)
    for path, text in pages.items():
        for link in links_in(text):
            page = link.split("#")[0]
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), page)) if page else path
            whole = resolved + ("#" + link.split("#")[1] if "#" in link else "")
            assert whole in known or re.fullmatch(r"s\d+/part\.md#p-\d+", whole), (path, link)


@pytest.mark.parametrize("sort, letter", [("Stalin, Joseph", "s"), ("Ëzhov, Nikolai", "e"), ("“Sergo”", "s"),
                                          ("1905 Revolution", "other"), ("Сталин", "other"), ("", "other")])
def test_an_entry_sorts_to_the_page_of_its_first_letter(sort, letter):
    assert letter_of(sort) == letter
    assert entry_page("persons", sort) == f"persons/{letter}.md"


def test_each_letter_has_a_page_and_the_contents_page_names_every_entry():
    pages = lay_out(register(entry("stalin", "Stalin, Joseph", 2), entry("ezhov", "Ëzhov, Nikolai", 1),
                             entry("bukharin", "Bukharin, Nikolai"))).pages
    assert set(pages) == {"persons.md", "persons/b.md", "persons/e.md", "persons/s.md"}
    contents = pages["persons.md"]
    assert contents.index("Bukharin") < contents.index("Ëzhov") < contents.index("Stalin")  # accents folded
    assert "[Ëzhov, Nikolai](persons/e.md#ezhov)" in contents
    assert "## Stalin, Joseph { #stalin .person }" in pages["persons/s.md"]
    assert "- S1, pp. [1](../s1/part.md#p-1), [2]" in pages["persons/s.md"]
    assert "Bukharin" in pages["persons/b.md"] and "- S" not in pages["persons/b.md"]  # no occurrences, no line
    assert_links_resolve(pages)


def test_every_entry_and_appendix_of_the_single_page_is_sent_to_its_new_page():
    unresolved = Appendix("unresolved", "Mentions the text does not resolve", "Which one?",
                          [("- Kaganovich, S1, [p. 3]({root}s1/part.md#p-3)", 1)])
    result = lay_out(register(entry("stalin", "Stalin, Joseph", 2), entry("ezhov", "Ëzhov, Nikolai", 1),
                              appendices=[unresolved]))
    assert result.moves == {"persons.html#stalin": "persons/s.html#stalin", "persons.html#ezhov": "persons/e.html#ezhov",
                            "persons.html#unresolved": "persons/unresolved.html#unresolved"}
    known = targets(result.pages)
    for new in result.moves.values():
        page, anchor = new.split("#")
        assert f"{page.removesuffix('.html')}.md#{anchor}" in known
    assert "[p. 3](../s1/part.md#p-3)" in result.pages["persons/unresolved.md"]
    assert result.nav == [{"Persons": "persons.md"}]  # the letters are not in the navigation every page prints


def test_a_letter_over_the_budget_gives_its_most_mentioned_entries_pages_of_their_own(monkeypatch):
    monkeypatch.setattr(layout, "PAGE_LINKS", 10)
    # S: 12 + 3 + 2 links; Stalin's leave the page, the rest (5) stay.
    result = lay_out(register(entry("stalin", "Stalin, Joseph", 6, 4, 2), entry("sverdlov", "Sverdlov, Yakov", 3),
                              entry("smirnov", "Smirnov, Ivan", 2)))
    letter = result.pages["persons/s.md"]
    assert "Mentioned in 12 places of 3 sources: [every place, source by source](s/stalin.md)." in letter
    assert "- S1, pp. [1](../s1/part.md#p-1), [2]" in letter.split("#sverdlov")[1]  # the others keep their lines
    assert len(links_in(letter.split("#stalin")[1].split("#sverdlov")[0])) == 1  # Stalin's: the summary only
    # His places, source by source, on pages of at most 10 links: S1 and S2 (10), then S3.
    first, second = result.pages["persons/s/stalin.md"], result.pages["persons/s/stalin/2.md"]
    assert [l for l in first.splitlines() if l.startswith("- ")] == [
        "- S1, pp. " + ", ".join(f"[{p}](../../s1/part.md#p-{p})" for p in range(1, 7)),
        "- S2, pp. " + ", ".join(f"[{p}](../../s2/part.md#p-{p})" for p in range(1, 5))]
    assert "- S3, pp. [1](../../../s3/part.md#p-1)" in second
    assert "Part 2 of 2: [S1 – S2](../stalin.md) · **S3**" in second
    assert "[the entry](../../../persons/s.md#stalin)" in second
    assert "persons/s/stalin.md" not in {p for p in result.pages if "sverdlov" in p}
    assert_links_resolve(result.pages)


def test_no_page_holds_more_than_the_budget_unless_one_source_alone_does(monkeypatch):
    monkeypatch.setattr(layout, "PAGE_LINKS", 20)
    entries = [entry(f"p{k:02d}", f"S{chr(97 + k % 5)}name{k}", *([k % 7 + 1] * (k % 4 + 1))) for k in range(60)]
    entries.append(entry("giant", "Smith, Giant", 30, 5))  # one source holds 30: a page of its own
    pages = lay_out(register(*entries)).pages
    for path, text in pages.items():
        if path != "persons.md":  # the contents page links each entry once, whatever the budget
            sources = [len(links_in(line)) for line in text.splitlines() if line.startswith("- S")]
            assert sum(sources) <= 20 or len(sources) == 1, path
    assert_links_resolve(pages)


def test_the_page_of_an_entry_depends_on_the_register_alone():
    """A source's pages link to entries before the other sources are known (each is cached on its own)."""
    small = lay_out(register(entry("stalin", "Stalin, Joseph", 1)))
    large = lay_out(register(entry("stalin", "Stalin, Joseph", *[400] * 20)))
    assert small.moves == large.moves == {"persons.html#stalin": f"{entry_page('persons', 'Stalin, Joseph')[:-3]}.html#stalin"}
    assert "{ #stalin .person }" in large.pages["persons/s.md"]


def test_names_and_sources_are_text_not_markup():
    evil = Entry("x", "<img src=x onerror=alert(1)> *Bold*", "<img src=x onerror=alert(1)> *Bold*", "A title",
                 occurrences=[Occurrences("[Source](javascript:alert(1))", "p.", [("1]](x", "s1/part.md#p-1")])])
    pages = lay_out(register(evil)).pages
    text = "".join(pages.values())
    assert "<img" not in text and not re.search(r"(?<!\\)\]\(javascript", text)  # brackets escaped
    assert "&lt;img src=x onerror=alert(1)&gt; \\*Bold\\*" in pages["persons.md"]
