import json
import subprocess
import sys

import pytest

from core.errors import ConfigError
from core.logging import REDACTED, scrub, scrub_text
from core.settings import load_settings


def test_environment_overrides_toml_file(tmp_path) -> None:
    cfg = tmp_path / "loopwho.toml"
    cfg.write_text('redis_url = "redis://file:1/0"\npool_concurrency = 3\nenv = "production"\n')
    s = load_settings({"LOOPWHO_POOL_CONCURRENCY": "6", "DATABASE_URL": "postgresql://x/y"}, str(cfg))
    assert s.pool_concurrency == 6
    assert s.redis_url == "redis://file:1/0"
    assert s.database_url == "postgresql://x/y"
    assert s.is_production


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"LOOPWHO_POOL_CONCURRENCY": "many"}, "bad setting"),
        ({"LOOPWHO_CONFIG": "/nonexistent/loopwho.toml"}, "does not exist"),
    ],
)
def test_bad_configuration_is_one_clear_error(environ: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(environ)


def test_unknown_key_in_toml_is_named(tmp_path) -> None:
    cfg = tmp_path / "bad.toml"
    cfg.write_text("pool_concurency = 3\n")
    with pytest.raises(ConfigError, match="pool_concurency"):
        load_settings({}, str(cfg))


def test_scrub_hides_secret_keys_at_any_depth_and_tokens_in_text() -> None:
    event = {
        "user": "u1",
        "cookies": [{"name": "SID", "value": "abc"}],
        "nested": {"api_key": "sk_live_1234567890abcdef", "count": 3},
        "msg": "Authorization: Bearer abcdefghijklmnop and SID=s3cr3tvalue; path=/",
    }
    clean = scrub(event)
    assert clean["cookies"] == REDACTED
    assert clean["nested"] == {"api_key": REDACTED, "count": 3}
    assert "abcdefghijklmnop" not in clean["msg"] and "s3cr3tvalue" not in clean["msg"]
    assert clean["user"] == "u1"
    assert "eyJ" not in scrub_text("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJlMTIz")


def test_structured_log_lines_are_json_and_scrubbed() -> None:
    code = (
        "from core.logging import configure_logging, get_logger\n"
        "configure_logging('INFO', json=True)\n"
        "get_logger('t').info('handoff', platform='google', cookie_jar='SID=topsecret', n=2)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    line = json.loads(out.stderr.strip().splitlines()[-1])
    assert line["event"] == "handoff" and line["platform"] == "google" and line["n"] == 2
    assert line["cookie_jar"] == REDACTED
    assert "topsecret" not in out.stderr
