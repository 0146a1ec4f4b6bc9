"""The computations of one forward and one backward pass through the 2-2-1 network, in order.

This list is the walk-through's script: the simulation computes the numbers stage by stage in this
order, and the chart writes one row per stage, so play mode (one step = one stage) fills the table
as the learner presses a key. Plain Python on purpose: the chart and the lesson tools read it
without NumPy.

Each backward stage is one use of the chain rule, gradient = upstream × local: `upstream` names
the gradient it starts from (already in the table), `local` the derivative of one node with
respect to its input along the path.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Stage:
    kind: str      # "forward" or "backward"
    node: str      # what the stage computes, e.g. "z1" or "dL/dw11" (ASCII, also the key in the table)
    formula: str   # forward: how it is computed; backward: the local derivative
    upstream: str = ""  # backward only: the gradient this stage multiplies


#: Names in the order of the packed weight vector (the same order `gradcheck`'s network uses).
WEIGHTS = ("w11", "w12", "b1", "w21", "w22", "b2", "v1", "v2", "c")

#: Forward: hidden pre-activations, activations, output logit, output, loss. `act` and `loss` are
#: written out by the chart according to the run's activation and loss.
FORWARD = (
    Stage("forward", "z1", "w11*x1 + w12*x2 + b1"),
    Stage("forward", "z2", "w21*x1 + w22*x2 + b2"),
    Stage("forward", "h1", "act(z1)"),
    Stage("forward", "h2", "act(z2)"),
    Stage("forward", "z3", "v1*h1 + v2*h2 + c"),
    Stage("forward", "y_hat", "sigma(z3)"),
    Stage("forward", "L", "loss(y_hat, y)"),
)

#: Backward: from the loss back to every weight, each a product of an upstream gradient and a local
#: derivative. "1" as upstream is dL/dL, where every backward pass starts.
BACKWARD = (
    Stage("backward", "dL/dy_hat", "dloss/dy_hat", "1"),
    Stage("backward", "dL/dz3", "sigma'(z3)", "dL/dy_hat"),
    Stage("backward", "dL/dv1", "h1", "dL/dz3"),
    Stage("backward", "dL/dv2", "h2", "dL/dz3"),
    Stage("backward", "dL/dc", "1", "dL/dz3"),
    Stage("backward", "dL/dh1", "v1", "dL/dz3"),
    Stage("backward", "dL/dh2", "v2", "dL/dz3"),
    Stage("backward", "dL/dz1", "act'(z1)", "dL/dh1"),
    Stage("backward", "dL/dz2", "act'(z2)", "dL/dh2"),
    Stage("backward", "dL/dw11", "x1", "dL/dz1"),
    Stage("backward", "dL/dw12", "x2", "dL/dz1"),
    Stage("backward", "dL/db1", "1", "dL/dz1"),
    Stage("backward", "dL/dw21", "x1", "dL/dz2"),
    Stage("backward", "dL/dw22", "x2", "dL/dz2"),
    Stage("backward", "dL/db2", "1", "dL/dz2"),
)

STAGES = FORWARD + BACKWARD
