"""Errors of the analysis room; each says what to do next."""

from core.errors import LoopwhoError


class SnapshotFormatError(LoopwhoError):
    """A stored snapshot cannot be read back (not written by render_snapshot, or edited by hand)."""


class NothingToAnalyse(LoopwhoError):
    """No confident reading exists, so no score can honestly be given."""
