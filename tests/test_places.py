"""The place register data/places.yml: its shape, its forms, its printed-index headings, its schema."""
from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
PLACES = ROOT / "data" / "places.yml"
SCHEMA = ROOT / "data" / "schema" / "places.schema.json"
BOOK = ROOT / "sources" / "bazhanov-damnation-of-stalin" / "raw.txt"

KINDS = {"city", "town", "village", "district", "country", "region", "river", "sea", "lake", "island",
         "mountain", "building", "institution-site", "camp", "street", "square", "park"}
REQUIRED = {"id", "name", "variants", "kind", "country", "description", "index"}
OPTIONAL = {"coordinates"}
ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Forms that two places may share on purpose (the matcher must then resolve on evidence).
SHARED_ON_PURPOSE: dict[str, set[str]] = {}
# Lines of 002's index that begin with a place's name but are sub-entries of another heading
# (Bazhanov, the Politburo, Zinoviev); the plain text has lost the indentation that shows it.
SUBENTRIES = {"Moscow, arrival in", "Germany, extraordinary session on", "Petrograd, panic at"}


@pytest.fixture(scope="module")
def places() -> list[dict]:
    return yaml.safe_load(PLACES.read_text(encoding="utf-8"))


def index_entries() -> list[str]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from registers import index_entries as read  # the benchmark's reading of the printed index

    return [" ".join(e.split()) for e in read(BOOK.read_text(encoding="utf-8"))]


def forms(place: dict) -> list[str]:
    return [place["name"], *place["variants"]]


def test_entries_have_the_register_keys_and_unique_sorted_ids(places):
    assert len(places) > 150
    for p in places:
        assert REQUIRED <= p.keys() <= REQUIRED | OPTIONAL, p.get("id")
        assert ID_RE.fullmatch(p["id"]), p["id"]
        for key in ("name", "description"):
            assert isinstance(p[key], str) and p[key].strip(), (p["id"], key)
        assert p["country"] is None or (isinstance(p["country"], str) and p["country"].strip()), p["id"]
        assert isinstance(p["variants"], list) and isinstance(p["index"], list), p["id"]
    ids = [p["id"] for p in places]
    assert len(ids) == len(set(ids))
    assert ids == sorted(ids)


def test_kinds_are_known(places):
    assert {p["kind"] for p in places} <= KINDS, {p["id"]: p["kind"] for p in places if p["kind"] not in KINDS}


def test_coordinates_are_latitude_and_longitude_in_range(places):
    located = [p for p in places if "coordinates" in p]
    assert located
    for p in located:
        coords = p["coordinates"]
        assert isinstance(coords, list) and len(coords) == 2, p["id"]
        lat, lon = coords
        assert all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in coords), p["id"]
        assert -90 <= lat <= 90 and -180 <= lon <= 180, p["id"]
        assert all(round(v, 4) == v for v in coords), (p["id"], "at most 4 decimals")


def test_no_form_names_two_places(places):
    owners: dict[str, set[str]] = defaultdict(set)
    for p in places:
        own = forms(p)
        assert all(isinstance(f, str) and f.strip() == f and f for f in own), p["id"]
        assert len(own) == len(set(own)), (p["id"], "a form is repeated")
        for form in own:
            owners[form].add(p["id"])
    shared = {form: ids for form, ids in owners.items() if len(ids) > 1}
    assert shared == SHARED_ON_PURPOSE


def test_every_index_heading_is_printed_in_the_index(places):
    printed = index_entries()
    assert len(printed) > 400
    for p in places:
        for heading in p["index"]:
            assert any(e == heading or e.startswith(heading + ",") for e in printed), (p["id"], heading)


def test_every_place_heading_of_the_printed_index_is_in_the_register(places):
    """A main entry that starts with a place's form is that place's heading (so the index field is complete)."""
    headings = {h for p in places for h in p["index"]}
    starts = re.compile(r"(?:%s)(?=[ ,(]|$)" % "|".join(
        re.escape(f) for f in sorted({f for p in places for f in forms(p)}, key=len, reverse=True)))
    missing = [e for e in index_entries()
               if starts.match(e) and not any(e == h or e.startswith(h + ",") for h in headings | SUBENTRIES)]
    assert not missing, missing


def test_the_register_exported_with_no_mentions_validates_against_the_schema(places):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    records = [{"id": p["id"], "name": p["name"], "variants": p["variants"], "kind": p["kind"],
                "country": p["country"], "description": p["description"],
                "coordinates": p.get("coordinates"), "mentions": []} for p in places]
    jsonschema.validate(records, schema)
    assert set(schema["items"]["properties"]["kind"]["enum"]) == KINDS


@pytest.mark.parametrize("change", [
    {"coordinates": [91.0, 10.0]},
    {"coordinates": [10.0, -181.0]},
    {"coordinates": [10.0]},
    {"coordinates": [10.0, 20.0, 30.0]},
    {"kind": "planet"},
    {"id": "Moscow City"},
    {"mentions": [{"source": "s", "url": "s/page.html", "page": None}]},
])
def test_the_schema_rejects_a_bad_record(change):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    record = {"id": "moscow", "name": "Moscow", "variants": [], "kind": "city", "country": "Russia",
              "description": "Capital.", "coordinates": [55.75, 37.62],
              "mentions": [{"source": "s", "url": "s/chapter-1.html#p-3", "page": "12"}]} | change
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([record], schema)
