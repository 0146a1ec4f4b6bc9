"""The figures as a plain-text table: value, floor, ratio, target, and whether the target is met."""

from __future__ import annotations

import math
from collections.abc import Sequence

from benchmarks.figures import Figure


def amount(value: float | None, unit: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 10 else f"{value:.1f} s"
    if unit == "B":
        if abs(value) >= 1 << 20:
            return f"{value / (1 << 20):.1f} MiB"
        return f"{value / 1024:.1f} KiB" if abs(value) >= 1024 else f"{value:.0f} B"
    if unit == "fps":
        return f"{value:.1f} fps"
    if unit == "%":
        return f"{value:.2f} %"
    return f"{value:.3g}"


def verdict(figure: Figure) -> str:
    return "" if figure.met is None else ("met" if figure.met else "MISSED")


def render(figures: Sequence[Figure], title: str = "") -> str:
    header = ("figure", "value", "floor", "ratio", "target", "", "note")
    rows = [header]
    for f in figures:
        ratio = f.ratio
        rows.append((f.label, amount(f.value, f.unit), amount(f.floor, f.unit) if f.floor is not None else "",
                     f"{ratio:.2f}×" if ratio is not None else "", f.target, verdict(f), f.note))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [title] if title else []
    for index, row in enumerate(rows):
        cells = [cell.rjust(width) if 0 < column < 4 else cell.ljust(width)
                 for column, (cell, width) in enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
