"""Search that accents, apostrophes and spelling variants do not defeat.

Material's search (lunr.js in the browser) matches the words of a query
against the words of the index as they are: "Ovsepian" misses "Ovsepián",
"Stalin's" misses "Stalin’s", "Ezhov" misses "Yezhov". Its query side cannot
be changed without forking its JavaScript, so the index side gives: every
search document gets a `variants` field holding

- the folded forms of its words that fold differently (accents removed,
  typographic apostrophes made straight, and the curly form of straight ones);
- the other spellings of any name or term it mentions, from
  docs/data/search-variants.json ({"canonical form": ["variant", ...]},
  written by the register/glossary build when it exists). A group works both
  ways: a page that says "Ezhov" is found by "Yezhov" too.

Words end at spaces, dashes, quotes, brackets and punctuation (Material
splits only at spaces and hyphens, so "“Comrades," missed "comrades"), and
stop words count as separators: Material makes every query word a prefix, and
"of*" in "southwest of Kiev" would match "office", "officer", "often"… and
bury the one note that says it. (The index never held stop words anyway.)
The separator is written into the index, where the browser reads it.

The MkDocs hook rewrites site/search/search_index.json with `enrich_index`
before Material's offline plugin copies it into search_index.js.
`edition search QUERY` runs the same query from the command line with the
`lunr` package over that index, the way Material's worker does.
"""
from __future__ import annotations

import argparse
import html
import json
import re
import sys
import unicodedata
from functools import lru_cache
from pathlib import Path

from lunr.stop_word_filter import WORDS as STOP_WORDS  # lunr.js's list, which Material uses

FIELD = "variants"
LETTER = r"A-Za-z\u00c0-\u024f"
PUNCTUATION = [
    # spaces, dashes, commas and the like, brackets, double quotes, ellipsis, slash
    r'[\s\-\u2010-\u2015,;:!?()\[\]{}"\u201c\u201d\u201e\u00ab\u00bb\u2026/]+',
    r"\.(?!\d)",  # a full stop, not a decimal point
    r"&(?:[a-z]+|#\d+);",  # an HTML entity left in the index text
    # single quotes, but not an apostrophe inside a word ("Stalin’s")
    rf"['\u2018\u2019](?![{LETTER}])|(?<![{LETTER}])['\u2018\u2019]",
]
SEPARATOR = "|".join(PUNCTUATION + [
    # stop words as whole words, "The" too (lookarounds, not \b: JavaScript
    # and Python disagree about \b next to "é")
    rf"(?<![{LETTER}'\u2019])(?:"
    + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in sorted(STOP_WORDS, key=lambda w: (-len(w), w)))
    + rf")(?![{LETTER}'\u2019])",
])
# For collecting variants at build time: split at punctuation, then drop stop words. Much quicker
# than SEPARATOR's lookarounds at every position; the words differ only next to a stray quote.
BOUNDARY = re.compile("|".join(PUNCTUATION))
STOP_FORMS = frozenset(f for w in STOP_WORDS for f in (w, w[0].upper() + w[1:]))
APOSTROPHES = "\u2019\u2018\u02bc\u2032`\u00b4"  # ’ ‘ ʼ ′ ` ´ all read as '
TAG = re.compile(r"<[^>]+>")


STRAIGHT = str.maketrans({**{c: "'" for c in APOSTROPHES}, "\u201c": '"', "\u201d": '"'})


def fold(text: str) -> str:
    """Lower case, without accents, with straight apostrophes and quotes."""
    if not text.isascii():  # ASCII has no accents to take off
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return text.translate(STRAIGHT).lower()


def plain(html_text: str) -> str:
    return html.unescape(TAG.sub(" ", html_text))


def words(text: str, separator: str) -> list[str]:
    return [w for w in re.split(separator, text) if w]


def normal(text: str) -> str:
    """Folded words joined by single spaces: how names are compared."""
    return " ".join(words(fold(text), SEPARATOR))


def word_variants(word: str) -> set[str]:
    """Other forms of one word a reader may type: folded, straight or curly apostrophe."""
    if word.isascii() and "'" not in word:  # most words: nothing to fold
        return set()
    lower = word.lower()
    straight = fold(word)
    forms = {straight, straight.replace("'", "\u2019")}
    return forms - {lower}


class Variants:
    """Groups of spellings that should find each other."""

    def __init__(self, mapping: dict[str, list[str]] | None = None):
        self.groups: list[set[str]] = []
        for canonical, variants in (mapping or {}).items():
            # Compared word by word, as the index splits them: "A. I. Romanov" -> "a i romanov".
            group = {normal(v) for v in [canonical, *variants] if v} - {""}
            if len(group) > 1:
                self.groups.append(group)
        self.forms = {f for g in self.groups for f in g}
        self.firsts = {f.split(" ", 1)[0] for f in self.forms}  # phrases are only tried where one can start
        self.longest = max((f.count(" ") + 1 for f in self.forms), default=0)

    @classmethod
    def load(cls, path: Path) -> "Variants":
        if not path.is_file():
            return cls()
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def found_in(self, normal_text: str) -> set[str]:
        """Spellings to add for a text (as `normal` gives it) that mentions some member of a group."""
        found = set()
        tokens = normal_text.split()
        # Whole words only: "Ezhov" must not match inside "Ezhova".
        for i in range(len(tokens)):
            if tokens[i] not in self.firsts:
                continue
            for n in range(1, self.longest + 1):
                phrase = " ".join(tokens[i:i + n])
                if phrase in self.forms:
                    found.add(phrase)
        return {form for group in self.groups if group & found for form in group - found}


def variants_for(doc: dict, register: Variants) -> str:
    text = plain(doc.get("title", "") + " \n " + doc.get("text", ""))
    tokens = [w for w in BOUNDARY.split(text) if w and w not in STOP_FORMS]
    extra: set[str] = set()
    for word in set(tokens):
        extra |= word_variants(word)
    extra |= register.found_in(" ".join(map(_fold_word, tokens)))
    return " ".join(sorted(extra))


@lru_cache(maxsize=1 << 16)
def _fold_word(word: str) -> str:
    return fold(word)


def enrich_index(index: dict, register: Variants | None = None) -> dict:
    """Add the `variants` field to every document of a Material search index."""
    register = register or Variants()
    index["config"]["separator"] = SEPARATOR
    for doc in index["docs"]:
        extra = variants_for(doc, register)
        if extra:
            doc[FIELD] = extra
        else:
            doc.pop(FIELD, None)
    # A field lunr.js indexes; Material searches every field in config.fields.
    index["config"]["fields"][FIELD] = {"boost": 1.0}
    return index


# --------------------------------------------------------------- command line


def load_index(site: Path) -> dict:
    path = site / "search" / "search_index.json"
    if not path.is_file():
        raise FileNotFoundError(f"{path} does not exist; build the site first (edition build)")
    return json.loads(path.read_text(encoding="utf-8"))


def build_lunr(index: dict):
    """The lunr index Material's worker builds: same fields, words and pipeline."""
    from lunr.builder import Builder
    from lunr.stop_word_filter import stop_word_filter

    config = index["config"]
    separator = config["separator"]
    builder = Builder()
    builder.pipeline.add(stop_word_filter)  # Material keeps only the stop word filter
    builder.b(0)
    builder.ref("location")
    for name, spec in config["fields"].items():
        builder.field(name, boost=spec.get("boost", 1))
    for doc in index["docs"]:
        # Material's tokenizer splits on config.separator; lunr.py splits on
        # spaces, so hand it the words already separated.
        fields = {}
        for name in config["fields"]:
            value = doc.get(name) or ""
            value = " ".join(value) if isinstance(value, list) else str(value)  # tags are a list
            fields[name] = " ".join(words(plain(value), separator))
        builder.add({"location": doc["location"], **fields}, attributes={"boost": doc.get("boost", 1)})
    return builder.build()


def query_string(query: str, separator: str) -> str:
    """Material's query transform: split like the text, each term a prefix."""
    terms = []
    for term in query.replace('"', " ").split():
        term = re.sub(r"[*+\-:^~]", " ", term)  # lunr query syntax is not for readers
        terms += [w.lower() + "*" for w in words(term, separator) if w.strip()]
    return " ".join(terms)


def search(index: dict, query: str, *, lunr_index=None) -> list[dict]:
    """Pages matching `query`, best first: [{title, location, score}]."""
    lunr_index = lunr_index or build_lunr(index)
    q = query_string(query, index["config"]["separator"])
    if not q:
        return []
    titles = {d["location"]: d["title"] for d in index["docs"]}
    pages: dict[str, dict] = {}
    for hit in lunr_index.search(q):
        page = hit["ref"].split("#")[0]
        best = pages.get(page)
        if best is None or hit["score"] > best["score"]:
            pages[page] = {"title": titles.get(page, page), "location": hit["ref"],
                           "score": hit["score"], "section": titles.get(hit["ref"], "")}
    return sorted(pages.values(), key=lambda p: -p["score"])


def command(root: Path, query: list[str] | tuple = ()) -> None:
    """`edition search QUERY`: search ROOT/site and print the pages found."""
    from build_tools.model import EditionError

    site = Path(root) / "site"
    if not query:
        raise EditionError("what to search for? edition search QUERY")
    if not (site / "search" / "search_index.json").is_file():
        raise EditionError(f"{site} has no search index; build the site first (edition build)")
    main(["--site", str(site), "--", *query])


def main(argv: list[str] | None = None) -> int:
    """python -m build_tools.search QUERY: 0 when pages were found, 1 when none, 2 without an index."""
    parser = argparse.ArgumentParser(prog="edition search", description="Search the built edition.")
    parser.add_argument("query", nargs="+", help="words to look for, as typed in the site's search box")
    parser.add_argument("--site", type=Path, default=Path("site"), help="built site (default: site)")
    parser.add_argument("-n", "--limit", type=int, default=10, help="pages to show (default: 10)")
    args = parser.parse_args(argv)
    try:
        index = load_index(args.site)
    except FileNotFoundError as exc:
        print(f"edition: error: {exc}", file=sys.stderr)
        return 2
    results = search(index, " ".join(args.query))
    for hit in results[: args.limit]:
        section = f" ({hit['section']})" if "#" in hit["location"] and hit["section"] else ""
        print(f"{hit['title']}{section}\n    {hit['location']}")
    if not results:
        print("no matching pages", file=sys.stderr)
    return 0 if results else 1


if __name__ == "__main__":
    sys.exit(main())
