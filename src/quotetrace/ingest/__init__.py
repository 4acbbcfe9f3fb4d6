"""Ingestion: files, directories, stdin and HTML pages → decoded ``RawInput`` records."""

from quotetrace.ingest.html import HtmlArticle, extract_html, looks_like_html
from quotetrace.ingest.language import detect_language
from quotetrace.ingest.sources import RawInput, iter_inputs, read_bytes, read_input, read_stdin
from quotetrace.ingest.text import DEFAULT_MAX_BYTES, decode_bytes

__all__ = [
    "DEFAULT_MAX_BYTES",
    "HtmlArticle",
    "RawInput",
    "decode_bytes",
    "detect_language",
    "extract_html",
    "iter_inputs",
    "looks_like_html",
    "read_bytes",
    "read_input",
    "read_stdin",
]
