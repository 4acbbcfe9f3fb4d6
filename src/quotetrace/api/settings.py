"""What a server runs with, resolved once by the shell that starts it and passed in."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from quotetrace.pipeline import DEFAULT_MODEL

__all__ = ["ServerSettings", "is_loopback"]


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True, slots=True)
class ServerSettings:
    """Limits and access rules of one server; the defaults suit a laptop on loopback."""

    host: str = "127.0.0.1"
    token: str | None = None  # write endpoints then need ``Authorization: Bearer TOKEN``
    max_body_bytes: int = 2_000_000  # request bodies, pasted articles included
    page_size: int = 20
    max_page_size: int = 100
    search_count_limit: int = 1000  # a result page counts no further: "more than 1,000"
    model: str = DEFAULT_MODEL

    @property
    def writes_need_token(self) -> bool:
        """Beyond loopback anyone may call in, so writes then need the token; a token set
        on loopback is required too."""
        return self.token is not None or not is_loopback(self.host)
