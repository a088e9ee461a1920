"""Writes hyperband_reference.lua: the sequence of trials Keras Tuner's Hyperband oracle creates for a
few settings, and the objective directions it infers from metric names, to compare lib/tuner with.

Each trial is ended with a made-up score (a fixed function of its number), so that the promotions are
decided by known scores; the Lua test gives its trials the same scores. Run with Keras Tuner 1.4.x:

    python3 -m venv /tmp/kt && /tmp/kt/bin/pip install keras-tuner jax[cpu] scipy six
    KERAS_BACKEND=jax /tmp/kt/bin/python make_hyperband_reference.py > hyperband_reference.lua
"""
import contextlib
import io
import tempfile

import keras_tuner as kt
from keras_tuner.src.engine.metrics_tracking import infer_metric_direction


def score(number):
    # Distinct, unordered scores: which trials go on depends on them.
    return (number * 7) % 23 + number / 100


def schedule(max_epochs, factor, iterations, direction):
    hp = kt.HyperParameters()
    hp.Int("units", 1, 10**9)   # a large space, so that random values never run out
    oracle = kt.oracles.HyperbandOracle(
        objective=kt.Objective("score", direction), max_epochs=max_epochs, factor=factor,
        hyperband_iterations=iterations, hyperparameters=hp, seed=1)
    oracle._set_project_dir(tempfile.mkdtemp(), "reference")
    numbers = {}
    trials = []
    while True:
        trial = oracle.create_trial("worker")
        if trial.status == "STOPPED":
            break
        values = trial.hyperparameters.values
        number = len(trials) + 1
        numbers[trial.trial_id] = number
        parent = values.get("tuner/trial_id")
        trials.append({
            "bracket": values["tuner/bracket"], "round": values["tuner/round"],
            "epochs": values["tuner/epochs"], "initial_epoch": values["tuner/initial_epoch"],
            "parent": numbers[parent] if parent else None,
        })
        oracle.update_trial(trial.trial_id, {"score": score(number)})
        trial.status = "COMPLETED"
        oracle.end_trial(trial)
    return trials


def lua(trial):
    fields = [f"{key} = {'nil' if trial[key] is None else trial[key]}"
              for key in ("bracket", "round", "epochs", "initial_epoch", "parent")]
    return "{" + ", ".join(fields) + "}"


print(f"-- Made by make_hyperband_reference.py with Keras Tuner {kt.__version__}; do not edit.")
print("-- Trials in the order Hyperband creates them; a trial's score is (n * 7) % 23 + n / 100.")
print("return {")
print("  hyperband = {")
for max_epochs, factor, iterations, direction in [(10, 3, 1, "max"), (27, 3, 1, "min"), (9, 3, 2, "max"), (20, 4, 1, "min")]:
    with contextlib.redirect_stdout(io.StringIO()):   # the oracle prints its progress
        trials = schedule(max_epochs, factor, iterations, direction)
    print(f"  {{max_epochs = {max_epochs}, factor = {factor}, hyperband_iterations = {iterations}, "
          f"direction = '{direction}', trials = {{")
    for trial in trials:
        print(f"    {lua(trial)},")
    print("  }},")
print("  },")
# Names Lunette logs (its losses and metrics, with val_), and a few it does not know.
names = ["loss", "val_loss", "accuracy", "val_accuracy", "acc", "val_acc", "binary_accuracy",
         "categorical_accuracy", "val_sparse_categorical_accuracy", "mae", "val_mse", "mean_absolute_error",
         "mean_squared_error", "precision", "val_recall", "auc", "crossentropy", "binary_crossentropy",
         "val_categorical_crossentropy", "weighted_accuracy", "r2_score", "kl", "kl_loss", "reconstruction_loss"]
print("  directions = {")
for name in names:
    direction = infer_metric_direction(name)
    print(f"    {name} = {repr(direction) if direction else 'false'},")
print("  },")
print("}")
