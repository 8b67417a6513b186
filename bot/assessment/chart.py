"""Radar (spider) chart of the five components against the sector benchmark, as PNG bytes.

The sector figures exist for some components only; they are drawn as points, never joined into
a line, so the chart does not suggest figures that DEN did not publish.
"""

from __future__ import annotations

import io
import math
from typing import Dict, Optional, Sequence

import matplotlib

matplotlib.use("Agg")  # no display on servers
import matplotlib.pyplot as plt  # noqa: E402

DEN_BLUE = "#1d3f8f"
SECTOR_ORANGE = "#b34700"


def render_radar(
    labels: Sequence[str],
    values: Sequence[Optional[float]],
    sector: Dict[int, float],
    sector_label: str,
    title: str = "Jullie digitale profiel",
) -> bytes:
    """labels/values per component (None = not scored); sector maps component index -> mean."""
    count = len(labels)
    angles = [n / count * 2 * math.pi for n in range(count)]
    fig = plt.figure(figsize=(6.4, 6.4), dpi=100)
    try:
        ax = fig.add_subplot(111, polar=True)
        ax.set_theta_offset(math.pi / 2)
        ax.set_theta_direction(-1)
        ax.set_ylim(0, 5)
        ax.set_yticks([1, 2, 3, 4, 5])
        ax.set_yticklabels(["1", "2", "3", "4", "5"], fontsize=8, color="#444444")
        ax.set_xticks(angles)
        ax.set_xticklabels([label.replace(" & ", "\n& ") for label in labels], fontsize=10)
        scored = [(a, v) for a, v in zip(angles, values, strict=False) if v is not None]
        if len(scored) >= 3:
            closed = scored + scored[:1]
            ax.plot([a for a, _ in closed], [v for _, v in closed], color=DEN_BLUE, linewidth=2)
            ax.fill([a for a, _ in closed], [v for _, v in closed], color=DEN_BLUE, alpha=0.2)
        ax.scatter(
            [a for a, _ in scored],
            [v for _, v in scored],
            color=DEN_BLUE,
            s=40,
            label="Jullie score",
            zorder=3,
        )
        if sector:
            ax.scatter(
                [angles[i] for i in sector],
                list(sector.values()),
                marker="D",
                s=60,
                color=SECTOR_ORANGE,
                label=sector_label,
                zorder=4,
            )
        ax.legend(
            loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=1, frameon=False, fontsize=9
        )
        ax.set_title(title, fontsize=13, pad=24)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", bbox_inches="tight")
        return buffer.getvalue()
    finally:
        plt.close(fig)
