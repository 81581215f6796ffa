"""The layout profile's regular expressions: compiled once, run with a time bound.

A pattern in source.yml is code a contributor writes, and a backtracking
engine can take longer than the age of the universe on one line
("(a|a)+$"). Every profile pattern is compiled here, once per source, with
the `regex` package (the same syntax as `re`, plus a timeout on every match),
and the rules run it through the accessor `source.pattern(key)`. A match
that takes longer than PATTERN_TIMEOUT stops the build with one line naming
the setting's line in source.yml and the raw line being matched.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import regex

from .model import EditionError, Source, lookup
from .profile import default_of, regex_settings

# Seconds one match of one pattern may take on one line (or paragraph). Ordinary patterns take
# microseconds; a catastrophic one takes seconds at 25 characters and doubles with each more.
PATTERN_TIMEOUT = 2.0
COMPILED = "*"  # the key in Source.patterns that says the layout has been compiled


class ProfilePattern:
    """One pattern of a layout profile, with where it is written (for messages)."""

    def __init__(self, key: str, pattern: str, text_path: Path, where: str):
        self.key, self.text_path, self.where = key, text_path, where  # where: "…/source.yml:12"
        try:
            self.compiled = regex.compile(pattern)
        except (regex.error, ValueError) as err:  # ValueError: a pattern regex cannot parse at all
            raise EditionError(f"{where}: layout.{key} is not a valid regular expression ({err})") from None
        self.pattern = pattern

    def fullmatch(self, text: str, line: int = 0):
        return self._run(self.compiled.fullmatch, text, line)

    def match(self, text: str, line: int = 0):
        return self._run(self.compiled.match, text, line)

    def finditer(self, text: str, line: int = 0) -> list:
        return self._run(lambda t, **kw: list(self.compiled.finditer(t, **kw)), text, line)

    def sub(self, repl, text: str, line: int = 0) -> str:
        return self._run(lambda t, **kw: self.compiled.sub(repl, t, **kw), text, line)

    def _run(self, method: Callable[..., Any], text: str, line: int):
        try:
            return method(text, timeout=PATTERN_TIMEOUT)
        except TimeoutError:
            excerpt = text[:60] + ("…" if len(text) > 60 else "")
            raise EditionError(
                f"{self.where}: layout.{self.key} took more than {PATTERN_TIMEOUT:g} s to match "
                f"{self.text_path}:{line} ({excerpt!r}) and may never finish; rewrite it without nested "
                "repetition such as (a+)+ or (a|a)*") from None


def compile_layout(source_file: Path, text_path: Path, layout: dict, line_of: Callable[[str], int]) -> dict:
    """Every pattern of a layout (the profile's schema says which settings are patterns), compiled:
    key -> ProfilePattern (a list of them for a list setting)."""
    compiled: dict[str, Any] = {COMPILED: True}
    for key, (groups, many) in regex_settings().items():
        value = lookup(layout, key)
        where = f"{source_file}:{line_of(key)}"
        if many:
            compiled[key] = [_checked(key, v, groups, text_path, where) for v in value or []]
        elif value is not None:
            compiled[key] = _checked(key, value, groups, text_path, where)
    return compiled


def _checked(key: str, value: Any, groups: list, text_path: Path, where: str) -> ProfilePattern:
    if not isinstance(value, str):
        raise EditionError(f"{where}: layout.{key} must be a regular expression (a text)")
    pattern = ProfilePattern(key, value, text_path, where)
    for group in groups:  # the schema's checks, again for the `regex` engine's reading of the pattern
        if isinstance(group, str) and group not in pattern.compiled.groupindex:
            raise EditionError(f"{where}: layout.{key} needs a named group (?P<{group}>...)")
        if isinstance(group, int) and pattern.compiled.groups < group:
            raise EditionError(f"{where}: layout.{key} needs a group around what it captures, e.g. '(\\d{{1,3}})\\.\\s'")
    return pattern


def layout_pattern(source: Source, key: str, default: str | None = None):
    """source.pattern(key): the compiled pattern (a list for a list setting), or its default's (the one given,
    or the schema's), or None."""
    if COMPILED not in source.patterns:  # a Source made in code, not by read_source
        source.patterns.update(compile_layout(source.folder / "source.yml", source.text_path, source.layout,
                                              lambda k: 0), **{COMPILED: True})
    found = source.patterns.get(key)
    default = default if default is not None else default_of(key)
    if found is None and isinstance(default, str):
        found = source.patterns.setdefault(f"{key} (default)", ProfilePattern(key, default, source.text_path, "built in"))
    if found is None and regex_settings().get(key, ((), False))[1]:
        return []
    return found
