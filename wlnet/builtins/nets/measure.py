"""Measurements of classifiers: NetMeasurements, and NetTrain's
TrainingProgressMeasurements with the results' "RoundMeasurements" and
"ValidationMeasurements" (the runtime's train/measurements.py computes them).

A measurement is written "ErrorRate", {"ErrorRate", k}, "Accuracy", {"Accuracy", k},
"ConfusionMatrix", "Precision", "Recall", "F1Score", "CohenKappa", "Entropy" or "Loss",
or <|"Measurement" -> spec, ...|> (its other keys are not used). Values print as Wolfram
gives them: rates as reals, the confusion matrix as counts (rows: true classes), the
per-class ones as <|class -> value, ...|>.
"""

from __future__ import annotations

import math

import numpy as np

from ...expr import Expr, Integer, PackedArray, Real, S, String, Symbol, make_list
from ...format.nets import label_expr
from ...kernel.builtin import builtin
from ...nets.errors import NetError
from ...train import measurements as M
from ...train.loop import evaluate_data
from ..unimplemented import not_a_net
from .train_options import MESSAGES as TRAIN_MESSAGES, _Failed, _precision
from .training_net import _Trainer
from .devices import Unavailable, target_device
from .values import FAILED, NET_MESSAGES, as_net, interruptible, report

LOSS = "Loss"
MESSAGES = {**NET_MESSAGES, **{tag: TRAIN_MESSAGES[tag] for tag in (
    "invmeasure", "nomeasure", "invdata", "invindata3", "invport", "nodataport", "datalen",
    "invloss", "invprec")}, "invnet": "The first argument `1` is not a net."}
NAMES_TEXT = ", ".join(M.NAMES + (LOSS,))


def _one_spec(e):
    """A measurement as the runtime names it, or None."""
    if isinstance(e, Expr) and e.head is S.Association:
        inner = [r.args[1] for r in e.args if r.args[0] == String("Measurement")]
        return _one_spec(inner[0]) if inner else None
    if isinstance(e, String) and (e.value in M.NAMES or e.value == LOSS):
        return e.value
    if isinstance(e, Expr) and e.head is S.List and len(e.args) == 2 and \
            isinstance(e.args[0], String) and isinstance(e.args[1], Integer):
        spec = (e.args[0].value, e.args[1].value)
        return spec if M.known(spec) else None
    return None


def measurement_specs(ev, symbol: str, e, trainer, automatic):
    """[(key expression, spec)] for a measurement or a list of them; Automatic gives
    ``automatic``. A message and _Failed for one that is not known or not available."""
    if e is S.Automatic:
        return [(String(s), s) for s in automatic]
    items = e.args if isinstance(e, Expr) and e.head is S.List and \
        _one_spec(e) is None else (e,)
    out = []
    for item in items:
        spec = _one_spec(item)
        if spec is None:
            ev.message(symbol, "invmeasure", item, String(NAMES_TEXT))
            raise _Failed
        if spec != LOSS and not trainer.classified:
            ev.message(symbol, "nomeasure", item)
            raise _Failed
        out.append((_key_of(item) if item.head is S.Association else item, spec))
    return out


def _key_of(assoc):
    return next(r.args[1] for r in assoc.args if r.args[0] == String("Measurement"))


def automatic_specs(trainer) -> list:
    """TrainingProgressMeasurements -> Automatic: the error rate when one
    cross-entropy loss is trained (Wolfram's rule)."""
    return ["ErrorRate"] if len(trainer.classified) == 1 else []


def value_expr(trainer, spec, value):
    """A measurement's value as Wolfram shows it."""
    if isinstance(value, np.ndarray) and value.ndim == 2:
        return PackedArray(value.astype(np.int64))
    if isinstance(value, np.ndarray):
        return Expr.make(S.Association, [
            Expr(S.Rule, label_expr(label), _real(v))
            for label, v in zip(trainer.class_labels(), value.tolist())])
    return _real(value)


def _real(v):
    return Real(float(v)) if math.isfinite(v) else Symbol("Indeterminate")


def measured_association(trainer, keyed, loss, values) -> Expr:
    """<|"Loss" -> loss, key -> value, ...|> of one round or evaluation."""
    rules = [Expr(S.Rule, String(LOSS), Real(loss))] if loss is not None else []
    rules += [Expr(S.Rule, key, value_expr(trainer, spec, values[spec]))
              for key, spec in keyed if spec != LOSS]
    return Expr.make(S.Association, rules)


def measured_lists(trainer, keyed, losses, values_list) -> Expr:
    """<|"Loss" -> {...}, key -> {...}, ...|> over the rounds."""
    rules = [Expr(S.Rule, String(LOSS), PackedArray(np.array(losses, dtype=np.float64))
                  if losses else make_list([]))]
    for key, spec in keyed:
        if spec != LOSS:
            rules.append(Expr(S.Rule, key, make_list(value_expr(trainer, spec, v[spec])
                                                     for v in values_list)))
    return Expr.make(S.Association, rules)


# -- NetMeasurements ----------------------------------------------------------------------

@builtin(messages=MESSAGES,
         options={"BatchSize": S.Automatic, "LossFunction": S.Automatic,
                  "TargetDevice": String("CPU"), "WorkingPrecision": S.Automatic},
         usage="NetMeasurements[net, data, measurement] computes the measurement of net on "
               "data, such as \"ErrorRate\", \"Accuracy\", \"ConfusionMatrix\" or \"Loss\"."
               "\nNetMeasurements[net, data, {m1, m2, ...}] computes several.")
def NetMeasurements(ev, expr):
    """NetMeasurements[net, data, spec]: the net evaluated on data (in batches, in
    evaluation mode, on the TargetDevice) with NetTrain's loss attached, measured."""
    split = ev.split_options(expr, "NetMeasurements", first_option=3)
    if split is None:
        return None
    args, opts = split
    if not ev.check_argc(Expr.make(expr.head, args), 3, 3, "NetMeasurements"):
        return None
    net = as_net(args[0])
    if net is None:
        not_a_net(ev, "NetMeasurements", args[0], "invnet", args[0])
        return None
    try:
        target = target_device(ev, "NetMeasurements", opts["TargetDevice"])
    except Unavailable:
        return FAILED
    try:
        dtype = _precision(ev, opts["WorkingPrecision"]) if \
            opts["WorkingPrecision"] is not S.Automatic else np.float32
        if not net.is_initialized():
            raise NetError("NetMeasurements", "notinit", "the net cannot be measured before "
                           "its arrays are initialised; use NetInitialize or NetTrain.")
        trainer = _Trainer(ev, net, opts["LossFunction"], symbol="NetMeasurements")
        keyed = measurement_specs(ev, "NetMeasurements", args[2], trainer, [])
        data = trainer.columns(args[1], dtype)
        if target is None:
            plan = trainer.compile(data, None, dtype)
        else:
            trainer.prepare(data, None)
            plan = _OnDevice(trainer.graph, target, dtype)
        batch = opts["BatchSize"]
        size = batch.value if isinstance(batch, Integer) and batch.value > 0 else 64
        measures = trainer.measurements([s for _, s in keyed if s != LOSS])
        with interruptible(ev), np.errstate(all="ignore"):
            loss, values = evaluate_data(plan, data, trainer.loss_port, size, measures)
    except NetError as e:
        return report(ev, e)
    except _Failed:
        return FAILED
    results = [Real(loss) if spec == LOSS else value_expr(trainer, spec, values[spec])
               for _, spec in keyed]
    single = not (isinstance(args[2], Expr) and args[2].head is S.List and
                  _one_spec(args[2]) is None)
    return results[0] if single else make_list(results)


class _OnDevice:
    """What ``evaluate_data`` asks of a plan (``forward``), run by JAX on a target."""

    def __init__(self, net, target, dtype):
        self.net, self.target, self.dtype = net, target, dtype

    def forward(self, batch, training=False):
        from ...backends.jax.evaluation import evaluate
        return evaluate(self.net, batch, self.target, self.dtype)[0]
