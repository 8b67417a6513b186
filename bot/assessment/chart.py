"""Radar (spider) charts of the five components against the sector benchmark, as PNG bytes.

The sector figures exist for some components only; they are drawn as points, never joined into
a line, so the chart does not suggest figures that DEN did not publish. A team chart draws the
team mean as the main line and one line per role group.
"""

from __future__ import annotations

import io
import math
from typing import Dict, List, Optional, Sequence, Tuple

import matplotlib

matplotlib.use("Agg")  # no display on servers
import matplotlib.pyplot as plt  # noqa: E402

DEN_BLUE = "#1d3f8f"
SECTOR_ORANGE = "#b34700"
# Role-group lines: distinguishable for colour-blind readers, and each has its own dash pattern.
GROUP_STYLES = (
    ("#007a5e", (0, (6, 2))),
    ("#8e2c8a", (0, (2, 2))),
    ("#5c5c5c", (0, (6, 2, 2, 2))),
    ("#b8860b", (0, (1, 1))),
)

Line = Tuple[str, Sequence[Optional[float]]]


def render_radar(
    labels: Sequence[str],
    values: Sequence[Optional[float]],
    sector: Dict[int, float],
    sector_label: str,
    title: str = "Jullie digitale profiel",
) -> bytes:
    """labels/values per component (None = not scored); sector maps component index -> mean."""
    return _render(labels, ("Jullie score", values), [], sector, sector_label, title)


def render_team_radar(
    labels: Sequence[str],
    team: Line,
    groups: Sequence[Line],
    sector: Dict[int, float],
    sector_label: str,
    title: str = "Jullie teamprofiel",
) -> bytes:
    """The team mean as the main line, one dashed line per role group (label, values)."""
    return _render(labels, team, groups, sector, sector_label, title)


def _render(
    labels: Sequence[str],
    main: Line,
    groups: Sequence[Line],
    sector: Dict[int, float],
    sector_label: str,
    title: str,
) -> bytes:
    count = len(labels)
    angles = [n / count * 2 * math.pi for n in range(count)]
    fig = plt.figure(figsize=(6.4, 6.4 + 0.25 * len(groups)), dpi=100)
    try:
        ax = fig.add_subplot(111, polar=True)
        ax.set_theta_offset(math.pi / 2)
        ax.set_theta_direction(-1)
        ax.set_ylim(0, 5)
        ax.set_yticks([1, 2, 3, 4, 5])
        ax.set_yticklabels(["1", "2", "3", "4", "5"], fontsize=8, color="#444444")
        ax.set_xticks(angles)
        ax.set_xticklabels([label.replace(" & ", "\n& ") for label in labels], fontsize=10)
        name, values = main
        points = _points(angles, values)
        _line(ax, points, DEN_BLUE, linestyle="solid", linewidth=2.2, fill=True)
        ax.scatter(*_xy(points), color=DEN_BLUE, s=40, label=name, zorder=4)
        for (name, values), (colour, dashes) in zip(groups, GROUP_STYLES, strict=False):
            points = _points(angles, values)
            drawn = _line(
                ax, points, colour, linestyle=dashes, linewidth=1.6, fill=False, label=name
            )
            ax.scatter(*_xy(points), color=colour, s=18, label=None if drawn else name, zorder=3)
        if sector:
            ax.scatter(
                [angles[i] for i in sector],
                list(sector.values()),
                marker="D",
                s=60,
                color=SECTOR_ORANGE,
                label=sector_label,
                zorder=5,
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


def _points(
    angles: Sequence[float], values: Sequence[Optional[float]]
) -> List[Tuple[float, float]]:
    return [(a, v) for a, v in zip(angles, values, strict=False) if v is not None]


def _xy(points: Sequence[Tuple[float, float]]) -> Tuple[List[float], List[float]]:
    return [a for a, _ in points], [v for _, v in points]


def _line(ax, points, colour: str, linestyle, linewidth: float, fill: bool, label=None) -> bool:  # type: ignore[no-untyped-def]
    """Join the points into a closed line when at least three components have a score."""
    if len(points) < 3:
        return False
    closed = list(points) + list(points[:1])
    ax.plot(*_xy(closed), color=colour, linewidth=linewidth, linestyle=linestyle, label=label)
    if fill:
        ax.fill(*_xy(closed), color=colour, alpha=0.2)
    return True
