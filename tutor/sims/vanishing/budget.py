"""How much memory and work a `vanishing` run needs, before it runs: its largest sizes are refused
or announced instead of swapping the machine or computing for an hour unannounced.

Memory is the weight and gradient matrices (16 bytes a weight: float64, twice) and the per-layer
activations, slopes and their gradients (32 bytes a unit and sample; 44 with batch norm, which keeps
its normalized values and statistics too), plus about 80 MB for Python and NumPy. Fitted to peak
resident sizes measured on Linux (depth 100, width 512, batch 64 and 256, with and without batch
norm; depth 50; width 256), and above each of them. A run whose estimate exceeds MEMORY_BUDGET is
refused with the reason; every other combination fits. Work is three width × width matrix products
a layer, sample and step (forward, and two backward); MAX_QUIET_WORK of it is about a minute on a
2-core machine, and a larger run is announced by the CLI (the app shows its progress, and a newer
setting stops it).
"""

from __future__ import annotations

from collections.abc import Mapping

from tutor.sims.params import ParamValue
from tutor.text import Msg

MEMORY_BUDGET = 1024 ** 3  # bytes
BASE_MEMORY = 80e6
MAX_QUIET_WORK = 3e11  # multiply-adds


def memory(p: Mapping[str, ParamValue]) -> float:
    """The run's peak resident memory in bytes, estimated from above."""
    depth, width, batch = int(p["depth"]), int(p["width"]), int(p["batch"])
    per_unit = 44 if p["batchnorm"] else 32
    return BASE_MEMORY + depth * (16 * width * width + per_unit * batch * width)


def work(p: Mapping[str, ParamValue]) -> float:
    """The run's multiply-adds."""
    depth, width, batch, steps = int(p["depth"]), int(p["width"]), int(p["batch"]), int(p["steps"])
    return 3.0 * (steps + 1) * depth * batch * width * width


def limits(p: Mapping[str, ParamValue]) -> Msg | None:
    need = memory(p)
    if need <= MEMORY_BUDGET:
        return None
    return Msg("depth {depth} × width {width} × batch {batch}{bn} would need about {need} MB, more than the "
               "{budget} MB a run may use: lower the batch, the width or the depth", depth=p["depth"],
               width=p["width"], batch=p["batch"], bn=Msg(" with batch norm") if p["batchnorm"] else "",
               need=round(need / 1024 ** 2), budget=MEMORY_BUDGET // 1024 ** 2)
