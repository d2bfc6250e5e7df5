"""Screenshot OCR: label-anchored reading of settings from a PNG (see README.md)."""

from ocr.reader import read_settings
from ocr.types import OcrReading, OcrTarget

__all__ = ["OcrReading", "OcrTarget", "read_settings"]
