"""One tesseract pass over a prepared page image, and the words grouped into rows and segments.

A segment is a run of words on one visual row with ordinary word spacing between them; a wide gap
(label on the left, value on the right) starts a new segment.
"""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass

import pytesseract
from PIL import Image, ImageOps

from ocr.types import Box, Word

# sparse text: the default page segmentation drops short words such as "On" (STACK-NOTES)
TESSERACT_CONFIG = "--psm 11"
# a horizontal gap wider than this many word heights separates two segments
SEGMENT_GAP_HEIGHTS = 1.6


@dataclass(frozen=True)
class Segment:
    words: tuple[Word, ...]

    @property
    def box(self) -> Box:
        box = self.words[0].box
        for word in self.words[1:]:
            box = box.union(word.box)
        return box

    @property
    def line_height(self) -> float:
        heights = sorted(w.box.height for w in self.words)
        return float(heights[len(heights) // 2])


def prepare_for_ocr(image: Image.Image, scale: int) -> Image.Image:
    """Grayscale, stretched contrast, dark themes turned light (tesseract reads dark on light best)."""
    gray = image.convert("L")
    if scale > 1:
        gray = gray.resize((gray.width * scale, gray.height * scale), Image.Resampling.LANCZOS)
    gray = ImageOps.autocontrast(gray)
    histogram = gray.histogram()
    dark = sum(histogram[:128])
    if dark > sum(histogram[128:]):
        gray = ImageOps.invert(gray)
    return gray


def read_words(gray: Image.Image, scale: int, config: str = TESSERACT_CONFIG, crop: bool = True) -> list[Word]:
    """Every word tesseract finds, in the coordinates of the original (unscaled) image."""
    # tesseract's OpenMP threads make one page 4x slower on a busy small machine; one thread per
    # call (pytesseract's subprocess inherits this environment); an operator's own value wins
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    left = top = 0
    if crop:
        # blank margins cost tesseract time and hold nothing: read only the part with ink on it
        ink = ImageOps.invert(gray).point(lambda v: 255 if v > 40 else 0).getbbox()
        if ink is None:
            return []
        pad = 8
        left, top = max(0, ink[0] - pad), max(0, ink[1] - pad)
        gray = gray.crop((left, top, min(gray.width, ink[2] + pad), min(gray.height, ink[3] + pad)))
    data = pytesseract.image_to_data(gray, config=config, output_type=pytesseract.Output.DICT)
    words: list[Word] = []
    for i, text in enumerate(data["text"]):
        text = text.strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        x, y = (data["left"][i] + left) // scale, (data["top"][i] + top) // scale
        box = Box(x, y, x + max(1, data["width"][i] // scale), y + max(1, data["height"][i] // scale))
        words.append(Word(text=text, conf=conf, box=box))
    return words


def read_stacked(grays: list[Image.Image], config: str = TESSERACT_CONFIG, scale: int = 1,
                 gap: int = 40) -> list[list[Word]]:
    """One tesseract pass over several prepared images stacked top to bottom (a process start and a
    model load per image saved); each image's words in its own coordinates."""
    if not grays:
        return []
    if len(grays) == 1:
        return [read_words(grays[0], scale, config)]
    width = max(g.width for g in grays)
    tops = list(itertools.accumulate((g.height + gap for g in grays[:-1]), initial=0))
    canvas = Image.new("L", (width, tops[-1] + grays[-1].height), 255)
    for g, top in zip(grays, tops, strict=True):
        canvas.paste(g, (0, top))
    out: list[list[Word]] = [[] for _ in grays]
    for w in read_words(canvas, scale, config, crop=False):
        for k in range(len(grays) - 1, -1, -1):
            if w.box.cy >= tops[k] // scale:
                dy = tops[k] // scale
                if w.box.bottom - dy <= grays[k].height // scale + 1:
                    out[k].append(Word(w.text, w.conf, Box(w.box.left, w.box.top - dy, w.box.right, w.box.bottom - dy)))
                break
    return out


def read_lines(gray: Image.Image, boxes: list[Box]) -> list[list[Word]]:
    """Read the words in a few small boxes again, each as a line of its own, in one tesseract pass (a
    word OCR ran together with a radio button beside it, read without it; a short word it was unsure
    of). Image coordinates."""
    crops = []
    for box in boxes:
        crop = gray.crop((max(0, box.left), max(0, box.top), min(gray.width, box.right), min(gray.height, box.bottom)))
        zoom = 2 if crop.height < 60 else 1  # short words read better larger
        if zoom > 1:
            crop = crop.resize((crop.width * zoom, crop.height * zoom), Image.Resampling.LANCZOS)
        pad = max(4, crop.height // 2)
        framed = Image.new("L", (crop.width + 2 * pad, crop.height + 2 * pad), 255)
        framed.paste(ImageOps.autocontrast(crop), (pad, pad))
        crops.append((framed, pad, zoom))
    found = read_stacked([c for c, _, _ in crops], config="--psm 6") if crops else []
    out = []
    for box, (_, pad, zoom), words in zip(boxes, crops, found, strict=True):
        x0, y0 = max(0, box.left), max(0, box.top)
        out.append([Word(w.text, w.conf, Box(x0 + (w.box.left - pad) // zoom, y0 + (w.box.top - pad) // zoom,
                                             x0 + (w.box.right - pad) // zoom, y0 + (w.box.bottom - pad) // zoom))
                    for w in words])
    return out


def group_rows(words: list[Word]) -> list[list[Word]]:
    """Words sharing a visual row, rows top to bottom, words left to right. A word joins the row whose
    centre line is closest to its own, within under half a word height (a tall mark, such as a switch
    read as text, never bridges two rows nor moves a row's centre line)."""
    rows: list[list[Word]] = []
    centres: list[float] = []

    def is_mark(word: Word) -> bool:  # a drawing read as a character ("©" for a radio button)
        return sum(ch.isalnum() for ch in word.text) < 2

    # words first, marks after: a tall mark must not drag a row's centre line away from its words
    for word in sorted(words, key=lambda w: (is_mark(w), w.box.cy)):
        best, best_dy = None, 0.0
        for i, row in enumerate(rows):
            height = min(word.box.height, sorted(w.box.height for w in row)[len(row) // 2])
            dy = abs(word.box.cy - centres[i])
            if dy < 0.45 * height and (best is None or dy < best_dy):
                best, best_dy = i, dy
        if best is None:
            rows.append([word])
            centres.append(word.box.cy)
        else:
            rows[best].append(word)
            if not is_mark(word):
                real = [w for w in rows[best] if not is_mark(w)]
                centres[best] = sum(w.box.cy for w in real) / len(real)
    for row in rows:
        row.sort(key=lambda w: w.box.left)
    rows.sort(key=lambda r: min(w.box.top for w in r))
    return rows


def split_segments(row: list[Word]) -> list[Segment]:
    segments: list[list[Word]] = [[row[0]]]
    for prev, word in itertools.pairwise(row):
        height = max(prev.box.height, word.box.height, 1)
        if word.box.left - prev.box.right > SEGMENT_GAP_HEIGHTS * height:
            segments.append([word])
        else:
            segments[-1].append(word)
    return [Segment(tuple(s)) for s in segments]


def segments_of(words: list[Word]) -> list[Segment]:
    return [seg for row in group_rows(words) if row for seg in split_segments(row)]
