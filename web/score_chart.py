"""The score-over-time chart of /history as server-rendered SVG geometry (readable without JS): one
polyline per platform on a 0-100 scale, plus a table of the same numbers for screen readers."""

from __future__ import annotations

from datetime import datetime

import msgspec

from store.analyses import StoredAnalysis

WIDTH, HEIGHT, LEFT, TOP, BOTTOM = 560, 202, 36, 10, 26
COLOURS = {"google": "#174ea6", "facebook": "#a4161a", "microsoft": "#1e6b33"}


class ScoreLine(msgspec.Struct):
    platform: str
    colour: str
    points: str  # SVG polyline points
    scores: list[tuple[datetime, int]]


def score_lines(analyses: list[StoredAnalysis], platform_of: dict[str, str]) -> list[ScoreLine]:
    """``analyses`` as store.analyses.list_analyses gives them (any order)."""
    series: dict[str, list[tuple[datetime, int]]] = {}
    for a in analyses:
        platform = platform_of.get(a.connection_id)
        if platform and a.privacy_score is not None:
            series.setdefault(platform, []).append((a.created_at, a.privacy_score))
    if not series:
        return []
    times = [t for points in series.values() for t, _ in points]
    start, end = min(times), max(times)
    span = (end - start).total_seconds() or 1.0
    plot_w, plot_h = WIDTH - LEFT - 10, HEIGHT - TOP - BOTTOM
    lines = []
    for platform in sorted(series):
        points = sorted(series[platform])
        xy = []
        for i, (t, score) in enumerate(points):
            x = LEFT + (plot_w * (t - start).total_seconds() / span if len(times) > 1 and end > start
                        else plot_w * i / max(1, len(points) - 1))
            y = TOP + plot_h * (1 - score / 100)
            xy.append(f"{x:.1f},{y:.1f}")
        if len(xy) == 1:  # one scan: a short flat line so it can be seen
            x, y = xy[0].split(",")
            xy.append(f"{float(x) + 8:.1f},{y}")
        lines.append(ScoreLine(platform=platform, colour=COLOURS.get(platform, "#333"), points=" ".join(xy),
                               scores=points))
    return lines
