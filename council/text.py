"""Vietnamese text helpers: NFC normalisation of input and accent-insensitive folding for search."""

import re
import unicodedata

_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "d"})


def normalize(value: str) -> str:
    """Return the text in NFC with surrounding blanks removed (some keyboards send decomposed marks)."""
    return unicodedata.normalize("NFC", value).strip()


def fold(value: str) -> str:
    """Fold text for accent-insensitive matching: "Giải phóng Mặt bằng" → "giai phong mat bang".

    Control characters (a NUL typed into a search box, which PostgreSQL refuses in a query) separate words
    like spaces."""
    decomposed = unicodedata.normalize("NFD", value.translate(_FOLD_EXTRA))
    stripped = "".join(
        " " if unicodedata.category(ch) == "Cc" else ch for ch in decomposed if not unicodedata.combining(ch)
    )
    return " ".join(stripped.lower().split())


def natural_key(value: str) -> list:
    """Sort key that orders "Tổ số 2" before "Tổ số 10" and ignores accents."""
    return [int(part) if part.isdecimal() else part for part in re.split(r"(\d+)", fold(value))]
