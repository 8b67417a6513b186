"""Codes people read out and type: 12 characters in three groups of four ("7K3M-9QAB-X4TZ").

The alphabet has 31 characters (no 0/O, 1/I/L), so a code carries 12 * log2(31) = 59.4 bits:
guessing one of a million live codes at a thousand tries a second would take about 26 000 years,
and the attempt limits (`bot.db.attempts`) allow a few tries an hour. Codes are stored without
separators (12 characters) and shown in groups; the parser takes any case and any separator
("7k3m 9qab x4tz", "7K3M9QABX4TZ").
"""

from __future__ import annotations

import math
import re
import secrets
from typing import Optional

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
GROUP = 4
GROUPS = 3
LENGTH = GROUP * GROUPS
BITS = LENGTH * math.log2(len(ALPHABET))

_SEPARATOR = r"[\s\-_.]?"
_CHUNK = r"([A-Za-z0-9]{%d})" % GROUP
CODE_PATTERN = _CHUNK + _SEPARATOR + _CHUNK + _SEPARATOR + _CHUNK
# a lookahead, so that candidates may overlap: in "code K7M2 QX4H 9TZP" the first candidate
# ("code K7M2 QX4H") is not a code, the one starting at "K7M2" is
_CODE_IN_TEXT = re.compile(r"(?=(?<![A-Za-z0-9])" + CODE_PATTERN + r"(?![A-Za-z0-9]))")


def new_code() -> str:
    """A random code (12 characters, no separators) with a letter and a digit: never a word."""
    while True:
        code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
        if is_code(code):
            return code


def is_code(candidate: str) -> bool:
    """True for 12 characters of the alphabet with at least one letter and one digit."""
    return (
        len(candidate) == LENGTH
        and all(c in ALPHABET for c in candidate)
        and any(c.isdigit() for c in candidate)
        and any(c.isalpha() for c in candidate)
    )


def canonical(groups: tuple[str, ...]) -> Optional[str]:
    """The stored form of matched groups, or None when they are not a code."""
    code = "".join(groups).upper()
    return code if is_code(code) else None


def find_code(text: str) -> Optional[str]:
    """The first code in a message, in its stored form (no separators), or None."""
    for match in _CODE_IN_TEXT.finditer(text or ""):
        code = canonical(match.groups())
        if code:
            return code
    return None


def grouped(code: str) -> str:
    """The stored form shown to people: "7K3MQABX4TZ9" -> "7K3M-QABX-4TZ9"."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))
