"""Matching a target's displayed value words ("On", "Friends of friends", "Older than 18 months")
against OCR words, and how crisp the pixels under them are."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from PIL import Image, ImageChops

from ocr.labels import normalise
from ocr.types import Box, Word

# letters OCR commonly reads as digits or marks in short words ("0ff", "0n")
_CONFUSABLE = str.maketrans({"0": "o", "1": "l", "|": "l", "5": "s"})
LONG_TOKEN_MIN_RATIO = 0.75


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


def _token_similarity(expected: str, seen: str) -> float:
    if not expected or not seen:
        return 0.0
    if any(c.isdigit() for c in expected):  # numbers must be exact: 3 is not 36
        return 1.0 if expected == seen else 0.0
    if len(expected) <= 3:
        return 1.0 if expected == seen.translate(_CONFUSABLE) else 0.0
    ratio = difflib.SequenceMatcher(None, expected, seen.translate(_CONFUSABLE), autojunk=False).ratio()
    return ratio if ratio >= LONG_TOKEN_MIN_RATIO else 0.0


def phrase_hits(words: list[Word], phrases: dict[str, str]) -> list[PhraseHit]:
    """Every place a phrase occurs in ``words`` (reading order); of overlapping hits, the one with the most
    words wins, then the closest match."""
    tokens = [normalise(w.text) for w in words]
    hits: list[PhraseHit] = []
    for phrase, value in phrases.items():
        expected = [t for t in (normalise(p) for p in phrase.split()) if t]
        if not expected:
            continue
        for start in range(len(words) - len(expected) + 1):
            sims = [_token_similarity(e, tokens[start + k]) for k, e in enumerate(expected)]
            if all(sims):
                hits.append(PhraseHit(value, phrase, tuple(words[start:start + len(expected)]),
                                      sum(sims) / len(sims)))
    # the most words first ("Not allowed" over "Allowed"), then the closest match ("Active" over
    # "Inactive", which OCR-tolerant matching also lets through), then the longest phrase
    hits.sort(key=lambda h: (-len(h.words), -h.similarity, -len(h.phrase)))
    kept: list[PhraseHit] = []
    for hit in hits:
        if not any(set(map(id, hit.words)) & set(map(id, k.words)) for k in kept):
            kept.append(hit)
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
