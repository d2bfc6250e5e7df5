"""Policy pages through an HTML parser: how fast each candidate builds the tree, and whether the
normalised Markdown (scanner.policy_text) stays identical across two fetches of the same policy.

    python bench/policy_parse.py [--pages DIR] [--rounds N]

Pages: the simulators' policy pages (each fetched twice: fresh request ids, clocks and tracking
parameters each time) and, with --pages, saved pages from a folder (files named NAME.html; files that
share a NAME prefix before ``__`` are fetches of one policy and must normalise identically).
Candidates: the standard library's HTMLParser (what a hand-written tree builder stands on),
selectolax (lexbor) and lxml.html (libxml2), each timed building a tree of the whole page.
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import statistics
import sys
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scanner.policy_text import normalise_policy
from standins.platforms.policies import SECTIONS, PolicyState, policy_html


def _stdlib(html: str) -> object:
    parser = HTMLParser(convert_charrefs=True)  # tokenising only: the tree is left to the caller
    parser.feed(html)
    parser.close()
    return parser


def _selectolax(html: str) -> object:
    from selectolax.lexbor import LexborHTMLParser

    return LexborHTMLParser(html).root


def _lxml(html: str) -> object:
    import lxml.html  # not a loopwho dependency: `pip install lxml` to compare with it

    return lxml.html.document_fromstring(html)


BASE = "https://example.com/privacy"
PARSERS: dict[str, Callable[[str], object]] = {"stdlib HTMLParser (tokens only)": _stdlib,
                                               "selectolax (lexbor)": _selectolax}
if importlib.util.find_spec("lxml") is not None:
    PARSERS["lxml.html"] = _lxml


def _ms(fn: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def pages(folder: Path | None) -> dict[str, list[str]]:
    """policy name -> its fetches (HTML)."""
    found: dict[str, list[str]] = {}
    for platform in SECTIONS:
        found[f"simulator {platform}"] = [policy_html(platform, PolicyState()) for _ in range(2)]
    for file in sorted(folder.glob("*.html")) if folder else []:
        found.setdefault(file.stem.split("__")[0], []).append(file.read_text(encoding="utf-8", errors="replace"))
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=Path, default=None, help="folder of saved policy pages (NAME[__FETCH].html)")
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    for name, fetches in pages(args.pages).items():
        html = fetches[0]
        row = [f"{name} ({len(html) // 1000} kB)"]
        row += [f"{parser}: {_ms(functools.partial(fn, html), args.rounds):.2f} ms" for parser, fn in PARSERS.items()]
        out = [normalise_policy(h, BASE) for h in fetches]
        row.append(f"normalise: {_ms(functools.partial(normalise_policy, html, BASE), args.rounds):.2f} ms")
        row.append(f"{len(out[0])} chars of Markdown")
        if len(fetches) > 1:
            row.append("identical across fetches" if len(set(out)) == 1 else "DIFFERS across fetches")
        print("; ".join(row))


if __name__ == "__main__":
    main()
