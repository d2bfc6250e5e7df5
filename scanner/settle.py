"""The network half of "the page has settled": pending document, XHR and fetch requests of one page.

The extractor (``extractor.js``) watches the DOM from inside the page; only the browser driver sees
requests in flight, so this side watches them and asks for another read when data was still
arriving after the extractor decided the page was quiet.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

# what can still change the settings a page shows; images, fonts and beacons cannot
SETTLING_KINDS = frozenset({"document", "xhr", "fetch"})
# a request open longer than this is a long poll or a stream, not data the page is waiting for
# (a slow settings request takes seconds on a bad network: 4.5 s was seen)
LONG_POLL_S = 6.0


class NetworkWatch:
    """Counts one page's settling requests in flight and remembers when the last one began or ended."""

    def __init__(self, page: Any) -> None:
        self._pending: dict[Any, float] = {}
        self.last_activity = time.monotonic()
        page.on("request", self._started)
        page.on("requestfinished", self._ended)
        page.on("requestfailed", self._ended)

    def _started(self, request: Any) -> None:
        if request.resource_type in SETTLING_KINDS:
            self._pending[request] = self.last_activity = time.monotonic()

    def _ended(self, request: Any) -> None:
        if self._pending.pop(request, None) is not None:
            self.last_activity = time.monotonic()

    def pending(self) -> int:
        now = time.monotonic()
        return sum(1 for began in self._pending.values() if now - began < LONG_POLL_S)

    def busy_since(self, moment: float) -> bool:
        """Was data still loading at ``moment`` or after it?"""
        return self.pending() > 0 or self.last_activity > moment

    async def idle(self, quiet_s: float, deadline: float) -> None:
        """Until nothing settling is in flight and nothing began or ended for ``quiet_s``."""
        while time.monotonic() < deadline:
            now = time.monotonic()
            if self.pending() == 0 and now - self.last_activity >= quiet_s:
                return
            await asyncio.sleep(min(0.025, max(0.001, deadline - now)))
