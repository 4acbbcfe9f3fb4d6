"""One exception tree; each message names the input and says what went wrong."""

from __future__ import annotations


class QuotetraceError(Exception):
    """Base of every error quotetrace raises on purpose."""


class InputError(QuotetraceError):
    """An input cannot be analysed; ``reason`` is a short machine-readable code."""

    reason = "bad-input"

    def __init__(self, origin: str, detail: str) -> None:
        super().__init__(f"{origin}: {detail}")
        self.origin = origin
        self.detail = detail


class EmptyInput(InputError):
    reason = "empty"


class BinaryInput(InputError):
    reason = "binary"


class UndecodableInput(InputError):
    reason = "undecodable"


class InputTooLarge(InputError):
    reason = "too-large"


class NoArticleText(InputError):
    reason = "no-article-text"


class UnreadableInput(InputError):
    """The file cannot be opened or read: missing, a directory, no permission."""

    reason = "unreadable"


class ModelMissing(QuotetraceError):
    """The requested spaCy pipeline is not installed."""


class StoreUnavailable(QuotetraceError):
    """The corpus store cannot be opened: a missing driver, a server that does not answer."""


class MalformedRecord(InputError):
    """A record of a container file (a JSONL line, a feed entry) lacks what an article needs."""

    reason = "malformed-record"
