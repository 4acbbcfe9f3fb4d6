"""Headers that stop a hostile article from running anything, request size limits, and the
token that write endpoints need when the server is reachable beyond this machine."""

from __future__ import annotations

import hmac
from urllib.parse import urlsplit

from fastapi import HTTPException, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from quotetrace.api.settings import ServerSettings

__all__ = ["CONTENT_SECURITY_POLICY", "SecurityMiddleware", "check_writer"]

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),  # "no-referrer" would make form posts say Origin: null
    (b"cross-origin-opener-policy", b"same-origin"),
]


class BodyTooLarge(Exception):
    """The request body went past the limit while it was being read."""


class SecurityMiddleware:
    """Adds the security headers to every response and refuses bodies over the limit (413),
    whether they announce their length or stream it."""

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_body_bytes:
            await _too_large(send, self.max_body_bytes)
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_body_bytes:
                raise BodyTooLarge
            return message

        async def secured_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *_HEADERS]
            await send(message)

        try:
            await self.app(scope, limited_receive, secured_send)
        except BodyTooLarge:
            if started:
                raise
            await _too_large(send, self.max_body_bytes)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _too_large(send: Send, limit: int) -> None:
    body = f'{{"detail":"request body larger than {limit} bytes"}}'.encode()
    await send({"type": "http.response.start", "status": 413, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        *_HEADERS]})
    await send({"type": "http.response.body", "body": body})


def check_writer(request: Request, settings: ServerSettings, form_token: str | None = None) -> None:
    """Refuse a write unless it comes from this site and, where needed, carries the token.

    Browsers cannot set ``Authorization`` on a form post, so the analyze form may send the token
    as a field instead.
    """
    origin = request.headers.get("origin")
    if origin and (origin == "null" or urlsplit(origin).netloc != request.headers.get("host")):
        raise HTTPException(403, f"cross-site request from {origin} refused")
    if not settings.writes_need_token:
        return
    if settings.token is None:
        raise HTTPException(403, "write endpoints are disabled on a server reachable beyond "
                                 "this machine unless it is started with --token")
    given = _bearer(request.headers.get("authorization")) or form_token or ""
    if not hmac.compare_digest(given.encode(), settings.token.encode()):
        raise HTTPException(401, "this endpoint needs 'Authorization: Bearer TOKEN'",
                            headers={"WWW-Authenticate": "Bearer"})


def _bearer(header: str | None) -> str | None:
    if header and header[:7].lower() == "bearer ":
        return header[7:].strip()
    return None
