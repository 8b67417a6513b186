"""Dutch formatting helpers for anything a user reads, and plain yes/no replies."""

from __future__ import annotations

import re
import unicodedata
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


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insert, delete, substitute, swap neighbours.

    Used to forgive small typos ("neit", "gmial.com").
    """
    rows = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        rows[i][0] = i
    for j in range(len(b) + 1):
        rows[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
    return rows[-1][-1]


def normalise(text: str) -> str:
    """Lower-case, unify quotes and accents that users type inconsistently, drop punctuation."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("’", "'").replace("é", "e").replace("ë", "e").replace("ï", "i")
    text = text.replace("%", " procent ")
    text = re.sub(r"[^\w\s/%']", " ", text)
    return re.sub(r"\s+", " ", text).strip()
