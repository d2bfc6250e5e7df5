"""Matching a target's displayed value words ("On", "Friends of friends", "Older than 18 months")
against OCR words, and how crisp the pixels under them are."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from PIL import Image, ImageChops

from ocr.labels import normalise
from ocr.types import Box, Word

# letters OCR commonly reads as digits or marks in short words ("0ff", "0n")
_CONFUSABLE = str.maketrans({"0": "o", "1": "l", "|": "l", "5": "s"})
# a longer phrase may differ from what OCR read by a letter or two, no more
MIN_RATIO = 0.84


@dataclass(frozen=True)
class PhraseHit:
    value: str
    phrase: str
    words: tuple[Word, ...]
    similarity: float  # 0..1, how closely the OCR text matched the phrase

    @property
    def box(self) -> Box:
        box = self.words[0].box
        for w in self.words[1:]:
            box = box.union(w.box)
        return box

    @property
    def ocr_conf(self) -> float:
        return min(w.conf for w in self.words) / 100

    @property
    def crisp(self) -> float:
        return min(w.crisp for w in self.words)


@dataclass(frozen=True)
class _Wanted:
    phrase: str
    value: str
    letters: str  # normalised, run together
    digits: str  # the digits in it ("" for none)
    matcher: difflib.SequenceMatcher  # holds ``letters`` as its second sequence (indexed once)


def _similarity(want: _Wanted, seen: str, seen_plain: str, seen_digits: str) -> float:
    """How closely OCR's letters (a word, or words run together; ``seen`` with look-alike digits read
    as letters, ``seen_plain`` as read) match a phrase: 1.0 exact, down to MIN_RATIO for a few misread
    letters, 0.0 otherwise. Numbers must be exact (3 is not 36), short words too ("On" is not "Or"), and
    a phrase with letters added around it is another word ("Allowed" is not "Not allowed", "Active"
    is not "Inactive")."""
    expected = want.letters
    if 2 * min(len(expected), len(seen)) / (len(expected) + len(seen)) < MIN_RATIO:
        return 0.0
    if want.digits:
        if want.digits != seen_digits:
            return 0.0
        seen = seen_plain
    if seen == expected:
        return 1.0
    if len(expected) <= 3 or expected in seen or (seen in expected and len(expected) - len(seen) >= 2):
        return 0.0
    matcher = want.matcher
    matcher.set_seq1(seen)
    if matcher.quick_ratio() < MIN_RATIO:
        return 0.0
    ratio = matcher.ratio()
    return ratio if ratio >= MIN_RATIO else 0.0


def _same_line(a: Word, b: Word) -> bool:
    h = max(a.box.height, b.box.height, 1)
    return abs(a.box.cy - b.box.cy) <= 0.5 * h and -0.5 * h <= b.box.left - a.box.right <= 1.5 * h


def phrase_hits(words: list[Word], phrases: dict[str, str]) -> list[PhraseHit]:
    """Every place a phrase occurs in ``words`` (reading order), as one or more neighbouring words on
    one line (OCR may run two words together or split one). Of overlapping hits the closest match
    wins, then the longest phrase ("Not allowed" over "Allowed")."""
    wanted = []
    for phrase, value in phrases.items():
        letters = "".join(normalise(p) for p in phrase.split())
        if letters:
            wanted.append(_Wanted(phrase, value, letters, re.sub(r"\D", "", letters),
                                  difflib.SequenceMatcher(None, "", letters, autojunk=False)))
    if not wanted or not words:
        return []
    tokens = [normalise(w.text) for w in words]
    longest_words = max(len(w.phrase.split()) for w in wanted) + 1
    longest_letters = max(len(w.letters) for w in wanted)
    hits: list[PhraseHit] = []
    for start in range(len(words)):
        if not tokens[start]:
            continue
        plain = ""
        for end in range(start, min(len(words), start + longest_words)):
            if end > start and not _same_line(words[end - 1], words[end]):
                break
            plain += tokens[end]
            if len(plain) > 1.3 * longest_letters + 2:
                break
            seen, digits = plain.translate(_CONFUSABLE), re.sub(r"\D", "", plain)
            for want in wanted:
                sim = _similarity(want, seen, plain, digits)
                if sim > 0:
                    hits.append(PhraseHit(want.value, want.phrase, tuple(words[start:end + 1]), sim))
    hits.sort(key=lambda h: (-h.similarity, -len(h.phrase), -len(h.words)))
    kept: list[PhraseHit] = []
    taken: set[int] = set()
    for hit in hits:
        ids = {id(w) for w in hit.words}
        if not ids & taken:
            kept.append(hit)
            taken |= ids
    position = {id(w): i for i, w in enumerate(words)}
    kept.sort(key=lambda h: position[id(h.words[0])])
    return kept


def ink_and_crispness(gray: Image.Image, box: Box) -> tuple[float, float]:
    """The text's contrast against its background (0..255: greyed text is low) and how crisp it is
    (0..1: blurred or faint text scores low), from the pixels in ``box``."""
    crop = gray.crop((box.left, box.top, box.right, box.bottom))
    if crop.width < 3 or crop.height < 3:
        return 0.0, 0.0
    hist = crop.histogram()
    total = sum(hist)
    low = _percentile(hist, total, 0.03)
    high = _percentile(hist, total, 0.97)
    contrast = high - low
    if contrast <= 0:
        return 0.0, 0.0
    dx = ImageChops.difference(crop.crop((1, 0, crop.width, crop.height)),
                               crop.crop((0, 0, crop.width - 1, crop.height)))
    dy = ImageChops.difference(crop.crop((0, 1, crop.width, crop.height)),
                               crop.crop((0, 0, crop.width, crop.height - 1)))
    steepest = max(_percentile(dx.histogram(), dx.width * dx.height, 0.99),
                   _percentile(dy.histogram(), dy.width * dy.height, 0.99))
    sharpness = steepest / contrast  # crisp text: most of the contrast within one pixel step
    return float(contrast), _clamp((sharpness - 0.15) / 0.25) * _clamp((contrast - 30) / 60)


def colours(image: Image.Image, box: Box) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """The background around a word (its most common colour, a little beyond the box) and the text's
    own colour (the pixels furthest from that background), from an RGB image."""
    pad = max(2, box.height // 3)
    crop = image.crop((max(0, box.left - pad), max(0, box.top - pad), min(image.width, box.right + pad),
                       min(image.height, box.bottom + pad)))
    if crop.width * crop.height > 4000:
        factor = max(1, int((crop.width * crop.height / 4000) ** 0.5))
        crop = crop.reduce(factor)
    found = crop.getcolors(crop.width * crop.height) or [(1, (255, 255, 255))]
    bg = max(found)[1][:3]
    far = sorted(found, key=lambda cc: -sum((cc[1][k] - bg[k]) ** 2 for k in range(3)))
    take, seen, acc = max(1, crop.width * crop.height // 10), 0, [0, 0, 0]
    for count, colour in far:
        n = min(count, take - seen)
        for k in range(3):
            acc[k] += colour[k] * n
        seen += n
        if seen >= take:
            break
    fg = (acc[0] // seen, acc[1] // seen, acc[2] // seen)
    return bg, fg


def crispness(gray: Image.Image, box: Box) -> float:
    """0..1: how sharp and contrasted the text in ``box`` is (blurred or faint text scores low)."""
    return ink_and_crispness(gray, box)[1]


def _percentile(hist: list[int], total: int, q: float) -> int:
    seen = 0
    for level, count in enumerate(hist):
        seen += count
        if seen >= q * total:
            return level
    return len(hist) - 1


def _clamp(v: float) -> float:
    return max(0.0, min(1.0, v))
