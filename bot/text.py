"""Dutch formatting helpers for anything a user reads."""

from __future__ import annotations


def score(value: float, decimals: int = 1) -> str:
    """2.3 -> "2,3" (Dutch decimal comma)."""
    return f"{value:.{decimals}f}".replace(".", ",")


def benchmark_score(value: float) -> str:
    """Benchmark figures keep the precision DEN published them with (1,69 stays 1,69)."""
    return score(value, 2 if round(value, 1) != value else 1)
