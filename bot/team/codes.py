"""Team codes: TEAM-7K3M9Q, easy to read out, type and share in any channel."""

from __future__ import annotations

import re
import secrets
from typing import Optional

from bot.scans.resume_codes import ALPHABET, LENGTH

PREFIX = "TEAM-"
# "TEAM-7K3M9Q", "teamcode 7k3m9q", "team 7K3M9Q", "teamcode: TEAM-7K3M9Q"
_WITH_PREFIX = re.compile(
    r"\bteam(?:\s*-?\s*code)?(?:\s+is)?\s*[-:]?\s*(?:team\s*-\s*)?([A-Za-z0-9]{%d})\b" % LENGTH,
    re.IGNORECASE,
)
_BARE = re.compile(r"\b([A-Za-z0-9]{%d})\b" % LENGTH)


def new_code() -> str:
    """Six characters with at least one letter and one digit (never a plain word)."""
    while True:
        code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
        if any(c.isdigit() for c in code) and any(c.isalpha() for c in code):
            return code


def display(code: str) -> str:
    return f"{PREFIX}{code}"


def _looks_like_code(candidate: str) -> bool:
    return any(c.isdigit() for c in candidate) and any(c.isalpha() for c in candidate)


def find_team_code(text: str) -> Optional[str]:
    """A code written as a team code ("TEAM-7K3M9Q", "teamcode 7K3M9Q"), upper-cased, or None."""
    for match in _WITH_PREFIX.finditer(text or ""):
        if _looks_like_code(match.group(1)):
            return match.group(1).upper()
    return None


def find_any_code(text: str) -> Optional[str]:
    """A team code, or else any six-character code in the text (letters and digits)."""
    found = find_team_code(text)
    if found:
        return found
    for candidate in _BARE.findall(text or ""):
        if _looks_like_code(candidate):
            return candidate.upper()
    return None
