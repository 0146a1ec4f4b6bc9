"""Gradient clipping by global norm, as torch.nn.utils.clip_grad_norm_ does it.

All gradients are treated as one long vector. If its length ‖g‖ exceeds the limit c, every gradient
is multiplied by c/(‖g‖ + 10⁻⁶), so the step keeps its direction and only loses length. A huge
gradient then moves the weights by at most η·c, which is what stops an exploding stack from
throwing its weights to infinity in one step.
"""

from __future__ import annotations

#: Added to the norm before dividing, as PyTorch does, so a zero gradient never divides by zero.
EPS = 1e-6


def clip_factor(total_norm: float, max_norm: float) -> float:
    """What to multiply every gradient by: min(1, c/(‖g‖ + 10⁻⁶)); 1 when clipping is off (c = 0)."""
    if max_norm <= 0:
        return 1.0
    return min(1.0, max_norm / (total_norm + EPS))
