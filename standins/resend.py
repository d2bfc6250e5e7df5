"""A local Resend: answers ``POST /emails`` in Resend's wire format and records what it was sent.

Success: ``200 {"id": "<uuid>"}``. Errors: ``{"statusCode", "message", "name"}`` as Resend documents
them: 401 ``missing_api_key`` (no ``Authorization``), 401 ``validation_error`` "API key is invalid"
(a wrong key on a sending endpoint), 422 ``missing_required_field`` (from, to, subject, or none of
html/text), 422 ``validation_error`` (a bad address), 400 ``invalid_idempotency_key`` (empty or
over 256 characters), 409 ``invalid_idempotent_request`` (same key, different payload), and on
request 429 ``rate_limit_exceeded`` / 500 ``application_error``.

``Idempotency-Key``: a repeated key with the same payload gets the first answer and sends nothing.

    with ResendStandin(api_key="re_test") as standin:
        resend.api_url = standin.url; ...; standin.sent  # the messages, in order

Run alone: ``python -m standins.resend --port 8090 --key re_test``.
"""

from __future__ import annotations

import argparse
import json
import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from standins.base import LocalServer, Scripted, json_post_handler

BEHAVIOURS = ("ok", "rate_limited", "server_error")
_ADDRESS = re.compile(r"^(?:[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+|[^<>]*<[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+>)$")


@dataclass
class SentEmail:
    id: str
    sender: str
    to: list[str]
    subject: str
    html: str | None
    text: str | None
    idempotency_key: str | None
    tags: list[dict[str, str]] = field(default_factory=list)
    payload: dict[str, Any] = field(default_factory=dict)


def _err(status: int, name: str, message: str) -> tuple[int, dict[str, Any]]:
    return status, {"statusCode": status, "message": message, "name": name}


class ResendStandin(LocalServer, Scripted):
    name = "resend-standin"
    behaviours = BEHAVIOURS

    def __init__(self, api_key: str = "re_test_key", host: str = "127.0.0.1", port: int = 0) -> None:
        Scripted.__init__(self, "ok")
        LocalServer.__init__(self, json_post_handler(self._answer), host, port)
        self.api_key = api_key
        self.sent: list[SentEmail] = []
        self.attempts = 0  # every POST /emails, accepted or not
        self._idempotent: dict[str, tuple[str, dict[str, Any]]] = {}  # key -> (payload JSON, answer)

    def _validate(self, body: Any) -> tuple[int, dict[str, Any]] | None:
        if not isinstance(body, dict):
            return _err(422, "validation_error", "The request body must be a JSON object.")
        for name in ("from", "to", "subject"):
            if not body.get(name):
                return _err(422, "missing_required_field", f"Missing `{name}` field.")
        if not (body.get("html") or body.get("text") or body.get("template")):
            return _err(422, "missing_required_field", "Missing `html` or `text` field.")
        to = body["to"] if isinstance(body["to"], list) else [body["to"]]
        for name, addresses in (("from", [body["from"]]), ("to", to)):
            if not all(isinstance(a, str) and _ADDRESS.match(a.strip()) for a in addresses):
                return _err(422, "validation_error", f"Invalid `{name}` field. The email address needs to "
                            "follow the `email@example.com` or `Name <email@example.com>` format.")
        if len(to) > 50:
            return _err(422, "validation_error", "Too many recipients: the maximum is 50.")
        return None

    def _answer(self, path: str, headers: dict[str, str], raw: bytes) -> tuple[int, dict[str, Any]]:
        if path != "/emails":
            return _err(404, "not_found", "The requested endpoint does not exist.")
        auth = headers.get("authorization", "")
        if not auth.startswith("Bearer ") or auth == "Bearer None" or auth == "Bearer ":
            return _err(401, "missing_api_key", "Missing API key in the authorization header.")
        if auth[len("Bearer "):] != self.api_key:
            return _err(401, "validation_error", "API key is invalid")
        try:
            body = json.loads(raw or b"null")
        except ValueError:
            return _err(422, "validation_error", "The request body is not valid JSON.")
        behaviour = self._next_behaviour()
        with self._lock:
            self.attempts += 1
        if behaviour == "rate_limited":
            return _err(429, "rate_limit_exceeded",
                        "Too many requests. You can only make 2 requests per second.")
        if behaviour == "server_error":
            return _err(500, "application_error", "An unexpected error occurred.")
        problem = self._validate(body)
        if problem:
            return problem
        key = headers.get("idempotency-key")
        if key is not None and not 1 <= len(key) <= 256:
            return _err(400, "invalid_idempotency_key", "The key must be between 1-256 chars.")
        canonical = json.dumps(body, sort_keys=True)
        with self._lock:
            if key is not None and key in self._idempotent:
                first_payload, first_answer = self._idempotent[key]
                if first_payload != canonical:
                    return _err(409, "invalid_idempotent_request",
                                "Same idempotency key used with a different request payload.")
                return 200, first_answer
            answer = {"id": str(uuid.uuid4())}
            to = body["to"] if isinstance(body["to"], list) else [body["to"]]
            self.sent.append(SentEmail(
                id=answer["id"], sender=body["from"], to=to, subject=body["subject"], html=body.get("html"),
                text=body.get("text"), idempotency_key=key, tags=body.get("tags") or [], payload=body,
            ))
            if key is not None:
                self._idempotent[key] = (canonical, answer)
        return 200, answer


def main() -> None:
    parser = argparse.ArgumentParser(description="A local Resend POST /emails stand-in.")
    parser.add_argument("--port", type=int, default=8090)
    parser.add_argument("--key", default="re_test_key")
    args = parser.parse_args()
    standin = ResendStandin(api_key=args.key, port=args.port)
    print(f"Resend stand-in on {standin.url}", flush=True)
    standin._server.serve_forever()


if __name__ == "__main__":
    main()
