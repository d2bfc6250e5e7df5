"""Drawn toggles (switches) measured from pixels: find the pill-shaped track, then read its colour
(coloured = on, grey = off) and the knob's side (right = on). Both cues must agree to be sure."""

from __future__ import annotations

import colorsys
from collections.abc import Iterator
from dataclasses import dataclass

from PIL import Image, ImageChops

from ocr.types import Box

# a pixel belongs to an object when one channel differs this much from the local background
FOREGROUND_DIFFERENCE = 14
# pill proportions, relative to the label's word height
MIN_HEIGHT_WORDS, MAX_HEIGHT_WORDS = 0.7, 3.6
MIN_ASPECT, MAX_ASPECT = 1.3, 3.2
# a track is "coloured" above this HSV saturation (blue/green); grey and white sit near 0
COLOURED_SATURATION = 0.28
# fraction trimmed from each end of the centre row (the track's border and rounded ends)
END_TRIM = 0.08


@dataclass(frozen=True)
class Toggle:
    box: Box
    is_on: bool | None  # None: the cues disagree or are too faint
    clarity: float  # 0..1, how clearly the pixels say it
    detail: str


def _dominant_colour(image: Image.Image) -> tuple[int, ...]:
    small = image if image.width * image.height <= 40_000 else image.reduce(4)
    colours = small.getcolors(small.width * small.height) or [(1, (255, 255, 255))]
    return max(colours)[1]


def _foreground(image: Image.Image) -> Image.Image:
    """1-bit-like mask (mode L, 0/255): pixels that differ from the region's own background."""
    bg = Image.new("RGB", image.size, _dominant_colour(image))
    r, g, b = ImageChops.difference(image, bg).split()
    strongest = ImageChops.lighter(ImageChops.lighter(r, g), b)
    return strongest.point(lambda v: 255 if v > FOREGROUND_DIFFERENCE else 0)


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


def _objects(mask: Image.Image, box: Box, min_gap: int, depth: int = 0) -> Iterator[Box]:
    """Recursive XY cut: rows of content, then columns within each row, until nothing splits."""
    crop = mask.crop((box.left, box.top, box.right, box.bottom))
    for r0, r1 in _runs(_profile(crop, "rows"), 1):
        row = crop.crop((0, r0, crop.width, r1))
        for c0, c1 in _runs(_profile(row, "cols"), min_gap):
            piece = row.crop((c0, 0, c1, row.height)).getbbox()
            if piece is None:
                continue
            found = Box(box.left + c0 + piece[0], box.top + r0 + piece[1],
                        box.left + c0 + piece[2], box.top + r0 + piece[3])
            if found == box or depth >= 4:
                yield found
            else:
                yield from _objects(mask, found, min_gap, depth + 1)


def _is_pill(mask: Image.Image, box: Box, word_height: float) -> bool:
    w, h = box.width, box.height
    if not (MIN_HEIGHT_WORDS * word_height <= h <= MAX_HEIGHT_WORDS * word_height):
        return False
    if not (MIN_ASPECT <= w / h <= MAX_ASPECT):
        return False
    px = mask.load()
    # rounded ends: the bounding box's corners are empty
    for x, y in ((box.left, box.top), (box.right - 1, box.top), (box.left, box.bottom - 1),
                 (box.right - 1, box.bottom - 1)):
        if px[x, y]:
            return False
    # straight top and bottom edges: every column between the rounded ends reaches near both edges
    # (text has gaps between letters and uneven tops)
    ends = h // 2
    columns = range(box.left + ends, box.right - ends)
    straight = 0
    for x in columns:
        filled = [y for y in range(box.top, box.bottom) if px[x, y]]
        if filled and filled[0] - box.top <= 0.25 * h and box.bottom - 1 - filled[-1] <= 0.25 * h:
            straight += 1
    return len(columns) > 0 and straight >= 0.95 * len(columns)


def _two_means(pixels: list[tuple[int, int, int]]) -> tuple[list[int], list[tuple[float, float, float]]]:
    """Split colours into two groups (the track and the knob); returns a label per pixel and centres."""
    def lum(p: tuple[int, ...]) -> float:
        return 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2]

    centres = [tuple(map(float, min(pixels, key=lum))), tuple(map(float, max(pixels, key=lum)))]
    labels = [0] * len(pixels)
    for _ in range(8):
        for i, p in enumerate(pixels):
            d = [sum((p[k] - c[k]) ** 2 for k in range(3)) for c in centres]
            labels[i] = 0 if d[0] <= d[1] else 1
        for c in (0, 1):
            members = [pixels[i] for i in range(len(pixels)) if labels[i] == c]
            if members:
                centres[c] = tuple(sum(m[k] for m in members) / len(members) for k in range(3))
    return labels, centres  # type: ignore[return-value]


def _saturation(colour: tuple[float, float, float]) -> float:
    return colorsys.rgb_to_hsv(*(c / 255 for c in colour))[1]


def _lightness(colour: tuple[float, float, float]) -> float:
    return 0.299 * colour[0] + 0.587 * colour[1] + 0.114 * colour[2]


def measure(image: Image.Image, box: Box) -> Toggle:
    """Read one pill: which colour group is the knob, where it sits, and whether the track is coloured."""
    cy = (box.top + box.bottom) // 2
    trim = max(1, int(END_TRIM * box.width))
    rows = [y for y in (cy - 1, cy, cy + 1) if box.top <= y < box.bottom]
    xs = range(box.left + trim, box.right - trim)
    px = image.load()
    pixels = [tuple(sum(px[x, y][k] for y in rows) // len(rows) for k in range(3)) for x in xs]
    labels, centres = _two_means(pixels)  # type: ignore[arg-type]
    separation = sum((centres[0][k] - centres[1][k]) ** 2 for k in range(3)) ** 0.5
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
        track = 0 if _lightness(centres[0]) < _lightness(centres[1]) else 1  # light knob on grey
        how = "light knob"
    knob = 1 - track
    knob_xs = [i for i in range(n) if labels[i] == knob]
    if not knob_xs or separation < 12:
        return Toggle(box, None, 0.0, "no knob distinguishable")
    centre = (sum(knob_xs) / len(knob_xs)) / max(1, n - 1)  # 0 = left end, 1 = right end
    knob_right = centre > 0.5
    coloured = sat[track] >= COLOURED_SATURATION
    side_clarity = min(1.0, abs(centre - 0.5) / 0.25)
    colour_clarity = min(1.0, separation / 40)
    clarity = side_clarity * colour_clarity
    detail = (f"knob at {centre:.2f} ({how}), track saturation {sat[track]:.2f}, "
              f"knob/track contrast {separation:.0f}")
    if knob_right != coloured:
        return Toggle(box, None, clarity * 0.5, f"cues disagree: {detail}")
    return Toggle(box, knob_right, clarity, detail)


def find_toggles(image: Image.Image, region: Box, word_height: float) -> list[Toggle]:
    """Every pill-shaped switch inside ``region`` (image coordinates), measured."""
    region = Box(max(0, region.left), max(0, region.top), min(image.width, region.right),
                 min(image.height, region.bottom))
    if region.width < 4 or region.height < 4:
        return []
    crop = image.crop((region.left, region.top, region.right, region.bottom))
    mask = _foreground(crop)
    local = Box(0, 0, crop.width, crop.height)
    min_gap = max(2, int(0.3 * word_height))
    toggles = []
    for obj in _objects(mask, local, min_gap):
        if _is_pill(mask, obj, word_height):
            found = measure(crop, obj)
            toggles.append(Toggle(Box(obj.left + region.left, obj.top + region.top,
                                      obj.right + region.left, obj.bottom + region.top),
                                  found.is_on, found.clarity, found.detail))
    return toggles
