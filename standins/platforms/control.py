"""The `/__sim/...` control API (JSON), on every simulated host, so a separately started
`loopwho simulate` can be driven by tests and the demo. Endpoints are listed in README.md."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec

from core.errors import InvalidInput
from standins.platforms import generated
from standins.platforms.state import SimState

if TYPE_CHECKING:
    from standins.platforms.server import Reply

MAX_RENDER_DELAY_MS = 30_000


def _need(data: dict[str, Any], name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value:
        raise InvalidInput(f"field {name!r} is required (a string)")
    return value


def _flag(data: dict[str, Any], name: str) -> bool:
    value = data.get(name)
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false", "1", "0"):
        return value.lower() in ("true", "1")
    raise InvalidInput(f"field {name!r} is required (true or false)")


def _number(data: dict[str, Any], name: str, kind: type[int] | type[float]) -> Any:
    """An optional number (JSON number, or a query-string text); None when absent."""
    value = data.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = kind(value)
        except ValueError:
            raise InvalidInput(f"field {name!r}: a number") from None
    if isinstance(value, bool) or not isinstance(value, int | float) or (kind is int and not isinstance(value, int)):
        raise InvalidInput(f"field {name!r}: {'an integer' if kind is int else 'a number'}")
    return value


def control(
    state: SimState, method: str, action: str, query: dict[str, list[str]], data: dict[str, Any]
) -> Reply:
    from standins.platforms.server import json_reply

    merged = {k: v[0] for k, v in query.items()} | data
    if action == "state" and method == "GET":
        return json_reply(state.snapshot())
    if action == "settings" and method == "GET":
        return json_reply(state.settings_of(_need(merged, "platform"), _need(merged, "account")))
    if action == "page_changes" and method == "GET":
        with state.lock:
            return json_reply({"page_changes": list(state.page_changes)})
    if action == "recipes" and method == "GET":
        platform = _need(merged, "platform")
        seed = _number(merged, "seed", int)
        if seed is None:
            seed = state.seeds.get(platform, 0)
        recipe = generated.page_recipe(platform, _need(merged, "page"), seed)
        return json_reply(
            {
                "recipe": generated.recipe_data(recipe),
                "kinds": {s.key: generated.setting_kinds(recipe, s.key) for s in recipe.settings},
            }
        )
    if method != "POST":
        raise InvalidInput(f"/__sim/{action}: unknown endpoint or method {method}")
    if action == "sign_in":
        session = state.new_session(_need(merged, "platform"), merged.get("account") or "alice")
        return json_reply(msgspec.to_builtins(state.cookies_for(session)))
    if action == "expire":
        return json_reply(
            {"expired": state.expire_session(_need(merged, "platform"), _need(merged, "account"))}
        )
    if action == "setting":
        state.set_setting(
            _need(merged, "platform"), _need(merged, "account"), _need(merged, "key"), _need(merged, "value")
        )
        return json_reply(state.settings_of(merged["platform"], merged["account"]))
    if action == "variant":
        state.set_variant(
            _need(merged, "platform"),
            _need(merged, "variant"),
            seed=_number(merged, "seed", int),
            time_scale=_number(merged, "time_scale", float),
        )
        return json_reply({"variants": state.variants, "seeds": state.seeds, "time_scales": state.time_scales})
    if action == "page_changes/reset":
        with state.lock:
            state.page_changes.clear()
        return json_reply({"page_changes": []})
    if action == "policy/publish":
        version = state.publish_policy(_need(merged, "platform"), _need(merged, "version_note"))
        return json_reply({"version": version})
    if action == "policy/blocked":
        state.set_policy_blocked(_need(merged, "platform"), _flag(merged, "blocked"))
        return json_reply({"ok": True})
    if action == "verification":
        state.set_verification_required(_need(merged, "account"), _flag(merged, "required"))
        return json_reply({"ok": True})
    if action == "config":
        delay = merged.get("render_delay_ms", 0)
        if not isinstance(delay, int) or not 0 <= delay <= MAX_RENDER_DELAY_MS:
            raise InvalidInput(f"render_delay_ms: an integer from 0 to {MAX_RENDER_DELAY_MS}")
        with state.lock:
            state.render_delay_ms = delay
        return json_reply({"render_delay_ms": delay})
    raise InvalidInput(f"/__sim/{action}: unknown endpoint")
