"""The plans file: the bundled plans load; a broken file is one clear error, never a traceback."""

from __future__ import annotations

import pytest

from billing.plans import DEFAULT_PLANS_FILE, load_plans
from core.errors import ConfigError


def test_the_bundled_plans() -> None:
    book = load_plans(DEFAULT_PLANS_FILE)
    free, pro = book.get("free"), book.get("pro")
    assert book.default_plan == "free" and book.subscription_plan == "pro"
    assert free.scan_interval_s > pro.scan_interval_s and free.platforms < pro.platforms
    assert free.retention_days < pro.retention_days == book.longest_retention_days
    assert book.get("no-such-plan") == free and book.get(None) == free


@pytest.mark.parametrize(("text", "message"), [
    ("default_plan: gold\nsubscription_plan: pro\nscan_credit_cost: 1\ngrace_days: 7\n"
     "retention_notice_days: 30\npaused_recheck_s: 60\nplans: []\n", "default_plan 'gold' is not a plan"),
    ("plans: [", "is not valid YAML"),
    ("default_plan: free\nplans: [{name: free}]\n", "plans file"),
])
def test_a_broken_plans_file_is_one_clear_error(tmp_path, text: str, message: str) -> None:
    path = tmp_path / "plans.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_plans(path)
    with pytest.raises(ConfigError, match="cannot read the plans file"):
        load_plans(tmp_path / "missing.yaml")
