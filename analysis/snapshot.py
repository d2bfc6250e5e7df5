"""A scan as a Markdown snapshot, its content hash, and the way back from Markdown to data.

The body holds no timestamp and no raw confidence number, so the same settings give the same bytes
and the same hash (OCR confidence jitters from scan to scan; only "confident" / "uncertain" /
"not found" is written). The date lives in the blob's name (``snapshot_key``), not in the body.

Layout (parsed back by ``parse_snapshot``)::

    # Privacy snapshot: google
    - platform / pack version / status lines
    ## Settings          one table row per setting, sorted by key
    ## Policy: <key>     title / url / status lines, then one ``### heading`` per section

Escaping: table cells escape ``\\`` and ``|``; section text lines that start with ``#`` or ``\\`` get
a leading backslash (Markdown's own escape), so text from web pages cannot forge structure.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

import msgspec

from analysis.errors import SnapshotFormatError
from analysis.specs import SettingSpec
from core.types import ScanResult

NOT_FOUND = "not found"
CONFIDENT = "confident"
UNCERTAIN = "uncertain"
_NONE = "—"
_TABLE_HEADER = "| key | label | value | method | confidence |"
_TABLE_RULE = "| --- | --- | --- | --- | --- |"
_CELL_SPLIT = re.compile(r"(?<!\\)\|")


class SnapshotSetting(msgspec.Struct, kw_only=True, frozen=True):
    key: str
    label: str
    value: str | None
    method: str | None
    uncertain: bool = False

    @property
    def confident(self) -> bool:
        return self.value is not None and not self.uncertain


class PolicySnapshot(msgspec.Struct, kw_only=True, frozen=True):
    key: str
    title: str = ""
    url: str = ""
    status: str = "ok"
    sections: dict[str, str] = {}  # heading (made unique) -> text


class SnapshotData(msgspec.Struct, kw_only=True, frozen=True):
    platform: str
    pack_version: str
    status: str
    settings: dict[str, SnapshotSetting]
    policies: dict[str, PolicySnapshot] = {}


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _unique_sections(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Headings as dict keys; a repeated heading gets " (2)", " (3)" so no section is lost."""
    out: dict[str, str] = {}
    for heading, text in pairs:
        base = _one_line(heading) or "(untitled)"
        name, n = base, 1
        while name in out:
            n += 1
            name = f"{base} ({n})"
        out[name] = text.strip("\n")
    return out


def snapshot_data(platform: str, scan: ScanResult, specs: Iterable[SettingSpec]) -> SnapshotData:
    """The structured content of a snapshot, straight from a scan (what parse_snapshot gives back)."""
    spec_map = {s.key: s for s in specs}
    uncertain_keys = set(scan.uncertain_keys)
    settings: dict[str, SnapshotSetting] = {}
    for reading in scan.readings:
        if reading.key in settings:
            continue  # the first reading of a key wins; later ones are retries of the same read
        spec = spec_map.get(reading.key)
        settings[reading.key] = SnapshotSetting(
            key=reading.key,
            label=_one_line(reading.label or (spec.label if spec else reading.key)),
            value=reading.value,
            method=reading.method if reading.value is not None else None,
            uncertain=reading.value is not None and (reading.uncertain or reading.key in uncertain_keys),
        )
    for key, spec in spec_map.items():
        settings.setdefault(
            key, SnapshotSetting(key=key, label=_one_line(spec.label), value=None, method=None)
        )
    policies = {
        doc.key: PolicySnapshot(
            key=doc.key,
            title=_one_line(doc.title),
            url=_one_line(doc.url),
            status=doc.status,
            sections=(
                _unique_sections((s.heading, s.text) for s in doc.sections) if doc.status == "ok" else {}
            ),
        )
        for doc in sorted(scan.policies, key=lambda d: d.key)
    }
    return SnapshotData(
        platform=platform,
        pack_version=_one_line(scan.pack_version),
        status=scan.status,
        settings=dict(sorted(settings.items())),
        policies=policies,
    )


def _cell(text: str | None) -> str:
    if text is None or text == "":
        return _NONE
    return _one_line(text).replace("\\", "\\\\").replace("|", "\\|")


def _uncell(text: str) -> str | None:
    text = text.strip()
    if text == _NONE:
        return None
    return re.sub(r"\\(.)", r"\1", text)


def _escape_text_line(line: str) -> str:
    return "\\" + line if line.startswith(("#", "\\")) else line


def render_data(data: SnapshotData) -> str:
    lines = [
        f"# Privacy snapshot: {data.platform}",
        "",
        f"- platform: {data.platform}",
        f"- pack version: {data.pack_version or _NONE}",
        f"- status: {data.status}",
        "",
        "## Settings",
        "",
        _TABLE_HEADER,
        _TABLE_RULE,
    ]
    for s in data.settings.values():
        confidence = NOT_FOUND if s.value is None else (UNCERTAIN if s.uncertain else CONFIDENT)
        lines.append(
            f"| {_cell(s.key)} | {_cell(s.label)} | {_cell(s.value)} | {_cell(s.method)} | {confidence} |"
        )
    for policy in data.policies.values():
        lines += [
            "",
            f"## Policy: {policy.key}",
            "",
            f"- title: {policy.title or _NONE}",
            f"- url: {policy.url or _NONE}",
            f"- status: {policy.status}",
        ]
        for heading, text in policy.sections.items():
            lines += ["", f"### {heading}", ""]
            lines += [_escape_text_line(line) for line in text.split("\n")]
    return "\n".join(lines) + "\n"


def render_snapshot(platform: str, scan: ScanResult, specs: Iterable[SettingSpec]) -> str:
    """The scan as Markdown; equal readings and policy text give equal bytes."""
    return render_data(snapshot_data(platform, scan, specs))


def content_hash(markdown: str) -> str:
    return hashlib.sha256(markdown.encode("utf-8")).hexdigest()


def _header_value(line: str, name: str, lineno: int) -> str:
    prefix = f"- {name}: "
    if not line.startswith(prefix):
        raise SnapshotFormatError(f"snapshot line {lineno}: expected '{prefix.strip()}', got {line[:60]!r}")
    value = line[len(prefix):]
    return "" if value == _NONE else value


def _parse_row(line: str, lineno: int) -> SnapshotSetting:
    cells = _CELL_SPLIT.split(line.strip())
    if len(cells) != 7 or cells[0] or cells[-1]:
        raise SnapshotFormatError(f"snapshot line {lineno}: a settings row needs 5 cells")
    key, label, value, method, confidence = (c.strip() for c in cells[1:6])
    if confidence not in (CONFIDENT, UNCERTAIN, NOT_FOUND):
        raise SnapshotFormatError(f"snapshot line {lineno}: unknown confidence {confidence!r}")
    parsed_value = _uncell(value) if confidence != NOT_FOUND else None
    return SnapshotSetting(
        key=_uncell(key) or "",
        label=_uncell(label) or "",
        value=parsed_value,
        method=_uncell(method) if parsed_value is not None else None,
        uncertain=confidence == UNCERTAIN,
    )


def _parse_policy(key: str, body: list[tuple[int, str]]) -> PolicySnapshot:
    if len(body) < 3:
        raise SnapshotFormatError(f"snapshot: policy {key!r} lacks its title/url/status lines")
    (n1, title), (n2, url), (n3, status) = body[0], body[1], body[2]
    sections: dict[str, str] = {}
    heading: str | None = None
    text: list[str] = []

    def flush() -> None:
        if heading is not None:
            sections[heading] = "\n".join(text).strip("\n")

    for _, line in body[3:]:
        if line.startswith("### "):
            flush()
            heading, text = line[4:], []
        elif heading is not None:
            text.append(line[1:] if line.startswith("\\") else line)
    flush()
    return PolicySnapshot(
        key=key,
        title=_header_value(title, "title", n1),
        url=_header_value(url, "url", n2),
        status=_header_value(status, "status", n3),
        sections=sections,
    )


def parse_snapshot(markdown: str) -> SnapshotData:
    """Read a stored snapshot back into data, so diffs can run from blobs."""
    lines = list(enumerate(markdown.split("\n"), start=1))
    if not lines or not lines[0][1].startswith("# Privacy snapshot: "):
        raise SnapshotFormatError("not a loopwho snapshot: the first line must be '# Privacy snapshot: ...'")
    if len(lines) < 10:
        raise SnapshotFormatError("snapshot is truncated: header or settings table missing")
    platform = _header_value(lines[2][1], "platform", 3)
    pack_version = _header_value(lines[3][1], "pack version", 4)
    status = _header_value(lines[4][1], "status", 5)
    if lines[6][1] != "## Settings" or lines[8][1] != _TABLE_HEADER:
        raise SnapshotFormatError("snapshot line 7: the settings table is missing")
    settings: dict[str, SnapshotSetting] = {}
    i = 10
    while i < len(lines) and lines[i][1].startswith("|"):
        row = _parse_row(lines[i][1], lines[i][0])
        settings[row.key] = row
        i += 1
    policies: dict[str, PolicySnapshot] = {}
    current: tuple[str, list[tuple[int, str]]] | None = None
    for lineno, line in lines[i:]:
        if line.startswith("## Policy: "):
            if current:
                policies[current[0]] = _parse_policy(*current)
            current = (line[len("## Policy: "):], [])
        elif current is not None:
            if line or current[1]:  # skip the blank line right after the heading
                current[1].append((lineno, line))
        elif line.strip():
            raise SnapshotFormatError(f"snapshot line {lineno}: unexpected text after the settings table")
    if current:
        policies[current[0]] = _parse_policy(*current)
    return SnapshotData(
        platform=platform, pack_version=pack_version, status=status, settings=settings, policies=policies
    )
