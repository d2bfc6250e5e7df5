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
from dataclasses import dataclass, field, replace

from PIL import Image, UnidentifiedImageError

from core.errors import InvalidInput
from core.settings import get_settings
from ocr.controls import Control, find_controls, find_rules
from ocr.labels import LabelMatch, find_label, is_noise, normalise
from ocr.text import Segment, group_rows, prepare_for_ocr, read_lines, read_stacked, segments_of
from ocr.types import Box, OcrReading, OcrTarget, Word
from ocr.words import PhraseHit, colours, ink_and_crispness, phrase_hits

# a row reaches this many label heights above / below the label (values are centred on the row)
ROW_ABOVE_HEIGHTS, ROW_BELOW_HEIGHTS = 1.0, 1.2
# a value under its label starts within this many label heights below it (words / controls, which may
# have a description line or two between them and the label)
BELOW_MAX_HEIGHTS, BELOW_CONTROL_MAX_HEIGHTS = 3.5, 5.5
# ... and at most this many label heights right of the label's end (a phrase inside a sentence)
BELOW_MAX_INDENT_HEIGHTS = 40
# a radio group under its label: each option within this many label heights of the one above
OPTION_CHAIN_GAP_HEIGHTS, RADIO_REGION_HEIGHTS = 3.5, 16
# a radio button sits this close to its option's words
RADIO_MAX_GAP_HEIGHTS = 2.5
# label occurrences this close to the best one are all tried (a heading repeating the label)
OCCURRENCE_SLACK = 0.05
# a label copy this much fainter than the page's strongest label is greyed (a disabled copy); this
# strong, live. Whatever the page, text fainter than FADED_ABSOLUTE_INK (grey lighter than #7a7a7a on
# white: disabled text) is greyed, and live text is at least LIVE_ABSOLUTE_INK (secondary text, #5f6368)
FADED_INK, LIVE_INK = 0.62, 0.8
FADED_ABSOLUTE_INK, LIVE_ABSOLUTE_INK = 135, 150
# status words inside a longer text line are believed less (and single words not at all)
EMBEDDED_PHRASE_FACTOR = 0.85
BELOW_BASE, ABOVE_BASE = 10_000, 20_000
# value words tesseract is less sure of than this are read again alone (at most this many per tile)
REREAD_BELOW_CONF, MAX_REREADS = 75, 8


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


def _band(value: Box, label: LabelMatch) -> bool:
    h, lb = label.line_height, label.box
    return lb.top - ROW_ABOVE_HEIGHTS * h <= value.cy <= lb.bottom + ROW_BELOW_HEIGHTS * h


def _row_right(value: Box, label: LabelMatch) -> float | None:
    """After the label on its row: the gap, plus a price for sitting off the label's line."""
    h, lb = label.line_height, label.box
    if value.left >= lb.right - 0.5 * h and _band(value, label):
        return max(0.0, value.left - lb.right) + 4 * abs(value.cy - lb.cy)
    return None


def _row_left(value: Box, label: LabelMatch) -> float | None:
    """Before the label on its row ("[x] Label", or a row drawn right to left)."""
    h, lb = label.line_height, label.box
    if value.right <= lb.left + 0.5 * h and _band(value, label):
        return max(0.0, lb.left - value.right) + 4 * abs(value.cy - lb.cy) + h
    return None


def _below(value: Box, label: LabelMatch, reach: float, bottom: float | None = None) -> float | None:
    """Under the label (under its description, from ``bottom``, when it has one)."""
    h, lb = label.line_height, label.box
    if bottom is not None and value.top >= bottom - 0.3 * h:
        lb = Box(lb.left, lb.top, lb.right, int(bottom))
    if lb.bottom - 0.3 * h <= value.top <= lb.bottom + reach * h \
            and lb.left - 3 * h <= value.left <= lb.right + BELOW_MAX_INDENT_HEIGHTS * h:
        return BELOW_BASE + 3 * (value.top - lb.bottom) + 0.2 * abs(value.left - lb.left)
    return None


def _above(value: Box, label: LabelMatch, reach: float, bottom: float | None = None) -> float | None:
    h, lb = label.line_height, label.box
    if lb.top - reach * h <= value.bottom <= lb.top + 0.3 * h \
            and lb.left - 3 * h <= value.left <= lb.right + BELOW_MAX_INDENT_HEIGHTS * h:
        return ABOVE_BASE + 3 * (lb.top - value.bottom) + 0.2 * abs(value.left - lb.left)
    return None


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


def _content_columns(image: Image.Image, margin: int = 24) -> tuple[Image.Image, Image.Image, int]:
    """The image and its grayscale without their blank left and right margins (the page's own colour),
    and how many columns were cut on the left."""
    gray = image.convert("L")
    corner = gray.getpixel((0, 0))
    box = gray.point(lambda v: 255 if abs(v - corner) > 6 else 0).getbbox()
    if box is None:
        return image, gray, 0
    x0, x1 = max(0, box[0] - margin), min(image.width, box[2] + margin)
    if x1 - x0 > 0.9 * image.width:
        return image, gray, 0
    return image.crop((x0, 0, x1, image.height)), gray.crop((x0, 0, x1, image.height)), x0


def _ignore_words(target: OcrTarget) -> set[str]:
    return {normalise(w) for phrase in target.words for w in phrase.split()}


def _iou(a: Box, b: Box) -> float:
    w = min(a.right, b.right) - max(a.left, b.left)
    h = min(a.bottom, b.bottom) - max(a.top, b.top)
    if w <= 0 or h <= 0:
        return 0.0
    inter = w * h
    return inter / (a.width * a.height + b.width * b.height - inter)


@dataclass
class _Piece:
    """Words and controls read into one coordinate space: the page (its tiles stitched), or one view of
    a scroll container whose content may move between views (virtualized rows), read on its own."""

    words: list[Word]
    controls: list[Control]
    rules: list[Box] = field(default_factory=list)  # horizontal lines: row and card borders
    label_keep: tuple[float, float] = (-math.inf, math.inf)  # labels centred here are this piece's
    matches: list[tuple[int, LabelMatch]] | None = None  # found already (a page read in one tile)
    tiles: int = 0


class PageReader:
    """Reads targets from a page shot as one or more tiles. ``add_tile`` each tile (its offset in page
    pixels, and the stretch of the page it answers for), then ``finish``."""

    def __init__(self, targets: list[OcrTarget]) -> None:
        self.targets = targets
        self.settings = get_settings()
        self.page = _Piece([], [])
        self.pieces: list[_Piece] = [self.page]
        self._value_tokens = {normalise(t) for target in targets for phrase in target.words for t in phrase.split()}
        # first words of value phrases that are not values alone ("Turned" of "Turned on")
        phrases = [[normalise(t) for t in phrase.split()] for target in targets for phrase in target.words]
        self._phrase_starts = {p[0] for p in phrases if len(p) > 1} - {p[0] for p in phrases if len(p) == 1}

    @property
    def words(self) -> list[Word]:
        return [w for piece in self.pieces for w in piece.words]

    @property
    def controls(self) -> list[Control]:
        return [c for piece in self.pieces for c in piece.controls]

    # --- tiles -----------------------------------------------------------------------------------
    def add_tile(self, png: bytes | Image.Image, left: int = 0, top: int = 0,
                 keep: tuple[float, float] | None = None, alone: bool = False,
                 hide: Iterable[Box] = ()) -> None:
        """Read one tile whose top-left corner is at (left, top) in page pixels. Tiles of the page
        overlap: only words and controls centred in ``keep`` (page y from, to) are kept from each. A tile
        read ``alone`` (a view of a scroll container) keeps everything it shows, but answers only for
        the labels centred in ``keep``. Words and controls centred in a ``hide`` box (page pixels: a
        scroll container read view by view) are left out of a page tile."""
        self.add_views([(png, left, top, keep)], alone, hide)

    def add_views(self, views: list[tuple[bytes | Image.Image, int, int, tuple[float, float] | None]],
                  alone: bool = True, hide: Iterable[Box] = ()) -> None:
        """``add_tile`` for several shots at once, read by one tesseract pass (the views of one scroll
        container: small, and many)."""
        images = [_open(png) for png, *_ in views]
        scale = 2 if max(im.width for im in images) < self.settings.ocr_upscale_below_width else 1
        # the empty margins left and right hold nothing: everything after works on the content only
        cropped = [_content_columns(im) for im in images]
        del images
        read = read_stacked([prepare_for_ocr(g, scale) for _, g, _ in cropped], scale=scale)
        for (_, left, top, keep), (image, gray, dx), words in zip(views, cropped, read, strict=True):
            self._add(image, gray, words, left + dx, top, keep, alone, hide)

    def _add(self, image: Image.Image, gray: Image.Image, raw: list[Word], left: int, top: int,
             keep: tuple[float, float] | None, alone: bool, hide: Iterable[Box]) -> None:
        def measured(w: Word) -> Word:
            ink, crisp = ink_and_crispness(gray, w.box)
            bg, fg = colours(image, w.box)
            return replace(w, ink=ink, crisp=crisp, bg=bg, fg=fg, box=_shift(w.box, left, top))

        words = [measured(w) for w in raw
                 if w.box.top > 0 and w.box.bottom < image.height]  # (not cut by the edge of the shot)
        matches = self._find_labels(segments_of(words))
        text = [(_shift(w.box, -left, -top), w.conf, w.text) for w in words
                if w.conf >= 70 and sum(ch.isalpha() for ch in w.text) >= 2]
        controls = [c.moved(left, top) for c in self._controls_near_labels(image, matches, left, top, text)]
        # OCR reads some drawings as words (a switch as "CD", a radio button as "©"): they are controls.
        # A word run together with the radio button or checkbox before it ("ONo"), and a value word
        # tesseract was unsure of ("On" at 41%), are read again alone (all in one pass)
        drawn = [w for w in words if any(_iou(w.box, c.box) > 0.4 for c in controls)]
        # A phrase's first word with nothing after it ("Turned" without its "on": tesseract drops short
        # words) is read again with the space after it.
        again: list[tuple[Word, Box, str]] = []  # word, where to read (tile px), why
        in_labels = {id(x) for _, m in matches for x in m.words}
        for w in words:
            if w in drawn:
                continue
            glue = next((c for c in controls if c.kind in ("radio", "checkbox")
                         and c.box.left - 4 <= w.box.left < c.box.right < w.box.right
                         and abs(c.box.cy - w.box.cy) <= 0.5 * c.box.height), None)
            token = normalise(w.text)
            if glue is not None:
                again.append((w, Box(glue.box.right + 2 - left, w.box.top - top, w.box.right - left,
                                     w.box.bottom - top), "glued"))
            elif id(w) in in_labels or sum(1 for a in again if a[2] != "glued") >= MAX_REREADS:
                continue
            elif token in self._phrase_starts and not any(
                    x is not w and abs(x.box.cy - w.box.cy) < 0.5 * w.box.height
                    and 0 <= x.box.left - w.box.right <= 1.5 * w.box.height for x in words):
                h = w.box.height
                again.append((w, Box(w.box.left - 2 - left, int(w.box.top - 0.3 * h) - top,
                                     min(image.width, int(w.box.right + 4 * h) - left),
                                     int(w.box.bottom + 0.3 * h) - top), "tail"))
            elif w.conf < REREAD_BELOW_CONF and token in self._value_tokens:
                # with the unsure words next to it on its line ("Off" read as "on" + "fl")
                box = w.box
                for x in sorted(words, key=lambda x: abs(x.box.left - w.box.left)):
                    if x is not w and x.conf < REREAD_BELOW_CONF and id(x) not in in_labels \
                            and abs(x.box.cy - w.box.cy) < 0.5 * w.box.height \
                            and min(abs(x.box.left - box.right), abs(box.left - x.box.right)) < 0.6 * w.box.height:
                        box = box.union(x.box)
                again.append((w, _pad(_shift(box, -left, -top), max(3, box.height // 2)), "unsure"))
        # a radio button with no word beside it: tesseract dropped its option's word ("Off" beside a
        # filled ring); the space after it is read again
        beside: list[Box] = []
        for c in controls:
            if c.kind != "radio":
                continue
            h = c.box.height
            if not any(abs(w.box.cy - c.box.cy) < 0.6 * h and -4 <= w.box.left - c.box.right <= 2.5 * h for w in words):
                # up to the next word that reaches into the radio button's line
                end = min([w.box.left for w in words if w.box.left > c.box.right
                           and w.box.bottom > c.box.top and w.box.top < c.box.bottom] + [c.box.right + 8 * h])
                beside.append(Box(c.box.right + 2 - left, c.box.top - top, int(end) - 4 - left, c.box.bottom - top))
        # a label alone on its line: its value may be a short word tesseract dropped ("Off" before it, in
        # bold): the line either side of it is read again
        in_labels_boxes = [m.box for _, m in matches]
        for _, m in matches:
            lb, h = m.box, m.line_height
            on_line = [w for w in words  # (garbage OCR made of a bold short word, "eo)", does not count)
                       if id(w) not in in_labels and lb.top - 0.3 * h <= w.box.cy <= lb.bottom + 0.3 * h
                       and (w.conf >= 70 or normalise(w.text) in self._value_tokens)]
            if on_line or any(lb.top - 0.5 * h <= c.box.cy <= lb.bottom + 0.5 * h for c in controls):
                continue
            band = (int(lb.top - 0.3 * h) - top, int(lb.bottom + 0.3 * h) - top)
            before = Box(max(0, int(lb.left - 12 * h) - left), band[0], lb.left - 4 - left, band[1])
            after = Box(lb.right + 4 - left, band[0], min(image.width, int(lb.right + 40 * h) - left), band[1])
            for b in (before, after):
                if b.width > h and not any(_iou(_shift(b, left, top), o) > 0 for o in in_labels_boxes):
                    beside.append(b)
        beside = beside[:MAX_REREADS]
        extra: list[Word] = []
        replaced: dict[int, list[Word]] = {}
        boxes = [b for _, b, _ in again] + beside
        for k, found in enumerate(read_lines(gray, boxes)):
            found = [measured(x) for x in found]
            if k >= len(again):
                extra += found[:4]
                continue
            w, _, why = again[k]
            if why == "glued":
                replaced[id(w)] = found
            elif why == "tail":
                if len(found) >= 2 and normalise(found[0].text) == normalise(w.text):
                    replaced[id(w)] = [found[0], found[1]]
            elif len(found) == 1 and normalise(found[0].text) == normalise(w.text) and found[0].conf > w.conf:
                replaced[id(w)] = [replace(w, conf=found[0].conf)]
            elif found and min(x.conf for x in found) >= REREAD_BELOW_CONF:
                # read surely this time, and differently: the new words stand for all the unsure ones there
                area = _shift(boxes[k], left, top)
                for x in words:
                    if x is not w and x.conf < REREAD_BELOW_CONF and _iou(x.box, area) > 0:
                        replaced[id(x)] = []
                replaced[id(w)] = found
        if extra:  # words read again beside a radio button or a label: the surer reading of a spot wins
            extra = [x for x in extra if not any(_iou(w.box, x.box) > 0.2 and w.conf >= x.conf for w in words)]
            words = [w for w in words if not any(_iou(w.box, x.box) > 0.2 for x in extra)]
        if drawn or replaced or extra:
            words = [x for w in words if w not in drawn for x in replaced.get(id(w), [w])] + extra
            matches = self._find_labels(segments_of(words))
        rules = [_shift(r, left, top) for r in find_rules(gray)]
        lo, hi = keep if keep is not None else (-math.inf, math.inf)
        if alone:
            self.pieces.append(_Piece(words, controls, rules, (lo, hi), matches, 1))
            return
        page = self.page
        hidden = list(hide)

        def kept(box: Box) -> bool:
            cx = (box.left + box.right) / 2
            return lo <= box.cy < hi and not any(h.left <= cx < h.right and h.top <= box.cy < h.bottom
                                                 for h in hidden)

        page.words += [w for w in words if kept(w.box)]
        page.rules += [r for r in rules if lo <= r.cy < hi]
        for c in controls:
            if kept(c.box) and not any(_iou(c.box, k.box) > 0.5 for k in page.controls):
                page.controls.append(c)
        if hidden:
            matches = [(i, m) for i, m in matches if kept(m.box)]
        # a page read in one piece: its labels are already found
        page.matches = matches if page.tiles == 0 and lo == -math.inf and hi == math.inf else None
        page.tiles += 1

    def _find_labels(self, segments: list[Segment]) -> list[tuple[int, LabelMatch]]:
        """Every occurrence of every target's label (those near the best one for that target). The label
        inside one of the setting's own longer value phrases ("Auto-delete" in "Don't auto-delete
        activity") is the value, not the label."""
        occurrences: list[tuple[int, LabelMatch]] = []
        rows: list[list[Word]] | None = None
        for i, target in enumerate(self.targets):
            found = find_label(segments, target.labels, _ignore_words(target), self.settings.ocr_label_min_score)
            found = [m for m in found if m.score >= found[0].score - OCCURRENCE_SLACK] if found else []
            if found and target.words:
                if rows is None:
                    rows = group_rows([w for seg in segments for w in seg.words])
                in_found = {id(w) for m in found for w in m.words}
                near = [w for row in rows if any(id(w) in in_found for w in row) for w in row]
                inside = [{id(w) for w in h.words} for h in phrase_hits(near, target.words)]
                found = [m for m in found if not any({id(w) for w in m.words} < phrase for phrase in inside)]
            occurrences += [(i, m) for m in found]
        return occurrences

    def _controls_near_labels(self, image: Image.Image, matches: list[tuple[int, LabelMatch]],
                              left: int, top: int, text: list[tuple[Box, float, str]]) -> list[Control]:
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
            # the row, and above it: a column of options may stand beside the label, centred on it
            # (and above it: a control or a group of options may be drawn before its label)
            above, around = (8 * h, 5 * h) if "radio" in kinds else (BELOW_CONTROL_MAX_HEIGHTS * h, 3 * h)
            regions.append((Box(0, int(lb.top - above), image.width, int(lb.bottom + around)), h, frozenset(kinds)))
            regions.append((Box(int(lb.left - 4 * h), int(lb.bottom - 0.3 * h),
                                int(lb.right + BELOW_MAX_INDENT_HEIGHTS * h), int(lb.bottom + depth * h)),
                            h, frozenset(kinds)))
        found: list[Control] = []
        for region, h, kinds in _merge_regions(regions):
            for control in find_controls(image, region, h, kinds, text):
                if not any(_iou(control.box, k.box) > 0.5 for k in found):
                    found.append(control)
        return found

    # --- reading ---------------------------------------------------------------------------------
    def finish(self) -> list[OcrReading]:
        """One reading per target, in order."""
        settings = self.settings
        found: dict[int, list[tuple[LabelMatch, list[_Candidate]]]] = {}
        inks: list[float] = []
        for piece in self.pieces:
            for i, per_match in self._read_piece(piece).items():
                found.setdefault(i, []).extend(per_match)
                inks += [_ink(m) for m, _ in per_match]
        page_ink = max([*inks, 1.0])  # how strong the page's live labels are
        readings: list[OcrReading] = []
        for i, target in enumerate(self.targets):
            if i not in found:
                readings.append(OcrReading(target.key, None, None, 0.0, True, "label not found"))
                continue
            readings.append(_decide(target, found[i], settings.ocr_min_confidence,
                                    settings.ocr_label_min_score, page_ink))
        return readings

    def _read_piece(self, piece: _Piece) -> dict[int, list[tuple[LabelMatch, list[_Candidate]]]]:
        """Per target: each occurrence of its label in the piece, with the values that belong to it."""
        words = sorted(piece.words, key=lambda w: (w.box.top, w.box.left))
        segments = segments_of(words)
        occurrences = piece.matches if piece.matches is not None and piece.tiles == 1 \
            else self._find_labels(segments)
        label_word_ids = {id(w) for _, m in occurrences for w in m.words}
        # in reading order: phrases run along rows
        value_words = [w for row in group_rows([w for w in words if id(w) not in label_word_ids]) for w in row]
        hits = {i: phrase_hits(value_words, t.words) for i, t in enumerate(self.targets) if t.reads_words}
        buttons = [c.box for c in piece.controls if c.kind == "button"]
        in_buttons = {id(w) for w in words for b in buttons
                      if b.left <= (w.box.left + w.box.right) / 2 <= b.right and b.top <= w.box.cy <= b.bottom}
        layout = _Layout([m for _, m in occurrences], segments, label_word_ids,
                         {id(w) for found in hits.values() for h in found for w in h.words} | in_buttons,
                         [c.box for c in piece.controls if c.kind != "button"]
                         + [h.box for found in hits.values() for h in found], piece.rules)
        switches = [c for c in piece.controls if c.kind in ("switch", "checkbox")]
        radios = [c for c in piece.controls if c.kind == "radio"]
        segment_of = {id(w): seg for seg in segments for w in seg.words}
        lo, hi = piece.label_keep

        out: dict[int, list[tuple[LabelMatch, list[_Candidate]]]] = {}
        for i, target in enumerate(self.targets):
            mine = [m for j, m in occurrences if j == i and lo <= m.box.cy < hi]
            if not mine:
                continue
            shown = label_word_ids | {id(w) for h in hits.get(i, []) for w in h.words}
            mine_hits = [h for h in hits.get(i, []) if _isolation(h, segment_of, shown) > 0]
            radio_of = {id(o.hit): o.radio for o in _pair_radios(
                mine_hits, radios, statistics.median(m.line_height for m in mine))}
            for match in mine:
                cands: list[_Candidate] = []
                if target.reads_switches:
                    cands += _switch_candidates(target, match, switches, layout)
                if target.reads_words:
                    cands += _value_candidates(match, mine_hits, radio_of, layout, words, segment_of, shown)
                out.setdefault(i, []).append((match, sorted(cands, key=lambda c: c.distance)))
        return out


class _Layout:
    """Which label a value on the page belongs to.

    On a row, a value pairs with the label before it or the one after it; when there is one on each
    side, the row's own pattern decides: if the label after it has a value of its own after it, rows
    read "label, value" and the value is the earlier label's; if the label before it has a value of
    its own before it, rows read "value, label". A border or background change, or other text, between
    a label and a value breaks the pair. Off every row, a value belongs to the nearest label above it.
    """

    def __init__(self, matches: list[LabelMatch], segments: list[Segment], label_word_ids: set[int],
                 value_word_ids: set[int], value_boxes: list[Box], rules: list[Box] = ()) -> None:  # type: ignore[assignment]
        self.rules = list(rules)
        self.matches = matches
        self.segments = segments
        self.label_word_ids = label_word_ids
        self.value_word_ids = value_word_ids  # and the words of buttons ("Manage"): not another label
        self.value_boxes = value_boxes
        self.label_segments = {id(s) for s in segments if any(id(w) in label_word_ids for w in s.words)}
        self.block_bottom = {id(m): self._description_bottom(m) for m in matches}

    def _pairable(self, box: Box, label: LabelMatch, reach: tuple[int, int] | None) -> bool:
        lb = label.box
        if reach is not None and not reach[0] <= (lb.left + lb.right) / 2 <= reach[1]:
            return False  # a border or another background lies between them
        return not self._text_between(box, label) and not self._owned_by_other_text(box, label)

    def _nearest(self, box: Box, side: str, reach: tuple[int, int] | None) -> tuple[LabelMatch, float] | None:
        measure = _row_right if side == "before" else _row_left  # the label comes before / after the value
        best: tuple[LabelMatch, float] | None = None
        for m in self.matches:
            d = measure(box, m)
            if d is not None and (best is None or d < best[1]) and self._pairable(box, m, reach):
                best = (m, d)
        return best

    def _has_own_value(self, label: LabelMatch, side: str, skip: Box) -> bool:
        """Does ``label`` have a value of its own after it (side "after") or before it ("before")?"""
        measure = _row_right if side == "after" else _row_left
        for v in self.value_boxes:
            if v == skip or _iou(v, skip) > 0 or measure(v, label) is None:
                continue
            nearest = self._nearest(v, "before" if side == "after" else "after", None)
            if nearest is not None and nearest[0] is label:
                return True
        return False

    def row_owner(self, box: Box, reach: tuple[int, int] | None = None) -> tuple[LabelMatch, float] | None:
        before = self._nearest(box, "before", reach)  # a label before the value on its row
        after = self._nearest(box, "after", reach)
        if before and after:
            after_has = self._has_own_value(after[0], "after", box)
            before_has = self._has_own_value(before[0], "before", box)
            if after_has and not before_has:
                return before
            if before_has and not after_has:
                return after
            return None  # nothing tells which: the value is nobody's
        return before or after

    def owner(self, box: Box, below_reach: float, reach: tuple[int, int] | None = None
              ) -> tuple[LabelMatch, float] | None:
        """The label ``box`` belongs to, and how far it is from it."""
        on_row = self.row_owner(box, reach)
        if on_row is not None:
            return on_row
        # under a label, or else above one (a control or a group of options drawn before its label);
        # never across a rule (a row's or a card's border) between them
        for measure in (_below, _above):
            best: tuple[LabelMatch, float] | None = None
            for m in self.matches:
                d = measure(box, m, below_reach, self.block_bottom.get(id(m)))
                if d is None or (best is not None and d >= best[1]):
                    continue
                if reach is not None and not reach[0] - 0.5 * m.line_height <= m.box.left <= reach[1]:
                    continue
                if self.ruled_between(box, m.box):
                    continue
                best = (m, d)
            if best is not None:
                return best
        return None

    def _description_bottom(self, label: LabelMatch) -> float:
        """Where the label's block ends: its description lines under it (starting where it starts, in
        text no larger, and no label or value of their own) count as part of it."""
        h, bottom = label.line_height, float(label.box.bottom)
        lines = sorted((s for s in self.segments if id(s) not in self.label_segments
                        and abs(s.box.left - label.box.left) <= h and s.box.top >= bottom - 0.3 * h),
                       key=lambda s: s.box.top)
        for seg in lines:
            if seg.box.top - bottom > 1.0 * h:
                break
            if seg.line_height > 1.1 * h or any(id(w) in self.value_word_ids for w in seg.words):
                break
            bottom = max(bottom, seg.box.bottom)
        return bottom

    def ruled_between(self, a: Box, b: Box) -> bool:
        """A horizontal rule lies between two boxes, one above the other, across both."""
        upper, lower = (a, b) if a.cy <= b.cy else (b, a)
        return any(upper.bottom - 2 <= r.cy <= lower.top + 2 and r.left <= max(a.left, b.left)
                   and r.right >= min(a.right, b.right) for r in self.rules)

    def _text_between(self, value: Box, label: LabelMatch) -> bool:
        """Other words between the label and the value on the label's line (the next setting's label
        along the row). Value words, stray marks and the label's description do not count."""
        lb, h = label.box, label.line_height
        after = value.left >= lb.right - 0.5 * h
        if after:
            lo, hi = lb.right - 0.5 * h, value.left + 0.5 * h
        else:
            lo, hi = value.right - 0.5 * h, lb.left + 0.5 * h
        for seg in self.segments:
            b = seg.box
            if b.right < lo or b.left > hi:
                continue
            if (after and b.left < lo) or (not after and b.right > hi):
                continue  # a line that starts under the label (its description) or runs into it
            for w in seg.words:
                wb = w.box
                if wb.left < lo or wb.right > hi or id(w) in self.label_word_ids or id(w) in self.value_word_ids \
                        or is_noise(w):
                    continue
                if min(wb.bottom, lb.bottom) - max(wb.top, lb.top) >= 0.5 * min(wb.height, lb.height):
                    return True
        return False

    def _owned_by_other_text(self, value: Box, label: LabelMatch) -> bool:
        """Some other text on the value's row, on the label's side of it, sits on that row more squarely
        than the label does (the row of a setting the pack does not know). Lines under the label (its
        description) and a heading above it do not count."""
        h, lb = label.line_height, label.box
        own_dy = abs(value.cy - lb.cy)
        after_label = value.left >= lb.left
        for seg in self.segments:
            box = seg.box
            if id(seg) in self.label_segments:
                continue
            if after_label and (box.right > value.left or box.right <= lb.left - h):
                continue
            if not after_label and (box.left < value.right or box.left >= lb.right + h):
                continue
            if box.top >= lb.bottom - 0.3 * h and abs(box.left - lb.left) <= 1.5 * h:
                continue  # the label's own description
            if box.bottom <= lb.top + 0.3 * h and abs(box.left - lb.left) <= 1.5 * h:
                continue  # a heading above the label
            if all(id(w) in self.value_word_ids or is_noise(w) for w in seg.words):
                continue  # another value, not another label
            if abs(value.cy - box.cy) + 0.3 * h < own_dy and abs(value.cy - box.cy) < 0.5 * h:
                return True
        return False


def _switch_candidates(target: OcrTarget, match: LabelMatch, switches: list[Control],
                       layout: _Layout) -> list[_Candidate]:
    """Switches and checkboxes that belong to ``match``. When the label's row holds two that disagree
    (one before it and one after it, say), neither is trusted."""
    assert target.toggle_values is not None
    out = []
    sides: dict[str, set[str | None]] = {"before": set(), "after": set()}
    for c in switches:
        owner = layout.owner(c.box, BELOW_CONTROL_MAX_HEIGHTS, (c.reach_left, c.reach_right))
        if owner is None or owner[0] is not match:
            continue
        value = None if c.state is None else target.toggle_values["on" if c.state else "off"]
        if owner[1] < BELOW_BASE:
            sides["before" if c.box.right <= match.box.left + 0.5 * match.line_height else "after"].add(value)
        out.append(_Candidate(value, c.clarity, c.box, owner[1], f"{c.kind}: {c.detail}"))
    on_row = sides["before"] | sides["after"]
    if len(on_row) > 1:  # two controls on the label's row that disagree: neither is trusted
        nearest = min(c.distance for c in out)
        out = [replace(c, distance=nearest, what=c.what + " (another control on the row disagrees)")
               for c in out]
    return out


def _value_candidates(match: LabelMatch, hits: list[PhraseHit], radio_of: dict[int, Control], layout: _Layout,
                      words: list[Word], segment_of: dict[int, Segment], label_word_ids: set[int]) -> list[_Candidate]:
    """The value words that belong to ``match``. One value shown (a status, a drop-down's choice, an
    echo beside a switch) is read as it is. Several options shown together (a radio group, a list box,
    segmented buttons) are a choice: the one with a filled radio button, or else the one drawn apart
    from the rest (its own background or text colour), is the value; when none is, nothing is read."""
    group, distance = _option_group(match, hits, radio_of, layout, words)
    if not group:
        return []
    values = {h.value for h in group}
    if len(values) == 1:
        out = []
        for hit in group:
            if id(hit) in radio_of and not radio_of[id(hit)].state:
                continue  # a lone option whose radio button is empty says nothing
            factor = _isolation(hit, segment_of, label_word_ids)
            conf = hit.ocr_conf * hit.similarity * min(1.0, 0.35 + hit.crisp) * factor
            out.append(_Candidate(hit.value, conf, hit.box, distance,
                                  f"words {' '.join(w.text for w in hit.words)!r} (ocr {hit.ocr_conf:.2f}, "
                                  f"crispness {hit.crisp:.2f}{', in a sentence' if factor < 1 else ''})"))
        return out[:1]
    first = min(group, key=lambda h: (h.box.top, h.box.left))
    with_radio = [h for h in group if id(h) in radio_of]
    if len(with_radio) >= 2:
        checked = [h for h in with_radio if radio_of[id(h)].state]
        unclear = [h for h in with_radio if radio_of[id(h)].state is None]
        if len({h.value for h in checked}) == 1:
            hit = checked[0]
            radio = radio_of[id(hit)]
            conf = radio.clarity * _option_word_conf(hit)
            if unclear or len(with_radio) < len(group):
                conf *= 0.7
            return [_Candidate(hit.value, conf, hit.box.union(radio.box), distance,
                               f"radio group of {len(group)}: {hit.phrase!r} chosen ({radio.detail})")]
        if not checked:
            return []  # the chosen one is out of view, or words the pack does not know: no value here
        return [_Candidate(None, 0.0, first.box, distance,
                           f"radio group of {len(group)}: several options look chosen")]
    chosen, how = _set_apart(group, match)
    if chosen is None:
        return [_Candidate(None, 0.0, first.box, distance,
                           f"{len(group)} options shown ({', '.join(sorted(values))}), none set apart ({how})")]
    conf = _option_word_conf(chosen)
    return [_Candidate(chosen.value, conf, chosen.box, distance,
                       f"{len(group)} options shown, {chosen.phrase!r} set apart ({how})")]


def _option_word_conf(hit: PhraseHit) -> float:
    """How sure the words of a chosen option are. The choice itself is read from pixels (a filled
    radio button, a highlight); the words only say which option it is, among a few that all matched
    the setting's vocabulary, so tesseract's own doubt counts for less than for a lone status word."""
    return (0.6 + 0.4 * hit.ocr_conf) * hit.similarity * min(1.0, 0.35 + hit.crisp)


def _colour_gap(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    return math.sqrt(sum((a[k] - b[k]) ** 2 for k in range(3)))


def _set_apart(group: list[PhraseHit], label: LabelMatch) -> tuple[PhraseHit | None, str]:
    """The one option drawn unlike the label and unlike every other option (a filled background, or
    coloured text), when the others look like the label; else None."""
    for name, colour, min_gap in (("background", lambda w: w.bg, 10.0), ("text colour", lambda w: w.fg, 40.0)):
        reference = colour(label.words[0])
        shades = [colour(h.words[0]) for h in group]
        apart = [i for i, c in enumerate(shades) if _colour_gap(c, reference) >= min_gap]
        alike = [i for i, c in enumerate(shades) if _colour_gap(c, reference) < min_gap / 2]
        if len(apart) == 1 and len(alike) == len(group) - 1:
            return group[apart[0]], f"its {name} differs"
    return None, "their backgrounds and text colours alike"


def _option_group(match: LabelMatch, hits: list[PhraseHit], radio_of: dict[int, Control], layout: _Layout,
                  words: list[Word]) -> tuple[list[PhraseHit], float]:
    """The value words that belong to ``match`` and the options shown with them: the words on its row or
    just under it, then every option next to those (in a column, left-aligned, or along a row) that no
    other label claims, until other text (a question the pack does not know) stands between. Also how
    far the nearest of them is from the label."""
    h = match.line_height
    # an option with a radio button is a control: it may sit as far under its label as a switch
    owners = {id(x): layout.owner(x.box.union(radio_of[id(x)].box), BELOW_CONTROL_MAX_HEIGHTS)
              if id(x) in radio_of else layout.owner(x.box, BELOW_MAX_HEIGHTS) for x in hits}
    seeds = [x for x in hits if (owners[id(x)] or (None,))[0] is match]
    if not seeds:
        return [], math.inf
    distance = min(owners[id(x)][1] for x in seeds)  # type: ignore[index]
    group = list(seeds)
    in_hits = {id(w) for x in hits for w in x.words}
    grew = True
    while grew:
        grew = False
        for x in hits:
            if x in group or owners[id(x)] is not None:
                continue
            for g in group:
                stacked = abs(x.box.left - g.box.left) <= 1.5 * h and (
                    0 <= x.box.top - g.box.bottom <= OPTION_CHAIN_GAP_HEIGHTS * h
                    or 0 <= g.box.top - x.box.bottom <= OPTION_CHAIN_GAP_HEIGHTS * h)
                along = abs(x.box.cy - g.box.cy) <= 0.5 * h and min(
                    abs(x.box.left - g.box.right), abs(g.box.left - x.box.right)) <= 8 * h
                if (stacked and not _foreign_text_between(g, x, words, in_hits, h)
                        and not layout.ruled_between(g.box, x.box)) or along:
                    group.append(x)
                    grew = True
                    break
    return group, distance


def _foreign_text_between(a: PhraseHit, b: PhraseHit, words: list[Word], in_hits: set[int], h: float) -> bool:
    """Text between two stacked options that starts left of the options' words (a question of its own,
    not an option's description)."""
    upper, lower = (a, b) if a.box.top <= b.box.top else (b, a)
    text_left = min(upper.box.left, lower.box.left)
    hi = max(upper.box.right, lower.box.right) + 20 * h
    for w in words:
        wb = w.box
        if wb.top >= upper.box.bottom and wb.bottom <= lower.box.top and text_left - 4 * h <= wb.left <= hi \
                and id(w) not in in_hits and not is_noise(w) and wb.left < text_left - 0.5 * h:
            return True
    return False


def _merge_regions(regions: list[tuple[Box, float, frozenset[str]]]) -> list[tuple[Box, float, frozenset[str]]]:
    """Overlapping search regions of labels of about the same size become one (the labels of a settings
    page crowd together): each part of the image is cut into objects once. The smallest word height of
    the merged ones counts."""
    merged = list(regions)
    changed = True
    while changed:
        changed = False
        out: list[tuple[Box, float, frozenset[str]]] = []
        for box, h, kinds in merged:
            for k, (other, oh, okinds) in enumerate(out):
                if min(box.right, other.right) > max(box.left, other.left) \
                        and min(box.bottom, other.bottom) > max(box.top, other.top) and max(h, oh) <= 1.5 * min(h, oh):
                    out[k] = (box.union(other), min(h, oh), kinds | okinds)
                    changed = True
                    break
            else:
                out.append((box, h, kinds))
        merged = out
    return merged


def _pad(box: Box, by: int) -> Box:
    return Box(box.left - by, box.top - by, box.right + by, box.bottom + by)


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


def _isolation(hit: PhraseHit, segment_of: dict[int, Segment], shown: set[int]) -> float:
    """1.0 when the phrase stands alone on its line, or among the label and other value words (a status,
    a drop-down's choice, options side by side), a little less when a longer phrase sits inside a
    sentence, 0.0 for a single word inside a sentence ("turn this off")."""
    segment = segment_of.get(id(hit.words[0]))
    if segment is None:
        return 1.0
    mine = {id(w) for w in hit.words}
    others = [w for w in segment.words if id(w) not in mine and id(w) not in shown and not is_noise(w)]
    if not others:
        return 1.0
    return EMBEDDED_PHRASE_FACTOR if len(hit.words) >= 2 else 0.0


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
        return _ink(m) < FADED_INK * page_ink or _ink(m) < FADED_ABSOLUTE_INK

    def live(m: LabelMatch) -> bool:
        return _ink(m) >= LIVE_INK * page_ink and _ink(m) >= LIVE_ABSOLUTE_INK

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
    """Read targets from overlapping page tiles: (png, left, top, (keep from, keep to)) each."""
    reader = PageReader(targets)
    for png, left, top, keep in tiles:
        reader.add_tile(png, left, top, keep)
    return reader.finish()
