"""TargetDevice: Wolfram's settings read into the JAX backend's ``Target``, and its
failures as Wolfram's messages.

  "CPU"                       the NumPy runtime (the default)
  "GPU", {"GPU", n}           JAX on the first / the n-th GPU
  {"GPU", {n1, n2, ...}}      JAX on those GPUs jointly (the batch split across them)
  {"GPU", All}                JAX on every GPU jointly
  {"CPU", "Compiled"}         JAX on the CPU: the compiled path (wlnet's; docs/scaling.md)
  {"CPU", n}, {"CPU", {...}}, {"CPU", All}   JAX on the CPU devices JAX sees (one unless
                              XLA_FLAGS=--xla_force_host_platform_device_count=k is set)

Messages (General::, issued under the calling symbol): ``invtrgdev`` for a setting that is
none of these; Wolfram's ``trgdevnogpu``/``trgdevgpumax`` when the GPUs are not there;
wlnet's ``nojax`` when JAX is not installed and ``trgdevcpumax`` for CPU devices.
"""
from __future__ import annotations

from ...expr import Expr, Integer, S, String
from ...format.outputform import output_form
from ...backends.jax.devices import DeviceError, Target, place
from ...kernel.messages import Abort
from ...nets.errors import Interrupted

# What to call a target in the printed progress ("Device: GPU").
PLATFORMS = {"CPU": "cpu", "GPU": "gpu"}


class Unavailable(Exception):
    """A message has been issued: the setting cannot be used."""


def target_device(ev, symbol: str, value) -> Target | None:
    """The backend target of a TargetDevice setting (None for "CPU", the NumPy runtime),
    with its devices checked; else a message and Unavailable."""
    target = read(value)
    if target is False:
        ev.message(symbol, "invtrgdev", value)
        raise Unavailable
    if target is not None:
        try:   # the first use imports JAX, which takes seconds: Ctrl-C stops the wait
            place(target, lambda: ev.session.abort_requested)
        except Interrupted:
            raise Abort() from None
        except DeviceError as error:
            extra = () if error.count is None else (Integer(error.count),)
            ev.message(symbol, error.tag, _tried(value, target, error), *extra)
            raise Unavailable from None
    return target


def _tried(value, target, error):
    """The device a message names: as Wolfram, the one that failed, "GPU" for the
    first GPU and {"GPU", n} for another; the setting itself when JAX is missing."""
    if error.index is None:
        return value
    kind = "GPU" if target.platform == "gpu" else "CPU"
    if error.index == 0 and kind == "GPU":
        return String("GPU")
    return Expr.make(S.List, [String(kind), Integer(error.index + 1)])


def read(value) -> Target | None | bool:
    """Target, None for the NumPy runtime, or False for a setting that is not one."""
    if isinstance(value, String):
        if value.value == "CPU":
            return None
        return Target("gpu") if value.value == "GPU" else False
    if not (isinstance(value, Expr) and value.head is S.List and len(value.args) == 2):
        return False
    kind, which = value.args
    if not (isinstance(kind, String) and kind.value in PLATFORMS):
        return False
    platform = PLATFORMS[kind.value]
    if which is S.All:
        return Target(platform, None)
    if platform == "cpu" and which == String("Compiled"):
        return Target("cpu")
    numbers = which.args if isinstance(which, Expr) and which.head is S.List else (which,)
    if numbers and all(isinstance(n, Integer) and n.value > 0 for n in numbers):
        return Target(platform, tuple(n.value - 1 for n in numbers))
    return False


def label(value) -> str:
    """The device as the "Print" progress names it: GPU, {GPU, All}, ..."""
    return output_form(value, None)
