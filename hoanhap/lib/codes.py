"""Reference codes given to citizens (tips, online registrations): short, random, and made of
characters nobody confuses when read over the phone (no 0/O, 1/I/L)."""

import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def reference_code(prefix: str, length: int = 8) -> str:
    return f"{prefix}-" + "".join(secrets.choice(ALPHABET) for _ in range(length))
