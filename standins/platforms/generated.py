"""The `generated` variant: for a seed, every setting of a page gets a randomly drawn structure, the
way a platform's redesigns (by many different front-end teams) bring them.

Python draws the structure (a `PageRecipe`, one `SettingRecipe` per setting) deterministically from
(seed, platform, page key); `static/generated.js` renders it with the account's current values. The
recipe never depends on the values, so a bench can ask `page_recipe(...)` which structure each
setting had and group its readings by kind (`setting_kinds`, `KINDS`).

Every structure is one a person reads unambiguously on screen: the live control (or status word)
sits visibly beside its label; decoy copies, which always show another value than the real one,
are either visibly disabled and greyed (under a "managed by your organization" heading) or not
visible at all (display:none, visibility:hidden, `hidden`, aria-hidden off-screen, inert and
transparent, `<template>`)."""

from __future__ import annotations

import hashlib
import itertools
import random
from functools import lru_cache

import msgspec

from core.errors import InvalidInput
from standins.platforms.catalog import PLATFORMS, SimSetting

# --- the vocabulary -----------------------------------------------------------------------------------
# the words a person reads for an on/off value (the platforms' own vocabulary)
ON_WORDS: tuple[str, ...] = ("On", "Turned on", "Enabled", "Allowed", "Active")
OFF_WORDS: tuple[str, ...] = ("Off", "Turned off", "Disabled", "Not allowed", "Paused", "Inactive")
# option pairs when an on/off setting is drawn as a two-option choice
SWITCH_OPTION_PAIRS: tuple[tuple[str, str], ...] = (
    ("On", "Off"),
    ("Allowed", "Not allowed"),
    ("Enabled", "Disabled"),
    ("Turned on", "Turned off"),
    ("Active", "Inactive"),
)

# --- the structure kinds (names as they appear in the recipe) -------------------------------------------
SWITCH_CONTROLS: tuple[str, ...] = (
    "switch",  # ARIA role=switch + aria-checked on a div, span or button
    "checkbox",  # native <input type=checkbox>
    "checkbox_switch",  # native <input type=checkbox role=switch>
    "pressed_button",  # toggle button with aria-pressed (<button> or div role=button)
    "radiogroup",  # two ARIA radios ("On"/"Off", "Allowed"/"Not allowed", ...)
    "native_radios",  # two native radios
    "select",  # native <select> with two options
    "status_text",  # no control: a status word beside the label
)
CHOICE_CONTROLS: tuple[str, ...] = (
    "radiogroup",  # ARIA radiogroup / radio + aria-checked
    "native_radios",  # <input type=radio> in a fieldset (or a div)
    "select",  # native <select>
    "combobox",  # ARIA combobox showing the chosen option; its listbox only exists while open
    "listbox",  # ARIA listbox, options with aria-selected
    "status_text",
)
TAGS: dict[str, tuple[str, ...]] = {
    "switch": ("div", "span", "button"),
    "checkbox": ("input",),
    "checkbox_switch": ("input",),
    "pressed_button": ("button", "div"),
    "radiogroup": ("div", "ul"),
    "native_radios": ("fieldset", "div"),
    "select": ("select",),
    "combobox": ("div", "button", "input"),
    "listbox": ("div", "ul"),
    "status_text": ("row", "dl", "table", "card_link"),  # the status row's layout
}
NAMINGS: tuple[str, ...] = ("aria_label", "aria_labelledby", "label_for", "label_wrap", "legend", "row_text")
_LABELABLE = {
    ("switch", "button"),
    ("checkbox", "input"),
    ("checkbox_switch", "input"),
    ("pressed_button", "button"),
    ("select", "select"),
    ("combobox", "button"),
    ("combobox", "input"),
}
HIDDEN_METHODS: tuple[str, ...] = ("display_none", "visibility_hidden", "hidden_attr", "aria_hidden", "inert")
CONTAINERS: tuple[str, ...] = ("plain", "disclosure", "details", "virtual")
IFRAMES: tuple[str, ...] = ("none", "srcdoc", "url")
MENTIONS: tuple[str, ...] = ("help", "nav", "recent")
LABEL_TAGS: tuple[str, ...] = ("span", "div", "p", "h3", "strong")

MAX_DELAY_MS = 3000
MAX_LATE_MS = 3000

SECTION_TITLES = (
    "Your activity",
    "History settings",
    "Ads and data",
    "Privacy",
    "More settings",
    "Other settings",
    "Preferences",
    "Controls",
    "Your choices",
    "Visibility",
)
MANAGED_TITLE = "Work profile, managed by your organization"
FILLER_ROWS = (
    "Download your data",
    "Manage devices",
    "Connected apps",
    "Privacy checkup",
    "Saved passwords",
    "Payment methods",
    "Language",
    "Accessibility",
    "Notifications",
    "Linked accounts",
    "Storage",
    "Family group",
    "Security checkup",
    "Recovery options",
)
INTROS = (
    "Choose what is saved to your account and how it is used.",
    "Review the choices you made and change them at any time.",
    "These settings apply wherever you are signed in.",
    "Your choices help decide what you see.",
)
HELP_TEMPLATES = (
    "Learn more about “{label}” and how it affects the information we keep.",
    "You can change “{label}” at any time. If it's turned off, some features may work differently.",
    "Why does “{label}” matter? This setting applies to your whole account.",
    "Changes to “{label}” may take a few minutes to reach all your devices.",
)


class Word(msgspec.Struct, frozen=True):
    """A value and the words the page shows for it."""

    value: str
    text: str


class Mention(msgspec.Struct, frozen=True):
    """The label mentioned outside the setting: help paragraph, navigation link, "Recently viewed"."""

    kind: str  # help | nav | recent
    text: str


class Decoys(msgspec.Struct, frozen=True):
    """Copies of the setting that are not the live one; each shows `values[(i + shift) % n]`, never the
    real value `values[i]`."""

    shift: int = 1
    disabled: bool = False  # greyed copy, disabled / aria-disabled, in the managed "Work profile" section
    hidden: str = "none"  # none | display_none | visibility_hidden | hidden_attr | aria_hidden | inert
    hidden_place: str = ""  # beside (next to the live row) | page_end
    template: bool = False  # a copy inside a <template>
    mentions: tuple[Mention, ...] = ()


class SettingRecipe(msgspec.Struct, frozen=True):
    key: str
    label: str  # the catalog's label, shown visibly in the row
    kind: str  # the catalog's kind: switch | choice | radio
    values: tuple[str, ...]  # the value space, in catalog order
    section: int  # index into PageRecipe.sections
    control: str  # one of SWITCH_CONTROLS / CHOICE_CONTROLS
    tag: str  # the control's element (TAGS); for status_text, the row layout
    naming: str  # how the name is bound (NAMINGS)
    label_tag: str  # the element of the visible label text (label for label_for/label_wrap, legend)
    words: tuple[Word, ...]  # what the page shows for each value (status words, option texts, echo)
    option_order: tuple[str, ...]  # values in the DOM order of radios / select / listbox options
    option_binding: str  # native radios: label_wrap | label_for | adjacent; "" otherwise
    options_inline: bool  # radios / listbox options side by side rather than stacked
    opaque_values: bool  # native <option>/<input> value attributes are opaque ids, not the values
    echo: str  # switch-like controls: "" | text | aria_hidden: a visible status word beside the control
    action: bool  # status_text: a "Manage" button in the row (does nothing to the setting)
    description: str  # the catalog description shown under the label ("" when not drawn)
    label_first: bool  # label before the control in DOM order
    visual: str  # none | order (CSS order swaps them) | row_reverse (flex-direction: row-reverse)
    wrap_row: int  # extra div/span wrappers around the row (0-4)
    wrap_label: int  # ... around the label text (0-4)
    wrap_control: int  # ... around the control (0-4)
    shadow: int  # open shadow roots (custom elements) around the row (0-2)
    decoys: Decoys

    def word(self, value: str) -> str:
        return next(w.text for w in self.words if w.value == value)

    def decoy_value(self, value: str) -> str:
        """The value every decoy copy shows while the real value is `value`."""
        i = self.values.index(value)
        return self.values[(i + self.decoys.shift) % len(self.values)]


class SectionRecipe(msgspec.Struct, frozen=True):
    index: int
    title: str
    keys: tuple[str, ...]  # its settings, in DOM order
    container: str  # plain | disclosure | details | virtual
    disclosure: str  # toggle (content in the DOM, hidden) | render (built on first open); "" otherwise
    lazy: bool  # rendered only when the user scrolls to the bottom (IntersectionObserver on a sentinel)
    iframe: str  # none | srcdoc | url (same host, /_/frame)
    iframe_depth: int  # nested same-origin iframes around the section (0-2)
    shadow: int  # open shadow roots around the section (0-2)
    late_ms: int  # the innermost shadow root's content arrives this late (0: at once)
    fillers: tuple[str, ...]  # virtual: the other rows of the list
    positions: tuple[int, ...]  # virtual: each setting's row index in the list (same order as keys)


class PageRecipe(msgspec.Struct, frozen=True):
    seed: int
    platform: str
    page: str
    salt: str  # seeds the renderer's class names and ids
    delay_ms: int  # content renders this late (the heading and "Loading…" show at once)
    consent: bool  # a cookie-consent modal ("Accept all" / "Reject all") covers the page
    intro: str
    managed: str  # "" (no disabled copies) | before | after: where the managed section sits
    sections: tuple[SectionRecipe, ...]
    settings: tuple[SettingRecipe, ...]  # in DOM order (section by section)

    def setting(self, key: str) -> SettingRecipe:
        found = next((s for s in self.settings if s.key == key), None)
        if found is None:
            raise InvalidInput(f"{self.platform}/{self.page} has no setting {key!r}")
        return found


# --- drawing -------------------------------------------------------------------------------------------
def _rng(seed: int, platform: str, page: str) -> random.Random:
    digest = hashlib.sha256(f"loopwho-generated|{seed}|{platform}|{page}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _depth(rng: random.Random) -> int:
    return rng.choices((0, 1, 2, 3, 4), weights=(4, 3, 2, 1, 1))[0]


def _namings(control: str, tag: str) -> tuple[str, ...]:
    if control == "status_text":
        return ("row_text",)
    names = ["aria_label", "aria_labelledby", "row_text"]
    if (control, tag) in _LABELABLE:
        names += ["label_for", "label_wrap"]
    if control == "native_radios" and tag == "fieldset":
        names.append("legend")
    return tuple(names)


def _words(rng: random.Random, setting: SimSetting, control: str) -> tuple[Word, ...]:
    if setting.kind == "switch":
        if control in ("radiogroup", "native_radios", "select"):
            on, off = rng.choice(SWITCH_OPTION_PAIRS)
        else:
            on, off = rng.choice(ON_WORDS), rng.choice(OFF_WORDS)
        return (Word("on", on), Word("off", off))
    short = rng.random() < 0.5 and all(o.short for o in setting.options)
    return tuple(Word(o.value, o.short if short else o.text) for o in setting.options)


def _setting(rng: random.Random, setting: SimSetting, section: int) -> SettingRecipe:
    controls = SWITCH_CONTROLS if setting.kind == "switch" else CHOICE_CONTROLS
    control = rng.choice(controls)
    tag = rng.choice(TAGS[control])
    naming = rng.choice(_namings(control, tag))
    if naming in ("label_for", "label_wrap"):
        label_tag = "label"
    elif naming == "legend":
        label_tag = "legend"
    else:
        label_tag = rng.choice(LABEL_TAGS)
    values = tuple(setting.values)
    option_order = values if setting.kind != "switch" or rng.random() < 0.6 else tuple(reversed(values))
    # rows whose parts must keep their order: a legend leads its fieldset, dt/dd and th/td read in order
    fixed = naming == "legend" or tag in ("dl", "table", "card_link")
    label_first = True if fixed else rng.random() < 0.7
    visual = "none" if fixed else _pick(rng, {"none": 3, "order": 1, "row_reverse": 1})
    shift = rng.randint(1, len(values) - 1)
    hidden = _pick(rng, {"none": 6, **dict.fromkeys(HIDDEN_METHODS, 0.8)})
    mentions = []
    for kind in MENTIONS:
        if rng.random() < 0.2:
            text = rng.choice(HELP_TEMPLATES).format(label=setting.label) if kind == "help" else setting.label
            mentions.append(Mention(kind, text))
    decoys = Decoys(
        shift=shift,
        disabled=rng.random() < 0.2,
        hidden=hidden,
        hidden_place="" if hidden == "none" else rng.choice(("beside", "page_end")),
        template=rng.random() < 0.15,
        mentions=tuple(mentions),
    )
    switch_like = control in ("switch", "checkbox", "checkbox_switch", "pressed_button")
    return SettingRecipe(
        key=setting.key,
        label=setting.label,
        kind=setting.kind,
        values=values,
        section=section,
        control=control,
        tag=tag,
        naming=naming,
        label_tag=label_tag,
        words=_words(rng, setting, control),
        option_order=option_order,
        option_binding=rng.choice(("label_wrap", "label_for", "adjacent")) if control == "native_radios" else "",
        options_inline=rng.random() < 0.4,
        opaque_values=control in ("select", "native_radios") and rng.random() < 0.4,
        echo=_pick(rng, {"": 3, "text": 1, "aria_hidden": 1}) if switch_like else "",
        action=control == "status_text" and rng.random() < 0.5,
        description=setting.description if setting.description and rng.random() < 0.5 else "",
        label_first=label_first,
        visual=visual,
        wrap_row=_depth(rng),
        wrap_label=_depth(rng),
        wrap_control=_depth(rng),
        shadow=rng.choices((0, 1, 2), weights=(6, 3, 1))[0],
        decoys=decoys,
    )


def _sections(rng: random.Random, keys: list[str]) -> list[tuple[str, ...]]:
    count = rng.randint(1, len(keys))
    cuts = sorted(rng.sample(range(1, len(keys)), count - 1))
    bounds = [0, *cuts, len(keys)]
    return [tuple(keys[a:b]) for a, b in itertools.pairwise(bounds)]


def _section(rng: random.Random, index: int, title: str, keys: tuple[str, ...]) -> SectionRecipe:
    container = _pick(rng, {"plain": 3, "disclosure": 2, "details": 1, "virtual": 1.5})
    iframe = _pick(rng, {"none": 6, "srcdoc": 2, "url": 2})
    shadow = rng.choices((0, 1, 2), weights=(5, 3, 2))[0]
    fillers: tuple[str, ...] = ()
    positions: tuple[int, ...] = ()
    if container == "virtual":
        fillers = tuple(rng.sample(FILLER_ROWS, rng.randint(4, 9)))
        positions = tuple(sorted(rng.sample(range(len(fillers) + len(keys)), len(keys))))
    return SectionRecipe(
        index=index,
        title=title,
        keys=keys,
        container=container,
        disclosure=rng.choice(("toggle", "render")) if container == "disclosure" else "",
        lazy=rng.random() < 0.25,
        iframe=iframe,
        iframe_depth=0 if iframe == "none" else rng.randint(1, 2),
        shadow=shadow,
        late_ms=rng.randint(800, MAX_LATE_MS) if shadow and rng.random() < 0.4 else 0,
        fillers=fillers,
        positions=positions,
    )


@lru_cache(maxsize=4096)
def page_recipe(platform: str, page: str, seed: int) -> PageRecipe:
    """The structure of a settings page for a seed: the same (platform, page, seed) gives the same recipe,
    in any process."""
    p = PLATFORMS.get(platform)
    if p is None:
        raise InvalidInput(f"unknown platform {platform!r}: use one of {', '.join(PLATFORMS)}")
    if p.page(page) is None:
        raise InvalidInput(f"{platform} has no page {page!r}: use one of {[x.key for x in p.pages]}")
    if not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed < 2**63:
        raise InvalidInput("seed: a non-negative integer")
    rng = _rng(seed, platform, page)
    catalog = [s for s in p.settings if s.page == page]
    keys = [s.key for s in catalog]
    rng.shuffle(keys)
    groups = _sections(rng, keys) if keys else []
    titles = rng.sample(SECTION_TITLES, len(groups))
    sections = [_section(rng, i, titles[i], g) for i, g in enumerate(groups)]
    by_key = {s.key: s for s in catalog}
    settings = [_setting(rng, by_key[k], sec.index) for sec in sections for k in sec.keys]
    delay = 0 if rng.random() < 0.25 else rng.randint(200, MAX_DELAY_MS)
    return PageRecipe(
        seed=seed,
        platform=platform,
        page=page,
        salt=f"{int.from_bytes(rng.randbytes(4), 'big'):08x}",
        delay_ms=delay,
        consent=rng.random() < 0.2,
        intro=rng.choice(INTROS),
        managed=rng.choice(("before", "after")) if any(s.decoys.disabled for s in settings) else "",
        sections=tuple(sections),
        settings=tuple(settings),
    )


def recipes(platform: str, page: str, seed: int) -> list[SettingRecipe]:
    """Each setting's recipe on that page for that seed, in DOM order."""
    return list(page_recipe(platform, page, seed).settings)


# --- kinds: what a bench groups its results by ----------------------------------------------------------
KINDS: dict[str, tuple[str, ...]] = {
    "control": tuple(dict.fromkeys(SWITCH_CONTROLS + CHOICE_CONTROLS)),
    "tag": tuple(dict.fromkeys(t for tags in TAGS.values() for t in tags)),
    "naming": NAMINGS,
    "dom_order": ("label_first", "control_first"),
    "visual": ("none", "order", "row_reverse"),
    "wrap_depth": ("0", "1", "2", "3", "4"),
    "echo": ("none", "text", "aria_hidden"),
    "row_shadow": ("0", "1", "2"),
    "container": CONTAINERS,
    "disclosure": ("none", "toggle", "render"),
    "lazy": ("no", "yes"),
    "iframe": IFRAMES,
    "iframe_depth": ("0", "1", "2"),
    "section_shadow": ("0", "1", "2"),
    "late_shadow": ("no", "yes"),
    "delay": ("none", "under_1s", "1s_to_3s"),
    "consent": ("no", "yes"),
    "decoy_disabled": ("no", "yes"),
    "decoy_hidden": ("none", *HIDDEN_METHODS),
    "decoy_template": ("no", "yes"),
    "mention_help": ("no", "yes"),
    "mention_nav": ("no", "yes"),
    "mention_recent": ("no", "yes"),
}


def setting_kinds(recipe: PageRecipe, key: str) -> dict[str, str]:
    """The structure kinds one setting was drawn with, one value per axis of `KINDS`."""
    s = recipe.setting(key)
    sec = recipe.sections[s.section]
    yes = {True: "yes", False: "no"}
    mentions = {m.kind for m in s.decoys.mentions}
    delay = "none" if recipe.delay_ms == 0 else ("under_1s" if recipe.delay_ms < 1000 else "1s_to_3s")
    return {
        "control": s.control,
        "tag": s.tag,
        "naming": s.naming,
        "dom_order": "label_first" if s.label_first else "control_first",
        "visual": s.visual,
        "wrap_depth": str(max(s.wrap_row, s.wrap_label, s.wrap_control)),
        "echo": s.echo or "none",
        "row_shadow": str(s.shadow),
        "container": sec.container,
        "disclosure": sec.disclosure or "none",
        "lazy": yes[sec.lazy],
        "iframe": sec.iframe,
        "iframe_depth": str(sec.iframe_depth),
        "section_shadow": str(sec.shadow),
        "late_shadow": yes[sec.late_ms > 0],
        "delay": delay,
        "consent": yes[recipe.consent],
        "decoy_disabled": yes[s.decoys.disabled],
        "decoy_hidden": s.decoys.hidden,
        "decoy_template": yes[s.decoys.template],
        "mention_help": yes["help" in mentions],
        "mention_nav": yes["nav" in mentions],
        "mention_recent": yes["recent" in mentions],
    }


def page_kinds(platform: str, page: str, seed: int) -> dict[str, dict[str, str]]:
    """`setting_kinds` for every setting of a page: key -> axis -> kind."""
    recipe = page_recipe(platform, page, seed)
    return {s.key: setting_kinds(recipe, s.key) for s in recipe.settings}


def recipe_data(recipe: PageRecipe) -> dict[str, object]:
    """The recipe as plain JSON data (lists, dicts), the shape the renderer receives."""
    return msgspec.json.decode(msgspec.json.encode(recipe))
