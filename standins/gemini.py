"""A local Gemini: answers ``generateContent`` in the Gemini API's wire format, for google-genai.

Routes: ``POST /v1/models/{model}:generateContent`` and ``/v1beta/...`` (the SDK's api_version).
Request: ``{"contents": [{"role", "parts": [{"text"}]}], "systemInstruction", "generationConfig":
{"responseMimeType", "responseSchema", ...}}`` with the key in ``x-goog-api-key``. Success:
``{"candidates": [{"content": {"parts": [{"text"}], "role": "model"}, "finishReason": "STOP",
"index": 0}], "usageMetadata": {...}, "modelVersion"}``. Errors use Google's shape
``{"error": {"code", "message", "status"}}``.

Behaviours (``behaviour`` for every call, or ``script([...])`` for the next calls in order):
``good`` (a JSON answer computed from the JSON between BEGIN DATA / END DATA in the prompt),
``http_429``, ``http_500``, ``http_403``, ``malformed`` (text that is not JSON), ``out_of_schema``
(JSON of the wrong shape), ``unknown_key`` (right shape, a setting nobody asked about), ``slow``
(answers after ``slow_s`` seconds). A wrong key gets Google's 400 API_KEY_INVALID answer.

    standin = GeminiStandin(api_key="test-key"); base_url = standin.start()
    genai.Client(api_key="test-key", http_options=types.HttpOptions(base_url=base_url))

Run alone: ``python -m standins.gemini --port 8089 --key test-key``.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from typing import Any

from standins.base import LocalServer, Scripted, json_post_handler

BEHAVIOURS = ("good", "http_429", "http_500", "http_403", "malformed", "out_of_schema", "unknown_key", "slow")
_ERRORS: dict[str, tuple[int, str, str]] = {
    "http_429": (429, "Resource has been exhausted (e.g. check quota).", "RESOURCE_EXHAUSTED"),
    "http_500": (500, "An internal error has occurred. Please retry or report in "
                      "https://developers.generativeai.google/guide/troubleshooting", "INTERNAL"),
    "http_403": (403, "Method doesn't allow unregistered callers (callers without established identity). "
                      "Please use API Key or other form of API consumer identity to call this API.",
                 "PERMISSION_DENIED"),
}
_ROUTE = re.compile(r"^/(v1|v1beta|v1alpha)/models/([\w.\-]+):generateContent$")
_DATA = re.compile(r"BEGIN DATA\n(.*)\nEND DATA", re.DOTALL)


def _good_answer(prompt: str) -> dict[str, Any]:
    """What a careful model would say; scored unweighted, so tests can tell it from the offline twin."""
    found = _DATA.search(prompt)
    data = json.loads(found.group(1)) if found else {"settings": [], "changes": [], "policy_changes": []}
    known = [s for s in data["settings"] if s.get("value") is not None]
    at_best = [s for s in known if s["value"] == s["preferred"]]
    score = round(100 * len(at_best) / len(known)) if known else 50
    explanations = [
        {"setting_key": c["key"],
         "explanation": f"{c['label']} went from {c['old']} to {c['new']} ({c['direction']} privacy)."}
        for c in data["changes"]
    ] + [
        {"setting_key": p["key"],
         "explanation": f"The section {p['section']} of {p['title']} was {p['kind']}."}
        for p in data["policy_changes"]
    ]
    recommendations = [
        {"setting_key": s["key"], "title": f"Review {s['label']}",
         "action": f"Switch {s['label']} to {s['preferred']}",
         "why": s.get("description") or "It shares more than needed.",
         "priority": "high" if s.get("weight", 3) >= 4 else "medium"}
        for s in known if s["value"] != s["preferred"]
    ]
    return {
        "privacy_score": score,
        "summary": f"{len(at_best)} of {len(known)} settings are at their most private value.",
        "explanations": explanations,
        "recommendations": recommendations,
    }


class GeminiStandin(LocalServer, Scripted):
    name = "gemini-standin"
    behaviours = BEHAVIOURS

    def __init__(self, api_key: str = "test-gemini-key", behaviour: str = "good", slow_s: float = 5.0,
                 host: str = "127.0.0.1", port: int = 0) -> None:
        Scripted.__init__(self, behaviour)
        LocalServer.__init__(self, json_post_handler(self._answer), host, port)
        self.api_key = api_key
        self.slow_s = slow_s
        self.requests: list[dict[str, Any]] = []  # {"path", "model", "body"} of each generateContent call

    @property
    def call_count(self) -> int:
        return len(self.requests)


    def _answer(self, path: str, headers: dict[str, str], raw: bytes) -> tuple[int, dict[str, Any]]:
        route = _ROUTE.match(path)
        if not route:
            return 404, _error(404, f"Requested entity was not found: {path}", "NOT_FOUND")
        if headers.get("x-goog-api-key") != self.api_key:
            return 400, _error(400, "API key not valid. Please pass a valid API key.", "INVALID_ARGUMENT",
                               reason="API_KEY_INVALID")
        try:
            body = json.loads(raw)
            prompt = "\n".join(p.get("text", "") for c in body["contents"] for p in c["parts"])
        except (ValueError, KeyError, TypeError):
            return 400, _error(400, "Invalid JSON payload received.", "INVALID_ARGUMENT")
        model = route.group(2)
        with self._lock:
            self.requests.append({"path": path, "model": model, "body": body})
        behaviour = self._next_behaviour()
        if behaviour in _ERRORS:
            code, message, status = _ERRORS[behaviour]
            return code, _error(code, message, status)
        if behaviour == "slow":
            time.sleep(self.slow_s)
        config = body.get("generationConfig") or {}
        if config.get("responseMimeType") != "application/json" or not config.get("responseSchema"):
            text = "Here is what I think about your settings."  # free text, as Gemini gives without a schema
        elif behaviour == "malformed":
            text = '{"privacy_score": 71, "summary": "cut off'
        elif behaviour == "out_of_schema":
            text = json.dumps({"score": "very private", "notes": ["no schema here"]})
        elif behaviour == "unknown_key":
            answer = _good_answer(prompt)
            answer["recommendations"].append({"setting_key": "share_everything", "title": "x", "action": "y",
                                              "why": "z", "priority": "low"})
            text = json.dumps(answer)
        else:
            text = json.dumps(_good_answer(prompt))
        return 200, {
            "candidates": [{"content": {"parts": [{"text": text}], "role": "model"},
                            "finishReason": "STOP", "index": 0}],
            "usageMetadata": {"promptTokenCount": len(prompt) // 4, "candidatesTokenCount": len(text) // 4,
                              "totalTokenCount": (len(prompt) + len(text)) // 4},
            "modelVersion": model,
        }


def _error(code: int, message: str, status: str, reason: str | None = None) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": message, "status": status}
    if reason:
        error["details"] = [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": reason,
                             "domain": "googleapis.com"}]
    return {"error": error}


def main() -> None:
    parser = argparse.ArgumentParser(description="A local Gemini generateContent stand-in.")
    parser.add_argument("--port", type=int, default=8089)
    parser.add_argument("--key", default="test-gemini-key")
    parser.add_argument("--behaviour", choices=BEHAVIOURS, default="good")
    args = parser.parse_args()
    standin = GeminiStandin(api_key=args.key, behaviour=args.behaviour, port=args.port)
    print(f"Gemini stand-in on {standin.url}", flush=True)
    standin._server.serve_forever()


if __name__ == "__main__":
    main()
