"""Policy pages as stable Markdown, split into hashed sections.

``normalise_policy(html_or_markdown, base_url)`` turns a rendered page (or Firecrawl's Markdown) into
Markdown that stays byte-identical across fetches of the same policy version: scripts, styles,
navigation, cookie banners and hidden elements are dropped, timestamps ("Last viewed at 14:03:22",
"Generated in 12 ms"), request/session ids and tracking query parameters are removed, whitespace is
collapsed, headings are kept. ``split_sections(markdown)`` cuts it at each heading so a diff can say
which section of a policy changed.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from selectolax.lexbor import LexborHTMLParser
from selectolax.lexbor import LexborNode as Node

from core.types import PolicySection

# --- HTML -> tree: lexbor (selectolax) builds the tree as a browser would (implied end tags, misnested
# markup, entities), so only the rendering below is loopwho's -------------------------------------

# whole subtrees that never carry policy text
_SKIP = {"script", "style", "noscript", "template", "nav", "svg", "canvas", "iframe", "head", "button",
         "select", "textarea", "form", "object", "video", "audio", "map", "title", "-comment", "!doctype"}
# dropped outside <main>: site chrome, not the policy
_CHROME = {"header", "footer", "aside"}
_SKIP_ROLES = {"navigation", "search", "alertdialog", "banner", "contentinfo"}
_BANNER_WORDS = re.compile(r"cookie|consent|gdpr|onetrust|cmp-|truste", re.IGNORECASE)
_BLOCK = {"p", "div", "section", "article", "main", "body", "html", "ul", "ol", "li", "dl", "dt", "dd",
          "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "thead", "tbody", "tfoot",
          "tr", "td", "th", "hr", "figure", "figcaption", "details", "summary", "address", "fieldset",
          "header", "footer", "aside", "caption"}
_STYLE_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def _children(node: Node) -> Iterator[Node | str]:
    """A node's children in order: elements as nodes, text as strings (comments are elements to skip)."""
    for child in node.iter(include_text=True):
        yield (child.text_content or "") if child.tag == "-text" else child


def _attr(node: Node, name: str) -> str:
    return node.attributes.get(name) or ""


def _hidden(node: Node) -> bool:
    a = node.attributes
    if "hidden" in a or a.get("aria-hidden") == "true" or a.get("role") in _SKIP_ROLES:
        return True
    if _STYLE_HIDDEN.search(a.get("style") or ""):
        return True
    marks = " ".join(_attr(node, k) for k in ("id", "class", "aria-label", "data-testid"))
    return bool(_BANNER_WORDS.search(marks))


def _find_main(node: Node) -> Node | None:
    for child in node.iter():
        if child.tag in _SKIP or _hidden(child):
            continue
        if child.tag == "main" or child.attributes.get("role") == "main":
            return child
        found = _find_main(child)
        if found is not None:
            return found
    return None


# --- tree -> Markdown -----------------------------------------------------------------------------

class _Renderer:
    def __init__(self, base_url: str, in_main: bool) -> None:
        self.base_url = base_url
        self.in_main = in_main

    def skip(self, node: Node) -> bool:
        return node.tag in _SKIP or _hidden(node) or (not self.in_main and node.tag in _CHROME)

    def inline(self, node: Node | str) -> str:
        if isinstance(node, str):
            return node
        if self.skip(node) or node.tag == "img":
            return ""
        if node.tag == "br":
            return "\n"
        text = "".join(self.inline(c) for c in _children(node))
        if node.tag == "a":
            label = _squash(text)
            href = clean_url(_attr(node, "href"), self.base_url)
            return f"[{label}]({href})" if label and href else text
        if node.tag in _BLOCK:  # a block inside inline context still separates words
            return f" {text} "
        return text

    def blocks(self, node: Node) -> list[str]:
        out: list[str] = []
        run: list[Node | str] = []

        def flush() -> None:
            para = _squash_lines("".join(self.inline(c) for c in run))
            if para:
                out.append(para)
            run.clear()

        for child in _children(node):
            if isinstance(child, Node) and child.tag in _BLOCK:
                flush()
                if not self.skip(child):
                    out.extend(self.block(child))
            else:
                run.append(child)
        flush()
        return out

    def block(self, node: Node) -> list[str]:
        tag = node.tag
        if re.fullmatch(r"h[1-6]", tag):
            text = _squash(self.inline(node))
            return [f"{'#' * int(tag[1])} {text}"] if text else []
        if tag in ("p", "dt", "dd", "summary", "figcaption", "caption"):
            text = _squash_lines(self.inline(node))
            return [text] if text else []
        if tag in ("ul", "ol"):
            return self.list_block(node, ordered=tag == "ol")
        if tag == "blockquote":
            return ["\n".join("> " + line if line else ">" for line in b.split("\n"))
                    for b in self.blocks(node)]
        if tag == "pre":
            text = "".join(self.inline(c) for c in _children(node)).strip("\n")
            return [f"```\n{text}\n```"] if text.strip() else []
        if tag == "table":
            return self.table_block(node)
        if tag == "hr":
            return []
        return self.blocks(node)

    def list_block(self, node: Node, ordered: bool) -> list[str]:
        lines: list[str] = []
        number = 0
        for child in _children(node):
            if isinstance(child, str) or self.skip(child):
                continue
            items = self.blocks(child) if child.tag == "li" else self.block(child)
            if not items:
                continue
            number += 1
            marker = f"{number}. " if ordered else "- "
            pad = " " * len(marker)
            body = "\n".join(items).split("\n")
            lines.append(marker + body[0])
            lines.extend(pad + line if line else "" for line in body[1:])
        return ["\n".join(lines)] if lines else []

    def table_block(self, node: Node) -> list[str]:
        rows: list[list[str]] = []

        def walk(n: Node) -> None:
            for c in _children(n):
                if not isinstance(c, Node) or self.skip(c):
                    continue
                if c.tag == "tr":
                    cells = [_squash(self.inline(td)) for td in _children(c)
                             if isinstance(td, Node) and td.tag in ("td", "th") and not self.skip(td)]
                    if any(cells):
                        rows.append(cells)
                else:
                    walk(c)

        walk(node)
        if not rows:
            return []
        width = max(len(r) for r in rows)
        lines = ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows]
        lines.insert(1, "|" + " --- |" * width)
        return ["\n".join(lines)]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _squash_lines(text: str) -> str:
    """Collapse whitespace but keep <br> line breaks."""
    lines = (_squash(line) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def html_to_markdown(html: str, base_url: str) -> str:
    root = LexborHTMLParser(html).root
    if root is None:
        return ""
    main = _find_main(root)
    renderer = _Renderer(base_url, in_main=main is not None)
    return "\n\n".join(renderer.blocks(main or root))


# --- links ----------------------------------------------------------------------------------------

_TRACKING_PARAMS = {
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "twclid",
    "mc_cid", "mc_eid", "_ga", "_gl", "_gac", "si", "sid", "session", "sessionid", "session_id",
    "jsessionid", "phpsessid", "aspsessionid", "token", "nonce", "state", "ref_src", "ref_url", "_hsenc",
    "_hsmi", "hsctatracking", "mkt_tok", "oly_enc_id", "oly_anon_id", "vero_id", "wickedid", "cb", "rnd",
    "rand", "random", "ts", "timestamp", "_", "_t", "t", "trk", "trackingid", "ved", "ei", "sa", "usg",
    "cachebuster", "requestid", "request_id", "rid",
}
_TRACKING_PREFIXES = ("utm_", "_hs", "pk_", "mtm_", "hmb_", "ga_")


def _looks_random(value: str) -> bool:
    """Opaque per-request tokens: long, and mixing letters with digits (or pure long hex)."""
    if len(value) < 16 or not re.fullmatch(r"[A-Za-z0-9_\-.~%=+/]+", value):
        return False
    return bool(re.search(r"\d", value) and re.search(r"[A-Za-z]", value)) or bool(
        re.fullmatch(r"[0-9a-fA-F]{16,}", value))


def clean_url(href: str, base_url: str) -> str:
    """An absolute link without tracking parameters or session tokens; "" for script links."""
    href = href.strip()
    if not href or href.lower().startswith(("javascript:", "data:", "blob:")):
        return ""
    if href.lower().startswith(("mailto:", "tel:")):
        return href
    parts = urlsplit(urljoin(base_url, href))
    if parts.scheme not in ("http", "https"):
        return ""
    host = (parts.hostname or "").lower()
    default_port = {"http": 80, "https": 443}[parts.scheme]
    netloc = host if parts.port in (None, default_port) else f"{host}:{parts.port}"
    path = re.sub(r";(jsessionid|sid|sessionid|phpsessid)=[^/?#]*", "", parts.path, flags=re.IGNORECASE)
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in _TRACKING_PARAMS and not k.lower().startswith(_TRACKING_PREFIXES)
        and not _looks_random(v)
    )
    fragment = "" if _looks_random(parts.fragment) else parts.fragment
    return urlunsplit((parts.scheme, netloc, path or "/", urlencode(query), fragment))


# --- Markdown tidying (both paths) ----------------------------------------------------------------

_CLOCK = r"\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s*(?:UTC|GMT|Z|[A-Z]{2,4}T))?"
_ISO_DATETIME = re.compile(r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")
_CLOCK_RE = re.compile(rf"(?<![\d:]){_CLOCK}(?![\d:])")
# lines that only describe this particular fetch
_VOLATILE_LINE = re.compile(
    r"^\W*(?:(?:last|you)\s+(?:viewed|visited|accessed|checked|refreshed|loaded|fetched)\b"
    r"|(?:page\s+)?(?:generated|rendered|served|built|fetched|retrieved|cached)\s+(?:at|on|in|by)\b"
    r"|(?:request|trace|session|correlation|render|build|page\s+view)[\s_-]*(?:id|token|key)\b"
    r"|(?:nonce|csrf|session)\s*[:=#]"
    r"|(?:viewed|accessed|retrieved)\s+(?:at|on)\b)",
    re.IGNORECASE,
)
_LINK_RE = re.compile(r"(!?)\[([^\]]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_BARE_URL_RE = re.compile(r"(?<![(\[])\bhttps?://[^\s)\]>]+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def _tidy_line(line: str, base_url: str) -> str | None:
    stripped = line.strip()
    if not stripped:
        return ""
    if len(stripped) <= 160 and (
        _VOLATILE_LINE.search(stripped) or _ISO_DATETIME.search(stripped) or _CLOCK_RE.search(stripped)
    ):
        return None  # a short line that carries a clock time is a per-fetch stamp, not policy text

    def relink(m: re.Match[str]) -> str:
        if m.group(1):  # an image: no policy text in it
            return ""
        url = clean_url(m.group(3), base_url)
        return f"[{m.group(2)}]({url})" if url else m.group(2)

    line = _LINK_RE.sub(relink, line)
    line = _BARE_URL_RE.sub(lambda m: clean_url(m.group(0), base_url) or "", line)
    line = _ISO_DATETIME.sub("", line)
    line = _CLOCK_RE.sub("", line)
    indent = re.match(r"[ \t]*", line).group(0).replace("\t", "    ")  # type: ignore[union-attr]
    body = _squash(line)
    body = re.sub(r"^([*+])\s", "- ", body)
    heading = re.match(r"^(#{1,6})\s*(.*?)\s*#*\s*$", body)
    if heading:
        body = f"{heading.group(1)} {heading.group(2)}" if heading.group(2) else ""
    return (indent + body) if body else ""


def _setext_to_atx(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        underline = re.fullmatch(r"\s*(=+|-+)\s*", line)
        if underline and out and out[-1].strip() and not out[-1].lstrip().startswith(("#", "-", ">", "|")):
            level = "#" if underline.group(1)[0] == "=" else "##"
            out[-1] = f"{level} {out[-1].strip()}"
            continue
        out.append(line)
    return out


_HTML_HINT = re.compile(
    r"<(?:!doctype|html|head|body|div|p|h[1-6]|main|article|section|ul|ol|span|a|br|table)\b", re.IGNORECASE)


def normalise_policy(html_or_markdown: str, base_url: str) -> str:
    """Stable Markdown for a policy page: equal input versions give byte-equal output."""
    text = unicodedata.normalize("NFC", html_or_markdown or "")
    text = text.translate(_INVISIBLE).replace("\u00a0", " ").replace("\r\n", "\n").replace("\r", "\n")
    if _HTML_HINT.search(text):
        text = html_to_markdown(text, base_url)
    else:
        text = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
    lines: list[str] = []
    in_fence = False
    for raw in _setext_to_atx(text.split("\n")):
        if raw.strip().startswith("```"):
            in_fence = not in_fence
            lines.append(raw.strip())
            continue
        tidy = raw.rstrip() if in_fence else _tidy_line(raw, base_url)
        if tidy is not None:
            lines.append(tidy)
    out = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return out + "\n" if out else ""


# --- sections -------------------------------------------------------------------------------------

_HEADING_RE = re.compile(r"^(#{1,6}) (.+)$")


def _section(heading: str, body: list[str]) -> PolicySection:
    text = "\n".join(body).strip("\n")
    digest = hashlib.sha256(f"{heading}\n\n{text}".encode()).hexdigest()
    return PolicySection(heading=heading, text=text, sha256=digest)


def split_sections(markdown: str) -> list[PolicySection]:
    """One section per heading (any level); text before the first heading is a section with heading "".
    A section's sha256 covers its heading and its text, so a renamed heading counts as a change."""
    sections: list[PolicySection] = []
    heading: str | None = None
    body: list[str] = []
    in_fence = False
    for line in markdown.split("\n"):
        if line.startswith("```"):
            in_fence = not in_fence
        match = None if in_fence else _HEADING_RE.match(line)
        if match:
            if heading is not None or any(b.strip() for b in body):
                sections.append(_section(heading or "", body))
            heading, body = match.group(2).strip(), []
        else:
            body.append(line)
    if heading is not None or any(b.strip() for b in body):
        sections.append(_section(heading or "", body))
    return sections
