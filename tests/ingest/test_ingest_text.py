"""decode_bytes: encodings detected, newlines untouched, non-text refused with a clear reason."""

from __future__ import annotations

import codecs

import pytest

from quotetrace.errors import BinaryInput, EmptyInput, InputTooLarge, UndecodableInput
from quotetrace.ingest.text import decode_bytes

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06"


def test_utf8_keeps_windows_newlines() -> None:
    text, encoding = decode_bytes("Line one.\r\nLine two — “quoted”.\r\n".encode(), "a.txt")
    assert text == "Line one.\r\nLine two — “quoted”.\r\n"
    assert encoding == "utf-8"


def test_utf8_byte_order_mark_is_dropped() -> None:
    text, encoding = decode_bytes(codecs.BOM_UTF8 + "Café.\n".encode(), "a.txt")
    assert (text, encoding) == ("Café.\n", "utf-8-sig")


def test_utf16_with_byte_order_mark_is_text_not_binary() -> None:
    text, encoding = decode_bytes("He said “no”.\n".encode("utf-16"), "a.txt")
    assert (text, encoding) == ("He said “no”.\n", "utf-16")


def test_cp1252_smart_quotes_and_accents() -> None:
    original = "“It’s a café for the naïve,” she said — it costs €5.\r\n"
    text, encoding = decode_bytes(original.encode("cp1252"), "a.txt")
    assert text == original
    assert encoding == "cp1252"


def test_latin1_accents() -> None:
    original = "Le café est naïf, déjà vu, à la garçon. Señor Muñoz était là.\n"
    text, _ = decode_bytes(original.encode("latin-1"), "a.txt")
    assert text == original


def test_empty_bytes() -> None:
    with pytest.raises(EmptyInput, match=r"^a\.txt: file is empty$"):
        decode_bytes(b"", "a.txt")


def test_whitespace_only() -> None:
    with pytest.raises(EmptyInput, match="only whitespace"):
        decode_bytes(b" \r\n\t\n  \n", "a.txt")


def test_png_is_binary() -> None:
    with pytest.raises(BinaryInput) as caught:
        decode_bytes(PNG_HEADER + bytes(range(256)) * 4, "image.txt")
    assert str(caught.value) == "image.txt: file is binary (PNG image), not text"
    assert caught.value.reason == "binary"


def test_nul_bytes_are_binary() -> None:
    with pytest.raises(
        BinaryInput, match=r"^article\.txt: file is binary \(NUL bytes\), not text$"
    ):
        decode_bytes(b"Some text\x00\x00\x01\x02 more", "article.txt")


def test_many_control_bytes_are_binary() -> None:
    data = bytes([0x01, 0x02, 0x03, 0x1B, 0x41]) * 200
    with pytest.raises(BinaryInput, match="control bytes"):
        decode_bytes(data, "a.txt")


def test_undecodable_bytes() -> None:
    with pytest.raises(UndecodableInput) as caught:
        decode_bytes(bytes(range(0x80, 0x100)) * 3, "mojibake.txt")
    assert str(caught.value).startswith("mojibake.txt: ")
    assert caught.value.reason == "undecodable"


def test_size_limit_names_size_and_limit() -> None:
    with pytest.raises(InputTooLarge) as caught:
        decode_bytes(b"x" * (3 * 1024 * 1024), "big.txt", max_bytes=2 * 1024 * 1024)
    message = str(caught.value)
    assert "\n" not in message
    assert "3.0 MB" in message and "2.0 MB" in message
