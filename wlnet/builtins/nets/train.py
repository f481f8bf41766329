"""NetTrain: Wolfram's options, data forms and return properties over wlnet's NumPy loop.

The builtin reads expressions and issues messages; the work is done by the runtime:
``nets`` (attach a loss, initialise, compile a plan) and ``train`` (optimizers, the loop,
the record of a run). Choices where Wolfram is not deterministic or not text-based are
in docs/training.md and docs/extensions.md:

* ``MaxTrainingRounds -> Automatic`` is about 1000 batches: ceil(1000 / batches per
  round) rounds, at least 10 and at most 10000 (Wolfram times a round and aims at 20 s).
* ``TrainingProgressReporting -> Automatic`` shows a live line only where someone watches
  it: through the front end's ``session.progress_sink``, else on stdout when stdout is a
  terminal; scripts piped to a file and transcripts stay silent and reproducible.
* A stop by Ctrl-C or by a NaN/infinite loss returns the net trained so far (the last
  finite one) with a message instead of ``$Aborted``.
"""

from __future__ import annotations

import math

import numpy as np

from ...backends.jax.devices import place
from ...expr import Expr, Integer, Real, S, String, Symbol, make_list
from ...kernel.builtin import builtin
from ...kernel.limits import check_allocation
from ...nets.errors import NetError
from ...nets.memory import example_values, longest
from ...nets.plan import check_indices
from ...train import loop
from ...train.results import MANUAL_STOP, NON_FINITE_LOSS
from .devices import Unavailable, label, target_device
from .multipliers import NONE, resolve_setting
from .train_options import (AUTOMATIC_BATCHES, BATCH_CAP, MESSAGES, OPTIONS, ROUNDS_RANGE,
                            SEQUENCE_BATCH_CAP, _Failed, _count, _method, _positive_int,
                            _positive_number, _precision, _reporting, _return_spec, _seeding,
                            _validation)
from .measure import automatic_specs, measurement_specs
from .train_results import NetTrainResultsObject, Results, _Progress
from .training_net import STEP_BYTES, _Trainer
from ..unimplemented import not_a_net
from .values import FAILED, as_net, interruptible, report


@builtin(messages=MESSAGES, options=OPTIONS,
         usage="NetTrain[net, {in1 -> out1, in2 -> out2, ...}] trains net on the examples "
               "and gives the trained net.\nNetTrain[net, data, \"prop\"] gives a property "
               "of the training run, and NetTrain[net, data, All] a NetTrainResultsObject.")
def NetTrain(ev, expr):
    """NetTrain[net, data] trains net on data and returns the trained net;
    NetTrain[net, data, prop] returns a property of the run, a list of them, or with All
    a NetTrainResultsObject."""
    split = ev.split_options(expr, "NetTrain", first_option=2)
    if split is None:
        return None
    args, opts = split
    if not ev.check_argc(Expr.make(expr.head, args), 2, 3, "NetTrain"):
        return None
    try:
        return _net_train(ev, args, opts)
    except NetError as error:
        report(ev, error)
    except _Failed:
        pass
    return FAILED


DIVERGENCE = 100  # the last round's loss this many times the first's: training diverged


def _diverged(ev, run) -> None:
    """NetTrain::diverged when the loss ends far above where it began (ADAM rarely
    overflows to NaN, where SGD's divergence ends in NetTrain::nonfinite)."""
    losses = run.round_losses
    if run.reason != NON_FINITE_LOSS and len(losses) >= 2 and \
            losses[-1] > DIVERGENCE * losses[0] > 0:
        ev.message("NetTrain", "diverged", Real(losses[0]), Real(losses[-1]))


def _net_train(ev, args, opts):
    net = as_net(args[0])
    if net is None:
        not_a_net(ev, "NetTrain", args[0], "invnet", args[0])
        raise _Failed
    wanted = _return_spec(ev, args[2] if len(args) == 3 else String("TrainedNet"))
    dtype = _precision(ev, opts["WorkingPrecision"])
    device = opts["TargetDevice"]
    try:
        target = target_device(ev, "NetTrain", device)
    except Unavailable:
        raise _Failed from None
    method = _method(ev, opts["Method"], opts["LearningRate"])
    reporting = _reporting(ev, opts["TrainingProgressReporting"])
    rng = _seeding(ev, opts["RandomSeeding"])
    resolved = resolve_setting(ev, args[0], opts["LearningRateMultipliers"], "NetTrain")
    if resolved is None:
        raise _Failed
    rates = resolved[1].rates
    if not rates or all(r == 0 for r in rates.values()):
        ev.message("NetTrain", "netfrozen" if rates else "netnoparams")
        return args[0] if wanted == "TrainedNet" else FAILED

    trainer = _Trainer(ev, net, opts["LossFunction"])
    keyed = measurement_specs(ev, "NetTrain", opts["TrainingProgressMeasurements"], trainer,
                              automatic_specs(trainer))
    data = trainer.columns(args[1], dtype)
    validation = None
    if opts["ValidationSet"] is not NONE:
        data, validation = _validation(ev, trainer, opts["ValidationSet"], data, dtype, rng)
    examples = _count(data)
    if target is not None and opts["BatchSize"] is S.Automatic and \
            len(place(target).devices) > 1:
        ev.message("NetTrain", "nomdabs")
        raise _Failed
    batch_size = _positive_int(ev, "BatchSize", opts["BatchSize"]) or \
        min(SEQUENCE_BATCH_CAP if trainer.has_sequences() else BATCH_CAP, examples)
    per_round = -(-examples // batch_size)
    time_goal = _positive_number(ev, "TimeGoal", opts["TimeGoal"])
    rounds = _positive_int(ev, "MaxTrainingRounds", opts["MaxTrainingRounds"]) or (
        ROUNDS_RANGE[1] if time_goal else
        min(max(math.ceil(AUTOMATIC_BATCHES / per_round), ROUNDS_RANGE[0]), ROUNDS_RANGE[1]))

    with interruptible(ev):
        settings = dict(loss_port=trainer.loss_port, batch_size=batch_size, rounds=rounds,
                        optimizer=method, rates=trainer.prefixed(rates), rng=rng,
                        validation=validation, time_goal=time_goal,
                        should_stop=lambda: ev.session.abort_requested)
        if target is None:
            plan = trainer.compile(data, rng, dtype)
        else:
            trainer.prepare(data, rng)
        for what, columns in (("training data", data), ("validation set", validation)):
            try:                                     # as the NumPy kernels would
                check_indices(trainer.graph, columns or {})
            except NetError as e:
                raise NetError("NetTrain", "invindata3", f"the {what}: {e.text}") from None
        check_allocation(ev, Expr(S.Rule, Symbol("BatchSize"), Integer(batch_size)),
                         batch_size * example_values(trainer.graph, longest(
                             data, trainer.graph.input_ports())),
                         STEP_BYTES * np.dtype(dtype).itemsize)
        if target is not None:   # measurements beyond the loss are the CPU loop's
            keyed = [(key, spec) for key, spec in keyed if spec == "Loss"]
        measured = [spec for _, spec in keyed if spec != "Loss"]
        measures = trainer.measurements(measured) if measured else None
        progress = _Progress(ev, reporting, method.name, batch_size, per_round, examples,
                             label(device))
        with np.errstate(over="ignore", invalid="ignore"):  # a diverging loss: a message
            if target is None:
                run = loop.train(plan, data, progress=progress.update,
                                 measurements=measures, **settings)
            else:   # measurements other than the loss are the CPU loop's (docs/scaling.md)
                from ...backends.jax.training import train as train_on_devices
                run = train_on_devices(trainer.graph, data, target=target, dtype=dtype,
                                       progress=progress.update, **settings)
    progress.finish(run)
    if run.reason == MANUAL_STOP:
        ev.session.abort_requested = False
        ev.message("NetTrain", "interrupted", Integer(run.total_batches))
    elif run.reason == NON_FINITE_LOSS:
        ev.message("NetTrain", "nonfinite", Integer(run.total_batches))
    _diverged(ev, run)
    results = Results(trainer, run, args[0].evolve, keyed, device)
    if wanted == "ResultsObject":
        return NetTrainResultsObject(results)
    if isinstance(wanted, list):
        return make_list([results.get(p) for p in wanted])
    return results.get(wanted)
