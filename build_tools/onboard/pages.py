"""Where printed pages begin: page-number lines, running heads, blank-line runs, form feeds.

Page numbers are believed only as a sequence: a shape of line ("Page 41",
"[p. 41]", "- 41 -", a bare "41") counts when its numbers mostly increase,
and a running head (a short line of a recurring title and a number on either
side, the title alternating between verso and recto) when its title recurs
and its numbers increase. OCR damage in a head ("(83 Introduction",
"l4 Introduction") is allowed for in the pattern: a damaged number is
removed with its head and numbered from the sequence.
"""
from __future__ import annotations

import difflib
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass

from .evidence import Evidence, Line, number_range, quote

ROMAN = re.compile(r"[ivxlc]+|[IVXLC]+")
# Shapes of a line that holds only a page number; the label is the number.
MARKER_SHAPES = {
    "Page N": re.compile(r"(?P<word>Page|PAGE|page)\s+(?P<label>\d{1,4}|[ivxlc]{1,7}|[IVXLC]{1,7})"),
    "[p. N]": re.compile(r"\[\s*(?P<word>p\.|pp\.|page|Page)\s*(?P<label>\d{1,4})\s*\]"),
    "- N -": re.compile(r"(?P<word>[-–—])\s*(?P<label>\d{1,4})\s*[-–—]"),
    "N": re.compile(r"(?P<label>\d{1,4})"),
}
# A page number in a running head, as OCR leaves it: digits with l, I, O for 1 and 0, a stray bracket.
HEAD_NUMBER = r"[(\[{|]?[\dlIO|]*\d[\dlIO|]*[)\]}|.]?"
# Beside a title known to be a running head, a number may have lost every digit to OCR ("ll" for 11).
DAMAGED_NUMBER = r"[(\[{|]?[\dlIO|]{1,4}[)\]}|.]?"
HEAD_LEFT = re.compile(rf"(?P<num>{HEAD_NUMBER})\s+(?P<title>[^\d\s].*)")
HEAD_RIGHT = re.compile(rf"(?P<title>.*[^\d\s])\s+(?P<num>{HEAD_NUMBER})")
CLEAN_NUMBER = re.compile(r"[(\[{|]?(\d+)[)\]}|.]?")
MAX_HEAD = 90  # characters: a running head is a short line
MIN_REPEATS = 3
WINDOW = 40  # hits a page number may step over


@dataclass
class Marker:
    line: Line
    label: str | None  # None where OCR damaged the number


def infer_pages(ev: Evidence) -> None:
    feeds = [l for l in ev.lines if "\f" in l.raw]
    markers = _page_number_lines(ev)
    heads = _running_heads(ev)
    seen = sorted(markers + heads, key=lambda m: m.line.no)
    runs = _blank_runs(ev, seen)
    if not seen and not runs and len(feeds) >= 2:
        ev.found("form_feeds", True, f"{len(feeds)} form feeds (lines {feeds[0].no}, {feeds[1].no}, …) start pages")
    ev.page_starts = seen
    ev.form_feed_lines = feeds if not seen and not runs else []
    if len(feeds) >= 2 and (seen or runs):
        ev.doubt(f"{len(feeds)} form feeds as well as page numbers: the numbers are used, the form feeds ignored")


# ------------------------------------------------------------------ page-number lines


def _page_number_lines(ev: Evidence) -> list[Marker]:
    """The shape of page-number line whose numbers make the best sequence, claimed as furniture."""
    best: tuple[int, str, list[tuple[Line, re.Match]]] | None = None
    for shape, pattern in MARKER_SHAPES.items():
        hits = [(l, m) for l in ev.body() if (m := pattern.fullmatch(l.text.replace("\f", "")))]
        chain = _sequence(hits)
        if len(chain) >= MIN_REPEATS and len(chain) >= 0.7 * len(hits) and (best is None or len(chain) > best[0]):
            best = (len(chain), shape, hits)
    if best is None:
        return []
    _, shape, hits = best
    chain = _sequence(hits)
    in_chain = {id(l) for l, _ in chain}
    outliers = [(l, m) for l, m in hits if id(l) not in in_chain]
    for other, pattern in MARKER_SHAPES.items():
        if other != shape and other != "N":
            more = [l for l in ev.body() if pattern.fullmatch(l.text)]
            if len(more) >= MIN_REPEATS:
                ev.doubt(f"{len(more)} lines also look like page numbers in the shape '{other}' "
                         f"(line {more[0].no}: {quote(more[0].text)}); only '{shape}' is used")
    labels = [m.group("label") for _, m in chain]
    ev.found("page_marker", _marker_pattern(shape, [m for _, m in chain], [m.group("label") for _, m in outliers]),
             f"{len(chain)} lines '{shape}', numbers {_ranges(labels)} increasing")
    if outliers:
        ev.doubt(f"{len(outliers)} more lines in the shape '{shape}' are out of the sequence and left as text "
                 f"(line {outliers[0][0].no}: {quote(outliers[0][0].text)})")
    ev.furniture.update(l.no for l, _ in chain)
    markers = [Marker(l, m.group("label")) for l, m in chain]
    _marker_position(ev, markers)
    return markers


def _sequence(hits: list[tuple[Line, re.Match]]) -> list[tuple[Line, re.Match]]:
    """The longest chain of hits whose numbers rise in small steps (roman front matter, then arabic).

    Each hit may follow one of the WINDOW hits before it, so that a stray number between two
    pages (a chapter number, a displaced note number) is stepped over.
    """
    values = [_value(m.group("label")) for _, m in hits]
    length = [0] * len(hits)
    before: list[int | None] = [None] * len(hits)
    for i, v in enumerate(values):
        if v is None:
            continue
        length[i] = 1
        for j in range(max(0, i - WINDOW), i):
            u = values[j]
            if u and length[j] + 1 > length[i] and _follows(u, v):
                length[i], before[i] = length[j] + 1, j
    if not any(length):
        return []
    i: int | None = max(range(len(hits)), key=lambda k: (length[k], -k))
    chain = []
    while i is not None:
        chain.append(hits[i])
        i = before[i]
    return chain[::-1]


def _follows(u: tuple[str, int], v: tuple[str, int]) -> bool:
    return (u[0] == v[0] and 0 < v[1] - u[1] <= 5) or (u[0] == "roman" and v[0] == "arabic")


def _value(label: str) -> tuple[str, int] | None:
    if label.isdigit():
        return "arabic", int(label)
    if ROMAN.fullmatch(label):
        values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
        total, prev = 0, 0
        for ch in reversed(label.lower()):
            v = values[ch]
            total, prev = (total - v, prev) if v < prev else (total + v, v)
        return "roman", total
    return None


def _ranges(labels: list[str]) -> str:
    """'i–xviii, 1–398': one range per series."""
    parts: list[list[str]] = []
    for label in labels:
        series = "arabic" if label.isdigit() else "roman"
        if parts and ("arabic" if parts[-1][0].isdigit() else "roman") == series:
            parts[-1].append(label)
        else:
            parts.append([label])
    return ", ".join(number_range(p) for p in parts)


def _marker_pattern(shape: str, matches: list[re.Match], outliers: list[str]) -> str:
    """The profile's pattern for the shape, in the spelling the text uses."""
    roman = any(not m.group("label").isdigit() for m in matches)
    lower = all(m.group("label").islower() for m in matches if not m.group("label").isdigit())
    label = r"\d+" + ((r"|[ivxlc]+" if lower else r"|[IVXLC]+") if roman else "")
    if shape == "Page N":
        word = Counter(m.group("word") for m in matches).most_common(1)[0][0]
        return f"{word} (?P<label>{label})"
    if shape == "[p. N]":
        word = re.escape(Counter(m.group("word") for m in matches).most_common(1)[0][0])
        return rf"\[{word} ?(?P<label>\d+)\]"
    if shape == "- N -":
        return r"[-–—] ?(?P<label>\d+) ?[-–—]"
    # A bare number: the numbers out of the sequence (a chapter number, a stray note number) are excluded.
    skip = sorted(set(outliers), key=int)
    return (f"(?!(?:{'|'.join(skip)})$)" if skip else "") + r"(?P<label>\d+)"


def _marker_position(ev: Evidence, markers: list[Marker]) -> None:
    """Top of the page (the number opens its page) or foot (it closes it)."""
    text = [l for l in ev.body() if not l.blank]
    numbers = [l.no for l in text]
    before = sum(1 for n in numbers if n < markers[0].line.no)
    after = sum(1 for n in numbers if n > markers[-1].line.no)
    if after <= 1 < before:
        ev.found("marker_ends_page", True,
                 f"the last number (line {markers[-1].line.no}) follows the last line of text and "
                 f"{before} lines precede the first: numbers are printed at the foot of their page")


# ------------------------------------------------------------------ running heads


def _running_heads(ev: Evidence) -> list[Marker]:
    """Lines of a recurring title and a page number: the running heads, claimed as furniture."""
    candidates: dict[tuple[str, str], list[tuple[Line, str, str]]] = defaultdict(list)  # (side, key) -> (line, title, number)
    for line in ev.body():
        text = line.text
        if line.blank or len(text) > MAX_HEAD or "\t" in text:
            continue
        for side, pattern in (("left", HEAD_LEFT), ("right", HEAD_RIGHT)):
            m = pattern.fullmatch(text)
            if m and _title_like(m.group("title")):
                candidates[(side, _key(m.group("title")))].append((line, m.group("title"), m.group("num")))
    groups = _merge_damaged(candidates)
    heads: list[tuple[Line, str, str, str]] = []  # line, side, title, number
    described = []
    rising_groups = {k: v for k, v in groups.items() if _rising(v)}
    # A short text has few heads of each title: two of one title do, when the heads number three in all.
    if sum(len(v) for v in rising_groups.values()) < MIN_REPEATS:
        return []
    for (side, key), found in sorted(rising_groups.items(), key=lambda kv: kv[1][0][0].no):
        numbers = [int(n.group(1)) for _, _, raw in found if (n := CLEAN_NUMBER.fullmatch(raw))]
        heads += [(l, side, t, raw) for l, t, raw in found]
        title = Counter(t for _, t, _ in found).most_common(1)[0][0]
        parity = {n % 2 for n in numbers}
        pages = ("even pages " if parity == {0} else "odd pages " if parity == {1} else "pages ") + \
            number_range([str(numbers[0]), str(numbers[-1])] if len(numbers) > 1 else [str(numbers[0])])
        shape = f"N {title}" if side == "left" else f"{title} N"
        damaged = sum(1 for _, _, raw in found if not CLEAN_NUMBER.fullmatch(raw))
        variants = len({t for _, t, _ in found}) - 1
        extra = "".join([f", {damaged} with a damaged number" if damaged else "",
                         f", {variants} misspelt title{'s' if variants > 1 else ''}" if variants else ""])
        described.append(f"{len(found)} running heads {quote(shape)} ({pages}{extra})")
    if not heads:
        return []
    heads.sort(key=lambda h: h[0].no)
    pattern = _head_pattern(heads)
    regex = re.compile(pattern)
    taken = {h[0].no for h in heads}
    more = [l for l in ev.body() if l.no not in taken and regex.fullmatch(l.text)]
    if more:
        described.append(f"{len(more)} more with no digit left ({quote(more[0].text)})")
    ev.found("running_head", pattern, "; ".join(described))
    ev.furniture.update(taken | {l.no for l in more})
    found = [Marker(l, n.group(1) if (n := CLEAN_NUMBER.fullmatch(raw)) else None) for l, _, _, raw in heads]
    return sorted(found + [Marker(l, None) for l in more], key=lambda m: m.line.no)


def _rising(found: list) -> bool:
    """At least two heads of the title, their readable numbers rising."""
    numbers = [int(n.group(1)) for _, _, raw in found if (n := CLEAN_NUMBER.fullmatch(raw))]
    rising = sum(b > a for a, b in zip(numbers, numbers[1:]))
    return len(found) >= 2 and len(numbers) >= 2 and rising >= 0.7 * (len(numbers) - 1)


def _title_like(title: str) -> bool:
    letters = sum(c.isalpha() for c in title)
    return letters >= 3 and len(title.split()) <= 12 and not title.rstrip().endswith((",", ";"))


def _key(title: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", title).split()).casefold()


def _merge_damaged(candidates: dict[tuple[str, str], list]) -> dict[tuple[str, str], list]:
    """A title seen once or twice that is a near copy of a recurring one is that title, misread."""
    big = {k: v for k, v in candidates.items() if len(v) >= 2}
    merged = {k: list(v) for k, v in big.items()}
    for (side, key), found in candidates.items():
        if (side, key) in big:
            continue
        near = [k for k in big if k[0] == side and difflib.SequenceMatcher(None, k[1], key).ratio() >= 0.85]
        if near:
            merged[near[0]] += found
    for found in merged.values():
        found.sort(key=lambda f: f[0].no)
    return merged


def _head_pattern(heads: list[tuple[Line, str, str, str]]) -> str:
    """One pattern for every head: titles on either side of the number, the label in a lookahead.

    The label is read ahead of the match so that the one named group serves heads of both
    sides; where OCR damaged the number the lookahead fails and the head is removed unnumbered.
    """
    left = sorted({t for _, side, t, _ in heads if side == "left"})
    right = sorted({t for _, side, t, _ in heads if side == "right"})
    alt = lambda titles: "|".join(re.sub(r"(\\ )+", r"\\s+", re.escape(t)) for t in titles)
    number = DAMAGED_NUMBER
    parts = []
    if left:
        parts.append(rf"{number}\s+(?:{alt(left)})")
    if right:
        parts.append(rf"(?:{alt(right)})\s+{number}")
    if not right:  # one side: the label can stand in the pattern itself
        return rf"[(\[{{|]?(?:(?P<label>\d+)|[\dlIO|]{{1,4}})[)\]}}|.]?\s+(?:{alt(left)})"
    recto = rf"(?:(?:{alt(right)})\s+)?" if right else ""
    lookahead = rf"(?={recto}[(\[{{|]?(?P<label>\d+)[)\]}}|.]?(?:\s|$))?"
    return lookahead + "(?:" + "|".join(parts) + ")"


# ------------------------------------------------------------------ blank-line runs


def _blank_runs(ev: Evidence, seen: list[Marker]) -> list[int]:
    """Runs of blank lines longer than any paragraph break, about a page apart: unseen page breaks."""
    runs: list[tuple[int, int]] = []  # (first line number, length)
    start, length = None, 0
    for line in ev.lines:
        if line.blank and line.no not in ev.furniture:
            start, length = (line.no if not length else start), length + 1
        else:
            if length:
                runs.append((start, length))
            length = 0
    last_text = max((l.no for l in ev.lines if not l.blank), default=0)
    runs = [r for r in runs if r[0] < last_text]  # blank lines after the text end no page
    lengths = Counter(n for _, n in runs)
    if not lengths:
        return []
    text_lines = sum(1 for l in ev.lines if not l.blank)
    # Where blank lines do not part paragraphs, every run of them may be a page break.
    parting = len(runs) >= text_lines / 25
    usual = lengths.most_common(1)[0][0] if parting else 0
    for size in range(max(2, usual + 2), max(lengths) + 1):
        long = [r for r in runs if r[1] >= size]
        if len(long) < 2 or parting and len(long) > 0.25 * len(runs):
            continue
        size = min(r[1] for r in long)
        # Each long run must stand where a page is missing: between two seen numbers more than
        # one page apart, or before the first number; with no numbers at all they must be evenly spaced.
        where = [r for r in long if _in_gap(r[0], seen)]
        if seen and len(where) >= 0.7 * len(long) or not seen and _even(long):
            ev.found("blank_run", size, f"{len(long)} runs of {size} or more blank lines (lines "
                     f"{', '.join(str(r[0]) for r in long[:4])}{', …' if len(long) > 4 else ''}) "
                     f"where a page number is missing; " + (f"paragraphs are parted by {usual}" if usual else
                                                            "blank lines do not part paragraphs"))
            return [r[0] for r in long]
    return []


def _in_gap(line_no: int, seen: list[Marker]) -> bool:
    labelled = [m for m in seen if m.label and m.label.isdigit()]
    if not labelled:
        return False
    if line_no < labelled[0].line.no:
        return int(labelled[0].label) > 1
    for a, b in zip(labelled, labelled[1:]):
        if a.line.no < line_no < b.line.no:
            return int(b.label) - int(a.label) > 1
    return True  # after the last number: the pages after it are unnumbered


def _even(runs: list[tuple[int, int]]) -> bool:
    gaps = [b[0] - a[0] for a, b in zip(runs, runs[1:])]
    return len(gaps) >= 2 and statistics.pstdev(gaps) < 0.25 * statistics.mean(gaps)


# ------------------------------------------------------------------ the first page


def infer_first_page(ev: Evidence) -> None:
    """The number of the page the text opens on, when no number is printed there."""
    seen, feeds = ev.page_starts, ev.form_feed_lines
    if not seen and not feeds and not ev.value("blank_run"):
        return
    text = [l for l in ev.body() if not l.blank]
    if not text:
        return
    if ev.value("marker_ends_page"):
        first = seen[0].label
        ev.found("first_page", first, f"the first number printed, {first}, closes the page the text opens on")
        return
    if feeds:
        ev.doubt("pages begin at form feeds but no page number is printed: set pages.first to the number "
                 "of the first page")
        return
    labelled = [m for m in seen if m.label and m.label.isdigit()]
    before = [l for l in text if l.no < seen[0].line.no] if seen else text
    if len(before) <= 1:
        return  # the text opens with its first number
    if not labelled or labelled[0] is not seen[0]:
        ev.doubt(f"{len(before)} lines of text before the first page number, which is not a number counted "
                 "back from: set pages.first to the number of the page the text opens on")
        return
    first = labelled[0]
    pages = _page_lengths(text, labelled)
    if not pages:
        ev.doubt(f"{len(before)} lines of text before the first page number ({first.label}) and no page "
                 "length to count back with: set pages.first if the text begins on an earlier page")
        return
    count = len(before) / pages
    whole = round(count)
    if whole < 1 and count < 0.3:
        return  # a few lines before the first number: a title above the head, on the same page
    if abs(count - whole) > 0.35 or whole < 1 or int(first.label) - whole < 1:
        ev.doubt(f"{len(before)} lines of text before the first page number ({first.label}), "
                 f"{count:.1f} pages of {pages:.0f} lines: set pages.first to the number of the first page")
        return
    label = str(int(first.label) - whole)
    ev.found("first_page", label, f"{len(before)} lines of text before page {first.label}, about {whole} "
             f"page{'s' if whole > 1 else ''} of {pages:.0f} lines")


def _page_lengths(text: list[Line], labelled: list[Marker]) -> float | None:
    """Lines of text per page, from the numbered pages."""
    spans = []
    for a, b in zip(labelled, labelled[1:]):
        pages = int(b.label) - int(a.label)
        if pages > 0:
            spans.append(sum(1 for l in text if a.line.no < l.no < b.line.no) / pages)
    return statistics.median(spans) if spans else None
