"""docker/Dockerfile and .dockerignore read as an operator would (no Docker engine runs here): a
build stage makes the wheel; each runtime target runs as a non-root user; Chromium's sandbox is on;
the build context carries no key, no .loopwho/, .venv, tests or .git, and everything the Dockerfile
copies."""

from __future__ import annotations

import fnmatch
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUNTIME_TARGETS = ("api", "worker", "browsers")


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) in order, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", (ROOT / "docker/Dockerfile").read_text())
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def stages() -> dict[str, dict]:
    """name -> {"parent": FROM image or stage, "user": the USER in force at its end, "lines": [...]}."""
    found: dict[str, dict] = {}
    current: dict | None = None
    for word, rest in instructions():
        if word == "FROM":
            m = re.match(r"(\S+)(?:\s+AS\s+(\S+))?", rest, re.I)
            assert m and m.group(2), f"every stage is named: FROM {rest}"
            parent = m.group(1)
            current = {"parent": parent, "user": found.get(parent, {}).get("user"), "lines": []}
            found[m.group(2)] = current
        elif current is None:
            assert word == "ARG", f"{word} before the first FROM"
        else:
            current["lines"].append((word, rest))
            if word == "USER":
                current["user"] = rest
    return found


class DockerIgnore:
    """Docker's rules: the last pattern that matches a path (or one of its parent folders) decides;
    '!' re-includes; '**/' matches any depth, including none."""

    def __init__(self, text: str) -> None:
        self.rules = [(line.startswith("!"), line.lstrip("!")) for line in map(str.strip, text.splitlines())
                      if line and not line.startswith("#")]

    def _matches(self, pattern: str, path: str) -> bool:
        parts = path.split("/")
        candidates = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
        bare = pattern[3:] if pattern.startswith("**/") else None
        return any(fnmatch.fnmatchcase(c, pattern) or (bare is not None and (
            fnmatch.fnmatchcase(c, bare) or fnmatch.fnmatchcase(c.rsplit("/", 1)[-1], bare))) for c in candidates)

    def sent(self, path: str) -> bool:
        included = True
        for negated, pattern in self.rules:
            if self._matches(pattern, path):
                included = negated
        return included


@pytest.fixture(scope="module")
def ignore() -> DockerIgnore:
    return DockerIgnore((ROOT / ".dockerignore").read_text())


def test_each_runtime_target_runs_as_a_non_root_user() -> None:
    found = stages()
    assert set(RUNTIME_TARGETS) <= set(found)
    for target in RUNTIME_TARGETS:
        user = found[target]["user"]
        assert user and user.split(":")[0] not in ("root", "0"), f"{target} runs as {user!r}"
        assert any(w in ("CMD", "ENTRYPOINT") for w, _ in found[target]["lines"] + found["base"]["lines"])


def test_a_build_stage_makes_the_wheel_and_runtimes_carry_no_build_tools() -> None:
    found = stages()
    build_lines = " ".join(rest for _, rest in found["build"]["lines"])
    assert "python -m build --wheel" in build_lines
    for target in RUNTIME_TARGETS:
        chain = [target]
        while chain[-1] in found and found[chain[-1]]["parent"] in found:
            chain.append(found[chain[-1]]["parent"])
        assert "build" not in chain, f"{target} must not be built on the build stage"
        runs = " ".join(rest for name in chain for w, rest in found[name]["lines"] if w == "RUN")
        assert "--no-index" in runs or target != "api"  # installs the built wheels, nothing from the net
        assert not re.search(r"\b(gcc|build-essential|git)\b", runs)


def test_chromium_runs_sandboxed_in_worker_and_browsers_and_only_they_carry_it() -> None:
    found = stages()
    text = (ROOT / "docker/Dockerfile").read_text()
    assert "--no-sandbox" not in text
    for target in ("worker", "browsers"):
        lines = " ".join(rest for _, rest in found[target]["lines"])
        assert "chromium" in lines and "LOOPWHO_CHROMIUM_SANDBOX=on" in lines
    assert "tesseract-ocr" in " ".join(rest for _, rest in found["worker"]["lines"])
    assert "chromium" not in " ".join(rest for _, rest in found["api"]["lines"] + found["base"]["lines"])


def test_the_browser_server_is_the_clients_exact_playwright() -> None:
    pin = re.search(r'"playwright==([\d.]+)"', (ROOT / "pyproject.toml").read_text())
    assert pin, "pyproject pins playwright exactly (the browser host and its workers must match)"
    # both come from the same wheel set (the build stage resolves pyproject once)
    browsers = " ".join(rest for _, rest in stages()["browsers"]["lines"])
    assert '"browsers"' in browsers and "--ws-path" in browsers


def test_the_build_context_holds_no_secrets_tests_or_local_state(ignore: DockerIgnore) -> None:
    for path in (".loopwho/dev-encryption-key", ".loopwho/simulator-certs/x.key.pem", ".venv/bin/python",
                 "tests/conftest.py", "tests/docker/test_dockerfile.py", ".git/config", "bench/fleet.py",
                 "standins/certs/server.key", "core/.env", "api/__pycache__/app.cpython-311.pyc",
                 "scripts/timescaledb-lite/node_modules/x.js", "privacy-data/u/google/privacy-1.md"):
        assert not ignore.sent(path), f"{path} would be sent to the Docker daemon"
    # every file git knows that is sent: none of them looks like a key
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    sent = [p for p in tracked.splitlines() if ignore.sent(p)]
    assert sent and not [p for p in sent if re.search(r"(\.pem|\.key|\.env|encryption-key)$", p)]
    assert not [p for p in sent if p.startswith(("tests/", "bench/", ".venv/"))]


def test_everything_the_dockerfile_copies_is_in_the_context(ignore: DockerIgnore) -> None:
    for word, rest in instructions():
        if word != "COPY" or "--from=" in rest:
            continue
        *sources, _dest = [a for a in rest.split() if not a.startswith("--")]
        for source in sources:
            assert (ROOT / source).exists(), f"COPY {source}: not in the repository"
            assert ignore.sent(source), f"COPY {source}: .dockerignore keeps it out"


def test_no_secret_is_baked_into_an_image() -> None:
    for word, rest in instructions():
        if word in ("ENV", "ARG"):
            for name in re.findall(r"([A-Z_]+)=", rest):
                assert not re.search(r"SECRET|PASSWORD|API_KEY|ENCRYPTION_KEYS|TOKEN", name), f"{word} {name}"
