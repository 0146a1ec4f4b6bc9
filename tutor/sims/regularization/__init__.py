"""`regularization`: fitting a polynomial to a few noisy points, to see under- and overfitting and
how an L1 or L2 penalty tames a model that has more freedom than the data can pin down.

The data: x uniform in [−1, 1], y = sin(πx) + noise·ε with ε ~ N(0, 1); `n_train` points to learn
from and `n_val` held-out points that training never sees. Each set draws from its own random
streams, so adding training points keeps the earlier ones and leaves the validation set unchanged.

The model is a polynomial of degree d, written in the Legendre basis rather than as 1, x, x², …:

    ŷ(x) = w₀·P₀(x) + w₁·P₁(x) + … + w_d·P_d(x)

P_k is the Legendre polynomial of degree k (P₀ = 1, P₁ = x, P₂ = (3x² − 1)/2, …). Like x^k it stays
between −1 and 1 on [−1, 1], but the P_k do not overlap there (they are orthogonal), while the
powers x^k look more and more alike as k grows. Gradient descent on the coefficients of the powers
would need millions of steps at degree 10; on the P_k a few thousand are enough. The curves a
degree-d model can draw are the same either way.

Objective, with n = n_train, and w₀ (the constant term) never penalized:

    L(w)      = (1/n)·Σᵢ (ŷ(xᵢ) − yᵢ)²                          train loss (mean squared error)
    J(w)      = L(w)                                            penalty none
    J(w)      = L(w) + λ·(w₁² + … + w_d²)                       penalty l2
    J(w)      = L(w) + λ·(|w₁| + … + |w_d|)                     penalty l1

Gradient descent from w = 0, with ∇L(w) = (2/n)·Φᵀ(Φw − y) (Φ is n × (d+1), Φᵢₖ = P_k(xᵢ)):

    none      w ← w − η·∇L(w)
    l2        w ← w − η·(∇L(w) + 2λ·w)          (w₀ excluded from the 2λ·w: weight decay)
    l1        v = w − η·∇L(w);  wₖ ← sign(vₖ)·max(|vₖ| − η·λ, 0) for k ≥ 1, w₀ ← v₀
              (the proximal or soft-threshold step: a weight whose pull is weaker than λ lands on
              exactly 0)

The verdict `fit` compares the run with two references computed from the same data: the train loss of
the true curve sin(πx) (what the noise alone costs) and the best validation loss any degree reaches
by least squares.

The step η = 1/M, where M is the largest eigenvalue of the smooth part's Hessian ((2/n)·ΦᵀΦ, plus
2λ on the penalized diagonal for l2): the classic safe step of (proximal) gradient descent, with
which J never goes up, so no choice of degree or λ can make the run diverge.
"""

from dataclasses import dataclass

from tutor.sims.params import choice, integer, real
from tutor.sims.spec import SimSpec


@dataclass(frozen=True)
class RegularizationParams:
    """What `regularization`'s model reads: one typed field per parameter of SPEC, in its order."""

    degree: int
    penalty: str
    lam: float
    steps: int
    n_train: int
    n_val: int
    noise: float
    seed: int


SPEC = SimSpec(
    name="regularization",
    summary="A polynomial fitted to noisy points: under- and overfitting, train vs validation loss, "
            "and L1/L2 penalties.",
    params=(
        integer("degree", 3, 1, 15, "degree d of the polynomial (d + 1 weights)"),
        choice("penalty", "none", ("none", "l1", "l2"),
               "penalty on the weights w₁…w_d: none, l1 λ·Σ|w| (drives weights to exactly 0), "
               "l2 λ·Σw² (shrinks them all)"),
        real("lam", 0.01, 1e-5, 10.0, "penalty strength λ (ignored when penalty is none)", log=True),
        integer("steps", 2000, 1, 20000, "number of gradient-descent steps", log=True),
        integer("n_train", 10, 2, 200, "number of training points", log=True),
        integer("n_val", 200, 10, 1000, "number of held-out validation points", log=True),
        real("noise", 0.2, 0.0, 1.0, "standard deviation of the noise added to sin(πx)", step=0.05),
        integer("seed", 0, 0, 1_000_000, "random seed for the data"),
    ),
    facts={
        "final_train_loss": "train loss (mean squared error on the training points) after the last step",
        "final_val_loss": "validation loss (mean squared error on the held-out points) after the last step",
        "gap": "final_val_loss − final_train_loss: how much worse the model does on data it never saw",
        "best_val_loss": "the lowest validation loss of any step",
        "best_step": "the step with the lowest validation loss",
        "floor_val_loss": "validation loss of the true curve sin(πx) itself: what the noise alone costs",
        "fit": "underfitting (the train loss is above 1.5× what the noise alone costs on the training "
               "points, + 0.01), else overfitting (the validation loss is above 1.5× best_degree_val_loss "
               "+ 0.01), else good",
        "best_degree_val_loss": "the lowest validation loss of a plain least-squares polynomial of any "
                                "degree from 1 to 15 on this data: what a good fit can reach",
        "zero_weights": "how many of w₁…w_d are exactly 0",
        "weight_norm": "√(w₁² + … + w_d²) after the last step",
        "max_weight": "the largest |w_k| (k ≥ 1) after the last step",
        "objective": "J(w) after the last step: train loss plus the penalty",
        "lr": "the step size η = 1/M gradient descent used",
        "diverged": "true when a value overflowed (cannot happen with the step size used)",
    },
    series={
        "train_loss": "train loss at each step (index 0: all weights 0)",
        "val_loss": "validation loss at each step",
        "weight_path": "steps + 1 rows × (degree + 1): the weights w₀…w_d at each step",
        "weights": "the weights w₀…w_d after the last step",
        "x_train": "the training points' x",
        "y_train": "the training points' y",
        "x_val": "the validation points' x",
        "y_val": "the validation points' y",
        "x_grid": "201 evenly spaced x from −1 to 1",
        "curve": "the fitted polynomial on x_grid after the last step",
        "truth": "the true curve sin(πx) on x_grid",
    },
    model="tutor.sims.regularization.model",
    param_class=RegularizationParams,
    trajectory=("train_loss", "val_loss", "weight_path"),
)
