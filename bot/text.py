"""Dutch formatting helpers for anything a user reads, and plain yes/no replies."""

from __future__ import annotations

import re
from typing import Optional


def score(value: float, decimals: int = 1) -> str:
    """2.3 -> "2,3" (Dutch decimal comma)."""
    return f"{value:.{decimals}f}".replace(".", ",")


def benchmark_score(value: float) -> str:
    """Benchmark figures keep the precision DEN published them with (1,69 stays 1,69)."""
    return score(value, 2 if round(value, 1) != value else 1)


YES = frozenset(
    {
        "ja",
        "klopt",
        "jazeker",
        "yes",
        "ja hoor",
        "ja klopt",
        "dat klopt",
        "correct",
        "precies",
        "ja graag",
        "graag",
        "prima",
        "akkoord",
        "is goed",
        "oke",
        "ok",
    }
)
NO = frozenset(
    {
        "nee",
        "neen",
        "nope",
        "nee hoor",
        "klopt niet",
        "niet goed",
        "fout",
        "nee dank je",
        "liever niet",
        "nee bedankt",
    }
)


def yes_or_no(text: str) -> Optional[bool]:
    """True for a plain yes, False for a plain no, None for anything else."""
    plain = re.sub(r"[^\w\s]", "", text.lower()).strip()
    plain = re.sub(r"\s+", " ", plain)
    if plain in YES:
        return True
    if plain in NO:
        return False
    return None
