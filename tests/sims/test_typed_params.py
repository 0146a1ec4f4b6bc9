"""The typed parameters a model reads cannot drift from the parameter table they come from."""

from __future__ import annotations

import dataclasses
import typing

import pytest

from tutor.sims import all_specs, get_spec
from tutor.sims.params import integer, real
from tutor.sims.typed import as_mapping, mismatches, typed

#: Written out here, not taken from tutor.sims.typed: what each kind of parameter must hold.
PYTHON_TYPE = {"float": float, "int": int, "choice": str, "bool": bool}
TYPED = list(all_specs())


def test_every_simulation_declares_its_parameters_class() -> None:
    assert TYPED
    for name, spec in all_specs().items():
        assert dataclasses.is_dataclass(spec.param_class), name


@pytest.mark.parametrize("name", TYPED)
def test_fields_are_the_parameter_table(name: str) -> None:
    spec = get_spec(name)
    cls = spec.param_class
    assert cls is not None and dataclasses.is_dataclass(cls)
    fields = dataclasses.fields(cls)
    assert [f.name for f in fields] == [p.name for p in spec.params]
    hints = typing.get_type_hints(cls)
    assert {f.name: hints[f.name] for f in fields} == {p.name: PYTHON_TYPE[p.kind] for p in spec.params}
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(typed(cls, spec.defaults()), spec.params[0].name, spec.params[0].default)


#: Values a run reports as it used them rather than as given: optimizers' default start is the
#: surface's own point, which the run reports as x0 and y0.
REPORTED_AS_USED = {"optimizers": ("x0", "y0")}


@pytest.mark.parametrize("name", TYPED)
def test_a_run_reports_the_values_it_was_given(name: str) -> None:
    spec = get_spec(name)
    result = spec.run({})
    assert list(result.params) == list(spec.param_names)
    assert {k: type(v) for k, v in result.params.items()} == {k: type(v) for k, v in spec.defaults().items()}
    as_used = REPORTED_AS_USED.get(name, ())
    assert {k: v for k, v in result.params.items() if k not in as_used} == {
        k: v for k, v in spec.defaults().items() if k not in as_used}


TABLE = (real("lr", 0.1, 1e-4, 10.0, "rate"), integer("steps", 3, 1, 9, "steps"))


@dataclasses.dataclass(frozen=True)
class Good:
    lr: float
    steps: int


def test_a_matching_dataclass_has_no_mismatches() -> None:
    assert mismatches(Good, TABLE) == []
    built = typed(Good, {"lr": 0.5, "steps": 4})
    assert built == Good(0.5, 4)
    assert as_mapping(built) == {"lr": 0.5, "steps": 4}


def test_every_kind_of_drift_is_named() -> None:
    @dataclasses.dataclass(frozen=True)
    class Missing:
        lr: float

    @dataclasses.dataclass(frozen=True)
    class WrongType:
        lr: int
        steps: int

    @dataclasses.dataclass(frozen=True)
    class Reordered:
        steps: int
        lr: float

    @dataclasses.dataclass
    class Thawed:
        lr: float
        steps: int

    assert mismatches(Missing, TABLE) == ["Missing has no field 'steps'"]
    assert len(mismatches(WrongType, TABLE)) == 1 and "WrongType.lr" in mismatches(WrongType, TABLE)[0]
    assert mismatches(Reordered, TABLE) == ["Reordered's fields are not in the order of the parameter table"]
    assert mismatches(Thawed, TABLE) == ["Thawed is not frozen"]
    assert "is not a parameter" in " ".join(mismatches(Good, TABLE[:1]))


def test_types_are_read_as_declared_whether_postponed_or_not() -> None:
    # (this module postpones annotations, so Good's are the strings "float" and "int")
    evaluated = dataclasses.make_dataclass("Evaluated", [("lr", float), ("steps", int)], frozen=True)
    assert mismatches(evaluated, TABLE) == []
    wrong = dataclasses.make_dataclass("Wrong", [("lr", float), ("steps", float)], frozen=True)
    assert mismatches(wrong, TABLE) == [f"Wrong.steps is {float!r}, but a int parameter is a int"]
    named_wrong = dataclasses.make_dataclass("NamedWrong", [("lr", "bool"), ("steps", "int")], frozen=True)
    assert mismatches(named_wrong, TABLE) == ["NamedWrong.lr is 'bool', but a float parameter is a float"]


def test_a_value_of_the_wrong_type_is_refused() -> None:
    with pytest.raises(TypeError):
        typed(Good, {"lr": 1, "steps": 4})  # an int where a float belongs
