"""The edition as a historian reads it (#15), in headless Chromium.

Every test runs on the served site and on the offline bundle opened from
file:// (the `base` fixture of tests/test_browser.py): where the reader is
(navigation, tab titles, headings, previous/next, the home page), the
printed index and the split registers, and the editorial changes.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from build_tools import cite
from tests.test_browser import CHAPTER, base, browser, page, search, served  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parents[1]
NOTES = "bazhanov-damnation-of-stalin/editorial-notes.html"


def sources() -> list[tuple[str, str]]:
    """(slug, how a historian names it), in the edition's order (the folders', as the build reads them)."""
    found = []
    for path in sorted((ROOT / "sources").glob("*/source.yml")):
        bib = yaml.safe_load(path.read_text(encoding="utf-8"))["bibliography"]
        found.append((path.parent.name, cite.short_form_text({"bibliography": bib})))
    return found


def words(text: str) -> str:
    return " ".join(text.split())


# ------------------------------------------------------------ where you are


@pytest.mark.parametrize("slug, label", sources())
def test_every_page_of_a_source_names_it_in_the_navigation_the_tab_and_the_heading(page, base, slug, label):
    for part in ("index.html", "editorial-notes.html"):
        page.goto(base + f"{slug}/{part}")
        section = page.locator(".md-nav--primary .md-nav__item--active > .md-nav__link").first
        assert words(section.inner_text()) == label, part
        assert label in page.title(), part
        heading = page.locator("article h1 .edition-source")
        assert words(heading.inner_text()).rstrip(":") == label, part
    # The source's own first page is linked from the heading of its other pages.
    assert page.get_attribute("article h1 .edition-source a", "href") == "index.html"


def test_the_editorial_notes_of_each_source_have_a_tab_title_of_their_own(page, base):
    titles = []
    for slug, _ in sources():
        page.goto(base + f"{slug}/editorial-notes.html")
        titles.append(page.title())
    assert len(set(titles)) == len(titles), titles


def test_previous_and_next_stay_in_a_source_and_then_lead_to_the_next_source(page, base):
    order = sources()
    for (slug, _), (after, label) in zip(order, order[1:]):
        page.goto(base + f"{slug}/editorial-notes.html")  # a source's last page
        nxt = page.locator(".md-footer__link--next")
        assert nxt.get_attribute("href") == f"../{after}/index.html"
        assert words(nxt.inner_text()) == f"Next source {label}"
        page.goto(base + f"{after}/index.html")
        prev = page.locator(".md-footer__link--prev")
        assert prev.get_attribute("href") == f"../{slug}/index.html"
        assert "Previous source" in prev.inner_text()
    page.goto(base + CHAPTER)  # inside a source: the next part, as the navigation orders it
    assert page.get_attribute(".md-footer__link--next", "href") == "08-stalins-secretariat-the-military.html"


def test_a_search_result_names_the_source_of_its_page(page, base):
    results = search(page, base, "Tukhachevsky")
    labels = dict(sources())
    named = page.eval_on_selector_all(
        ".md-search-result__item > a:first-child",
        "els => els.map(e => [e.href, e.querySelector('h1').textContent,"
        " (e.querySelector('.edition-search__source') || {}).textContent || ''])")
    checked = 0
    for href, title, source in named:
        slug = href.split("?")[0].split("#")[0][len(base):].split("/")[0]
        if slug in labels:  # a page of a source, not of a register
            assert words(source) == labels[slug], (href, title, source)
            assert labels[slug] not in title  # the page's own title, its source apart
            checked += 1
    assert checked >= 2, results


def test_the_home_page_says_what_each_source_is_and_how_it_was_edited(page, base):
    page.goto(base + "index.html")
    for slug, label in sources():
        heading = page.locator(f"article h3:has(a[href='{slug}/index.html'])")
        assert words(heading.locator(f"a[href='{slug}/index.html']").inner_text()) == label
        entry = page.evaluate("""h => { let out = [], el = h.nextElementSibling;
            while (el && el.tagName !== 'H3' && el.tagName !== 'H2') { out.push(el.innerText); el = el.nextElementSibling; }
            return out.join('\\n'); }""", heading.element_handle())
        assert "What it is." in entry and "How it was edited." in entry, slug
        assert page.locator(f"article a[href='{slug}/editorial-notes.html']").count() == 1
    # The difference between a person's link and a term's is said once, and shown.
    legend = page.locator("article li:has-text('Names and terms')")
    person, term = legend.locator("a[href*='persons/']").first, legend.locator("a[href*='glossary/']").first
    assert person.evaluate("a => getComputedStyle(a).textDecorationStyle") == "solid"
    assert term.evaluate("a => getComputedStyle(a).textDecorationStyle") == "dotted"


def test_terms_and_persons_are_linked_once_a_section_and_look_different(page, base):
    page.goto(base + CHAPTER)
    links = page.eval_on_selector_all("article :is(p, li) > a[href*='persons/'], article :is(p, li) > a[href*='glossary/']", """
        els => els.map(a => {
            // a section runs from a heading to the next; each note is one of its own (enrich/persons.py)
            let note = a.closest("li[id^='fn:']"), section = note ? note.id : '';
            for (let el = a.closest('p, li'); el && !note; el = el.previousElementSibling)
                if (/^H[1-6]$/.test(el.tagName)) { section = el.id; break; }
            return [section, a.getAttribute('href'), getComputedStyle(a).textDecorationStyle, a.title];
        })""")
    assert any("glossary/" in href for _, href, _, _ in links) and any("persons/" in href for _, href, _, _ in links)
    seen = [(section, href) for section, href, _, _ in links]
    assert len(seen) == len(set(seen))  # the first use in each section only
    for _, href, style, title in links:
        if "glossary/" in href:
            assert style == "dotted" and title, href  # its definition on hover
        else:
            assert style == "solid", href


# ------------------------------------------------------- index and registers


def first_character_left(page, locator) -> float:
    return locator.evaluate("""el => { const r = document.createRange(), t = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        let n; do { n = t.nextNode(); } while (n && !n.nodeValue.trim());
        r.setStart(n, n.nodeValue.search(/\\S/)); r.setEnd(n, n.nodeValue.search(/\\S/) + 1);
        return r.getBoundingClientRect().left; }""")


def test_printed_index_sub_entries_stand_under_their_entry_and_persons_link_to_the_register(page, base):
    page.goto(base + "bazhanov-damnation-of-stalin/book-index.html")
    entry = page.locator(".index-entry:not(.index-entry--sub)", has_text="Alliluyeva, Nadezhda")
    sub = entry.locator("xpath=../following-sibling::p[1]/span")  # each printed line is a paragraph
    assert entry.count() == 1 and words(sub.inner_text()) == "and Tamara Khazanova, 36"
    assert "index-entry--sub" in sub.get_attribute("class")
    assert first_character_left(page, sub) > first_character_left(page, entry) + 10
    # The entry after the sub-entries stands where the entry does.
    after = page.locator(".index-entry", has_text="Alliluyev, Sergeev")
    assert abs(first_character_left(page, after) - first_character_left(page, entry)) < 1
    name = entry.locator("a[href*='persons/']").first
    assert name.inner_text().startswith("Alliluyeva, Nadezhda")
    name.click()
    page.wait_for_load_state()
    assert re.search(r"/persons/a\.html#alliluyeva-nadezhda$", page.url)
    assert page.locator("#alliluyeva-nadezhda").is_visible()


@pytest.mark.parametrize("old, new", [
    ("persons.html#stalin-joseph", "persons/s.html#stalin-joseph"),
    ("persons.html#alliluyeva-nadezhda", "persons/a.html#alliluyeva-nadezhda"),
    ("persons.html#unresolved", "persons/unresolved.html#unresolved"),
])
def test_an_address_on_the_single_register_page_still_opens_its_entry(page, base, old, new):
    page.goto(base + old)
    page.wait_for_url(re.compile(re.escape(new) + "$"))
    assert page.locator("#" + new.split("#")[1]).is_visible()


def test_a_glossary_address_of_the_single_page_still_opens_its_entry(page, base):
    page.goto(base + "glossary.html")
    first = page.locator("article a[href^='glossary/']").first
    target = first.get_attribute("href")  # "glossary/c.html#cheka"
    page.goto(base + "glossary.html#" + target.split("#")[1])
    page.wait_for_url(re.compile(re.escape(target) + "$"))
    assert page.locator("#" + target.split("#")[1]).is_visible()


# ------------------------------------------------------------ the apparatus


def changes_on_page(page) -> list:
    return json.loads(page.get_attribute(".edition-changes", "data-changes"))


def test_editorial_changes_are_off_until_asked_for_then_marked_with_the_source_reading(page, base):
    page.goto(base + CHAPTER)
    toggle = page.locator("button.edition-changes-toggle")
    assert toggle.get_attribute("aria-pressed") == "false"
    assert page.locator(".edition-change__link:visible").count() == 0  # the text reads as ever
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    changes = changes_on_page(page)
    daggers = page.locator(".edition-change__link:visible")
    assert daggers.count() == len(changes) > 0  # every change marked, at its spot or its paragraph
    at_spot = page.locator("mark.edition-change[tabindex='0']")
    assert at_spot.count() >= len(changes) * 0.9
    # A marked spot says, on keyboard focus, what the source reads.
    mark = at_spot.first
    mark.focus()
    said = mark.evaluate("m => getComputedStyle(m, '::after').content")
    assert "the source reads" in said or "not in the source" in said
    # Its dagger leads to its row of the editorial notes, which gives the same reading.
    dagger = page.locator(".edition-change__link:not(.edition-change__link--paragraph)", has_text="\u2020").nth(3)
    href = dagger.get_attribute("href")
    assert href.startswith("editorial-notes.html#")
    source_reads = re.search(r"the source reads \u201c(.*)\u201d$", dagger.get_attribute("title")).group(1)
    dagger.click()
    page.wait_for_url(re.compile(re.escape(href) + "$"))
    row = page.locator(f"tr:has(a.entry-id[id='{href.split('#')[1]}'])")
    assert words(row.locator("td").nth(3).inner_text()) == words(source_reads)  # Id, Where, Entry, Source reads


def test_the_choice_to_see_editorial_changes_is_remembered_across_pages(page, base):
    page.goto(base + CHAPTER)
    page.click("button.edition-changes-toggle")
    page.goto(base + "bazhanov-damnation-of-stalin/08-stalins-secretariat-the-military.html")
    assert page.get_attribute("button.edition-changes-toggle", "aria-pressed") == "true"
    assert page.locator(".edition-change__link:visible").count() == len(changes_on_page(page))
    page.click("button.edition-changes-toggle")
    page.goto(base + CHAPTER)
    assert page.get_attribute("button.edition-changes-toggle", "aria-pressed") == "false"
    assert page.locator(".edition-change__link:visible").count() == 0


def test_the_editorial_notes_show_readable_cells(page, base):
    page.goto(base + NOTES)
    cells = page.eval_on_selector_all("article td", "tds => tds.map(td => td.innerText)")
    assert len(cells) > 1000
    assert not [c for c in cells if re.search("[\ue000-\uf8ff]", c)]  # no placeholder a font cannot draw
    assert not [c for c in cells if c.strip() == "\\"]  # an empty note is an empty cell
    # Every entry has its row and its anchor here, where the reading text's changes link.
    table = page.locator("article table:has(th:text-is('Source reads'))").first
    assert table.locator("tbody tr").count() == table.locator("td > a.entry-id[id]").count()


def test_a_phone_shows_the_source_and_the_toggle_without_scrolling_sideways(browser, base):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        tab = context.new_page()
        for path in ("index.html", CHAPTER, NOTES, "persons/s.html", "bazhanov-damnation-of-stalin/book-index.html"):
            tab.goto(base + path)
            assert tab.evaluate("document.scrollingElement.scrollWidth") <= 390, path
        tab.goto(base + CHAPTER)
        assert tab.locator("article h1 .edition-source").is_visible()
        tab.click("button.edition-changes-toggle")
        assert tab.evaluate("document.scrollingElement.scrollWidth") <= 390
    finally:
        context.close()
