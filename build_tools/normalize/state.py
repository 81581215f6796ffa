"""The shared state every normalize rule reads and updates."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..lexicon import Lexicon
from ..model import Block, Source
from .lines import Line


@dataclass
class NormalizeState:
    source: Source
    lexicon: Lexicon
    lines: list[Line] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
