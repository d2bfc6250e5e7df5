"""Drawn controls measured from pixels: switches (a pill-shaped track and a knob), radio buttons (a ring,
filled when chosen) and checkboxes (a square, ticked or filled when checked).

Objects are cut out of a region by a recursive XY cut against the local background; a container with
its own background (a card, a grey panel) is cut again against that background, so controls inside
cards are found as well as controls on the page itself.

A switch is read from two cues, the knob's side (right = on) and the track's emphasis (a saturated or
dark track = on, a grey, light or outlined one = off); when both are clear they must agree, when only
the knob's side is clear it decides with a little less confidence. Radios and checkboxes are read from
their inside: a dot or fill in a ring, a tick or fill in a square.
"""

from __future__ import annotations

import colorsys
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from PIL import Image, ImageChops

from ocr.types import Box

ControlKind = Literal["switch", "radio", "checkbox", "button"]
Colour = tuple[float, float, float]

# a pixel belongs to an object when one channel differs this much from the local background
FOREGROUND_DIFFERENCE = 14
# ... and to a border or another background (a card's edge: #f1f3f4 on white) from this much
EDGE_DIFFERENCE = 6
# switch proportions, relative to the label's word height
MIN_HEIGHT_WORDS, MAX_HEIGHT_WORDS = 0.6, 3.6
MIN_ASPECT, MAX_ASPECT = 1.3, 3.2
# radio buttons and checkboxes: about as tall as a word, square
BOX_MIN_WORDS, BOX_MAX_WORDS = 0.5, 2.4
BOX_MIN_ASPECT, BOX_MAX_ASPECT = 0.8, 1.25
# a track is "coloured" above this HSV saturation (blue/green/purple); grey and white sit near 0
COLOURED_SATURATION = 0.28
# an unsaturated track this much darker than a light background reads as "on" (black, dark grey)
DARK_TRACK_CONTRAST, LIGHT_TRACK_CONTRAST = 140, 110
# fraction trimmed from each end of the centre row (the track's border and rounded ends)
END_TRIM = 0.08
# the knob sits this far from the middle of the track (0 = middle, 0.5 = an end) to count as a side
SIDE_MIN_OFFSET = 0.12
# ... and this far to be perfectly clear (a knob as wide as the track's height cannot go further)
SIDE_CLEAR_OFFSET = 0.19
# how much less sure a switch is when only the knob's side speaks (the track's colour says nothing)
SIDE_ONLY_FACTOR = 0.92
# a structure at least this many word heights tall (a border, a card's edge) separates two objects
EDGE_MIN_HEIGHT_WORDS = 2.2
MAX_DEPTH = 10
# a shape inside a word tesseract read this surely is one of its letters (a radio button run together
# with its option's word, "ONo", comes out less sure)
GLYPH_WORD_CONF = 75
# what OCR makes of a radio button or checkbox run into the word after it
GLYPH_READINGS = frozenset("Oo0©@®QC([{|")


@dataclass(frozen=True)
class Control:
    kind: ControlKind
    box: Box
    state: bool | None  # on / checked; None: the pixels do not say clearly
    clarity: float  # 0..1, how clearly the pixels say it
    detail: str
    # the stretch of its row the control shares with nothing but its background: the first border or
    # background change on each side (image x); a label beyond it is in another cell or card
    reach_left: int = 0
    reach_right: int = 1 << 30

    def moved(self, dx: int, dy: int) -> Control:
        b = self.box
        return Control(self.kind, Box(b.left + dx, b.top + dy, b.right + dx, b.bottom + dy), self.state,
                       self.clarity, self.detail, self.reach_left + dx, self.reach_right + dx)


def _dominant_colour(image: Image.Image) -> tuple[int, ...]:
    small = image if image.width * image.height <= 40_000 else image.reduce(
        max(1, int(math.sqrt(image.width * image.height / 40_000))))
    colours = small.getcolors(small.width * small.height) or [(1, (255, 255, 255))]
    return max(colours)[1]


def _mask(image: Image.Image, background: tuple[int, ...], threshold: int = FOREGROUND_DIFFERENCE) -> Image.Image:
    """Mode L, 0/255: pixels that differ from ``background`` by more than ``threshold`` in a channel."""
    bg = Image.new("RGB", image.size, background)
    r, g, b = ImageChops.difference(image, bg).split()
    strongest = ImageChops.lighter(ImageChops.lighter(r, g), b)
    return strongest.point(lambda v: 255 if v > threshold else 0)


def _runs(profile: list[float], min_gap: int) -> list[tuple[int, int]]:
    """[start, end) stretches where the profile is non-zero, joined across gaps shorter than min_gap."""
    runs: list[tuple[int, int]] = []
    start = None
    gap = 0
    for i, value in enumerate(profile):
        if value > 0:
            if start is None:
                start = i
            gap = 0
        elif start is not None:
            gap += 1
            if gap >= min_gap:
                runs.append((start, i - gap + 1))
                start, gap = None, 0
    if start is not None:
        runs.append((start, len(profile) - gap))
    return runs


def _profile(mask: Image.Image, axis: str) -> list[float]:
    f = mask.convert("F")
    size = (1, mask.height) if axis == "rows" else (mask.width, 1)
    small = f.resize(size, Image.Resampling.BOX)
    # Pillow 12+ names it get_flattened_data; older ones getdata
    return list(getattr(small, "get_flattened_data", small.getdata)())


def _distance(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    return math.sqrt(sum((a[k] - b[k]) ** 2 for k in range(3)))


def _objects(image: Image.Image, box: Box, bg: tuple[int, ...], min_gap: int, big: float,
             depth: int = 0) -> Iterator[tuple[Box, tuple[int, ...]]]:
    """Recursive XY cut: rows of content, then columns within each row, until nothing splits. A piece
    that does not split and is larger than any control is a container when its own colour differs
    from ``bg``: it is cut again against its own background."""
    crop = image.crop((box.left, box.top, box.right, box.bottom))
    mask = _mask(crop, bg)
    for r0, r1 in _runs(_profile(mask, "rows"), 1):
        row = mask.crop((0, r0, mask.width, r1))
        for c0, c1 in _runs(_profile(row, "cols"), min_gap):
            piece = row.crop((c0, 0, c1, row.height)).getbbox()
            if piece is None:
                continue
            found = Box(box.left + c0 + piece[0], box.top + r0 + piece[1],
                        box.left + c0 + piece[2], box.top + r0 + piece[3])
            if depth >= MAX_DEPTH:
                yield found, bg
            elif found != box:
                yield from _objects(image, found, bg, min_gap, big, depth + 1)
            elif found.height > big or found.width > 4 * big:
                inner = _dominant_colour(image.crop((found.left, found.top, found.right, found.bottom)))
                if _distance(inner, bg) > FOREGROUND_DIFFERENCE:
                    yield from _objects(image, found, inner, min_gap, big, depth + 1)
                elif found.height > big and found.width > big:
                    # a box drawn as a (dashed) border: look inside its frame
                    inset = max(3, min_gap)
                    inside = Box(found.left + inset, found.top + inset, found.right - inset, found.bottom - inset)
                    if inside.width > 4 and inside.height > 4:
                        yield from _objects(image, inside, bg, min_gap, big, depth + 1)
                else:
                    yield found, bg
            else:
                yield found, bg


def _overlap(a: Box, b: Box) -> float:
    """Intersection over union of two boxes."""
    w = min(a.right, b.right) - max(a.left, b.left)
    h = min(a.bottom, b.bottom) - max(a.top, b.top)
    if w <= 0 or h <= 0:
        return 0.0
    return w * h / (a.width * a.height + b.width * b.height - w * h)


def _within(inner: Box, outer: Box) -> float:
    """The share of ``inner``'s area that lies inside ``outer``."""
    w = min(inner.right, outer.right) - max(inner.left, outer.left)
    h = min(inner.bottom, outer.bottom) - max(inner.top, outer.top)
    return 0.0 if w <= 0 or h <= 0 else w * h / max(1, inner.width * inner.height)


def _is_pill(mask: Image.Image, box: Box) -> bool:
    """``mask`` is the object's own crop (0/255) and ``box`` its size."""
    w, h = box.width, box.height
    px = mask.load()
    # rounded ends: the bounding box's corners are empty
    for x, y in ((0, 0), (w - 1, 0), (0, h - 1), (w - 1, h - 1)):
        if px[x, y]:
            return False
    # straight top and bottom edges: every column between the rounded ends reaches near both edges
    # (text has gaps between letters and uneven tops)
    ends = h // 2
    columns = range(ends, w - ends)
    straight = 0
    for x in columns:
        filled = [y for y in range(h) if px[x, y]]
        if filled and filled[0] <= 0.25 * h and h - 1 - filled[-1] <= 0.25 * h:
            straight += 1
    return len(columns) > 0 and straight >= 0.95 * len(columns)


def _two_means(pixels: list[tuple[int, ...]]) -> tuple[list[int], list[Colour]]:
    """Split colours into two groups; returns a label per pixel and the two centres (darker first)."""
    def lum(p: tuple[float, ...]) -> float:
        return 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2]

    centres: list[Colour] = [tuple(map(float, min(pixels, key=lum))),  # type: ignore[list-item]
                             tuple(map(float, max(pixels, key=lum)))]
    labels = [0] * len(pixels)
    for _ in range(8):
        for i, p in enumerate(pixels):
            d0 = sum((p[k] - centres[0][k]) ** 2 for k in range(3))
            d1 = sum((p[k] - centres[1][k]) ** 2 for k in range(3))
            labels[i] = 0 if d0 <= d1 else 1
        for c in (0, 1):
            members = [pixels[i] for i in range(len(pixels)) if labels[i] == c]
            if members:
                centres[c] = tuple(sum(m[k] for m in members) / len(members) for k in range(3))  # type: ignore[assignment]
    return labels, centres


def _saturation(colour: tuple[float, ...]) -> float:
    return colorsys.rgb_to_hsv(*(c / 255 for c in colour[:3]))[1]


def _lightness(colour: tuple[float, ...]) -> float:
    return 0.299 * colour[0] + 0.587 * colour[1] + 0.114 * colour[2]


def _track_says(track: Colour, bg: tuple[int, ...]) -> tuple[bool | None, str]:
    """What the track's colour says on its own: on (saturated or dark), off (grey or light), or None."""
    sat = _saturation(track)
    if sat >= COLOURED_SATURATION and _lightness(track) < 235:
        return True, f"coloured track (saturation {sat:.2f})"
    contrast = _lightness(bg) - _lightness(track)
    if _lightness(bg) < 128:  # a dark theme: grey tracks say little
        return None, "unsaturated track on a dark background"
    if contrast >= DARK_TRACK_CONTRAST:
        return True, f"dark track (contrast {contrast:.0f})"
    if contrast <= LIGHT_TRACK_CONTRAST:
        return False, f"grey or light track (saturation {sat:.2f}, contrast {contrast:.0f})"
    return None, f"mid-grey track (contrast {contrast:.0f})"


def measure_switch(image: Image.Image, box: Box, bg: tuple[int, ...]) -> tuple[bool | None, float, str]:
    """Read one pill: which colour group is the knob, where it sits, and what the track's colour says."""
    cy = (box.top + box.bottom) // 2
    trim = max(1, int(END_TRIM * box.width))
    rows = [y for y in (cy - 1, cy, cy + 1) if box.top <= y < box.bottom]
    xs = range(box.left + trim, box.right - trim)
    px = image.load()
    pixels = [tuple(sum(px[x, y][k] for y in rows) // len(rows) for k in range(3)) for x in xs]
    if len(pixels) < 4:
        return None, 0.0, "too small"
    labels, centres = _two_means(pixels)
    separation = _distance(centres[0], centres[1])
    n = len(labels)
    end = max(1, n // 16)
    at_left, at_right = set(labels[:end]), set(labels[-end:])
    both_ends = at_left & at_right
    sat = [_saturation(c) for c in centres]
    if len(both_ends) == 1:  # the track shows at both ends; the knob sits between
        track = both_ends.pop()
        how = "track at both ends"
    elif sat[0] >= COLOURED_SATURATION > sat[1] or sat[1] >= COLOURED_SATURATION > sat[0]:
        track = 0 if sat[0] > sat[1] else 1  # coloured track, white knob
        how = "coloured track"
    elif min(sat) >= COLOURED_SATURATION:
        track = 0 if sat[0] < sat[1] else 1  # faded track, strong knob
        how = "strong knob"
    else:
        track = 0 if _lightness(centres[0]) < _lightness(centres[1]) else 1
        how = "light knob"
    knob = 1 - track
    knob_xs = [i for i in range(n) if labels[i] == knob]
    if not knob_xs or separation < 12:
        return None, 0.0, "no knob distinguishable"
    centre = (sum(knob_xs) / len(knob_xs)) / max(1, n - 1)  # 0 = left end, 1 = right end
    offset = abs(centre - 0.5)
    side = None if offset < SIDE_MIN_OFFSET else centre > 0.5
    colour, colour_how = _track_says(centres[track], bg)
    side_clarity = min(1.0, offset / SIDE_CLEAR_OFFSET)
    colour_clarity = min(1.0, separation / 40)
    clarity = side_clarity * colour_clarity
    detail = f"knob at {centre:.2f} ({how}), {colour_how}, knob/track contrast {separation:.0f}"
    if side is None:
        return None, 0.0, f"knob in the middle: {detail}"
    if colour is None:
        return side, clarity * SIDE_ONLY_FACTOR, f"knob side only: {detail}"
    if side != colour:
        return None, clarity * 0.5, f"cues disagree: {detail}"
    return side, clarity, detail


def _ray_reach(mask: Image.Image, angle: float) -> float:
    """How far from the centre the last foreground pixel lies along a ray, in half-sizes (1 = the box
    edge on an axis)."""
    w, h = mask.size
    cx, cy = (w - 1) / 2, (h - 1) / 2
    px = mask.load()
    dx, dy = math.cos(angle), math.sin(angle)
    radius = (w + h) / 4
    last = 0.0
    steps = int(radius * 1.6) + 1
    for s in range(steps):
        x, y = round(cx + dx * s), round(cy + dy * s)
        if not (0 <= x < w and 0 <= y < h):
            break
        if px[x, y]:
            last = s
    return last / max(1.0, radius)


def _shape(mask: Image.Image) -> str | None:
    """"circle", "square" or None, from how far the outline reaches on the axes and the diagonals."""
    axes = [_ray_reach(mask, a) for a in (0, math.pi / 2, math.pi, 3 * math.pi / 2)]
    diagonals = [_ray_reach(mask, a) for a in (math.pi / 4, 3 * math.pi / 4, 5 * math.pi / 4, 7 * math.pi / 4)]
    if min(axes) < 0.75 or min(diagonals) < 0.6:
        return None  # open on some side: a letter, an arrow
    ratio = (sum(diagonals) / 4) / (sum(axes) / 4)
    if ratio <= 1.12 and max(diagonals) <= 1.15:
        # a ring closed all round (letters such as "o" or "e" pass the eight rays less often)
        if min(_ray_reach(mask, k * math.pi / 12) for k in range(24)) >= 0.75:
            return "circle"
        return None
    if ratio >= 1.22 and _frame_share(mask) >= 0.8:
        return "square"
    return None


def _frame_share(mask: Image.Image) -> float:
    """How much of a square's outline is drawn (the best of the outermost three rings of pixels): a
    checkbox's frame is whole, two letters side by side ("in") are not."""
    w, h = mask.size
    px = mask.load()
    best = 0.0
    for d in range(3):
        if w - 2 * d < 3 or h - 2 * d < 3:
            break
        points = [(x, d) for x in range(d, w - d)] + [(x, h - 1 - d) for x in range(d, w - d)] \
            + [(d, y) for y in range(d + 1, h - 1 - d)] + [(w - 1 - d, y) for y in range(d + 1, h - 1 - d)]
        best = max(best, sum(1 for p in points if px[p]) / len(points))
    return best


def _fill_fraction(mask: Image.Image, radius_fraction: float, round_: bool) -> float:
    """Share of foreground pixels inside the middle of the object (a disc or a square)."""
    w, h = mask.size
    cx, cy = (w - 1) / 2, (h - 1) / 2
    r = radius_fraction * min(w, h) / 2
    px = mask.load()
    inside = filled = 0
    for y in range(int(cy - r), int(cy + r) + 1):
        for x in range(int(cx - r), int(cx + r) + 1):
            if not (0 <= x < w and 0 <= y < h):
                continue
            if round_ and (x - cx) ** 2 + (y - cy) ** 2 > r * r:
                continue
            inside += 1
            filled += 1 if px[x, y] else 0
    return filled / max(1, inside)


def _measure_radio(mask: Image.Image) -> tuple[bool | None, float, str]:
    fill = _fill_fraction(mask, 0.6, True)
    if fill >= 0.25:
        return True, min(1.0, 0.6 + fill), f"ring with a dot (fill {fill:.2f})"
    if fill <= 0.06:
        return False, 1.0 - fill * 5, f"empty ring (fill {fill:.2f})"
    return None, 0.3, f"ring half filled ({fill:.2f})"


def _measure_checkbox(image: Image.Image, box: Box, bg: tuple[int, ...]) -> tuple[bool | None, float, str]:
    inset_x, inset_y = max(1, round(box.width * 0.22)), max(1, round(box.height * 0.22))
    inner = image.crop((box.left + inset_x, box.top + inset_y, box.right - inset_x, box.bottom - inset_y))
    pixels = list(getattr(inner, "get_flattened_data", inner.getdata)())
    if len(pixels) < 4:
        return None, 0.0, "too small"
    labels, centres = _two_means(pixels)
    share = sum(labels) / len(labels)
    minority = min(share, 1 - share)
    separation = _distance(centres[0], centres[1])
    if separation >= 60 and minority >= 0.06:
        return True, min(1.0, separation / 120), f"a tick inside (contrast {separation:.0f}, {minority:.2f})"
    mean = tuple(sum(p[k] for p in pixels) / len(pixels) for k in range(3))
    if _distance(mean, bg) <= 24:
        return False, 1.0, "empty box"
    return None, 0.3, "filled box with no tick"


def _surround_colour(image: Image.Image, box: Box, pad: int) -> tuple[int, ...] | None:
    """The most common colour in a thin frame just outside ``box``."""
    outer = Box(max(0, box.left - pad), max(0, box.top - pad), min(image.width, box.right + pad),
                min(image.height, box.bottom + pad))
    strips = [(outer.left, outer.top, outer.right, box.top), (outer.left, box.bottom, outer.right, outer.bottom),
              (outer.left, box.top, box.left, box.bottom), (box.right, box.top, outer.right, box.bottom)]
    counts: dict[tuple[int, ...], int] = {}
    for strip in strips:
        if strip[2] <= strip[0] or strip[3] <= strip[1]:
            continue
        part = image.crop(strip)
        for n, colour in part.getcolors(part.width * part.height) or []:
            counts[colour] = counts.get(colour, 0) + n
    return max(counts, key=counts.__getitem__) if counts else None


def _edge_columns(image: Image.Image, box: Box, bg: tuple[int, ...], word_height: float,
                  region: Box) -> tuple[int, int]:
    """The nearest border or background change left and right of ``box`` on its row: columns where
    something differs from the background over a span taller than text."""
    half = EDGE_MIN_HEIGHT_WORDS * word_height / 2
    cy = (box.top + box.bottom) / 2
    top, bottom = max(region.top, int(cy - half)), min(region.bottom, int(cy + half) + 1)
    if bottom - top < 3:
        return region.left, region.right
    strip = _mask(image.crop((region.left, top, region.right, bottom)), bg, EDGE_DIFFERENCE)
    profile = _profile(strip, "cols")
    left, right = region.left, region.right
    for x in range(box.left - region.left - 1, -1, -1):
        if profile[x] >= 0.97 * 255:
            left = region.left + x + 1
            break
    for x in range(box.right - region.left, len(profile)):
        if profile[x] >= 0.97 * 255:
            right = region.left + x
            break
    return left, right


def find_controls(image: Image.Image, region: Box, word_height: float,
                  kinds: frozenset[str] = frozenset({"switch", "radio", "checkbox"}),
                  text: list[tuple[Box, float, str]] = ()) -> list[Control]:  # type: ignore[assignment]
    """Every switch, radio button and checkbox inside ``region`` of an RGB image (image coordinates).
    ``text`` holds the boxes (and tesseract's confidence) of words read there: a shape inside a word
    (the letter o of "info") is no control; a frame around words (a rounded "Manage") is a "button"."""
    region = Box(max(0, region.left), max(0, region.top), min(image.width, region.right),
                 min(image.height, region.bottom))
    if region.width < 4 or region.height < 4:
        return []
    crop = image.crop((region.left, region.top, region.right, region.bottom))
    bg = _dominant_colour(crop)
    min_gap = max(2, int(0.3 * word_height))
    big = MAX_HEIGHT_WORDS * word_height
    found: list[Control] = []
    local = Box(0, 0, crop.width, crop.height)
    inside = [(Box(b.left - region.left, b.top - region.top, b.right - region.left, b.bottom - region.top), conf, word)
              for b, conf, word in text if b.right > region.left and b.left < region.right and b.bottom > region.top
              and b.top < region.bottom]
    for obj, obj_bg in _objects(crop, local, bg, min_gap, big):
        absolute = Box(obj.left + region.left, obj.top + region.top, obj.right + region.left, obj.bottom + region.top)
        if absolute.left <= 0 or absolute.top <= 0 or absolute.right >= image.width or absolute.bottom >= image.height:
            continue  # cut by the edge of the shot: only part of it shows
        if any(obj.left <= (t.left + t.right) / 2 <= obj.right and obj.top <= t.cy <= obj.bottom
               and _overlap(t, obj) < 0.6 for t, _, _ in inside):
            # (a word box as big as the shape is OCR reading the drawing itself)
            if 1.1 * word_height <= obj.height <= 3.5 * word_height and obj.width > obj.height:
                found.append(Control("button", obj, None, 0.0, "words in a frame: a button")
                             .moved(region.left, region.top))
            continue
        if any(_within(obj, t) >= 0.6 and _overlap(t, obj) < 0.6 and conf >= GLYPH_WORD_CONF
               and not (abs(obj.left - t.left) <= 3 and word[:1] in GLYPH_READINGS) for t, conf, word in inside):
            continue  # a letter of a word read with confidence ("o" in "info"), not a control beside it
            # (but a radio button run into the word after it, "Oon", is the radio button)
        # what the control is drawn on, right around it (a card's fill, which may differ from the
        # region's own background by too little to have been cut apart)
        around = _surround_colour(crop, obj, max(3, int(0.25 * word_height))) or obj_bg
        control = _classify(crop, obj, around, word_height, kinds)
        if control is None:
            continue
        left, right = _edge_columns(crop, obj, around, word_height, local)
        found.append(Control(control.kind, obj, control.state, control.clarity, control.detail, left, right)
                     .moved(region.left, region.top))
    return found


def _classify(image: Image.Image, box: Box, bg: tuple[int, ...], word_height: float,
              kinds: frozenset[str]) -> Control | None:
    w, h = box.width, box.height
    if h < 6 or w < 6:
        return None
    aspect = w / h
    is_switch_size = MIN_HEIGHT_WORDS * word_height <= h <= MAX_HEIGHT_WORDS * word_height \
        and MIN_ASPECT <= aspect <= MAX_ASPECT
    is_box_size = BOX_MIN_WORDS * word_height <= h <= BOX_MAX_WORDS * word_height \
        and BOX_MIN_ASPECT <= aspect <= BOX_MAX_ASPECT
    if not (is_switch_size or is_box_size):
        return None
    crop = image.crop((box.left, box.top, box.right, box.bottom))
    mask = _mask(crop, bg)
    if is_switch_size:
        if "switch" not in kinds or not _is_pill(mask, box):
            return None
        state, clarity, detail = measure_switch(image, box, bg)
        return Control("switch", box, state, clarity, detail)
    shape = _shape(mask)
    if shape == "circle" and "radio" in kinds:
        state, clarity, detail = _measure_radio(mask)
        return Control("radio", box, state, clarity, detail)
    if shape == "square" and "checkbox" in kinds:
        state, clarity, detail = _measure_checkbox(image, box, bg)
        return Control("checkbox", box, state, clarity, detail)
    return None


def find_rules(gray: Image.Image, min_share: float = 0.35, max_thickness: int = 6) -> list[Box]:
    """Horizontal rules in a grayscale shot: thin lines across a good part of it (row separators, dashed
    ones too), as boxes in image coordinates; the top and bottom edges of a box (a card, a frame around
    a list) are not rules."""
    found = _dominant_colour(gray)
    bg = found[0] if isinstance(found, tuple) else int(found)
    mask = gray.point(lambda v: 255 if abs(v - bg) > EDGE_DIFFERENCE else 0)  # (from the grayscale: no copies)
    rows = _profile(mask, "rows")
    width = gray.width
    rules: list[Box] = []
    y = 0
    while y < len(rows):
        if rows[y] / 255 * width < min_share * width:
            y += 1
            continue
        end = y
        while end + 1 < len(rows) and rows[end + 1] / 255 * width >= min_share * width:
            end += 1
        if end - y + 1 <= max_thickness:
            strip = mask.crop((0, y, width, end + 1)).getbbox()
            if strip is not None and not (_side(mask, strip[0], y, end, -1) and _side(mask, strip[2] - 1, y, end, 1)):
                rules.append(Box(strip[0], y, strip[2], end + 1))  # (a box's top or bottom edge is no rule)
        y = end + 1
    return rules


def _side(mask: Image.Image, x: int, top: int, bottom: int, outward: int) -> bool:
    """Does a vertical line leave the end of a rule at ``x`` (up or down, past a rounded corner)?"""
    for y0, y1 in ((bottom + 1, bottom + 15), (top - 14, top)):
        if y0 < 0 or y1 > mask.height:
            continue
        x0, x1 = (x - 20, x + 4) if outward < 0 else (x - 4, x + 20)
        window = mask.crop((max(0, x0), y0, min(mask.width, x1), y1))
        rows_with_ink = sum(1 for v in _profile(window, "rows") if v > 0)
        if rows_with_ink >= 0.8 * (y1 - y0):
            return True
    return False
