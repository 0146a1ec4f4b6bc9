"""A simulation's validated values as a frozen dataclass, so its model reads `params.lr` as a float.

The parameter table (`SimSpec.params`) is what validation, `--help` and the app read; the model
wants real types instead of a mapping of `float | int | str | bool` it must cast at every use. Each
simulation therefore declares a frozen dataclass with one field per parameter, and this module
keeps the two in step: `mismatches` names every way a dataclass differs from its table (SimSpec
refuses such a declaration), and `typed` builds the dataclass from values that `SimSpec.resolve`
has already checked. Plain Python, like the table itself: importing it loads no NumPy.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING, TypeVar

from tutor.sims.params import Kind, Param, ParamValue

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T", bound="DataclassInstance")

#: The Python type of a value of each kind of parameter, as `Param.parse` returns it.
KIND_TYPES: dict[Kind, type] = {"float": float, "int": int, "choice": str, "bool": bool}


def mismatches(cls: type, params: Sequence[Param]) -> list[str]:
    """Every difference between a dataclass and a parameter table: names, their order, and types."""
    if not (dataclasses.is_dataclass(cls) and isinstance(cls, type)):
        return [f"{cls!r} is not a dataclass"]
    problems = []
    if not vars(cls)["__dataclass_params__"].frozen:  # what @dataclass(frozen=...) was given
        problems.append(f"{cls.__name__} is not frozen")
    # The declared types as written ("float" where annotations are postponed, as in the sims), not
    # evaluated with typing.get_type_hints: every simulation is checked so when `gdtutor sims`
    # lists them, and evaluating a dozen classes' annotations was a fifth of that command's time.
    declared = {f.name: f.type for f in dataclasses.fields(cls)}
    fields = list(declared)
    names = [p.name for p in params]
    for name in names:
        if name not in fields:
            problems.append(f"{cls.__name__} has no field {name!r}")
    for name in fields:
        if name not in names:
            problems.append(f"{cls.__name__}.{name} is not a parameter")
    if not problems and fields != names:
        problems.append(f"{cls.__name__}'s fields are not in the order of the parameter table")
    for p in params:
        wanted = KIND_TYPES[p.kind]
        if p.name in declared and declared[p.name] not in (wanted, wanted.__name__):
            problems.append(f"{cls.__name__}.{p.name} is {declared[p.name]!r}, but a {p.kind} parameter "
                            f"is a {wanted.__name__}")
    return problems


@cache
def field_types(cls: type) -> dict[str, object]:
    """Each field's declared type, evaluated (the sims' modules postpone annotations to strings)."""
    return {f.name: typing.get_type_hints(cls)[f.name] for f in dataclasses.fields(cls)}


def typed(cls: type[T], values: Mapping[str, ParamValue]) -> T:
    """The dataclass `cls` holding `values` (every parameter, already validated)."""
    fields = field_types(cls)
    for name, kind in fields.items():
        if type(values[name]) is not kind:  # an int where a float belongs would change the arithmetic
            raise TypeError(f"{cls.__name__}.{name} must be a {kind}; got {values[name]!r}")
    return cls(**{name: values[name] for name in fields})


def as_mapping(params: DataclassInstance) -> dict[str, ParamValue]:
    """The values of a parameters dataclass by name, in the table's order (what a Result carries)."""
    return {f.name: getattr(params, f.name) for f in dataclasses.fields(params)}
