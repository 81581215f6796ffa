"""Person-like names the registers do not know, for an editor extending the person register.

A candidate is a run of capitalised words (initials allowed) inside a
sentence, on one printed line, that no register entry (person, term,
place...) has as a form. Runs that name no person are left out: an
institution or event ("Civil War", "University Press", "State Bank"), a
word of a doctrine or following ("Leninism", "Trotskyists"), an ordinary
word capitalised, a known person with a title ("Comrade Stalin"). A title
is evidence and is dropped ("Comrade Ivanov" is a candidate "Ivanov").

Each candidate is ranked by its evidence, then by how often it occurs:
a title before it, initials, a given name and a surname, a surname ending
common in the sources' names (-ov, -sky, -idze...), the words "said",
"wrote"... after it. Where it first occurs is given (source, page, anchor).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..lexicon import zipf
from ..model import Edition
from .matcher import form_keys

WORD = r"[A-Z][a-z’'-]*[a-z]"  # a word ends in a letter: "Russo-" is half a word broken at a line end
NAME_RUN = re.compile(rf"(?<![.!?:;“\"]\s)(?<!^)\b((?:[A-Z]\.\s?){{0,3}}{WORD}(?:[ \u00a0](?:[A-Z]\.\s?)*{WORD}){{0,3}})")
TITLES = {"comrade", "comrades", "general", "colonel", "marshal", "admiral", "mr", "mrs", "madame", "monsieur",
          "dr", "doctor", "professor", "prince", "princess", "count", "countess", "baron", "tsar", "tsarina",
          "father", "citizen", "messieurs", "herr", "frau", "captain", "major", "lieutenant", "sergeant", "academician"}
# words that make a run an institution, a place, an event or a work, not a person
NOT_PERSONS = {
    "war", "wars", "revolution", "press", "university", "school", "college", "academy", "institute", "committee",
    "commission", "council", "congress", "conference", "party", "bank", "ministry", "affairs", "office", "bureau",
    "army", "front", "navy", "union", "republic", "republics", "state", "states", "house", "publishing", "library",
    "museum", "archive", "archives", "collection", "photography", "history", "review", "journal", "times",
    "gazette", "letters", "trust", "street", "road", "square", "prospect", "bridge", "river", "sea", "lake",
    "mountains", "island", "islands", "station", "railway", "culture", "theatre", "theater", "opera", "company",
    "corporation", "society", "association", "league", "movement", "plan", "policy", "code", "court", "tribunal",
    "verlag", "editions", "edition", "age", "department", "economics", "annals", "church", "cathedral", "palace", "hotel", "prison", "camp", "camps", "city", "new", "east", "west", "north",
    "south", "central", "soviet", "red", "white", "british", "french", "german", "russian", "american",
}
DOCTRINE = re.compile(r"(?:ism|isms|ist|ists|ite|ites|ian|ians|ese)$")  # Leninism, Trotskyists, Siberian
SURNAME_ENDING = re.compile(r"(?:ov|ova|ev|eva|in|ina|sky|skii|skiy|ski|skaya|vich|enko|idze|shvili|yan|stein|berg)$")
SAID_AFTER = re.compile(r"[’']?s?\s*,?\s+(?:said|wrote|told|asked|replied|answered|recalled|was born|died|who)\b")


@dataclass
class Candidate:
    name: str
    count: int = 0
    evidence: set[str] = field(default_factory=set)
    where: str = ""  # source, page and anchor of its first occurrence


def candidates(editions: list[Edition], entries: list, *, limit: int = 200) -> list[Candidate]:
    """Person-like names no register entry has as a form, best evidence first, then commonest."""
    known = {form_keys(f) for e in entries for f in e.forms()}
    known_words = {k for form in known for k in form}
    found: dict[str, Candidate] = {}
    for e in editions:
        for d in e.divisions:
            if d.kind in ("index", "bibliography"):
                continue
            for b in d.blocks:
                if b.kind == "heading":
                    continue
                text = b.printed()
                for m in NAME_RUN.finditer(text):
                    named = _person_like(m.group(1), text, m.start(1), m.end(1), known, known_words)
                    if named is None:
                        continue
                    name, evidence = named
                    c = found.setdefault(name, Candidate(name, where=f"{e.source.slug}"
                                                        f"{', p. ' + b.page if b.page else ''}, #{b.anchor}"))
                    c.count += 1
                    c.evidence |= evidence
    ranked = sorted(found.values(), key=lambda c: (-len(c.evidence), -c.count, c.name))
    return ranked[:limit]


def _person_like(run: str, text: str, start: int, end: int, known, known_words) -> tuple[str, set[str]] | None:
    """The name and the evidence that it is a person's, or None where it names no person."""
    if text[end:end + 1] in ("-", "\u2010"):  # half of a compound: "Russo-Japanese"
        return None
    evidence: set[str] = set()
    words = run.split()
    while words and form_keys(words[0]) and form_keys(words[0])[0] in TITLES:
        words, evidence = words[1:], evidence | {"title"}
    before = text[max(0, start - 12):start].split()
    if before and before[-1].lower().strip(".") in TITLES:
        evidence.add("title")
    if not words:
        return None
    name = re.sub(r"[’']s$", "", " ".join(words))
    keys = form_keys(name)
    if not keys or keys in known or any(k in known_words for k in keys):
        return None  # a register's entry, or a known person with a word more ("Comrade Stalin")
    if any(k in NOT_PERSONS for k in keys) or DOCTRINE.search(keys[-1]):
        return None
    if len(keys) == 1 and re.search(r"[^s]s$", keys[0]):  # a people or a group: "Cossacks", "Finns"
        return None
    if len(keys) == 1 and zipf(keys[0]) >= 3.5:  # an ordinary word, capitalised
        return None
    if re.search(r"\b[A-Z]\.", name):
        evidence.add("initials")
    if len(keys) >= 2 and zipf(keys[0]) < 3.5:
        evidence.add("given name and surname")
    if SURNAME_ENDING.search(keys[-1]):
        evidence.add("surname ending")
    if SAID_AFTER.match(text, end):
        evidence.add("said, wrote...")
    return name, evidence
