"""Vietnamese text helpers: normalisation at input boundaries and accent-free search keys."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def clean(value: str) -> str:
    """NFC-normalise and collapse whitespace: the form every stored text takes."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip()


def search_key(value: str) -> str:
    """Lower-case, accent-free key: "Nguyễn Văn Ân" -> "nguyen van an".

    "đ" is a letter of its own, not a "d" with an accent, so Unicode decomposition
    leaves it alone; it is mapped explicitly.
    """
    decomposed = unicodedata.normalize("NFD", clean(value).lower())
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return stripped.replace("đ", "d")
