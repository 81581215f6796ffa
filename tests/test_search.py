"""Search that accents, apostrophes and spelling variants do not defeat (build_tools/search.py)."""
from __future__ import annotations

import json
import re

import pytest

from build_tools import search
from build_tools.site import build_site
from tests.conftest import ROOT

SEP = search.SEPARATOR


def test_fold():
    assert search.fold("Ovsepián") == "ovsepian"
    assert search.fold("Stalin’s") == search.fold("Stalin's") == "stalin's"
    assert search.fold("naïveté Führer") == "naivete fuhrer"


def test_words_split_at_punctuation_quotes_and_stop_words():
    assert search.words("“Comrades,” said Stalin’s ‘Koba’ (of Kiev). The Mogilev-Podolsky 48.27", SEP) == [
        "Comrades", "Stalin’s", "Koba", "Kiev", "Mogilev", "Podolsky", "48.27"]
    # "Iéna" is no stop word "I" followed by something: JavaScript's \b would say so
    assert search.words("Iéna à O'Brien", SEP) == ["Iéna", "à", "O'Brien"]


def test_the_separator_is_a_javascript_regexp_too():
    # Material runs it as `new RegExp(separator)`: no Python-only syntax.
    assert "(?P" not in SEP and "(?i" not in SEP and r"\Z" not in SEP
    re.compile(SEP)


def test_word_variants():
    assert search.word_variants("Ovsepián") == {"ovsepian"}
    assert search.word_variants("Stalin’s") == {"stalin's"}
    assert search.word_variants("Stalin's") == {"stalin’s"}
    assert search.word_variants("Kiev") == set()


def test_register_variants_work_both_ways_and_on_whole_words():
    register = search.Variants({"Yezhov": ["Ezhov", "Ejov"], "Nikolai Bukharin": ["Bucharin"]})
    assert register.found_in(search.fold("Then Yezhov came")) == {"ezhov", "ejov"}
    assert register.found_in(search.fold("EZHOV")) == {"yezhov", "ejov"}
    assert register.found_in("yezhova and ezhovism") == set()
    assert register.found_in("nikolai bukharin") == {"bucharin"}


def test_enrich_index_adds_a_searched_field():
    index = {"config": {"separator": r"[\s\-]+", "fields": {"title": {"boost": 1000}, "text": {"boost": 1}}},
             "docs": [{"location": "a.html", "title": "A", "text": "<p>Ovsepián met Yezhov.</p>"},
                      {"location": "b.html", "title": "B", "text": "<p>Nothing here.</p>"}]}
    out = search.enrich_index(index, search.Variants({"Yezhov": ["Ezhov"]}))
    assert out["config"]["separator"] == SEP and out["config"]["fields"]["variants"] == {"boost": 1.0}
    assert out["docs"][0]["variants"] == "ezhov ovsepian"
    assert "variants" not in out["docs"][1]


def test_query_string_follows_material():
    assert search.query_string("southwest of Kiev", SEP) == "southwest* kiev*"
    assert search.query_string('"Stalin’s" +apology -x', SEP) == "stalin’s* apology* x*"


# -------------------------------------------------------- the built index


@pytest.fixture(scope="module")
def variant_site(docs_copy):
    """The edition built with a register of spellings, as the person index will write it."""
    tmp = docs_copy()
    (tmp / "docs" / "data" / "search-variants.json").write_text(
        json.dumps({"Yezhov": ["Ezhov"], "Yagoda": ["Iagoda"]}), encoding="utf-8")
    return build_site(ROOT, docs_dir=tmp / "docs", site_dir=tmp / "site")


def pages(site, query):
    return [hit["location"].split("#")[0] for hit in search.search(search.load_index(site), query)]


@pytest.mark.parametrize("query, expected", [
    ("Ovsepian", "bazhanov-damnation-of-stalin/book-index.html"),  # printed "Ovsepián"
    ("Ovsepián", "bazhanov-damnation-of-stalin/book-index.html"),
    ("Stalin's apology", "lewin-soviet-century/index.html"),  # printed "Stalin’s"
    ("southwest of Kiev", "bazhanov-damnation-of-stalin/01-entering-the-party.html"),  # a note
    ("Ezhov", "brent-inside-the-stalin-archives/index.html"),  # printed "Yezhov" only
])
def test_search_finds(variant_site, query, expected):
    found = pages(variant_site, query)
    assert expected in found[:10], found  # the first screenful of results


def test_the_self_check_s_quotes_are_not_searched(variant_site):
    """The editorial notes' self-check quotes the text; a search leads to the text, not to the quotes."""
    locations = [doc["location"] for doc in search.load_index(variant_site)["docs"]]
    assert any(loc.startswith("bazhanov-damnation-of-stalin/editorial-notes.html") for loc in locations)
    assert not any(loc.endswith("editorial-notes.html#self-check") for loc in locations)


def test_without_the_register_a_variant_is_not_found(docs_copy):
    tmp = docs_copy()
    (tmp / "docs" / "data" / "search-variants.json").unlink(missing_ok=True)
    site = build_site(ROOT, docs_dir=tmp / "docs", site_dir=tmp / "site")
    assert "brent-inside-the-stalin-archives/index.html" not in pages(site, "Ezhov")


def test_offline_index_has_the_same_content(variant_site):
    script = (variant_site / "search" / "search_index.js").read_text(encoding="utf-8")
    data = (variant_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert script == "var __index = " + data
    assert '"variants"' in data


def test_edition_search_command(variant_site, capsys):
    assert search.main(["--site", str(variant_site), "southwest", "of", "Kiev"]) == 0
    out = capsys.readouterr().out
    assert "1. Entering the Party" in out
    assert "bazhanov-damnation-of-stalin/01-entering-the-party.html#notes" in out
    assert search.main(["--site", str(variant_site), "qwertyuiop"]) == 1
