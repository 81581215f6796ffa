"""Seed the person register from what Bazhanov (002) itself provides.

Two witnesses in the book name persons systematically:

- the printed Index: a heading such as ``p Kamenev, Lev Borisovich (né
  Rosenfeld), xii passim onward`` gives the family name, the given names,
  pseudonyms (``p``), aliases (``aka``), birth names (``né``/``née``) and
  nicknames (``"Sasha,"``); the text before the first locator is the heading
  as printed;
- the translator's biographical notes: ``S. V. Petliura (1879-1926) was a
  Ukrainian schoolmaster ...`` gives a form of the name used in the notes and
  the years of birth and death (often damaged by OCR: ``(18991955)``,
  ``(1887¹⁹³⁷)``, ``(190132)``).

The output is a list of *candidates* in the shape of ``data/persons.yml``
(plus provenance under ``seed``), to be reviewed by reading the sources: the
index also lists places, institutions and topics, which the tool can only
guess at (``person: false``), and a note is attached to a heading by family
name alone, which a reader must confirm.

    python -m build_tools.tools.seed_register TEXT [-o candidates.yml] [--persons-only]
    python -m build_tools.tools.seed_register TEXT --coverage data/persons.yml

The second form checks a reviewed register: it lists the person-shaped index
headings that no entry's `index` field holds (exit status 1 if any). Places
and topics the heuristics take for persons ("Brumaire (French revolutionary
calendar dating)", "Sverdlovsk (city, formerly Ekaterinburg)") are listed too
and must be judged by a reader.
"""
from __future__ import annotations

import argparse
import difflib
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml


# --- the printed index -------------------------------------------------------

LETTER = re.compile(r"^[A-Z]$")
PAGE = re.compile(r"^Page \d+$")
# a locator: 27, 101-03, viii, xvi, 238 n5, n3, *passim*, *x passim* onward
LOCATOR = re.compile(r"^\*?(?:[ivxlc]+|\d+|I)(?:\b|[-–])|^\*?passim|^n\d")
TITLES = (
    "Ambassador", "Baron", "British Consul", "Colonel", "Count", "Dr.", "General", "Lt. Col.", "Marshal", "Minister",
    "Prime Minister", "Professor", "professor", "Sir", "Staff-Captain",
)
TITLE_RE = re.compile(r"^(?:(?:%s)\s+)+" % "|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True)))
FAMILY = r"(?:von\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?"


@dataclass
class Heading:
    line: int  # 1-based line in raw.txt where the entry starts
    text: str  # the heading as printed: the entry before its first locator
    letter: str
    person: bool
    family: str = ""
    given: str = ""
    pseudonym: bool = False
    aliases: list[str] = field(default_factory=list)  # p, aka, né, née, "nickname" forms
    gloss: str = ""


def index_lines(lines: list[str]) -> tuple[int, list[str]]:
    """The printed index: from the last line reading "Index" to the end."""
    start = max(i for i, l in enumerate(lines) if l.strip() == "Index")
    return start, lines[start + 1 :]


def logical_entries(start: int, body: list[str]) -> list[tuple[int, str, str]]:
    """(line, text, letter) for each entry, wrapped lines joined.

    A line continues the one above when that one ends with a comma, a hyphen
    or an unclosed parenthesis, or when it starts with a locator.
    """
    entries: list[list] = []
    letter = ""
    for offset, raw in enumerate(body):
        line_no = start + 2 + offset
        text = raw.strip()
        if not text or PAGE.match(text):
            continue
        if LETTER.match(text):
            letter = text
            entries.append([line_no, text, "LETTER"])
            continue
        if not letter:  # the key to abbreviations above "A"
            continue
        text = re.sub(r"^-\s+", "", text)
        prev = entries[-1] if entries and entries[-1][2] != "LETTER" else None
        if prev and (
            prev[1].endswith((",", "-", "–"))
            or prev[1].count("(") > prev[1].count(")")
            or LOCATOR.match(text) and not re.match(r"^[A-Z]", text)
        ):
            if re.search(r"[a-z]-$", prev[1]) and re.match(r"^[a-z]", text):
                prev[1] = prev[1][:-1] + text  # a word hyphenated at the line end: "Kame-" + "neva"
            else:
                sep = "" if prev[1].endswith(("-", "–")) else " "
                prev[1] = prev[1] + sep + text
            continue
        entries.append([line_no, text, letter])
    return [(n, t, l) for n, t, l in entries if l != "LETTER"]


def split_segments(text: str) -> list[str]:
    """Split an entry at top-level commas (not inside parentheses)."""
    out, depth, quoted, cur = [], 0, False, ""
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == '"':
            quoted = not quoted
        if ch == "," and depth == 0 and not quoted:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return [s.strip() for s in out]


def heading_text(entry: str) -> str:
    """The entry before its first locator, as printed (without the locators)."""
    entry = re.sub(r'(,")\s+(?=\*?(?:\d|[ivxlc]+\b))', r"\1, ", entry)
    segs = split_segments(entry)
    kept = [segs[0]]
    for s in segs[1:]:
        if LOCATOR.match(s):
            break
        kept.append(s)
    return ", ".join(kept).rstrip(" ,")


def parse_aliases(paren: str) -> list[str]:
    """Names inside a heading's parentheses: p X; aka X, Y; né X; "Nick"; see X."""
    names: list[str] = []
    for part in re.split(r";", paren):
        part = part.strip()
        for nick in re.findall(r'"([^",]+)[,"]', part):
            names.append(nick)
        part = re.sub(r'"[^"]*"', "", part).strip(" ,")
        m = re.match(r"^(?:p|aka|née|né|also)\s+(.*)$", part)
        if m:
            for n in m.group(1).split(","):
                n = re.sub(r"^(?:p|aka|née|né|also)\s+", "", n.strip())
                if n and n[0].isupper():
                    names.append(n)
        elif re.match(r"^[A-Z][a-zé]+$", part):  # (Vladislav?) style bare alternatives
            names.append(part)
    return names


def read_heading(line: int, entry: str, letter: str) -> Heading:
    text = heading_text(entry)
    segs = split_segments(text)
    seg0 = segs[0]
    pseudonym = seg0.startswith("p ")
    seg0 = re.sub(r"^p\s+", "", seg0)
    m0 = re.match(r"^(?P<family>[^(]+?)\s*(?:\((?P<paren>[^)]*)\))?\s*$", seg0)
    family = m0.group("family") if m0 else seg0
    paren0 = m0.group("paren") if m0 else None
    given, parens, gloss = "", [paren0] if paren0 else [], segs[1:]
    if gloss and not (paren0 and "fnu" in paren0) and re.match(r"^(?:[A-Z(]|professor\b)", gloss[0]):
        g = TITLE_RE.sub("", gloss[0]).strip()
        parens += re.findall(r"\(([^)]*)\)", g)
        given = re.sub(r"\s*\([^)]*\)", "", g).strip()
        gloss = gloss[1:]
    person = bool(
        re.match(FAMILY + "$", family)
        and re.sub(r"^von\s+", "", family)[:1] == letter
        and (given or any(parens))
        and not re.match(r"^[A-Z]{2,}\b", family)
    )
    aliases = [a for p in parens for a in parse_aliases(p)]
    return Heading(line, text, letter, person, family, given, pseudonym, aliases, ", ".join(gloss))


def read_index(lines: list[str]) -> list[Heading]:
    start, body = index_lines(lines)
    return [read_heading(n, t, l) for n, t, l in logical_entries(start, body)]


# --- the translator's biographical notes -------------------------------------

SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
NOTE_NAME = re.compile(
    r"(?P<name>(?:(?:Marshal|General|Dr\.|Professor|Ambassador)\s+)?"
    r"(?:(?:[A-Z]\.\s?|[A-Z][a-zé]+\s|\"[A-Z][a-z]+\"\s)){0,4}[A-Z][\w'’-]+)"
    r"\s\((?P<inside>\??\s*\d{4}[^)]*|\?-\d{4}[^)]*)\)"
)


def parse_years(inside: str) -> tuple[object, object, str]:
    """Born, died and the rest (aliases) from "1891-1918, né Gol'shtein" and OCR-damaged forms."""
    inside = inside.translate(SUPERSCRIPT)
    m = re.match(r"^\s*(\?|\d{4}\??)\s*(?:[-–/]\s*(\d{4}\??|\d{2}\b|\?)?)?\s*(?:,\s*(.*))?$", inside)
    if not m:  # glued: 18991955, 190132
        g = re.match(r"^\s*(\d{4})(\d{2,4})\s*(?:,\s*(.*))?$", inside)
        if not g:
            return None, None, inside
        born, tail = int(g.group(1)), g.group(2)
        died = int(tail) if len(tail) == 4 else int(g.group(1)[:2] + tail)
        return born, died, g.group(3) or ""
    b, d, rest = m.group(1), m.group(2), m.group(3) or ""
    born = None if b == "?" else (int(b) if b.isdigit() else b)
    if d is None or d == "?":
        died = None
    elif len(d.rstrip("?")) == 2:
        died = int(str(born)[:2] + d) if isinstance(born, int) else None
    else:
        died = int(d) if d.isdigit() else d
    return born, died, rest


NOT_NAMES = {"Congress", "Congresses", "Conference", "General", "Party", "Revolution", "War", "Thermidor"}


@dataclass
class NoteName:
    line: int
    name: str
    born: object
    died: object
    aliases: list[str]


def notes_range(lines: list[str]) -> tuple[int, int]:
    start = max(i for i, l in enumerate(lines) if l.strip() == "Notes")
    end = next(i for i in range(start, len(lines)) if lines[i].strip() in ("Select Bibliography", "Index"))
    return start, end


def read_notes(lines: list[str]) -> list[NoteName]:
    start, end = notes_range(lines)
    found: list[NoteName] = []
    for i in range(start, end):
        for m in NOTE_NAME.finditer(lines[i]):
            born, died, rest = parse_years(m.group("inside"))
            if born is None and died is None:
                continue
            aliases = []
            for part in re.split(r",\s*", rest):
                a = re.match(r"^(?:née|né|aka|also known as|also spelled|also transliterated)\s+(.*)$", part.strip())
                if a:
                    aliases += [x.strip() for x in re.split(r"\s+or\s+|/", a.group(1)) if x.strip()[:1].isupper()]
            name = re.sub(r"^(?:(?:Marshal|General|Dr\.|Professor|Ambassador|Veteran|Bolshevik)\s+)+", "",
                          m.group("name").replace('"', ""))
            if set(name.split()) & NOT_NAMES:
                continue
            found.append(NoteName(i + 1, name, born, died, aliases))
    return found


# --- candidates ----------------------------------------------------------------

def ascii_slug(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def family_key(name: str) -> str:
    return ascii_slug(name.split()[-1] if name.split() else name)


def initials(name: str) -> str:
    return "".join(t[0] for t in re.findall(r"[A-Z][a-z]*\.?", name))


def candidates(lines: list[str]) -> list[dict]:
    heads = read_index(lines)
    notes = read_notes(lines)
    out: list[dict] = []
    for h in heads:
        given_names = [g for g in re.findall(r"[A-Z][\w'’.-]*", h.given) if not g.endswith("?")]
        first = given_names[0] if given_names and not given_names[0].endswith(".") else ""
        variants = [h.family]
        if h.given:
            variants.append(f"{h.given} {h.family}")
            if first:
                variants.append(f"{first} {h.family}")
            inits = " ".join(g[0] + "." for g in given_names)
            if inits:
                variants.append(f"{inits} {h.family}")
        variants += h.aliases
        cand = {
            "id": ascii_slug(f"{h.family}-{first}") if first else ascii_slug(h.family),
            "name": f"{first} {h.family}".strip(),
            "sort": f"{h.family}, {first}".strip(", "),
            "variants": list(dict.fromkeys(variants)),
            "born": None,
            "died": None,
            "description": h.gloss,
            "index": [h.text],
            "shared_surname": False,
            "seed": {"index_line": h.line, "person": h.person, "given": h.given},
        }
        out.append(cand)
    # notes: attach by family name (fuzzy), choosing by initials when several headings share it
    for n in notes:
        fam = family_key(n.name)
        pool = [c for c in out if c["seed"]["person"]]
        scored = [(difflib.SequenceMatcher(None, fam, ascii_slug(c["variants"][0])).ratio(), c) for c in pool]
        best = [c for r, c in scored if r >= 0.84]
        if len(best) > 1:  # the same initials, else the same first initial
            ini = initials(" ".join(n.name.split()[:-1]))
            for k in (len(ini), 1):
                narrowed = [c for c in best if ini and initials(c["seed"].get("given", ""))[:k] == ini[:k]]
                if narrowed:
                    best = narrowed
                    break
        if len(best) != 1:
            out.append({
                "id": ascii_slug(n.name.split()[-1]), "name": n.name, "sort": n.name.split()[-1],
                "variants": [n.name] + n.aliases, "born": n.born, "died": n.died, "description": "",
                "index": [], "shared_surname": False,
                "seed": {"note_line": n.line, "person": True, "unmatched": len(best) == 0, "ambiguous": len(best) > 1},
            })
            continue
        c = best[0]
        if c["born"] is None and c["died"] is None:
            c["born"], c["died"] = n.born, n.died
        c["variants"] = list(dict.fromkeys(c["variants"] + [n.name] + n.aliases))
        c["seed"].setdefault("note_lines", []).append(n.line)
    # unique ids: a person-shaped heading keeps the plain id, other entries get a suffix
    taken: dict[str, int] = {}
    for c in sorted(out, key=lambda c: not c["seed"]["person"]):
        base = c["id"] or "entry"
        taken[base] = taken.get(base, 0) + 1
        if taken[base] > 1:
            c["id"] = f"{base}-{taken[base]}"
    # persons sharing a family name
    fams: dict[str, list[dict]] = {}
    for c in out:
        if c["seed"]["person"]:
            fams.setdefault(ascii_slug(c["sort"].split(",")[0]), []).append(c)
    for group in fams.values():
        if len(group) > 1:
            for c in group:
                c["shared_surname"] = True
    return out


def uncovered(lines: list[str], register: Path) -> list[Heading]:
    """Person-shaped index headings that no `index` field of the register holds."""
    persons = yaml.safe_load(register.read_text(encoding="utf-8")) or []
    held = {h for p in persons for h in (p.get("index") or [])}
    return [h for h in read_index(lines) if h.person and h.text not in held]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("text", type=Path, help="the raw text of a book with a printed index, e.g. sources/<slug>/raw.txt")
    ap.add_argument("-o", "--output", type=Path, help="write the candidates here (default: standard output)")
    ap.add_argument("--persons-only", action="store_true", help="leave out headings not shaped like a person")
    ap.add_argument("--coverage", type=Path, metavar="PERSONS_YML",
                    help="instead of seeding, list person-shaped index headings missing from this register")
    args = ap.parse_args(argv)
    lines = args.text.read_text(encoding="utf-8").split("\n")
    if args.coverage:
        missing = uncovered(lines, args.coverage)
        for h in missing:
            print(f"{args.text}:{h.line}: index heading not in the register: {h.text}")
        print(f"seed_register: {len(missing)} person-shaped headings not covered", file=sys.stderr)
        return 1 if missing else 0
    cands = candidates(lines)
    if args.persons_only:
        cands = [c for c in cands if c["seed"]["person"]]
    text = yaml.safe_dump(cands, allow_unicode=True, sort_keys=False, width=120)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    print(f"seed_register: {len(cands)} candidates, {sum(c['seed']['person'] for c in cands)} shaped like persons",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
