"""Round tick values that land on the rows and columns of their values.

A learner reads a chart by its labels: `0 2.5 5 7.5` can be trusted, `0.8 1.7 2.5 3.3` cannot, and a
label printed one row off its value (a terminal has a dozen rows, so each is a wide band) puts the
w* = 0 line beside the label −0.3. So every linear axis follows the "nice numbers" rule used by
matplotlib's default locator and by Wilkinson's Grammar of Graphics: ticks at every multiple of a
step of 1, 2, 2.5 or 5 × 10^k. On the y axis the limits are then chosen so that the rows of the
plotting area fall on a grid the ticks belong to (a row every step/k for a whole k), which puts
each label exactly on the row plotext draws its value on. Log axes (values drawn as log10) use the
same rule with whole decades as steps, and add 2 and 5 between the decades where rows allow.

plotext maps a value v to row floor(½ + (rows − 1)·(v − lo)/(hi − lo)); everything here assumes it.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterator
from dataclasses import dataclass

#: The mantissas of a round step, in order of preference.
MANTISSAS = (1.0, 2.0, 2.5, 5.0)
#: Whole-decade steps a log axis may use.
DECADE_MANTISSAS = (1.0, 2.0, 5.0)
#: Labels switch to 1.5e6 form beyond this magnitude.
LARGE = 1e5
#: Rows per tick at least, so that labels do not sit on neighbouring rows (when there is room).
MIN_ROWS_PER_TICK = 2
#: The most ticks on one y axis, however tall.
MOST_TICKS = 9
#: An axis at most this many times the data's span, if one with more crowded labels allows.
LOOSEST = 5.0


@dataclass(frozen=True)
class Axis:
    """Limits and ticks of one axis: where the labels go and what they say."""

    lo: float
    hi: float
    ticks: tuple[float, ...]
    labels: tuple[str, ...]


def steps(smallest: float, mantissas: tuple[float, ...] = MANTISSAS) -> Iterator[float]:
    """Round steps from about `smallest` upwards (endless)."""
    power = math.floor(math.log10(smallest)) if smallest > 0 else -12
    while True:
        for m in mantissas:
            yield m * 10.0**power
        power += 1


def multiples(step: float, lo: float, hi: float) -> list[float]:
    """Every multiple of `step` from lo to hi (a little rounding either side allowed)."""
    first, last = math.ceil(lo / step - 1e-9), math.floor(hi / step + 1e-9)
    return [_clean(i * step) for i in range(first, last + 1)]


def _clean(value: float) -> float:
    """i·step without the 0.30000000000000004 of binary arithmetic (and without −0)."""
    return float(f"{value:.15g}") + 0.0


#: Values that vary by less than this share of their size are drawn as one value: a float holds
#: about 16 digits, so ticks finer than that would be a rounding error apart, not a round step.
FLAT = 1e-7


def flat(lo: float, hi: float) -> bool:
    """Whether lo…hi is too narrow to put ticks in (beside the size of its values)."""
    return hi - lo <= max(FLAT * max(abs(lo), abs(hi)), 1e-200)


def widen(lo: float, hi: float) -> tuple[float, float]:
    """A span to draw for values from lo to hi, never empty."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return 0.0, 1.0
    if not flat(lo, hi):
        return lo, hi
    pad = abs(lo) * 0.1 if abs(lo) > 1e-200 else 1.0
    return lo - pad, hi + pad


def tick_counts(rows: int) -> tuple[int, int]:
    """How few and how many labels a y axis `rows` tall should carry."""
    fewest = 3 if rows >= 5 else 2
    most = max(fewest, min(MOST_TICKS, (rows - 1) // MIN_ROWS_PER_TICK + 1))
    return fewest, most


def row_axis(lo: float, hi: float, rows: int, mantissas: tuple[float, ...] = MANTISSAS,
             smallest: float | None = None, middle: float | None = None) -> Axis:
    """Y limits and ticks for values lo…hi on `rows` plotting rows, each tick exactly on a row.

    Among round steps s and whole numbers k of rows per tick, the limits are the tightest span
    (rows − 1)·s/k that holds lo…hi with its bottom on the grid of s/k, and with a sensible
    number of labels. With `middle` (a map of a plane centred on its origin, say), the grid value
    nearest it is put on the middle row (with an even number of rows, the lower of the two), so
    the span stays balanced around it instead of hugging the data at one end.
    """
    lo, hi = widen(lo, hi)
    rows = max(rows, 2)
    fewest, most = tick_counts(rows)
    # A very short axis may need labels on neighbouring rows, or a single label.
    loose: Axis | None = None
    for few, many, min_k in ((fewest, most, MIN_ROWS_PER_TICK if rows >= 2 * MIN_ROWS_PER_TICK + 1 else 1),
                             (2, rows, 1), (1, rows, 1)):
        found = _search(lo, hi, rows, mantissas, smallest, few, many, min_k, middle)
        if found is not None and found.hi - found.lo <= LOOSEST * (hi - lo):
            return found
        loose = loose or found  # the data squeezed into a corner: labels on neighbouring rows are better
    if loose is not None:
        return loose
    return Axis(lo, hi, (lo, hi), tuple(labels([lo, hi], hi - lo)))  # pragma: no cover - (1, rows) always fits


def _search(lo: float, hi: float, rows: int, mantissas: tuple[float, ...], smallest: float | None,
            fewest: int, most: int, min_k: int, middle: float | None = None) -> Axis | None:
    span = hi - lo
    start = max(span / (rows - 1), smallest or 0.0)
    best: tuple[float, float, float, float] | None = None  # (score, bottom, top, step)
    for step in steps(start / 10, mantissas):
        if smallest is not None and step < smallest - 1e-12:
            continue
        if step > span * 4 and best is not None:
            break
        if step > span * 1e3:
            break
        for k in range(min_k, rows):
            row = step / k
            if row * (rows - 1) < span * (1 - 1e-9):
                break
            if middle is None:
                bottom = math.floor((lo + 1e-9 * span) / row) * row  # data a hair below a row counts as on it
            else:
                bottom = (math.floor(middle / row + 0.5) - (rows - 1) // 2) * row
                if bottom > lo + 1e-9 * span:
                    continue
            top = bottom + (rows - 1) * row
            if top < hi - 1e-9 * span:
                continue
            count = math.floor(top / step + 1e-9) - math.ceil(bottom / step - 1e-9) + 1
            if not fewest <= count <= most:
                continue
            score = (top - bottom) / span + (0.08 if step / 10.0**math.floor(math.log10(step)) == 2.5 else 0)
            score += 0.01 * abs(count - (fewest + most) / 2)
            if best is None or score < best[0] - 1e-12:
                best = (score, bottom + 0.0, top, step)
    if best is None:
        return None
    _, bottom, top, step = best
    ticks = multiples(step, bottom, top)
    return Axis(bottom, top, tuple(ticks), tuple(labels(ticks, step)))


def col_axis(lo: float, hi: float, cols: int, whole: bool = False) -> Axis:
    """X ticks for values lo…hi on `cols` plotting columns: the smallest round step whose labels
    fit with two blank columns between them. The limits stay lo…hi (a step axis ends at its run's
    last step); `whole` keeps steps of 1 and more (steps, layers), and a single step is shown
    with the next one rather than with a negative one."""
    if whole and hi <= lo and math.isfinite(lo):
        hi = lo + 1
    if lo < hi and math.isfinite(lo) and math.isfinite(hi) and flat(lo, hi):  # too narrow for a step
        middle = (lo + hi) / 2
        return Axis(lo, hi, (middle,), (label(middle, hi - lo),))
    lo, hi = widen(lo, hi)
    span = hi - lo
    cols = max(cols, 2)
    crowded: list[float] = []
    for step in steps(span / cols, MANTISSAS):
        if whole and (step < 1 or step % 1):
            continue
        ticks = multiples(step, lo, hi)
        texts = labels(ticks, step)
        room = (cols - 1) * step / span  # columns between neighbouring ticks
        if len(ticks) >= 2 and room + 1e-9 >= max(map(len, texts)) + 2:
            return Axis(lo, hi, tuple(ticks), tuple(texts))
        if len(ticks) == 1:  # too narrow for two labels: one round value
            return Axis(lo, hi, tuple(ticks), tuple(texts))
        if not ticks and not crowded:  # no whole number inside at all: the ends
            return Axis(lo, hi, (lo, hi), tuple(labels([lo, hi], span)))
        if not ticks:  # the last step with two or more was crowded: its middle value alone
            middle = min(crowded, key=lambda t: abs(t - (lo + hi) / 2))
            return Axis(lo, hi, (middle,), (labels([middle], middle or 1.0)[0],))
        crowded = ticks
    raise AssertionError("unreachable")  # pragma: no cover


def labels(ticks: list[float], step: float) -> list[str]:
    """Labels with the precision the step needs: 0 2.5 5, 0.25 0.5, 1e6 1.5e6; never −0."""
    return [label(t, step) for t in ticks]


def decimals(step: float) -> int:
    """Digits after the point that tell multiples of `step` apart."""
    for d in range(0, 13):
        if abs(round(step, d) - step) <= 1e-9 * step:
            return d
    return 12


def label(value: float, step: float) -> str:
    value = _clean(value)
    if value == 0:
        return "0"
    if abs(value) >= LARGE or (step < 1e-4 and abs(value) < 1e-3):
        power = math.floor(math.log10(abs(value)))
        digits = decimals(_clean(step / 10.0**power))
        # 1.5e6 reads better than 1500000, 100000.05 better than 1.0000005e5; but a step too fine
        # for twelve decimals (values near 1e-140) can only be told apart in this form.
        if digits <= 3 or step < 1e-12:
            mantissa = _clean(value / 10.0**power)
            text = f"{mantissa:.{digits}f}"
            return f"{text}e{power}"
    text = f"{value:.{decimals(step)}f}"
    return "0" if float(text) == 0 else text


# -- log axes ---------------------------------------------------------------------------------------


def decade_label(power: int) -> str:
    return {-3: "0.001", -2: "0.01", -1: "0.1", 0: "1", 1: "10", 2: "100", 3: "1000"}.get(power, f"1e{power}")


def log_label(log_value: float) -> str:
    """The label of a tick at log10 value t: 10^t written as 1e-5, 0.2, 5, 2e7."""
    power = math.floor(log_value + 1e-9)
    mantissa = round(10.0 ** (log_value - power), 6)
    if abs(mantissa - 1) < 1e-6:
        return decade_label(power)
    digit = f"{mantissa:g}"
    if -3 <= power <= 3:
        return f"{_clean(mantissa * 10.0**power):g}"
    return f"{digit}e{power}"


#: log10 of the largest float.
LARGEST_LOG = math.log10(sys.float_info.max)
#: A log span narrower than this (a factor of 1.0000023) is one value, shown in the decade around it.
LOG_FLAT = 1e-6
#: Rows per decade from which the 2 and 5 between decades get labels too.
MINOR_ROWS = 6


def log_axis(lo: float, hi: float, rows: int) -> Axis:
    """Limits and ticks for log10 values lo…hi on `rows` rows: whole decades on a round stride,
    on their rows; with 2 and 5 between them where the rows allow; and within a single decade,
    the 1-2-5 values it holds (or, narrower still, round values of the quantity itself)."""
    if math.isfinite(lo) and math.isfinite(hi) and (hi - lo < LOG_FLAT or flat(lo, hi)):  # one value: its decade
        lo, hi = lo - 0.5, hi + 0.5
    lo, hi = widen(lo, hi)
    rows = max(rows, 2)
    if math.floor(hi + 1e-9) - math.ceil(lo - 1e-9) >= 1:  # two decades or more to label
        axis = row_axis(lo, hi, rows, DECADE_MANTISSAS, smallest=1.0)
        ticks = [float(t) for t in axis.ticks]
        if len(ticks) >= 2 and ticks[1] - ticks[0] == 1 and (rows - 1) / (axis.hi - axis.lo) >= MINOR_ROWS:
            minor = [d + math.log10(m) for d in range(math.floor(axis.lo), math.ceil(axis.hi) + 1) for m in (2, 5)]
            ticks = sorted(ticks + [t for t in minor if axis.lo <= t <= axis.hi])
        # No label for more than a float can hold (the frame of a run that reached 1e300 may
        # reach beyond that; its labels stop at the last one that means something).
        ticks = [t for t in ticks if t <= LARGEST_LOG] or ticks[:1]
        return Axis(axis.lo, axis.hi, tuple(ticks), tuple(log_label(t) for t in ticks))
    round_ones = [d + math.log10(m) for d in range(math.floor(lo) - 1, math.ceil(hi) + 1) for m in (1, 2, 5)]
    inside = [t for t in round_ones if lo - 1e-9 <= t <= hi + 1e-9]
    if len(inside) >= 2:
        return Axis(lo, hi, tuple(inside), tuple(log_label(t) for t in inside))
    # Less than a factor of 2.5: round values of the quantity, at their log positions.
    if hi > 300 or lo < -300:  # (beyond what a float's 10^x can write out)
        return Axis(lo, hi, (lo, hi), (log_label(lo), log_label(hi)))
    values = 10.0 ** lo, 10.0 ** hi
    fewest, _ = tick_counts(rows)
    for step in steps((values[1] - values[0]) / 8):
        ticks = multiples(step, *values)
        if len(ticks) <= max(fewest, 3):
            break
    ticks = [t for t in ticks if t > 0]
    if len(ticks) < 2:
        ticks = list(values)
        step = (values[1] - values[0]) or values[0]
    return Axis(lo, hi, tuple(math.log10(t) for t in ticks), tuple(labels(ticks, step)))
