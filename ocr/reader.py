"""read_settings: one tesseract pass per screenshot, then each target's label, then its value on the
label's row (to the right) or just below it, never a value that sits nearer another label."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

from core.errors import InvalidInput
from core.settings import get_settings
from ocr.labels import LabelMatch, find_label, normalise
from ocr.text import Segment, prepare_for_ocr, read_words, segments_of
from ocr.toggles import Toggle, find_toggles
from ocr.types import Box, OcrReading, OcrTarget
from ocr.words import PhraseHit, crispness, phrase_hits

# a row reaches this many label heights above / below the label (values are centred on the row)
ROW_ABOVE_HEIGHTS, ROW_BELOW_HEIGHTS = 1.0, 1.2
# a value under its label starts within this many label heights below it
BELOW_MAX_HEIGHTS = 2.5
# ... and at most this many label heights right of the label's end (a phrase inside a sentence)
BELOW_MAX_INDENT_HEIGHTS = 40
# label occurrences this close to the best one are all tried (a heading repeating the label)
OCCURRENCE_SLACK = 0.05


@dataclass(frozen=True)
class _Candidate:
    value: str | None
    confidence: float
    box: Box
    distance: float
    what: str


def _row_distance(value: Box, label: LabelMatch) -> float | None:
    h = label.line_height
    lb = label.box
    if value.left >= lb.right - 0.5 * h and lb.top - ROW_ABOVE_HEIGHTS * h <= value.cy <= lb.bottom \
            + ROW_BELOW_HEIGHTS * h:
        return (value.left - lb.right) + 4 * abs(value.cy - lb.cy)
    return None


def _below_distance(value: Box, label: LabelMatch) -> float | None:
    h = label.line_height
    lb = label.box
    if lb.bottom - 0.3 * h <= value.top <= lb.bottom + BELOW_MAX_HEIGHTS * h \
            and lb.left - 2 * h <= value.left <= lb.right + BELOW_MAX_INDENT_HEIGHTS * h:
        return 10_000 + 3 * (value.top - lb.bottom) + 0.2 * abs(value.left - lb.left)
    return None


def _distance(value: Box, label: LabelMatch) -> float:
    for measure in (_row_distance, _below_distance):
        d = measure(value, label)
        if d is not None:
            return d
    return math.inf


def _owned_by_other_text(value: Box, label: LabelMatch, segments: list[Segment], skip: set[int]) -> bool:
    """True when some other text to the left of the value sits on the value's row more squarely than
    the label does (the row of a setting the pack does not know). Lines under the label (its
    description) do not count."""
    h = label.line_height
    own_dy = abs(value.cy - label.box.cy)
    for seg in segments:
        box = seg.box
        if id(seg) in skip or box.right > value.left or box.right <= label.box.left - h:
            continue
        if box.top >= label.box.bottom - 0.3 * h and abs(box.left - label.box.left) <= 1.5 * h:
            continue  # the label's own description
        if box.bottom <= label.box.top + 0.3 * h and abs(box.left - label.box.left) <= 1.5 * h:
            continue  # a heading above the label
        if abs(value.cy - box.cy) + 0.3 * h < own_dy and abs(value.cy - box.cy) < 0.5 * h:
            return True
    return False


def _label_quality(match: LabelMatch, min_score: float) -> float:
    fit = max(0.0, min(1.0, (match.score - min_score) / max(0.01, 0.95 - min_score)))
    ocr = min(1.0, (sum(w.conf for w in match.words) / len(match.words)) / 85)
    return (0.7 + 0.3 * fit) * (0.5 + 0.5 * ocr)


def read_settings(png: bytes, targets: list[OcrTarget]) -> list[OcrReading]:
    """Read every target's value from one screenshot (PNG bytes). One reading per target, in order."""
    settings = get_settings()
    try:
        image = Image.open(io.BytesIO(png))
        image.load()
    except (UnidentifiedImageError, OSError) as exc:
        raise InvalidInput(f"the screenshot is not a readable image ({exc})") from None
    rgb = image.convert("RGB")
    scale = 2 if rgb.width < settings.ocr_upscale_below_width else 1
    words = read_words(prepare_for_ocr(rgb, scale), scale)
    segments = segments_of(words)
    gray = rgb.convert("L")

    occurrences: list[tuple[int, LabelMatch]] = []
    for i, target in enumerate(targets):
        ignore = {normalise(w) for phrase in target.words for w in phrase.split()}
        found = find_label(segments, target.labels, ignore, settings.ocr_label_min_score)
        occurrences += [(i, m) for m in found if m.score >= found[0].score - OCCURRENCE_SLACK]

    label_word_ids = {id(w) for _, m in occurrences for w in m.words}
    value_words = [w for w in words if id(w) not in label_word_ids]
    label_segments = {id(s) for s in segments if any(id(w) in label_word_ids for w in s.words)}

    def nearest_is(box: Box, owner: LabelMatch) -> bool:
        own = _distance(box, owner)
        return own < math.inf and all(_distance(box, m) >= own for _, m in occurrences if m is not owner)

    toggles: dict[Box, Toggle] = {}
    for i, match in occurrences:
        if targets[i].kind == "toggle":
            h = match.line_height
            band = Box(int(match.box.right), int(match.box.top - ROW_ABOVE_HEIGHTS * h),
                       rgb.width, int(match.box.bottom + ROW_BELOW_HEIGHTS * h))
            for toggle in find_toggles(rgb, band, h):
                toggles.setdefault(toggle.box, toggle)

    readings: list[OcrReading] = []
    for i, target in enumerate(targets):
        mine = [m for j, m in occurrences if j == i]
        if not mine:
            readings.append(OcrReading(target.key, None, None, 0.0, True, "label not found"))
            continue
        per_match: list[tuple[LabelMatch, list[_Candidate]]] = []
        for match in mine:
            if target.kind == "toggle":
                cands = _toggle_candidates(target, match, toggles.values())
            else:
                cands = _word_candidates(target, match, value_words, gray)
            skip = label_segments
            cands = [c for c in cands if nearest_is(c.box, match)
                     and not _owned_by_other_text(c.box, match, segments, skip)]
            per_match.append((match, sorted(cands, key=lambda c: c.distance)))
        readings.append(_decide(target, per_match, settings.ocr_min_confidence,
                                settings.ocr_label_min_score))
    return readings


def _toggle_candidates(target: OcrTarget, match: LabelMatch, toggles) -> list[_Candidate]:
    out = []
    for t in toggles:
        d = _row_distance(t.box, match)
        if d is None:
            continue
        value = None if t.is_on is None else target.toggle_values["on" if t.is_on else "off"]
        out.append(_Candidate(value, t.clarity, t.box, d, f"toggle: {t.detail}"))
    return out


def _word_candidates(target: OcrTarget, match: LabelMatch, words, gray: Image.Image) -> list[_Candidate]:
    near = [w for w in words if _distance(w.box, match) < math.inf]
    near.sort(key=lambda w: (round(w.box.cy / max(1.0, match.line_height)), w.box.left))
    out = []
    hit: PhraseHit
    for hit in phrase_hits(near, target.words):
        crisp = crispness(gray, hit.box)
        conf = hit.ocr_conf * hit.similarity * min(1.0, 0.35 + crisp)
        out.append(_Candidate(hit.value, conf, hit.box, _distance(hit.box, match),
                              f"words {' '.join(w.text for w in hit.words)!r} (ocr {hit.ocr_conf:.2f}, "
                              f"crispness {crisp:.2f})"))
    return out


def _decide(target: OcrTarget, per_match: list[tuple[LabelMatch, list[_Candidate]]], min_conf: float,
            min_label_score: float) -> OcrReading:
    with_value = [(m, c) for m, c in per_match if c]
    if not with_value:
        best = per_match[0][0]
        return OcrReading(target.key, best.text, None, 0.0, True,
                          f"label {best.text!r} found, no {target.kind} value beside it")
    chosen: list[tuple[LabelMatch, _Candidate]] = [(m, c[0]) for m, c in with_value]
    match, cand = max(chosen, key=lambda mc: (mc[0].score, mc[1].confidence))
    confidence = cand.confidence * _label_quality(match, min_label_score)
    notes = [f"label {match.text!r} (score {match.score:.2f})", cand.what]
    values = {c.value for _, c in chosen}
    if len(values) > 1:
        confidence *= 0.5
        notes.append(f"label occurrences disagree: {sorted(map(str, values))}")
    own = dict(with_value)[match]
    rivals = [c for c in own[1:] if c.value != cand.value and c.distance < 1.5 * cand.distance + 10]
    if rivals:
        confidence *= 0.5
        notes.append(f"another value nearby: {rivals[0].value}")
    confidence = round(max(0.0, min(1.0, confidence)), 3)
    return OcrReading(target.key, match.text, cand.value, confidence,
                      cand.value is None or confidence < min_conf, "; ".join(notes))
