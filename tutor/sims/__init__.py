"""The simulations: pure NumPy models of how networks learn, with no UI and no I/O.

Each simulation is a subpackage: its `__init__` declares a `SPEC` (plain Python, cheap to import)
and its `model` module does the arithmetic with NumPy, loaded only when a run is asked for.
Importing this package imports neither NumPy, textual nor plotext.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from tutor.sims.params import ParamError, unknown_name
from tutor.sims.spec import SimSpec

__all__ = ["SimSpec", "UnknownSim", "all_specs", "get_spec"]


class UnknownSim(ParamError):
    """A simulation name that does not exist; the message suggests the closest one."""


@cache
def all_specs() -> dict[str, SimSpec]:
    """Every simulation, by name, found among this package's subpackages."""
    specs: dict[str, SimSpec] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if not info.ispkg:
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        spec = getattr(module, "SPEC", None)
        if isinstance(spec, SimSpec):
            specs[spec.name] = spec
    return specs


def get_spec(name: str) -> SimSpec:
    specs = all_specs()
    if name in specs:
        return specs[name]
    raise UnknownSim(unknown_name("simulation", name, tuple(specs)), None)
