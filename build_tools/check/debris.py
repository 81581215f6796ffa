"""Layout debris left in the reading text: what the printed page or the portal
put around the text, and marks that are not the text's own.

- a line that is only a page number ("37", "xiv", "Page 37");
- "Page N" anywhere in the text;
- the source's own furniture again: a line the conversion removed elsewhere
  as a running head, page marker or boilerplate (any line it removed more
  than once, numbers standing for any number), found in the text;
- a page's own number standing beside its page break (a running head
  whose words the profile does not know);
- a short line repeated with changing numbers (a running head nobody named);
- a superscript character that is not a note reference ("consequences.⁶⁾");
- digits glued to a word that are not a note reference ("Party12");
- a number after the last sentence of a paragraph ("…of the Party. 9");
- a note reference the OCR turned into another sign ("protests.*", "burial,®",
  "windows.”?", "1ª"): flagged, never linked to a guessed note;
- text that only a web portal prints ("Find this resource:").
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from .finding import Evidence, Finding
from .view import Passage

NAME = "debris"

PAGE_NUMBER_LINE = re.compile(r"(?:[Pp]age\s+)?(?:\d{1,4}|[ivxlc]{1,7})")
PAGE_N = re.compile(r"\bPage\s+(?:\d{1,4}|[ivxlc]{1,7})(?:\s+of\s+\d+)?\b")
SUPERSCRIPTS = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾⁺⁻⁼ⁿ]+")
# Digits directly after a word of three letters or more, or after its closing punctuation: "Party12", "action.33".
GLUED_DIGITS = re.compile(r"(?<![^\W\d_])(?P<word>[^\W\d_]{3,})(?P<mark>[.,;:’”)]?)(?P<digits>\d{1,3})(?![\w])")
# Abbreviations that a number follows by rule: "vols.12", "fig.3".
ABBREVIATIONS = {"vol", "vols", "fig", "figs", "chap", "art", "para", "nos", "ibid", "op", "cit", "sec"}
# A reference the OCR read as another sign: an asterisk, ®, ª, º, † or ‡ glued after a word's punctuation,
# ® or ª glued to a word, a question mark after a closing quotation mark that a full stop precedes, and
# ª or º after a digit. (An emphasis' asterisks are markup, gone from the reading text before this.)
NOTE_LIKE_SIGNS = (r"(?<=[^\W\d_][.,;:!?’”\"])[*®ªº†‡](?=\s|$)|(?<=[^\W\d_])[®ª](?=[\s.,;:]|$)"
                   r"|(?<=[.!?,][\"”])\?(?=\s|$)|(?<=\d)[ªº](?=\s|$)")
# The lookahead names every sign a branch can match: the engine tries the lookbehinds only there (7x faster).
NOTE_LIKE = re.compile(rf"(?=[*®ªº†‡?])(?:{NOTE_LIKE_SIGNS})")
FINAL_NUMBER = re.compile(r"(?<=[.!?’”])\s+(?P<digits>\d{1,3})$")
# What only a web portal prints around a text: none of it is a book's own wording.
PORTAL = re.compile(
    r"Find this resource:?|Show Summary Details|PRINTED FROM [A-Z ]+ONLINE|Subscriber: \S+|Downloaded from \S+"
    r"|Access provided by|Page \d* ?of \d*\b(?= *$)",
    re.MULTILINE,
)
# A running head sits within a line of its page break; 60 characters is about one printed line. Measured:
# in the five sources no page's number stands this close to its own break.
HEAD_REACH = 60
# A short line, or a title-case phrase beside a number, that recurs with different numbers at least this
# often is running-head-like. Measured on the five sources (indexes, notes and tables aside): two photo
# credits repeat with a changed year, and "Modern History 67", "… 74" in Harris; none three times.
REPEATS = 3
SHORT_LINE_WORDS = 10
# Removed furniture counts as a template when the conversion removed that line (numbers aside) this often;
# a single word ("subject" in a catalogue record) is no furniture.
TEMPLATE_REPEATS = 2
WORD = re.compile(r"[^\W\d_]{3,}")
# A page-like number (not part of a date, a decimal or a range) with a phrase of two or more capitalised
# words right after or before it: "10 Inside the Stalin Archives", "The Soviet Century 213".
TITLE_PHRASE = r"[A-Z][\w’']*(?:\s+(?:[a-z]{1,3}\s+)?[A-Z][\w’']*)+"
BESIDE_NUMBER = re.compile(
    rf"(?<![\w.,/–-])(?P<number>\d{{1,3}})(?![\w,./–-])\s+(?P<after>{TITLE_PHRASE})"
    rf"|(?P<before>{TITLE_PHRASE})\s+(?P<number2>\d{{1,3}})(?![\w,./–-])"
)


def check(evidence: Evidence) -> list[Finding]:
    found: list[Finding] = []
    templates = _removed_furniture(evidence.removals)
    for p in evidence.passages:
        if p.kind == "table":
            continue
        found += _page_number_lines(evidence, p)
        found += [evidence.at(NAME, "page number", p, m.start(), len(m.group()), note="a printed page number left in the text")
                  for m in PAGE_N.finditer(p.text)]
        for template in templates:
            found += [evidence.at(NAME, "running head", p, m.start(), len(m.group()),
                                  note="the line the conversion removes elsewhere as furniture")
                      for m in template.finditer(p.text)]
        found += _number_beside_page_break(evidence, p)
        found += [evidence.at(NAME, "stray superscript", p, m.start(), len(m.group()), note="not a note reference")
                  for m in SUPERSCRIPTS.finditer(p.text)]
        found += _glued_digits(evidence, p)
        found += [evidence.at(NAME, "note-like mark", p, m.start(), len(m.group()),
                              note="a note reference the OCR misread? not linked to any note: compare the printed page")
                  for m in NOTE_LIKE.finditer(p.text)]
        found += [evidence.at(NAME, "portal text", p, m.start(), len(m.group()), note="printed by the web portal, not the source")
                  for m in PORTAL.finditer(p.text)]
    found += _recurring_heads(evidence)
    return _once(found)


def _page_number_lines(evidence: Evidence, p: Passage) -> list[Finding]:
    out, offset = [], 0
    for line in p.text.split("\n"):
        if PAGE_NUMBER_LINE.fullmatch(line.strip()):
            out.append(evidence.at(NAME, "page number line", p, offset, len(line), note="a line that is only a page number"))
        offset += len(line) + 1
    return out


def _removed_furniture(removals) -> list[re.Pattern]:
    """Lines removed more than once (numbers aside): running heads, page markers, boilerplate."""
    shapes = Counter(_shape(r.text) for r in removals if WORD.search(r.text) and len(r.text.split()) >= 2)
    return [re.compile(_pattern(shape)) for shape, n in sorted(shapes.items()) if n >= TEMPLATE_REPEATS and shape]


def _shape(text: str) -> str:
    return " ".join(re.sub(r"\d+", "0", text).split())


def _pattern(shape: str) -> str:
    words = [re.escape(w).replace("0", r"\d+") for w in shape.split(" ")]
    return r"(?<![\w])" + r"\s+".join(words) + r"(?![\w])"


def _number_beside_page_break(evidence: Evidence, p: Passage) -> list[Finding]:
    out = []
    for mark in p.pages:
        if not mark.label or (not mark.label.isdigit() and len(mark.label) < 2):
            continue  # "i", "v" are words too
        start = max(0, mark.offset - HEAD_REACH)
        window = p.text[start:mark.offset + HEAD_REACH]
        for m in re.finditer(rf"(?<![\w.,–-]){re.escape(mark.label)}(?![\w–-])", window):
            out.append(evidence.at(NAME, "running head", p, start + m.start(), len(m.group()), page=mark.label,
                                   note=f"page {mark.label}'s own number beside its page break"))
    return out


def _glued_digits(evidence: Evidence, p: Passage) -> list[Finding]:
    references = {r.offset for r in p.refs}
    out = []
    for m in GLUED_DIGITS.finditer(p.text):
        word = m.group("word")
        if m.start("digits") in references or word.casefold() in ABBREVIATIONS or not evidence.lexicon.known(word):
            continue
        out.append(evidence.at(NAME, "glued number", p, m.start("digits") - 1, len(m.group("digits")) + 1,
                               note="digits glued to a word, not a note reference"))
    m = FINAL_NUMBER.search(p.text)
    if m and m.start("digits") not in references and p.part_kind != "index":
        out.append(evidence.at(NAME, "stray number", p, m.start("digits"), len(m.group("digits")),
                               note="a number after the paragraph's last sentence, not a note reference"))
    return out


def _recurring_heads(evidence: Evidence) -> list[Finding]:
    """Running heads nobody named: a short line, or a title-case phrase beside a number, recurring with
    different numbers (outside the index, the notes and tables, which repeat such things by nature)."""
    places: dict[tuple[str, str], list[tuple[Passage, int, int, str]]] = defaultdict(list)
    for p in evidence.passages:
        if p.part_kind == "index" or p.in_note or p.kind in ("table", "heading"):
            continue
        offset = 0
        for line in p.text.split("\n"):
            if re.search(r"\d", line) and WORD.search(line) and len(line.split()) <= SHORT_LINE_WORDS:
                places[("line", _shape(line))].append((p, offset, len(line), re.sub(r"\D+", " ", line).strip()))
            offset += len(line) + 1
        for m in BESIDE_NUMBER.finditer(p.text):
            phrase = m.group("after") or m.group("before")
            places[("phrase", " ".join(phrase.split()))].append((p, m.start(), m.end() - m.start(), m.group("number") or m.group("number2")))
    out = []
    for (what, shape), seen in sorted(places.items()):
        if len(seen) >= REPEATS and len({number for *_, number in seen}) > 1:
            note = f"{'a short line' if what == 'line' else shape!r} recurring {len(seen)} times with changing numbers"
            out += [evidence.at(NAME, "running head", p, offset, length, note=note) for p, offset, length, _ in seen]
    return out


def _once(found: list[Finding]) -> list[Finding]:
    """One finding per kind of place: several rules may see the same running head."""
    seen: set[tuple] = set()
    out = []
    for f in found:
        key = (f.anchor, f.quote) if f.kind == "running head" else (f.anchor, f.kind, f.quote)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
