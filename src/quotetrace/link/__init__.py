"""Corpus level: copies and rewrites, people, quote variants and stories across articles."""

from quotetrace.link.inputs import LinkEntity, LinkInput, LinkQuote
from quotetrace.link.linker import Linker, LinkUpdate
from quotetrace.link.settings import LinkSettings

__all__ = ["LinkEntity", "LinkInput", "LinkQuote", "LinkSettings", "LinkUpdate", "Linker"]
