"""Reading settings from screenshots: one tesseract pass per tile, then each target's label anywhere on
the page, then its value: a switch or checkbox on the label's row (after it, or just before it) or
under it, the checked option of a radio group, or status words from the setting's vocabulary. A value
belongs to the nearest label; a greyed copy of the settings never outvotes the live one, and when the
copies cannot be told apart the reading is uncertain.

A page is read as tiles (``PageReader.add_tile``), each reduced at once to words and controls in page
coordinates, so only one tile's pixels are held at a time; ``read_settings`` reads a single image.
"""

from __future__ import annotations

import io
import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, replace

from PIL import Image, UnidentifiedImageError

from core.errors import InvalidInput
from core.settings import get_settings
from ocr.controls import Control, find_controls
from ocr.labels import LabelMatch, find_label, is_noise, normalise
from ocr.text import Segment, prepare_for_ocr, read_words, segments_of
from ocr.types import Box, OcrReading, OcrTarget, Word
from ocr.words import PhraseHit, ink_and_crispness, phrase_hits

# a row reaches this many label heights above / below the label (values are centred on the row)
ROW_ABOVE_HEIGHTS, ROW_BELOW_HEIGHTS = 1.0, 1.2
# a control before its label ("[x] Label") sits within this many label heights, on the label's line
LEFT_MAX_GAP_HEIGHTS, LEFT_MAX_DY_HEIGHTS = 2.5, 0.8
# a value under its label starts within this many label heights below it (words / controls, which may
# have a description line or two between them and the label)
BELOW_MAX_HEIGHTS, BELOW_CONTROL_MAX_HEIGHTS = 2.5, 5.5
# ... and at most this many label heights right of the label's end (a phrase inside a sentence)
BELOW_MAX_INDENT_HEIGHTS = 40
# a radio group under its label: each option within this many label heights of the one above
OPTION_CHAIN_GAP_HEIGHTS, RADIO_REGION_HEIGHTS = 3.5, 16
# a radio button sits this close to its option's words
RADIO_MAX_GAP_HEIGHTS = 2.5
# label occurrences this close to the best one are all tried (a heading repeating the label)
OCCURRENCE_SLACK = 0.05
# a label copy this much fainter than the page's labels is greyed (a disabled copy); this bright, live
FADED_INK, LIVE_INK = 0.62, 0.8
# status words inside a longer text line are believed less (and single words not at all)
EMBEDDED_PHRASE_FACTOR = 0.85
BELOW_BASE = 10_000


@dataclass(frozen=True)
class _Candidate:
    value: str | None
    confidence: float
    box: Box
    distance: float
    what: str


@dataclass(frozen=True)
class _Option:
    """A radio button and the words of the option it chooses."""

    hit: PhraseHit
    radio: Control

    @property
    def box(self) -> Box:
        return self.hit.box.union(self.radio.box)


def _row_right(value: Box, label: LabelMatch) -> float | None:
    h, lb = label.line_height, label.box
    if value.left >= lb.right - 0.5 * h and lb.top - ROW_ABOVE_HEIGHTS * h <= value.cy \
            <= lb.bottom + ROW_BELOW_HEIGHTS * h:
        return (value.left - lb.right) + 4 * abs(value.cy - lb.cy)
    return None


def _row_left(value: Box, label: LabelMatch) -> float | None:
    h, lb = label.line_height, label.box
    gap = lb.left - value.right
    if -0.5 * h <= gap <= LEFT_MAX_GAP_HEIGHTS * h and abs(value.cy - lb.cy) <= LEFT_MAX_DY_HEIGHTS * h:
        return max(0.0, gap) + 4 * abs(value.cy - lb.cy) + h
    return None


def _below(value: Box, label: LabelMatch, reach: float) -> float | None:
    h, lb = label.line_height, label.box
    if lb.bottom - 0.3 * h <= value.top <= lb.bottom + reach * h \
            and lb.left - 3 * h <= value.left <= lb.right + BELOW_MAX_INDENT_HEIGHTS * h:
        return BELOW_BASE + 3 * (value.top - lb.bottom) + 0.2 * abs(value.left - lb.left)
    return None


def _word_distance(value: Box, label: LabelMatch) -> float:
    d = _row_right(value, label)
    if d is None:
        d = _below(value, label, BELOW_MAX_HEIGHTS)
    return math.inf if d is None else d


def _control_distance(control: Control, label: LabelMatch) -> float:
    """How near a switch or checkbox is to a label: after it on its row, just before it, or under it;
    never across a border or a background change between them."""
    lb, h = label.box, label.line_height
    d = _row_right(control.box, label)
    if d is not None and lb.right - 0.5 * h >= control.reach_left:
        return d
    d = _row_left(control.box, label)
    if d is not None and lb.left <= control.reach_right:
        return d
    d = _below(control.box, label, BELOW_CONTROL_MAX_HEIGHTS)
    if d is not None and control.reach_left - 0.5 * h <= lb.left <= control.reach_right:
        return d
    return math.inf


def _label_quality(match: LabelMatch, min_score: float) -> float:
    fit = max(0.0, min(1.0, (match.score - min_score) / max(0.01, 0.95 - min_score)))
    ocr = min(1.0, (sum(w.conf for w in match.words) / len(match.words)) / 85)
    return (0.7 + 0.3 * fit) * (0.5 + 0.5 * ocr)


def _ink(match: LabelMatch) -> float:
    return statistics.median(w.ink for w in match.words)


def _open(png: bytes | Image.Image) -> Image.Image:
    if isinstance(png, Image.Image):
        return png.convert("RGB")
    try:
        image = Image.open(io.BytesIO(png))
        image.load()
    except (UnidentifiedImageError, OSError) as exc:
        raise InvalidInput(f"the screenshot is not a readable image ({exc})") from None
    return image.convert("RGB")


def _ignore_words(target: OcrTarget) -> set[str]:
    return {normalise(w) for phrase in target.words for w in phrase.split()}


def _iou(a: Box, b: Box) -> float:
    w = min(a.right, b.right) - max(a.left, b.left)
    h = min(a.bottom, b.bottom) - max(a.top, b.top)
    if w <= 0 or h <= 0:
        return 0.0
    inter = w * h
    return inter / (a.width * a.height + b.width * b.height - inter)


class PageReader:
    """Reads targets from a page shot as one or more tiles. ``add_tile`` each tile (its offset in page
    pixels, and the stretch of the page it answers for), then ``finish``."""

    def __init__(self, targets: list[OcrTarget]) -> None:
        self.targets = targets
        self.settings = get_settings()
        self.words: list[Word] = []
        self.controls: list[Control] = []
        self.tiles = 0
        self._matches: list[tuple[int, LabelMatch]] | None = None

    # --- tiles -----------------------------------------------------------------------------------
    def add_tile(self, png: bytes | Image.Image, left: int = 0, top: int = 0,
                 keep: tuple[float, float] | None = None) -> None:
        """Read one tile whose top-left corner is at (left, top) in page pixels. Only words and controls
        centred in ``keep`` (page y from, to) are kept: tiles overlap, and each answers for its middle."""
        image = _open(png)
        scale = 2 if image.width < self.settings.ocr_upscale_below_width else 1
        gray = image.convert("L")
        words = []
        for w in read_words(prepare_for_ocr(gray, scale), scale):
            ink, crisp = ink_and_crispness(gray, w.box)
            words.append(replace(w, ink=ink, crisp=crisp, box=_shift(w.box, left, top)))
        del gray
        matches = self._find_labels(segments_of(words))
        controls = [c.moved(left, top) for c in self._controls_near_labels(image, matches, left, top)]
        del image
        lo, hi = keep if keep is not None else (-math.inf, math.inf)
        self.words += [w for w in words if lo <= w.box.cy < hi]
        for c in controls:
            if lo <= c.box.cy < hi and not any(_iou(c.box, k.box) > 0.5 for k in self.controls):
                self.controls.append(c)
        # a page read in one piece: its labels are already found
        self._matches = matches if self.tiles == 0 and lo == -math.inf and hi == math.inf else None
        self.tiles += 1

    def _find_labels(self, segments: list[Segment]) -> list[tuple[int, LabelMatch]]:
        """Every occurrence of every target's label (those near the best one for that target)."""
        occurrences: list[tuple[int, LabelMatch]] = []
        for i, target in enumerate(self.targets):
            found = find_label(segments, target.labels, _ignore_words(target), self.settings.ocr_label_min_score)
            occurrences += [(i, m) for m in found if m.score >= found[0].score - OCCURRENCE_SLACK]
        return occurrences

    def _controls_near_labels(self, image: Image.Image, matches: list[tuple[int, LabelMatch]],
                              left: int, top: int) -> list[Control]:
        """Switches, checkboxes and radio buttons around every label occurrence of the tile (page
        coordinates, the tile at ``left``, ``top``): its row (both sides) and the space under it. In
        tile coordinates."""
        regions: list[tuple[Box, float, frozenset[str]]] = []
        for i, match in matches:
            target = self.targets[i]
            kinds = set()
            if target.reads_switches:
                kinds |= {"switch", "checkbox"}
            if target.reads_words:
                kinds.add("radio")
            if not kinds:
                continue
            h, lb = match.line_height, _shift(match.box, -left, -top)
            depth = RADIO_REGION_HEIGHTS if "radio" in kinds else BELOW_CONTROL_MAX_HEIGHTS + 1
            regions.append((Box(int(lb.left - (LEFT_MAX_GAP_HEIGHTS + 3) * h), int(lb.top - ROW_ABOVE_HEIGHTS * h),
                                image.width, int(lb.bottom + ROW_BELOW_HEIGHTS * h)), h, frozenset(kinds)))
            regions.append((Box(int(lb.left - 4 * h), int(lb.bottom - 0.3 * h),
                                int(lb.right + BELOW_MAX_INDENT_HEIGHTS * h), int(lb.bottom + depth * h)),
                            h, frozenset(kinds)))
        found: list[Control] = []
        for region, h, kinds in _merge_regions(regions):
            for control in find_controls(image, region, h, kinds):
                if not any(_iou(control.box, k.box) > 0.5 for k in found):
                    found.append(control)
        return found

    # --- reading ---------------------------------------------------------------------------------
    def finish(self) -> list[OcrReading]:
        """One reading per target, in order."""
        settings = self.settings
        words = sorted(self.words, key=lambda w: (w.box.top, w.box.left))
        segments = segments_of(words)

        occurrences = self._matches if self._matches is not None and self.tiles == 1 \
            else self._find_labels(segments)
        label_word_ids = {id(w) for _, m in occurrences for w in m.words}
        value_words = [w for w in words if id(w) not in label_word_ids]
        label_segments = {id(s) for s in segments if any(id(w) in label_word_ids for w in s.words)}
        page_ink = max((_ink(m) for _, m in occurrences), default=255.0)
        matches = [m for _, m in occurrences]

        switches = [c for c in self.controls if c.kind in ("switch", "checkbox")]
        radios = [c for c in self.controls if c.kind == "radio"]

        readings: list[OcrReading] = []
        for i, target in enumerate(self.targets):
            mine = [m for j, m in occurrences if j == i]
            if not mine:
                readings.append(OcrReading(target.key, None, None, 0.0, True, "label not found"))
                continue
            per_match: list[tuple[LabelMatch, list[_Candidate]]] = []
            for match in mine:
                cands: list[_Candidate] = []
                if target.reads_switches:
                    cands += _switch_candidates(target, match, switches, matches)
                if target.reads_words:
                    cands += _word_candidates(target, match, value_words, radios, segments,
                                              label_word_ids, matches)
                cands = [c for c in cands
                         if not _owned_by_other_text(c.box, match, segments, label_segments)
                         and not _text_between(c.box, match, segments, label_word_ids, target)]
                per_match.append((match, sorted(cands, key=lambda c: c.distance)))
            readings.append(_decide(target, per_match, settings.ocr_min_confidence,
                                    settings.ocr_label_min_score, page_ink))
        return readings


def _switch_candidates(target: OcrTarget, match: LabelMatch, switches: list[Control],
                       matches: list[LabelMatch]) -> list[_Candidate]:
    """Switches and checkboxes that belong to ``match`` (no other label is nearer). When the label has
    one before it and another after it on its row, and they disagree, neither is trusted: two
    settings side by side with nothing drawn between them."""
    assert target.toggle_values is not None
    out = []
    sides: dict[str, set[str | None]] = {"before": set(), "after": set()}
    for c in switches:
        d = _control_distance(c, match)
        if d == math.inf or any(_control_distance(c, m) < d for m in matches if m is not match):
            continue
        value = None if c.state is None else target.toggle_values["on" if c.state else "off"]
        if d < BELOW_BASE:
            sides["before" if c.box.right <= match.box.left + 0.5 * match.line_height else "after"].add(value)
        out.append(_Candidate(value, c.clarity, c.box, d, f"{c.kind}: {c.detail}"))
    if sides["before"] and sides["after"] and sides["before"] != sides["after"]:
        nearest = min(c.distance for c in out)
        out = [replace(c, distance=nearest, what=c.what + " (a control on each side of the label)")
               for c in out]
    return out


def _word_candidates(target: OcrTarget, match: LabelMatch, words: list[Word], radios: list[Control],
                     segments: list[Segment], label_word_ids: set[int],
                     matches: list[LabelMatch]) -> list[_Candidate]:
    """Status words from the target's vocabulary beside or under the label, and the chosen option of
    a radio group that belongs to it."""
    h = match.line_height
    near = [w for w in words if _word_distance(w.box, match) < math.inf
            or (radios and _below(w.box, match, RADIO_REGION_HEIGHTS) is not None)]
    near.sort(key=lambda w: (round(w.box.cy / max(1.0, h)), w.box.left))
    hits = phrase_hits(near, target.words)
    options = _pair_radios(hits, radios, h)
    optioned = {id(o.hit) for o in options}
    out: list[_Candidate] = []

    group = _radio_group(options, match, matches, words)
    if group:
        checked = [o for o in group if o.radio.state]
        unclear = [o for o in group if o.radio.state is None]
        first = min(group, key=lambda o: (o.box.top, o.box.left))
        distance = _word_distance(first.box, match)
        if len({o.hit.value for o in checked}) == 1:
            o = checked[0]
            conf = o.radio.clarity * o.hit.ocr_conf * o.hit.similarity * min(1.0, 0.35 + o.hit.crisp)
            if unclear:
                conf *= 0.7
            out.append(_Candidate(o.hit.value, conf, o.box, distance,
                                  f"radio group of {len(group)}: {o.hit.phrase!r} chosen ({o.radio.detail})"))
        elif checked:
            out.append(_Candidate(None, 0.0, first.box, distance,
                                  f"radio group: several options look chosen "
                                  f"({sorted(o.hit.phrase for o in checked)})"))

    segment_of = {id(w): s for s in segments for w in s.words}
    for hit in hits:
        if id(hit) in optioned:
            continue
        d = _word_distance(hit.box, match)
        if d == math.inf or any(_word_distance(hit.box, m) < d for m in matches if m is not match):
            continue
        factor = _isolation(hit, segment_of, label_word_ids)
        if factor == 0.0:
            continue
        conf = hit.ocr_conf * hit.similarity * min(1.0, 0.35 + hit.crisp) * factor
        out.append(_Candidate(hit.value, conf, hit.box, d,
                              f"words {' '.join(w.text for w in hit.words)!r} (ocr {hit.ocr_conf:.2f}, "
                              f"crispness {hit.crisp:.2f}{', in a sentence' if factor < 1 else ''})"))
    return out


def _merge_regions(regions: list[tuple[Box, float, frozenset[str]]]) -> list[tuple[Box, float, frozenset[str]]]:
    """Overlapping search regions become one (the labels of a settings page crowd together): each
    part of the image is cut into objects once. The smallest word height of the merged ones counts."""
    merged = list(regions)
    changed = True
    while changed:
        changed = False
        out: list[tuple[Box, float, frozenset[str]]] = []
        for box, h, kinds in merged:
            for k, (other, oh, okinds) in enumerate(out):
                if min(box.right, other.right) > max(box.left, other.left) \
                        and min(box.bottom, other.bottom) > max(box.top, other.top):
                    out[k] = (box.union(other), min(h, oh), kinds | okinds)
                    changed = True
                    break
            else:
                out.append((box, h, kinds))
        merged = out
    return merged


def _shift(box: Box, dx: int, dy: int) -> Box:
    return Box(box.left + dx, box.top + dy, box.right + dx, box.bottom + dy)


def _pair_radios(hits: list[PhraseHit], radios: list[Control], h: float) -> list[_Option]:
    """Each radio button with the option words it sits beside (before them, or after them), nearest
    first; a radio button and a phrase pair at most once."""
    pairs: list[tuple[float, PhraseHit, Control]] = []
    for hit in hits:
        hb = hit.box
        hh = max(hb.height, 1)
        for r in radios:
            if _iou(r.box, hb) > 0 or abs(r.box.cy - hb.cy) > 0.6 * max(hh, r.box.height):
                continue
            before = hb.left - r.box.right
            after = r.box.left - hb.right
            if -2 <= before <= RADIO_MAX_GAP_HEIGHTS * h:
                pairs.append((before, hit, r))
            elif -2 <= after <= RADIO_MAX_GAP_HEIGHTS * h:
                pairs.append((after + h, hit, r))
    pairs.sort(key=lambda p: p[0])
    used_hits: set[int] = set()
    used_radios: set[int] = set()
    options = []
    for _, hit, radio in pairs:
        if id(hit) in used_hits or id(radio) in used_radios:
            continue
        used_hits.add(id(hit))
        used_radios.add(id(radio))
        options.append(_Option(hit, radio))
    return options


def _radio_group(options: list[_Option], match: LabelMatch, matches: list[LabelMatch],
                 words: list[Word]) -> list[_Option]:
    """The options that belong to ``match``: the first on its row or just under it (and nearer to it
    than to any other label), then each next one on the same row or right under the one before, until
    an option is within reach of another label, or other text (a question the pack does not know)
    stands between two options. Text indented like the options' words (their descriptions) does not
    break the group."""
    h = match.line_height
    ordered = sorted(options, key=lambda o: (o.box.top, o.box.left))
    group = [o for o in ordered if _word_distance(o.box, match) < math.inf
             and all(_word_distance(o.box, m) >= _word_distance(o.box, match) for m in matches if m is not match)]
    if not group:
        return []
    in_options = {id(w) for o in options for w in o.hit.words}
    for o in ordered:
        if o in group or o.box.top < group[0].box.top:
            continue
        last = max(group, key=lambda g: g.box.bottom)
        same_row = abs(o.box.cy - last.box.cy) <= 0.6 * h
        under = 0 <= o.box.top - last.box.bottom <= OPTION_CHAIN_GAP_HEIGHTS * h \
            and abs(o.box.left - last.box.left) <= 3 * h
        if not (same_row or under):
            continue
        if any(m is not match and _word_distance(o.box, m) < math.inf for m in matches):
            break
        if under and _foreign_text_between(last, o, words, in_options, h):
            break
        group.append(o)
    return group


def _foreign_text_between(upper: _Option, lower: _Option, words: list[Word], in_options: set[int],
                          h: float) -> bool:
    text_left = min(upper.hit.box.left, lower.hit.box.left)
    lo, hi = min(upper.box.left, lower.box.left) - h, max(upper.box.right, lower.box.right) + 20 * h
    for w in words:
        b = w.box
        if b.top >= upper.box.bottom and b.bottom <= lower.box.top and lo <= b.left <= hi \
                and id(w) not in in_options and not is_noise(w) and b.left < text_left - 0.5 * h:
            return True
    return False


def _isolation(hit: PhraseHit, segment_of: dict[int, Segment], label_word_ids: set[int]) -> float:
    """1.0 when the phrase stands alone on its line (a status, a drop-down's choice), a little less when
    a longer phrase sits inside a sentence, 0.0 for a single word inside a sentence ("turn this off")."""
    segment = segment_of.get(id(hit.words[0]))
    if segment is None:
        return 1.0
    mine = {id(w) for w in hit.words}
    others = [w for w in segment.words if id(w) not in mine and id(w) not in label_word_ids and not is_noise(w)]
    if not others:
        return 1.0
    return EMBEDDED_PHRASE_FACTOR if len(hit.words) >= 2 else 0.0


def _owned_by_other_text(value: Box, label: LabelMatch, segments: list[Segment], skip: set[int]) -> bool:
    """True when some other text to the left of the value sits on the value's row more squarely than
    the label does (the row of a setting the pack does not know). Lines under the label (its
    description) do not count."""
    h = label.line_height
    own_dy = abs(value.cy - label.box.cy)
    if value.left < label.box.left:
        return False  # a control before its label: nothing of another row sits between
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


def _text_between(value: Box, label: LabelMatch, segments: list[Segment], label_word_ids: set[int],
                  target: OcrTarget) -> bool:
    """True when other text stands between the label and a value on the label's line (the value of the
    next setting along the row, after that setting's own label). The target's own value words, stray
    marks and the label's description (lines under it) do not count."""
    lb, h = label.box, label.line_height
    if _row_right(value, label) is not None and value.left >= lb.right - 0.5 * h:
        lo, hi = lb.right - 0.5 * h, value.left + 0.5 * h
    elif _row_left(value, label) is not None:
        lo, hi = value.right - 0.5 * h, lb.left + 0.5 * h
    else:
        return False  # under the label: lines between are its description
    own = _ignore_words(target)
    for seg in segments:
        b = seg.box
        if b.left < lo or b.right > hi:
            continue
        if min(b.bottom, lb.bottom) - max(b.top, lb.top) < 0.5 * min(b.height, lb.height):
            continue
        if any(id(w) not in label_word_ids and not is_noise(w) and normalise(w.text) not in own
               for w in seg.words):
            return True
    return False


def _decide(target: OcrTarget, per_match: list[tuple[LabelMatch, list[_Candidate]]], min_conf: float,
            min_label_score: float, page_ink: float) -> OcrReading:
    with_value = [(m, c) for m, c in per_match if c]
    if not with_value:
        best = per_match[0][0]
        return OcrReading(target.key, best.text, None, 0.0, True,
                          f"label {best.text!r} found, no {target.kind} value beside it")
    notes: list[str] = []
    chosen: list[tuple[LabelMatch, _Candidate]] = [(m, c[0]) for m, c in with_value]
    forced_uncertain = False

    def faded(m: LabelMatch) -> bool:
        return _ink(m) < FADED_INK * page_ink

    def live(m: LabelMatch) -> bool:
        return _ink(m) >= LIVE_INK * page_ink

    values = {c.value for _, c in chosen}
    if len(values) > 1:
        live_ones = [(m, c) for m, c in chosen if live(m)]
        clear_split = all(live(m) or faded(m) for m, _ in chosen)
        if live_ones and clear_split and len({c.value for _, c in live_ones}) == 1 and len(live_ones) < len(chosen):
            notes.append(f"greyed copies ({len(chosen) - len(live_ones)}) disagree with the live one; "
                         f"read the live one")
            chosen = live_ones
        else:
            forced_uncertain = True
            notes.append(f"label occurrences disagree: {sorted(map(str, values))}")
    match, cand = max(chosen, key=lambda mc: (mc[0].score, mc[1].confidence))
    confidence = cand.confidence * _label_quality(match, min_label_score)
    notes[:0] = [f"label {match.text!r} (score {match.score:.2f})", cand.what]
    if faded(match):
        forced_uncertain = True
        notes.append(f"the label looks greyed (contrast {_ink(match):.0f} of {page_ink:.0f}): a disabled copy")
    own = dict(with_value)[match]
    rivals = [c for c in own[1:] if c.value != cand.value and c.distance < 1.5 * cand.distance + 10]
    if rivals:
        confidence *= 0.5
        notes.append(f"another value nearby: {rivals[0].value}")
    if forced_uncertain:
        confidence *= 0.5
    confidence = round(max(0.0, min(1.0, confidence)), 3)
    return OcrReading(target.key, match.text, cand.value, confidence,
                      cand.value is None or confidence < min_conf or forced_uncertain, "; ".join(notes))


def read_settings(png: bytes | Image.Image, targets: list[OcrTarget]) -> list[OcrReading]:
    """Read every target's value from one screenshot (PNG bytes). One reading per target, in order."""
    reader = PageReader(targets)
    reader.add_tile(png)
    return reader.finish()


def read_tiles(tiles: Iterable[tuple[bytes, int, int, tuple[float, float]]],
               targets: list[OcrTarget]) -> list[OcrReading]:
    """Read targets from overlapping tiles: (png, left, top, (keep from, keep to)) each."""
    reader = PageReader(targets)
    for png, left, top, keep in tiles:
        reader.add_tile(png, left, top, keep)
    return reader.finish()
