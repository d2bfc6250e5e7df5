"""Finding a setting's label among OCR segments: fuzzy phrase match, tolerant of OCR noise, of a
label wrapped onto two lines and of the label's former wordings."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from ocr.text import Segment
from ocr.types import Box, Word

# each real word next to the label on its segment (a sentence mentioning the label) costs this much
LEFTOVER_WORD_PENALTY = 0.12
# a second line continues a wrapped label when it starts this close (in line heights) below and aligned
WRAP_MAX_GAP_HEIGHTS = 1.2
WRAP_MAX_INDENT_HEIGHTS = 1.0


def normalise(text: str) -> str:
    """Lowercase letters and digits only: OCR noise in punctuation and spacing does not count."""
    return re.sub(r"[^0-9a-z]", "", text.lower())


def is_noise(word: Word) -> bool:
    """Stray marks OCR reads from icons, borders and drawn controls: no letters/digits, a lone letter
    (a radio ring read as "O", a chevron as "v"), or a tiny low-confidence token."""
    text = normalise(word.text)
    return not text or (len(text) == 1 and text.isalpha()) or (len(text) <= 2 and word.conf < 60)


@dataclass(frozen=True)
class LabelMatch:
    label: str  # the pack's wording that matched
    text: str  # what OCR read
    score: float  # 0..1
    box: Box
    line_height: float
    words: tuple[Word, ...]


def _windows(words: tuple[Word, ...], max_len: int, must_cross: int | None):
    for start in range(len(words)):
        for end in range(start + 1, min(len(words), start + max_len) + 1):
            if must_cross is not None and not (start < must_cross < end):
                continue
            yield start, end


def _best_in(words: tuple[Word, ...], label: str, ignore: set[str], must_cross: int | None,
             line_height: float, min_score: float = 0.0) -> LabelMatch | None:
    """The best window of ``words`` for ``label`` (None when no window can reach ``min_score``)."""
    target = normalise(label)
    if not target:
        return None
    max_len = len(label.split()) + 3
    texts = [normalise(w.text) for w in words]
    real = [not is_noise(w) and t not in ignore for w, t in zip(words, texts, strict=True)]
    total_real = sum(real)
    best: LabelMatch | None = None
    for start, end in _windows(words, max_len, must_cross):
        if not texts[start] or not texts[end - 1]:
            continue  # a mark OCR read from a drawing beside the label is not part of it
        text = "".join(texts[start:end])
        leftovers = total_real - sum(real[start:end])
        floor = max(min_score, best.score if best is not None else -1.0) + LEFTOVER_WORD_PENALTY * leftovers
        # ratio() is at most what the lengths allow: skip windows that cannot beat the floor
        if 2 * min(len(target), len(text)) / (len(target) + len(text)) < floor:
            continue
        matcher = difflib.SequenceMatcher(None, target, text, autojunk=False)
        if matcher.quick_ratio() < floor:
            continue
        score = matcher.ratio() - LEFTOVER_WORD_PENALTY * leftovers
        if best is None or score > best.score:
            window = words[start:end]
            box = window[0].box
            for w in window[1:]:
                box = box.union(w.box)
            best = LabelMatch(label=label, text=" ".join(w.text for w in window), score=score, box=box,
                              line_height=line_height, words=window)
    return best


def _continues(first: Segment, second: Segment) -> bool:
    a, b = first.box, second.box
    height = first.line_height
    return (0 <= b.top - a.bottom <= WRAP_MAX_GAP_HEIGHTS * height
            and abs(b.left - a.left) <= WRAP_MAX_INDENT_HEIGHTS * height)


def find_label(segments: list[Segment], labels: list[str], ignore: set[str],
               min_score: float) -> list[LabelMatch]:
    """Every place one of ``labels`` appears with at least ``min_score``, best first.

    ``ignore`` holds normalised words that may stand next to the label without lowering the score
    (the setting's own value words)."""
    found: list[LabelMatch] = []
    by_top = sorted(segments, key=lambda s: s.box.top)
    for i, segment in enumerate(by_top):
        candidates: list[LabelMatch | None] = []
        for label in labels:
            candidates.append(_best_in(segment.words, label, ignore, None, segment.line_height, min_score))
            for other in by_top[i + 1:]:
                if other.box.top - segment.box.bottom > WRAP_MAX_GAP_HEIGHTS * segment.line_height:
                    break
                if _continues(segment, other):
                    joined = segment.words + other.words
                    candidates.append(_best_in(joined, label, ignore, len(segment.words),
                                               segment.line_height, min_score))
        for match in candidates:
            if match is not None and match.score >= min_score:
                found.append(match)
    found.sort(key=lambda m: -m.score)
    return _drop_overlaps(found)


def _drop_overlaps(matches: list[LabelMatch]) -> list[LabelMatch]:
    """One match per spot on the page: a wrapped match and its first line alone are the same label."""
    kept: list[LabelMatch] = []
    for match in matches:
        if not any(_overlaps(match.box, k.box) for k in kept):
            kept.append(match)
    return kept


def _overlaps(a: Box, b: Box) -> bool:
    return min(a.right, b.right) > max(a.left, b.left) and min(a.bottom, b.bottom) > max(a.top, b.top)
