"""Persons and glossary: the finder's hard cases, the register's coverage, the exports."""
from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from build_tools.enrich import enrich
from build_tools.enrich import specs
from build_tools.model import Link
from tests.util import blocks, convert

ROOT = Path(__file__).resolve().parents[1]

PERSONS = [
    {"id": "stalin-joseph", "name": "Joseph Stalin", "sort": "Stalin, Joseph", "variants": ["Stalin", "Djugashvili"],
     "born": 1878, "died": 1953, "description": "Soviet leader.", "index": ["Stalin, Iosif Vissarionovich"]},
    {"id": "lenin-vladimir", "name": "Vladimir Lenin", "sort": "Lenin, Vladimir", "variants": ["Lenin"],
     "born": 1870, "died": 1924, "description": "Bolshevik leader.", "index": []},
    {"id": "yezhov-nikolai", "name": "Nikolai Yezhov", "sort": "Yezhov, Nikolai", "variants": ["Yezhov", "Ezhov"],
     "born": 1895, "died": 1940, "description": "NKVD chief.", "index": ["Yezhov, Nikolai Ivanovich"]},
    {"id": "kaganovich-lazar", "name": "Lazar Kaganovich", "sort": "Kaganovich, Lazar", "variants": ["Kaganovich"],
     "born": 1893, "died": 1991, "description": "Politburo member.", "index": []},
    {"id": "kaganovich-mikhail", "name": "Mikhail Kaganovich", "sort": "Kaganovich, Mikhail", "variants": ["Kaganovich"],
     "born": 1888, "died": 1941, "description": "His brother.", "index": []},
]
TERMS = [{"id": "nkvd", "term": "NKVD", "variants": [], "definition": "The interior ministry."},
         {"id": "kulak", "term": "kulak", "variants": [], "definition": "A prosperous peasant."}]


@pytest.fixture
def data(tmp_path):
    (tmp_path / "persons.yml").write_text(yaml.safe_dump(PERSONS))
    (tmp_path / "glossary.yml").write_text(yaml.safe_dump(TERMS))
    return tmp_path


def found(text: str, data: Path):
    ed = convert(text)
    reg = enrich([ed], data)
    return ed, [(m.text, m.person) for m in reg.mentions], reg


def test_derived_words_and_places_are_not_mentions(data):
    _, mentions, _ = found("Stalinist rule, Stalingrad, the Leninist line, Leningrad, the Stalin-era purges, "
                           "the Lenin Mausoleum and the Stalin Prize.", data)
    assert mentions == []


def test_possessives_full_names_initials_and_variants_are_mentions(data):
    _, mentions, _ = found("Stalin’s letter and Stalin's reply; Nikolai Yezhov, N. I. Yezhov and Ezhov; V. Lenin.", data)
    assert mentions == [("Stalin", "stalin-joseph"), ("Stalin", "stalin-joseph"), ("Nikolai Yezhov", "yezhov-nikolai"),
                        ("N. I. Yezhov", "yezhov-nikolai"), ("Ezhov", "yezhov-nikolai"), ("Lenin", "lenin-vladimir")]


def test_a_shared_surname_is_resolved_only_when_the_text_tells(data):
    _, told, _ = found("Lazar Kaganovich spoke. Later Kaganovich left.", data)
    assert told == [("Lazar Kaganovich", "kaganovich-lazar"), ("Kaganovich", "kaganovich-lazar")]
    _, untold, reg = found("Kaganovich left.", data)
    assert untold == [("Kaganovich", None)]
    assert reg.mentions[0].candidates == ("kaganovich-lazar", "kaganovich-mikhail")


def test_only_the_first_mention_in_a_section_is_linked(data):
    ed, _, _ = found("Stalin came. Stalin went. The NKVD and the NKVD; kulaks.", data)
    targets = [(m.register, m.target) for b in blocks(ed) for m in b.of(Link)]
    assert targets == [("persons", "stalin-joseph"), ("glossary", "nkvd"), ("glossary", "kulak")]


def test_names_are_found_across_line_joins(data):
    ed = convert("the report of Nikolai\nYezhov was read by all of them in the end of the long day.", {"wrapping": "hard"})
    reg = enrich([ed], data)
    # a name broken over two lines is found whole, and counted at its first line
    assert [(m.text, m.person, m.line) for m in reg.mentions] == [("Nikolai Yezhov", "yezhov-nikolai", 1)]


# --- the real register -------------------------------------------------------

def index_headings() -> list[str]:
    """Main entries of 002's printed index that name a person: "Surname, Given…", "Surname (fnu)…", "p Surname…"."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from registers import index_entries  # the benchmark's reading of the printed index

    raw = (ROOT / "sources" / "bazhanov-damnation-of-stalin" / "raw.txt").read_text(encoding="utf-8")
    person = re.compile(r"(?:p )?[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)? ?(?:\(fnu[^)]*\)|, (?:[A-Z][a-z]|\()|\((?:né|also)[^)]*\),)")
    return [e for e in index_entries(raw) if person.match(e)]


@pytest.mark.skipif(not (ROOT / "data" / "persons.yml").is_file(), reason="no register yet")
def test_every_person_of_the_printed_index_is_in_the_register():
    persons = specs.PERSONS.load(ROOT / "data")
    printed = sorted({" ".join(h.split()) for p in persons for h in p.index}, key=len, reverse=True)
    heads = index_headings()
    assert len(heads) > 250
    def name(h: str) -> tuple[str, str]:  # surname and first given name
        parts = re.split(r"\s*[,(]\s*", h.removeprefix("p "), maxsplit=2) + ["", ""]
        return parts[0], (parts[1].split() or [""])[0]
    missing = [h for h in heads if not any(h.startswith(p) or name(h) == name(p) for p in printed)]
    # Headings shaped like a person's that are not one (checked by reading).
    not_persons = {"Sverdlovsk", "Brumaire", "Cavalry", "Cheka", "Finland", "GRU"}
    missing = [h for h in missing if name(h)[0] not in not_persons]
    assert not missing, missing[:20]


@pytest.mark.skipif(not (ROOT / "data" / "persons.yml").is_file(), reason="no register yet")
def test_register_ids_are_unique_and_every_sample_person_exists():
    persons = specs.PERSONS.load(ROOT / "data")
    ids = [p.id for p in persons]
    assert len(ids) == len(set(ids))
    sample = yaml.safe_load((ROOT / "tests" / "data" / "mentions-sample.yml").read_text(encoding="utf-8"))
    mentions = [m for p in sample["passages"] for m in p.get("mentions") or []]
    assert len(mentions) >= 150 and {p["source"] for p in sample["passages"]} >= {
        "lewin-soviet-century", "harris-stalin-and-stalinism", "bazhanov-damnation-of-stalin",
        "brent-inside-the-stalin-archives", "hellerman-revolution-from-above"}
    assert {m["person"] for m in mentions} - {None} <= set(ids)


@pytest.mark.skipif(not (ROOT / "data" / "persons.yml").is_file(), reason="no register yet")
def test_exports_validate_against_their_schemas(built_docs):
    for name in ("persons", "glossary"):
        schema = json.loads((ROOT / "data" / "schema" / f"{name}.schema.json").read_text())
        data = json.loads((built_docs / "data" / f"{name}.json").read_text())
        jsonschema.validate(data, schema)
        assert data


@pytest.mark.skipif(not (ROOT / "data" / "persons.yml").is_file(), reason="no register yet")
def test_finder_precision_and_recall_on_the_hand_labelled_sample(built_docs):
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from registers import evaluate  # the benchmark's own scoring

    from build_tools.pipeline import convert_all

    report = convert_all(ROOT, built_docs.parent / "docs-registers")
    sample = yaml.safe_load((ROOT / "tests" / "data" / "mentions-sample.yml").read_text(encoding="utf-8"))
    precision, recall, counts = evaluate(sample, report.registers.mentions)
    assert precision >= 0.95 and recall >= 0.95, (precision, recall, counts["missed"][:10], counts["wrong"][:10])


def test_candidates_list_names_the_register_does_not_know(data):
    from build_tools.enrich.candidates import candidates

    ed = convert("Then Faivilovich wrote to Stalin, and Faivilovich waited. The NKVD came. In March nothing happened.")
    found = {c.name: c.count for c in candidates([ed], specs.PERSONS.load(data) + specs.GLOSSARY.load(data))}
    assert found.get("Faivilovich") == 2
    assert "Stalin" not in found and "NKVD" not in found and "March" not in found


def test_candidates_are_person_like_and_ranked_by_evidence_with_their_place(data):
    from build_tools.enrich.candidates import candidates

    text = ("After the Civil War the University Press printed it in New Haven, where Leninism and the Trotskyists, "
            "the Cossacks and the State Bank were the talk. Comrade Stalin met Comrade Ivanov, and Nenashev said "
            "so to Kurlandia. Kurlandia came twice, and Kurlandia left; the Russo-\nJapanese war was over.")
    found = candidates([convert(text, {"wrapping": "hard"})], specs.PERSONS.load(data) + specs.GLOSSARY.load(data))
    names = [c.name for c in found]
    assert names[:2] == ["Ivanov", "Nenashev"]  # a title and a surname ending; a surname ending and 'said'
    nenashev = found[1]
    assert names[2:] == ["Kurlandia"]  # three times, but nothing says it is a person's name
    assert nenashev.evidence == {"said, wrote...", "surname ending"} and "#para-" in nenashev.where


# --- what the words around a name say ------------------------------------------

KIN = [
    {"id": "kamenev-lev", "name": "Lev Kamenev", "sort": "Kamenev, Lev", "variants": ["Kamenev"],
     "description": "Bolshevik leader, member of the Troika."},
    {"id": "kamenev-aleksandr", "name": "Aleksandr Kamenev", "sort": "Kamenev, Aleksandr", "variants": ["Kamenev"],
     "description": "Son of Lev Kamenev and Olga Kameneva, satirized in a play."},
    {"id": "kameneva-olga", "name": "Olga Kameneva", "sort": "Kameneva, Olga", "variants": ["Kameneva"],
     "description": "Trotsky's sister and wife of Lev Kamenev."},
    {"id": "sverdlov-yakov", "name": "Yakob Sverdlov", "sort": "Sverdlov, Yakob", "variants": ["Sverdlov"],
     "description": "Chairman of the Central Executive Committee."},
    {"id": "dzhugashvili-yakov", "name": "Yakov Dzhugashvili", "sort": "Dzhugashvili, Yakov", "variants": ["Yakob"],
     "description": "Stalin's elder son by his first marriage."},
    {"id": "andreeva-alenka", "name": "Alenka Andreeva", "sort": "Andreeva, Alenka", "variants": ["Andreeva"],
     "description": "A Central Committee employee who married a millionaire."},
    {"id": "andreyeva-maria", "name": "Maria Andreyeva", "sort": "Andreyeva, Maria", "variants": ["Andreeva"],
     "description": "Actress and comédienne of the Moscow Art Theatre."},
    {"id": "andreev", "name": "Andreev", "sort": "Andreev", "variants": ["Andreev"],
     "description": "President of a district revolutionary committee in 1920."},
    {"id": "andreev-andrei", "name": "Andrei Andreev", "sort": "Andreev, Andrei", "variants": ["Andreev"],
     "description": "Politburo member, head of the Central Control Commission."},
    {"id": "romanov-a", "name": "A. I. Romanov", "sort": "Romanov, A. I.", "variants": ["Romanov"],
     "description": "A memoirist."},
    {"id": "van-ree-erik", "name": "Erik van Ree", "sort": "Ree, Erik van", "variants": ["Ree"],
     "description": "Dutch historian."},
    {"id": "trotsky-leon", "name": "Leon Trotsky", "sort": "Trotsky, Leon", "variants": ["Trotsky"],
     "description": "Bolshevik leader."},
    {"id": "stalin-joseph", "name": "Joseph Stalin", "sort": "Stalin, Joseph", "variants": ["Stalin"],
     "description": "Soviet leader."},
]


@pytest.fixture
def kin(tmp_path):
    (tmp_path / "persons.yml").write_text(yaml.safe_dump(KIN))
    (tmp_path / "glossary.yml").write_text("[]\n")
    return tmp_path


def mentioned(text: str, data: Path, layout: dict | None = None):
    ed = convert(text, layout)
    return [(m.text, m.person) for m in enrich([ed], data).mentions]


def test_a_name_in_a_title_is_not_a_mention_of_its_subject(kin):
    assert mentioned("See Trotsky's *Stalin* and <i>Khrushchev Remembers</i>.", kin, {"emphasis": ["asterisk", "html"]}) \
        == [("Trotsky", "trotsky-leon")]


def test_a_particle_belongs_to_the_surname(kin):
    assert mentioned("See especially Erik van Ree, The Political Thought.", kin) == [("Erik van Ree", "van-ree-erik")]


def test_a_family_is_not_a_person(kin):
    assert mentioned("A play libeled the Tsar's Romanov family.", kin) == []


def test_a_possessive_kin_term_points_at_the_principal(kin):
    # The register knows Kamenev's wife as the wife of Lev Kamenev; his son is not meant.
    assert mentioned("Olga, Trotsky's sister, was Kamenev's wife. A play satirized Kamenev's son.", kin) \
        == [("Trotsky", "trotsky-leon"), ("Kamenev", "kamenev-lev"), ("Kamenev", "kamenev-lev")]


def test_a_role_the_register_gives_one_namesake_picks_her(kin):
    assert mentioned("He helped the comédienne Andreeva seduce a millionaire.", kin) == [("Andreeva", "andreyeva-maria")]


def test_a_role_in_apposition_before_the_name_picks_the_namesake_it_fits(kin):
    # the words around would favour the Politburo member; the role says who it is
    for council in ("town council", "revolutionary committee"):
        text = f"The president of the {council}, Andreev, wrote to a Politburo member of the Central Control Commission."
        assert mentioned(text, kin) == [("Andreev", "andreev")]


def test_a_given_name_alone_is_the_one_just_named_in_full(kin):
    text = ("Yakob Sverdlov was in Lenin's party.\n\nThe second brother, Yakob, was its president.\n\n"
            "Yakob, Stalin's son by his first marriage, was captured.\n\nSomeone called Yakob came.")
    assert mentioned(text, kin) == [("Yakob Sverdlov", "sverdlov-yakov"), ("Yakob", "sverdlov-yakov"),
                                    ("Yakob", "dzhugashvili-yakov"), ("Stalin", "stalin-joseph"),
                                    ("Yakob", "sverdlov-yakov")]


def test_register_pages_list_pages_in_book_order_once_and_punctuate_names(tmp_path):
    from build_tools.enrich import Enrichment
    from build_tools.pipeline import write_editions

    persons = [{"id": "adibekov", "name": "G. M. Adibekov", "sort": "Adibekov, G. M.", "variants": ["Adibekov"]},
               {"id": "kaganovich-lazar", "name": "Lazar Kaganovich", "sort": "Kaganovich, Lazar", "variants": ["Kaganovich"]},
               {"id": "kaganovich-mikhail", "name": "Mikhail Kaganovich", "sort": "Kaganovich, Mikhail",
                "variants": ["Kaganovich"]}]
    (tmp_path / "persons.yml").write_text(yaml.safe_dump(persons))
    (tmp_path / "glossary.yml").write_text("[]\n")
    text = ("Contents\n\nOne\nNotes\n\nPage ix\n\nAdibekov wrote.\n\nPage 1\n\nOne\n\nAdibekov again.¹\n\nPage 2\n\n"
            "Adibekov and Kaganovich, Kaganovich.\n\nNotes\n\n1. Adibekov in a note.")
    layout = {"divisions": "chapters", "pages": {"marker": r"Page (?P<label>\d+|[ivx]+)"},
              "headings": {"strategies": ["contents"]}, "notes": {}}
    edition = convert(text, layout)
    write_editions([edition], tmp_path / "docs", Enrichment.load(tmp_path))
    page = (tmp_path / "docs" / "persons" / "a.md").read_text(encoding="utf-8")  # the register's page for A
    assert "## Adibekov, G. M. { #adibekov .person }\n\nAlso: Adibekov." in page  # no second full stop
    line = next(l for l in page.splitlines() if l.startswith("- A test source, pp."))
    assert re.findall(r"\[(\w+)\]", line) == ["ix", "1", "2"]  # roman first, then in order; the note's page once
    unresolved = (tmp_path / "docs" / "persons" / "unresolved.md").read_text(encoding="utf-8")
    assert unresolved.count("- Kaganovich,") == 1  # two in one paragraph: one question


def test_an_empty_text_escapes_to_nothing():
    from build_tools.write.escape import escape

    assert escape("") == "" and escape("-x") == "\\-x"
