"""Local stand-ins for Google, Facebook and Microsoft: one HTTPS server under the real host names,
cookie-gated, rendered by JavaScript, with page variants (see README.md)."""

from standins.platforms.catalog import ALL_VARIANTS, GENERATED, VARIANTS
from standins.platforms.generated import PageRecipe, SettingRecipe, page_kinds, page_recipe, recipes, setting_kinds
from standins.platforms.simulator import Simulator
from standins.platforms.state import PageChange

__all__ = [
    "ALL_VARIANTS",
    "GENERATED",
    "VARIANTS",
    "PageChange",
    "PageRecipe",
    "SettingRecipe",
    "Simulator",
    "page_kinds",
    "page_recipe",
    "recipes",
    "setting_kinds",
]
