"""Scanner fixtures: a local HTTPS site and one browser pool per module (real Chromium)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.scanner.local_site import LocalSite


@pytest.fixture(scope="module")
def local_site() -> Iterator[LocalSite]:
    with LocalSite() as site:
        yield site
