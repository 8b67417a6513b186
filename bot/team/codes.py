"""Team codes: TEAM-7K3M-9QAB-X4TZ, easy to read out, type and share in any channel.

59 bits (`bot.codes`); a code stops working when its team scan closes (`bot.team.repository`),
and wrong tries are limited per conversation (`bot.db.attempts`).
"""

from __future__ import annotations

import re
from typing import Optional

from bot import codes

PREFIX = "TEAM-"
new_code = codes.new_code
# "TEAM-7K3M-9QAB-X4TZ", "teamcode 7k3m 9qab x4tz", "team 7K3M9QABX4TZ", "teamcode: TEAM-..."
_WITH_PREFIX = re.compile(
    r"\bteam(?:\s*-?\s*code)?(?:\s+is)?\s*[-:]?\s*(?:team\s*-\s*)?"
    + codes.CODE_PATTERN
    + r"(?![A-Za-z0-9])",
    re.IGNORECASE,
)


def display(code: str) -> str:
    return f"{PREFIX}{codes.grouped(code)}"


def find_team_code(text: str) -> Optional[str]:
    """A code written as a team code ("TEAM-7K3M-9QAB-X4TZ"), in its stored form, or None."""
    for match in _WITH_PREFIX.finditer(text or ""):
        code = codes.canonical(match.groups())
        if code:
            return code
    return None


def find_any_code(text: str) -> Optional[str]:
    """A team code, or else any code in the text (12 letters and digits, grouped or not)."""
    return find_team_code(text) or codes.find_code(text)
