"""Local stand-ins for Google, Facebook and Microsoft: one HTTPS server under the real host names,
cookie-gated, rendered by JavaScript, with page variants (see README.md)."""

from standins.platforms.catalog import VARIANTS
from standins.platforms.simulator import Simulator

__all__ = ["VARIANTS", "Simulator"]
