"""`Simulator`: the Python handle on the platform simulators (start/stop, Chromium's resolver rule,
sign-in cookies, and the switches tests flip)."""

from __future__ import annotations

import random
import threading
from types import TracebackType

from core.types import Cookie
from standins.platforms import generated
from standins.platforms.catalog import all_hosts
from standins.platforms.certs import server_context
from standins.platforms.server import SimServer, serve_in_thread
from standins.platforms.state import PageChange, SimState, platform_or_error


class Simulator:
    """Google, Facebook and Microsoft on one local HTTPS port, under their real host names.

    ``with Simulator() as sim:`` starts it on a free port (or ``port``); point Chromium at it with
    ``--host-resolver-rules=<sim.resolve_rule()>`` and ``ignore_https_errors=True``."""

    def __init__(self, port: int = 0, host: str = "127.0.0.1") -> None:
        self._requested_port = port
        self._bind = host
        self.state = SimState()
        self.hosts: list[str] = all_hosts()
        self._server: SimServer | None = None
        self._thread: threading.Thread | None = None

    # --- life cycle -------------------------------------------------------------------------------
    def start(self) -> Simulator:
        if self._server is None:
            self._server = SimServer(
                (self._bind, self._requested_port), self.state, server_context(self.hosts)
            )
            self._thread = serve_in_thread(self._server)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None

    def __enter__(self) -> Simulator:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the simulator is not running: call start() first")
        return self._server.server_address[1]

    @property
    def address(self) -> str:
        return f"{self._bind}:{self.port}"

    def resolve_rule(self) -> str:
        """The value for Chromium's ``--host-resolver-rules``."""
        maps = ", ".join(f"MAP {host} {self.address}" for host in self.hosts)
        return f"{maps}, EXCLUDE localhost"

    def resolve_args(self) -> list[str]:
        """``HOST=ADDR:PORT`` pairs, the shape ``loopwho scan --resolve`` takes."""
        return [f"{host}={self.address}" for host in self.hosts]

    # --- accounts, sessions, settings -------------------------------------------------------------
    def sign_in(self, platform: str, account: str = "alice") -> list[Cookie]:
        """A fresh signed-in session: its cookies in ``chrome.cookies.getAll`` shape."""
        session = self.state.new_session(platform, account)
        return self.state.cookies_for(session)

    def expire_session(self, platform: str, account: str) -> None:
        self.state.expire_session(platform, account)

    def set_setting(self, platform: str, account: str, key: str, value: str) -> None:
        self.state.set_setting(platform, account, key, value)

    def get_settings(self, platform: str, account: str) -> dict[str, str]:
        return dict(self.state.settings_of(platform, account))

    def set_variant(
        self, platform: str, variant: str, seed: int | None = None, time_scale: float | None = None
    ) -> None:
        """`seed` chooses the `generated` variant's structures; `time_scale` multiplies its delays (0: no
        delays, 1: as drawn, up to 3 s). Left out, both keep their values (at first 0 and 1)."""
        self.state.set_variant(platform, variant, seed=seed, time_scale=time_scale)

    def set_account_seed(self, platform: str, account: str, seed: int) -> None:
        """Draw this account's `generated` pages with `seed` (the platform's seed for everyone else), so
        many generated accounts can be scanned at once."""
        self.state.set_account_seed(platform, account, seed)

    def generated_account(self, platform: str, seed: int) -> tuple[list[Cookie], dict[str, str]]:
        """A signed-in account whose settings are drawn at random from `seed` and whose `generated`
        pages use `seed`: its cookies and its settings (the truth a scan must read)."""
        account = f"generated-{seed}"
        cookies = self.sign_in(platform, account)
        rng = random.Random(seed)
        for setting in platform_or_error(platform).settings:
            self.set_setting(platform, account, setting.key, rng.choice(setting.values))
        self.set_account_seed(platform, account, seed)
        return cookies, self.get_settings(platform, account)

    def seed(self, platform: str) -> int:
        platform_or_error(platform)
        return self.state.seeds[platform]

    def recipes(self, platform: str, page: str, seed: int | None = None) -> list[generated.SettingRecipe]:
        """The `generated` structure of each setting of a page (for `seed`, or the platform's current seed)."""
        return generated.recipes(platform, page, self.seed(platform) if seed is None else seed)

    def page_recipe(self, platform: str, page: str, seed: int | None = None) -> generated.PageRecipe:
        return generated.page_recipe(platform, page, self.seed(platform) if seed is None else seed)

    @property
    def page_changes(self) -> list[PageChange]:
        """Every setting change a page made through its own UI (POSTs to `/_/data`, any variant), oldest
        first; changes made through the control API or `set_setting` are not in it."""
        with self.state.lock:
            return list(self.state.page_changes)

    def reset_page_changes(self) -> None:
        with self.state.lock:
            self.state.page_changes.clear()

    def publish_policy(self, platform: str, version_note: str) -> int:
        return self.state.publish_policy(platform, version_note)

    def set_policy_blocked(self, platform: str, blocked: bool) -> None:
        self.state.set_policy_blocked(platform, blocked)

    def set_verification_required(self, account: str, required: bool) -> None:
        self.state.set_verification_required(account, required)

    def set_render_delay(self, milliseconds: int) -> None:
        with self.state.lock:
            self.state.render_delay_ms = max(0, int(milliseconds))

    @property
    def tracker_hits(self) -> int:
        """Requests that reached the off-allowlist trackers (0 when the scanner blocked them all)."""
        return self.state.tracker_hits

    def platform_hosts(self, platform: str) -> list[str]:
        return list(platform_or_error(platform).hosts)
