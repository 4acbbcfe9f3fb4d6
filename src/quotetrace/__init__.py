"""quotetrace: who said what, according to whom, when — from raw news articles."""

from quotetrace.errors import InputError, QuotetraceError
from quotetrace.pipeline import Analyzer, analyze
from quotetrace.records import (
    SCHEMA_VERSION,
    Article,
    CitedSource,
    DateMention,
    Document,
    Entity,
    Quote,
    Rejection,
    Span,
)

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION", "Analyzer", "Article", "CitedSource", "DateMention", "Document", "Entity",
    "InputError", "Quote", "QuotetraceError", "Rejection", "Span", "analyze",
]
