"""`playground`: a small network classifying points in the plane, its decision boundary drawn live.

Two classes of points (`circle`, `xor`, `gauss`, `spiral`) or three (`three-class`, three Gaussian
blobs) lie in the square [−3, 3]²; a network of up to four hidden layers learns to tell them
apart, and the chart colours the whole plane by the class the network would answer there.

Data (`data`): `points` points, as near equal shares per class as the count allows, every point
then moved by Gaussian noise of standard deviation `noise`; a seeded shuffle sends
round(test_fraction · points) of them to the test set, which training never sees.

Inputs (`features`): the network sees a row of features of each point (x₁, x₂) chosen by
`features` from x₁, x₂, x₁², x₂², x₁·x₂, sin x₁, sin x₂. `input_scale` s multiplies every feature
built from x₁ (x₁, x₁², x₁·x₂, sin x₁) by s: the same model, the same best boundary, but a loss
surface stretched along some weights, which makes gradient descent slow or unstable.

Network (`network`), with h₀ the feature row, L hidden layers and inverted dropout of rate q:

    hₖ = act(hₖ₋₁·Wₖ + bₖ) ⊙ mₖ / (1 − q)       k = 1 … L   (mₖ ∈ {0, 1}, P(mₖ = 1) = 1 − q)
    z  = h_L·W_out + b_out                                   one logit (two classes) or three
    two classes:   p = σ(z),  loss = −[y·log p + (1 − y)·log(1 − p)]       torch BCEWithLogitsLoss
    three classes: p = softmax(z), loss = −log p_y                          torch CrossEntropyLoss
    loss = mse:    (p − y)² for two classes, the mean over the classes of (pⱼ − yⱼ)² for three
                   (y one-hot)                        torch MSELoss(σ(z), y), MSELoss(softmax(z), y)

The masks are drawn afresh for every step's batch (step by step, uniform draws U of shape batch ×
all hidden units, the first layer's first; a unit is kept where U ≥ q); evaluation (every reported loss, accuracy and
map) runs the network in eval mode, with no dropout. Weights start as the `init` simulation draws
them (zeros, small N(0, 0.01²), large N(0, 1), xavier N(0, 2/(fan_in + fan_out)), he
N(0, 2/fan_in)); biases start at 0.

Randomness: each part of a run draws from its own stream, numpy.random.default_rng([seed, k]) with
k = 1 for the points and their noise, 2 the split, 3 the initial weights, 4 the batches and 5 the
dropout masks; so changing the network leaves the points as they were, and the other way round.

Training: step t takes the next `batch` indices of a stream of seeded permutations of the training
set, one permutation per epoch (the whole set every step when batch ≥ its size). The objective is
the mean loss over the batch plus l1·Σ|w| + l2·Σw² over the weights W (never the biases), and g is
its gradient (sign(0) = 0, as torch takes it). With θ every parameter, wd = `weight_decay` applied
to the weights only (a torch parameter group with weight_decay=0 for the biases), and every buffer
starting at 0 (t counts steps from 1):

    sgd       g ← g + wd·θ;  θ ← θ − lr·g                      torch.optim.SGD(lr, weight_decay=wd)
    momentum  g ← g + wd·θ;  b ← 0.9·b + g (b = g at t = 1);  θ ← θ − lr·b
                                                               torch.optim.SGD(lr, momentum=0.9, ...)
    adam      g ← g + wd·θ;  m ← 0.9·m + 0.1·g;  v ← 0.999·v + 0.001·g²
              θ ← θ − lr·(m / (1 − 0.9ᵗ)) / (√(v / (1 − 0.999ᵗ)) + 1e-8)
                                                               torch.optim.Adam(lr, weight_decay=wd)
    adamw     θ ← θ·(1 − lr·wd), then the adam step with g unchanged
                                                               torch.optim.AdamW(lr, weight_decay=wd)

So weight decay under sgd is exactly an L2 penalty (wd = 2·l2), and under adam it is an L2
penalty too, divided like every gradient by √v̂; adamw's decay is not divided by anything.

A run is diverged when a weight or the train loss stops being finite, or the train loss passes
DIVERGED_LOSS; it stops there and every trajectory keeps its finite prefix.

`--export` writes, besides the series (see `gdtutor sim playground --help`):

    features_train, features_test   the feature rows the network sees (input_scale applied)
    labels_train, labels_test       the classes 0, 1 (, 2)
    init_weight_k, init_bias_k      the starting weights of layer k = 1 … L + 1 (the last one is
                                    the output layer), in torch.nn.Linear's layout: weight is
                                    (out × in), so the layer is h·weightᵀ + bias
    batch_index                     steps × batch: the training rows each step used (batch is
                                    at most the training set's size)
    dropout_mask_k                  steps × batch × units of hidden layer k: 1 = kept (only when
                                    dropout > 0); kept values are divided by (1 − dropout)
"""

from dataclasses import dataclass

from tutor.sims.params import choice, integer, real
from tutor.sims.spec import SimSpec

DATASETS = ("circle", "xor", "gauss", "spiral", "three-class")
#: The network shapes a learner can pick, smallest first so that a nudge grows the network.
LAYERS = ("none", "1", "2", "3", "4", "5", "6", "8", "2,1", "2,2", "3,2", "3,3", "4,2", "4,4", "6,6", "8,4",
          "8,8", "3,3,3", "4,4,4", "6,6,6", "8,8,8", "4,4,4,4", "8,8,8,8")
#: The feature sets, as the names of the features each one feeds the network.
FEATURES = ("x1,x2", "x1^2,x2^2", "x1,x2,x1^2,x2^2", "x1*x2", "x1,x2,x1*x2", "x1,x2,sin(x1),sin(x2)",
            "all")
ACTIVATIONS = ("tanh", "relu", "sigmoid", "linear")
INITS = ("xavier", "he", "small", "large", "zeros")
OPTIMIZERS = ("sgd", "momentum", "adam", "adamw")
LOSSES = ("cross-entropy", "mse")
#: Train loss beyond which a run counts as diverged: a wrong answer by a logit of this size.
DIVERGED_LOSS = 1000.0


@dataclass(frozen=True)
class PlaygroundParams:
    """What `playground`'s model reads: one typed field per parameter of SPEC, in its order."""

    dataset: str
    layers: str
    activation: str
    loss: str
    optimizer: str
    lr: float
    steps: int
    batch: int
    features: str
    input_scale: float
    init: str
    l1: float
    l2: float
    weight_decay: float
    dropout: float
    noise: float
    points: int
    test_fraction: float
    seed: int


SPEC = SimSpec(
    name="playground",
    summary="A small network classifying points in the plane (circle, xor, gauss, spiral, three "
            "classes): its decision boundary, hidden units, optimizers and regularizers.",
    params=(
        choice("dataset", "circle", DATASETS,
               "circle, xor, gauss, spiral (two classes) or three-class (softmax)"),
        choice("layers", "4", LAYERS,
               "hidden layer sizes, first to last, e.g. 8,8; none: no hidden layer (a linear model)"),
        choice("activation", "tanh", ACTIVATIONS, "activation of every hidden unit"),
        choice("loss", "cross-entropy", LOSSES,
               "cross-entropy (−log p of the right class) or mse (squared error of p)"),
        choice("optimizer", "sgd", OPTIMIZERS,
               "sgd, momentum (μ 0.9), adam, adamw (decoupled weight decay)"),
        real("lr", 0.3, 1e-4, 10.0, "learning rate: the size of each step", log=True),
        integer("steps", 500, 1, 5000, "number of training steps (one batch each)", log=True),
        integer("batch", 10, 1, 1000, "points per step, drawn without repeats within an epoch (at "
                "least the training set's size: every training point every step)", log=True),
        choice("features", "x1,x2", FEATURES,
               "what the network sees of each point: x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin(x2); "
               "all: all seven"),
        real("input_scale", 1.0, 0.01, 100.0,
             "multiplies every feature built from x1 (unnormalised inputs): the same model, a "
             "stretched loss surface", log=True),
        choice("init", "xavier", INITS,
               "initial weights: xavier N(0, 2/(fan_in+fan_out)), he N(0, 2/fan_in), small N(0, 0.01²), "
               "large N(0, 1), zeros; biases start at 0"),
        real("l1", 0.0, 0.0, 1.0, "L1 penalty λ₁·Σ|w| on the weights (not the biases), added to the "
             "loss", step=0.001),
        real("l2", 0.0, 0.0, 1.0, "L2 penalty λ₂·Σw² on the weights (not the biases), added to the "
             "loss", step=0.001),
        real("weight_decay", 0.0, 0.0, 1.0, "torch.optim's weight_decay on the weights: added to the "
             "gradient (sgd, momentum, adam) or decoupled, θ ← θ·(1 − lr·wd) (adamw)", step=0.01),
        real("dropout", 0.0, 0.0, 0.9, "share of hidden units dropped at random in each training step "
             "(none when evaluating)", step=0.05),
        real("noise", 0.1, 0.0, 1.0, "standard deviation of the noise added to every point's "
             "position", step=0.05),
        integer("points", 200, 20, 1000, "number of points, training and test together", log=True),
        real("test_fraction", 0.5, 0.1, 0.9, "share of the points held out as the test set", step=0.1),
        integer("seed", 0, 0, 1_000_000, "random seed for the data, the split, the initial weights, "
                "the batches and the dropout masks"),
    ),
    facts={
        "final_train_loss": "the mean loss over the training points after the last step (eval mode: "
                            "no dropout, no penalty)",
        "final_test_loss": "the mean loss over the test points after the last step",
        "train_accuracy": "the share of training points classified right after the last step",
        "test_accuracy": "the share of test points classified right after the last step",
        "best_test_accuracy": "the highest test accuracy of any step",
        "steps_to_90": "the first step at which the test accuracy reached 90% (none if never)",
        "accuracy_gap": "train_accuracy − test_accuracy: how much better the model does on the points "
                        "it learned from",
        "chance_accuracy": "the test accuracy of always answering the test set's most common class",
        "chance_loss": "the train loss of a guess that ignores the point, answering each class with "
                       "its share of the training set (for two equal classes ln 2 with cross-entropy, "
                       "0.25 with mse): what learning nothing costs",
        "initial_loss": "the train loss before the first step",
        "state": "learning, stuck (the train accuracy is within 0.1 of chance_accuracy, the train "
                 "loss above 0.9 × chance_loss, or the loss fell by less than 1%), overfitting "
                 "(accuracy_gap above 0.1, or the test loss risen over 1.2 × its lowest + 0.05 while "
                 "the train loss fell) or diverged",
        "classes": "how many classes the dataset has (2, or 3 for three-class)",
        "n_features": "how many features each point is given to the network",
        "hidden_units": "how many hidden units the network has, all layers together",
        "n_weights": "how many numbers training adjusts: every weight and bias",
        "weight_norm": "√(Σw²) over the weights (not the biases) after the last step",
        "small_weights": "how many weights (not biases) are below 0.01 in size after the last step",
        "dead_units": "hidden units whose output is 0 for every training point after the last step "
                      "(dead ReLUs)",
        "n_train": "how many points training uses",
        "n_test": "how many points are held out",
        "diverged": "true when a weight or the train loss stopped being finite, or the train loss "
                    "passed 1000",
    },
    series={
        "train_loss": "train loss at each step (index 0: before training), eval mode",
        "test_loss": "test loss at each step",
        "train_accuracy": "share of training points classified right at each step",
        "test_accuracy": "share of test points classified right at each step",
        "x_train": "the training points, one row (x₁, x₂) each",
        "y_train": "the training points' classes (0, 1 or 2)",
        "x_test": "the test points, one row (x₁, x₂) each",
        "y_test": "the test points' classes",
        "map_axis": "the coordinates of the map's grid lines, the same along x₁ and x₂",
        "map_prob": "the probability of each class over the plane after the last step: rows along "
                    "x₂ (low to high) × columns along x₁ × classes",
        "map_steps": "the steps whose weights are kept for the maps (at most 41, evenly spaced, the "
                     "first and the last included)",
        "map_weights": "the weights and biases at each of map_steps, packed layer by layer as W "
                       "(fan_in × fan_out, row by row) then b: what play mode draws the maps from",
    },
    details=(
        "the points: circle (a disc inside a ring), xor (opposite quadrants alike), gauss (two "
        "blobs), spiral (two interleaved arms), three-class (three blobs, softmax output)",
        "cross-entropy: −log of the probability given to the right class (binary cross-entropy "
        "of σ(z) for two classes); mse: squared error of the probabilities, (σ(z) − y)² (three "
        "classes: averaged over the classes)",
        "the update rule, as in torch.optim: sgd, momentum (SGD with momentum 0.9), adam, "
        "adamw (Adam with decoupled weight decay). With g the gradient plus weight_decay·θ "
        "(adamw: the gradient alone) and t the step from 1: sgd θ ← θ − lr·g; momentum "
        "b ← 0.9·b + g (b = g at t = 1), θ ← θ − lr·b; adam m ← 0.9·m + 0.1·g, "
        "v ← 0.999·v + 0.001·g², θ ← θ − lr·(m/(1 − 0.9ᵗ))/(√(v/(1 − 0.999ᵗ)) + 1e-8); "
        "adamw θ ← θ·(1 − lr·weight_decay), then the adam step",
    ),
    model="tutor.sims.playground.model",
    param_class=PlaygroundParams,
    trajectory=("train_loss", "test_loss", "train_accuracy", "test_accuracy"),
)
