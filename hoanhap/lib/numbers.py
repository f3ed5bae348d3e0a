"""Whole numbers typed by people or sent by other systems."""


def whole_number(text: str) -> int | None:
    """``text`` as a whole number (0 or more), or None when it is not one. ASCII digits only:
    ``str.isdigit()`` is true for "²" too, which ``int()`` then refuses (a server error wherever
    ``isdigit()`` guards ``int()``), and for "٣", which ``int()`` reads as 3."""
    return int(text) if text.isascii() and text.isdigit() else None
