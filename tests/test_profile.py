"""The layout profile: one schema, assembled from the rules, checks it and documents it."""
from __future__ import annotations

import importlib
from pathlib import Path

import jsonschema
import pytest
import yaml

from build_tools import profile
from build_tools.model import EditionError
from build_tools.read import read_source
from build_tools.rules import chain

ROOT = Path(__file__).resolve().parents[1]


def refusal(tmp_path: Path, layout: str) -> str:
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "raw.txt").write_text("A Title\n\nSome text.\n", encoding="utf-8")
    (folder / "source.yml").write_text(
        "bibliography:\n  kind: essay\n  title: T\nlayout:\n" + layout, encoding="utf-8")
    with pytest.raises(EditionError) as err:
        read_source(folder)
    message = str(err.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize("layout, line, words", [
    ("  wraping: hard\n", 5, ["unknown key 'wraping'", "did you mean 'wrapping'"]),
    ("  lost_dash: true\n", 5, ["unknown key 'lost_dash'", "did you mean 'lost_dashes'"]),
    ("  pages:\n    running_heads: '(?P<label>\\d+) X'\n", 6, ["layout.pages", "did you mean 'running_head'"]),
    ("  headings:\n    strategies: [allcaps]\n", 6, ["'allcaps' is not one of", "did you mean 'all-caps'"]),
    ("  pages:\n    blank_run: lots\n", 6, ["layout.pages.blank_run must be a whole number"]),
    ("  pages:\n    marker: 'Page (\\d+)'\n", 6, ["needs a named group (?P<label>...)"]),
    ("  notes:\n    number: '\\d+\\.'\n", 6, ["layout.notes.number needs a group"]),
    ("  notes:\n    heading: 'Notes('\n", 6, ["not a valid regular expression"]),
    ("  rejoin_split_paragraphs: true\n", 5, ["is now split_paragraphs"]),
    ("  wrapping: hrad\n", 5, ["'hrad' is not one of soft, hard", "did you mean 'hard'"]),
    ("  emphasis: html\n", 5, ["layout.emphasis must be a list"]),
])
def test_a_profile_mistake_is_one_line_naming_the_line_and_the_nearest_valid_word(tmp_path, layout, line, words):
    message = refusal(tmp_path, layout)
    assert message.startswith(f"{tmp_path / 'src' / 'source.yml'}:{line}: "), message
    for word in words:
        assert word in message, message


def test_the_schema_is_a_valid_json_schema_that_documents_every_key():
    schema = profile.schema()
    jsonschema.Draft202012Validator.check_schema(schema)

    def walk(node, name):
        assert node.get("description"), f"{name} has no description"
        for key, sub in node.get("properties", {}).items():
            walk(sub, f"{name}.{key}")

    for key, node in schema["properties"].items():
        walk(node, key)


def test_every_committed_profile_is_valid_for_a_standard_validator_too():
    validator = jsonschema.Draft202012Validator(profile.schema())
    for path in sorted(ROOT.glob("sources/*/source.yml")):
        layout = yaml.safe_load(path.read_text(encoding="utf-8")).get("layout") or {}
        assert not list(validator.iter_errors(layout)), path


def test_a_rules_name_is_its_module_and_its_profile_key():
    rules = chain()
    assert len({r.name for r in rules}) == len(rules)
    for rule in rules:
        module = importlib.import_module(rule.run.__module__)
        assert rule.run.__module__.rsplit(".", 1)[1] == rule.name
        assert module.RULE is rule
        assert rule.core or rule.name in profile.schema()["properties"]


def test_defaults_come_from_the_schema():
    assert profile.default_of("notes.heading") == "Notes"
    assert profile.default_of("wrapping") == "soft"
    assert profile.default_of("pages.marker") is None


def test_the_profile_reference_is_written_from_the_schema():
    assert (ROOT / "PROFILE.md").read_text(encoding="utf-8") == profile.reference(), \
        "PROFILE.md is out of date: run `edition profile > PROFILE.md`"
