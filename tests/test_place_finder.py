"""The place finder on small texts made for each of its rules (enrich/places.py)."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from build_tools.enrich import enrich
from build_tools.enrich.specs import SPECS
from build_tools.model import Emendation, Link
from build_tools.pipeline import anchor_pages
from build_tools.write.places import places_export, places_register
from build_tools.write.register_layout import lay_out
from build_tools.write.registers import citation_places, search_variants
from tests.util import convert

ROOT = Path(__file__).resolve().parents[1]
HEADINGS = {"headings": {"strategies": ["first-line-title", "title-lines"]}}
PLACES = [
    {"id": "moscow", "name": "Moscow", "variants": [], "kind": "city", "country": "Russia",
     "coordinates": [55.75, 37.62], "description": "Capital of Russia."},
    {"id": "saint-petersburg", "name": "Saint Petersburg", "variants": ["Petrograd", "Leningrad", "St Petersburg"],
     "kind": "city", "country": "Russia", "description": "City on the Neva."},
    {"id": "tbilisi", "name": "Tbilisi", "variants": ["Tiflis"], "kind": "city", "country": "Georgia",
     "description": "Capital of Georgia."},
    {"id": "georgia", "name": "Georgia", "variants": [], "kind": "country", "country": "Georgia",
     "description": "Country of the southern Caucasus."},
    {"id": "nizhny-novgorod", "name": "Nizhny Novgorod", "variants": ["Gorky"], "kind": "city", "country": "Russia",
     "description": "City on the Volga, named Gorky from 1932 to 1990."},
    {"id": "soviet-union", "name": "Soviet Union", "variants": ["USSR"], "kind": "country", "country": None,
     "description": "The union of Soviet republics, 1922-91."},
    {"id": "first-house", "name": "First House of Soviets", "variants": ["House No. 1 of the Soviets"],
     "kind": "building", "country": "Russia", "description": "Hotel National, Moscow."},
    {"id": "tverskaya-street", "name": "Tverskaya Street", "variants": ["Tverskaya Road"], "kind": "street",
     "country": "Russia", "description": "Moscow's main street."},
    {"id": "london", "name": "London", "variants": [], "kind": "city", "country": "United Kingdom",
     "description": "Capital of the United Kingdom."},
]
PERSONS = [
    {"id": "gorky-maxim", "name": "Maxim Gorky", "variants": ["Gorky"], "description": "Writer."},
    {"id": "georgia-petrova", "name": "Georgia Petrova", "variants": [], "description": "A typist."},
]


@pytest.fixture
def data(tmp_path):
    (tmp_path / "places.yml").write_text(yaml.safe_dump(PLACES), encoding="utf-8")
    (tmp_path / "persons.yml").write_text(yaml.safe_dump(PERSONS), encoding="utf-8")
    return tmp_path


def found(text: str, data: Path, layout: dict | None = None):
    edition = convert(text, layout)
    reg = enrich([edition], data)
    return edition, reg


def places(reg) -> list[tuple[str, str]]:
    return [(o.text, o.entry) for o in reg.of("places")]


def links(edition, register: str = "places") -> list[tuple[str, str]]:
    return [(b.text[m.start:m.end], m.target) for d in edition.divisions for b in d.blocks
            for m in b.of(Link) if m.register == register]


def test_variants_and_historical_names_resolve_to_the_place(data):
    _, reg = found("He left Petrograd for Tiflis, and Leningrad never saw him again; St Petersburg forgot him.", data)
    assert places(reg) == [("Petrograd", "saint-petersburg"), ("Tiflis", "tbilisi"),
                           ("Leningrad", "saint-petersburg"), ("St Petersburg", "saint-petersburg")]


def test_the_first_mention_of_a_place_in_each_section_is_linked(data):
    edition, reg = found("A Title\n\nFirst Part\n\nMoscow grew. Petrograd and Leningrad shrank; Moscow again.\n\n"
                         "Second Part\n\nMoscow at last.\n", data, HEADINGS)
    assert len(places(reg)) == 5
    assert links(edition) == [("Moscow", "moscow"), ("Petrograd", "saint-petersburg"), ("Moscow", "moscow")]


def test_a_publishers_town_is_no_mention(data):
    _, reg = found("Conquest wrote it (London: Macmillan, 1968), and others (Moscow, 1975) and "
                   "(Izvestiia, Moscow, 1946) and Moscow: Progress, 1975. He lived in London.", data)
    assert places(reg) == [("London", "london")]


def test_a_colon_after_a_place_in_a_sentence_is_no_imprint(data):
    _, reg = found("Officially he was master of Moscow: the capital was his. A note came from Moscow: nothing.", data)
    assert places(reg) == [("Moscow", "moscow"), ("Moscow", "moscow")]


def test_the_books_own_imprint_is_no_mention(data):
    _, reg = found("Printed in London. Published in Moscow by the state.\n\n"
                   "Library of Congress Cataloging-in-Publication Data. 1. Soviet Union—History.\n", data)
    assert places(reg) == []


def test_a_place_inside_a_persons_or_an_organisations_name_is_no_place(data):
    _, reg = found("Georgia Petrova typed for the Moscow Soviet, the Petrograd Party Committee and the Moscow Coal "
                   "Trust; Maxim Gorky studied at the University of London and joined the Communist Party of the "
                   "Soviet Union, which Moscow Pact troops later guarded. The uprising in Georgia failed.", data)
    assert places(reg) == [("Georgia", "georgia")]


def test_a_form_a_person_bears_too_is_a_place_only_where_the_text_puts_it_as_one(data):
    edition, reg = found("Olberg had recently arrived in Gorky from Tiflis. Gorky wrote a play; "
                         "Gorky's plays were staged in Gorky.", data)
    assert places(reg) == [("Gorky", "nizhny-novgorod"), ("Tiflis", "tbilisi"), ("Gorky", "nizhny-novgorod")]
    # The person finder leaves the city's words alone and has the writer's.
    assert [(o.text, o.entry) for o in reg.of("persons")] == [("Gorky", "gorky-maxim"), ("Gorky", "gorky-maxim")]
    assert links(edition, "persons") == [("Gorky", "gorky-maxim")]


def test_a_form_with_a_number_is_not_found_without_it(data):
    _, reg = found("He lived at House No. 5 of the Central Committee, then in the First House of Soviets.", data)
    assert places(reg) == [("First House of Soviets", "first-house")]


def test_a_place_in_a_title_is_no_mention(data):
    _, reg = found("He read *The Road to Moscow* twice in Tiflis.", data, {"emphasis": ["asterisk"]})
    assert places(reg) == [("Tiflis", "tbilisi")]


def test_the_contents_the_bibliography_and_the_printed_index_are_not_read(data):
    text = ("A Book\n\nContents\n\nChapter One: Moscow\n\nBibliography\n\nIndex\n\n"
            "Chapter One: Moscow\n\nHe went to Moscow.\n\nBibliography\n\nConquest, R. Tiflis days. 1968.\n\n"
            "Index\n\nLeningrad, 4, 7\n")
    edition, reg = found(text, data, {"headings": {"strategies": ["contents"]}, "divisions": "chapters"})
    assert [d.kind for d in edition.divisions] == ["front", "text", "bibliography", "index"]
    assert [(o.text, o.division) for o in reg.of("places")] == [("Moscow", "chapter-one-moscow")] * 2  # heading, text


def test_the_places_page_export_and_search_variants(data):
    edition, reg = found("He left Petrograd for Moscow.", data)
    where = {"test": anchor_pages(edition)}
    pages = lay_out(places_register(reg, {"test": "Test"}, where, {"test": citation_places(edition)})).pages
    assert "## Saint Petersburg (city, Russia) { #saint-petersburg .place }" in pages["places/s.md"]
    assert "Also: Leningrad, Petrograd, St Petersburg." in pages["places/s.md"]
    assert "(55.75° N, 37.62° E)" in pages["places/m.md"]
    records = list(places_export(reg, where))
    schema = json.loads((ROOT / "data" / "schema" / "places.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(records, schema)
    assert [len(r["mentions"]) for r in records if r["id"] in ("moscow", "saint-petersburg")] == [1, 1]
    assert search_variants(reg)["Saint Petersburg"] == ["Leningrad", "Petrograd", "St Petersburg"]


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_every_registers_export_validates_against_its_schema(spec):
    """Each register's export of the real register, with the mentions of a text, fits data/schema/<name>.schema.json."""
    edition = convert("Stalin left Leningrad for Moscow; the NKVD and the Politburo followed.")
    reg = enrich([edition], ROOT / "data")
    schema = json.loads((ROOT / "data" / "schema" / f"{spec.name}.schema.json").read_text(encoding="utf-8"))
    records = list(spec.export(reg, {"test": anchor_pages(edition)}))
    assert records and any(r.get("mentions") or r.get("uses") for r in records)
    jsonschema.validate(records, schema)


def test_a_mention_whose_link_would_cut_a_repaired_reading_is_recorded_but_not_linked(data):
    """'at 5 Tverskaya Roadcommonly called': the lost dash put back makes 'Road—commonly' one reading of the
    apparatus, which a link ending after 'Road' would cut in two."""
    edition = convert("He lived on Tverskaya Road—commonly called the street—and later on Tverskaya Road again.")
    (block,) = [b for d in edition.divisions for b in d.blocks]
    block.emendations.append(Emendation("lost dash", "Roadcommonly", "Road—commonly", 1))
    reg = enrich([edition], data)
    assert places(reg) == [("Tverskaya Road", "tverskaya-street")] * 2
    assert [(block.text[m.start:m.end], m.start > 60) for m in block.of(Link)] == [("Tverskaya Road", True)]
