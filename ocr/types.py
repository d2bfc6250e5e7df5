"""What callers hand to the OCR reader and what it hands back."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

TargetKind = Literal["toggle", "words", "any"]


@dataclass(frozen=True)
class OcrTarget:
    """One setting to find: its label (current first, former after) and how its value is shown.

    ``kind`` says which drawings to read: "toggle" = switches and checkboxes (``toggle_values``), plus
    status words and radio options from ``words``; "words" = status words and radio options only;
    "any" = everything, switches and checkboxes only when ``toggle_values`` is given (a setting with
    two values)."""

    key: str
    labels: list[str]
    kind: TargetKind = "toggle"
    # displayed word or phrase -> value, e.g. {"Only me": "only_me", "Paused": "off"}
    words: dict[str, str] = field(default_factory=dict)
    # value for a switched-on (checked) / switched-off (unchecked) switch or checkbox
    toggle_values: dict[str, str] | None = field(default_factory=lambda: {"on": "on", "off": "off"})

    @property
    def reads_switches(self) -> bool:
        return self.toggle_values is not None and self.kind in ("toggle", "any")

    @property
    def reads_words(self) -> bool:
        return bool(self.words)


@dataclass(frozen=True)
class OcrReading:
    key: str
    label_found: str | None  # the label as OCR read it; None when no label matched
    value: str | None
    confidence: float  # 0..1
    uncertain: bool
    detail: str = ""  # why: which label, what was seen, what lowered the confidence


@dataclass(frozen=True)
class Box:
    """A rectangle in image pixels; right and bottom are exclusive."""

    left: int
    top: int
    right: int
    bottom: int

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def height(self) -> int:
        return self.bottom - self.top

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    def union(self, other: Box) -> Box:
        return Box(min(self.left, other.left), min(self.top, other.top),
                   max(self.right, other.right), max(self.bottom, other.bottom))


@dataclass(frozen=True)
class Word:
    text: str
    conf: float  # tesseract's 0..100
    box: Box
    ink: float = 255.0  # contrast of the text against its background, 0..255 (greyed text: low)
    crisp: float = 1.0  # 0..1, how sharp and contrasted (blurred or faint text: low)
    bg: tuple[int, int, int] = (255, 255, 255)  # the colour around the word (a highlighted option's fill)
    fg: tuple[int, int, int] = (0, 0, 0)  # the text's own colour
