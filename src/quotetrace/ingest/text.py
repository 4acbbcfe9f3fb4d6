"""Bytes → text: refuse what is not text, detect the encoding, never translate newlines.

Offsets downstream point into the decoded text exactly as read (``newline=""``), so ``\\r\\n``
stays two characters here and everywhere after.
"""

from __future__ import annotations

import codecs
import contextlib
import unicodedata

from charset_normalizer import from_bytes

from quotetrace.errors import BinaryInput, EmptyInput, InputTooLarge, UndecodableInput

__all__ = ["DEFAULT_MAX_BYTES", "check_size", "decode_bytes", "format_size"]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# Byte-order marks, longest first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BYTE_ORDER_MARKS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Signatures of common non-text files, named in the rejection message.
_MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"%PDF-", "PDF document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"PK\x03\x04", "zip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x7fELF", "executable"),
)

_TEXT_CONTROL_BYTES = frozenset(b"\t\n\r\x0b\x0c")
_SAMPLE_BYTES = 64 * 1024
_MAX_CONTROL_RATIO = 0.05  # share of C0 control bytes above which a file is binary
_MAX_UNPRINTABLE_RATIO = 0.02  # share of unprintable characters above which decoding failed
_PREFERRED_LEGACY_ENCODING = "cp1252"  # wins near-ties: the usual legacy encoding of English news
_CHAOS_TOLERANCE = 0.1  # how much worse than the best guess cp1252 may score and still win


def format_size(size: int) -> str:
    """A byte count as people read it ("50.0 MB")."""
    return f"{size / (1024 * 1024):.1f} MB"


def check_size(size: int, origin: str, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Refuse an input larger than ``max_bytes`` before anyone reads it."""
    if size > max_bytes:
        raise InputTooLarge(
            origin,
            f"file is {format_size(size)}, above the {format_size(max_bytes)} limit "
            "(raise the limit with --max-bytes / max_bytes, or split the file)",
        )


def decode_bytes(data: bytes, origin: str, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, str]:
    """Decode ``data`` to ``(text, encoding)`` or raise the ``InputError`` that says why not."""
    check_size(len(data), origin, max_bytes)
    if not data:
        raise EmptyInput(origin, "file is empty")
    text, encoding = _decode_marked(data) or _decode_unmarked(data, origin)
    if not text.strip():
        raise EmptyInput(origin, "file contains only whitespace")
    return text, encoding


def _decode_marked(data: bytes) -> tuple[str, str] | None:
    """Decode by byte-order mark, the one case where NUL bytes are fine (UTF-16/32)."""
    for mark, encoding in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                return None
    return None


def _decode_unmarked(data: bytes, origin: str) -> tuple[str, str]:
    _refuse_binary(data, origin)
    with contextlib.suppress(UnicodeDecodeError):  # not UTF-8: guess the encoding below
        return data.decode("utf-8"), "utf-8"
    encoding = _guess_encoding(data)
    if encoding is None:
        raise UndecodableInput(origin, "no text encoding fits these bytes")
    text = data.decode(encoding)
    if _unprintable_ratio(text) > _MAX_UNPRINTABLE_RATIO:
        raise UndecodableInput(origin, f"bytes decode as {encoding} but give unreadable text")
    return text, encoding


def _refuse_binary(data: bytes, origin: str) -> None:
    for magic, kind in _MAGIC_NUMBERS:
        if data.startswith(magic):
            raise BinaryInput(origin, f"file is binary ({kind}), not text")
    sample = data[:_SAMPLE_BYTES]
    if b"\x00" in sample:
        raise BinaryInput(origin, "file is binary (NUL bytes), not text")
    controls = sum(1 for byte in sample if byte < 0x20 and byte not in _TEXT_CONTROL_BYTES)
    if controls > _MAX_CONTROL_RATIO * len(sample):
        raise BinaryInput(origin, "file is binary (control bytes), not text")


def _guess_encoding(data: bytes) -> str | None:
    """charset-normalizer's best guess, unless cp1252 fits almost as well.

    Short Western texts score about the same under cp1250, cp1252 and cp1257, and
    charset-normalizer may pick any; cp1252 is by far the likeliest for English news. Texts that
    only fit another code page (Czech in cp1250, Russian in cp1251) keep their own.
    """
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        close = match.chaos <= best.chaos + _CHAOS_TOLERANCE
        if close and codecs.lookup(match.encoding).name == _PREFERRED_LEGACY_ENCODING:
            return _PREFERRED_LEGACY_ENCODING
    return codecs.lookup(best.encoding).name


def _unprintable_ratio(text: str) -> float:
    sample = text[:_SAMPLE_BYTES]
    unprintable = sum(
        1
        for char in sample
        if unicodedata.category(char) in {"Cc", "Cn", "Co", "Cs"} and not char.isspace()
    )
    return unprintable / max(len(sample), 1)
