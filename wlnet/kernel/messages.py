"""Message and Print records, and the General messages every builtin may issue.

Builtins never print. They issue messages (``ev.message``) and prints (``ev.print``), which
become records in evaluation order; the front end formats them. Texts are ours; tags and
slots (`1`, `2`, ...) are Wolfram's, so a message reads like Wolfram's and tests can assert
the tag.
"""

from __future__ import annotations

from dataclasses import dataclass

GENERAL = {
    "argx": "`1` called with `2` arguments; 1 argument is expected.",
    "argr": "`1` called with 1 argument; `2` arguments are expected.",
    "argrx": "`1` called with `2` arguments; `3` arguments are expected.",
    "argt": "`1` called with `2` arguments; `3` or `4` arguments are expected.",
    "argb": "`1` called with `2` arguments; between `3` and `4` arguments are expected.",
    "argbu": "`1` called with 1 argument; between `2` and `3` arguments are expected.",
    "argm": "`1` called with `2` arguments; `3` or more arguments are expected.",
    "argmu": "`1` called with 1 argument; `2` or more arguments are expected.",
    "args": "`1` called with `2` arguments; no arguments are expected.",
    "optx": "Unknown option `1` in `2`.",
    "nonopt": "Options expected (instead of `1`) beyond position `2` in `3`. "
              "An option must be a rule or a list of rules.",
    "stop": "Further output of `1` will be suppressed during this calculation.",
    "wrsym": "Symbol `1` is Protected.",
    "setraw": "Cannot assign to raw object `1`.",
    "partw": "Part `1` of `2` does not exist.",
    "partd": "Part specification `1` is longer than depth of object.",
    "pkspec1": "The expression `1` cannot be used as a part specification.",
    "pspec": "Part specification `1` is neither an integer nor a list of integers.",
    "take": "Cannot take positions `1` through `2` in `3`.",
    "drop": "Cannot drop positions `1` through `2` in `3`.",
    "normal": "Nonatomic expression expected at position `1` in `2`.",
    "list": "List expected at position `2` in `1`.",
    "string": "String expected at position `1` in `2`.",
    "strs": "String or list of strings expected at position `1` in `2`.",
    "int": "Integer expected at position `2` in `1`.",
    "intp": "Positive integer expected at position `2` in `1`.",
    "intnn": "Non-negative integer expected at position `2` in `1`.",
    "intnm": "Non-negative machine-sized integer expected at position `2` in `1`.",
    "ilsmn": "Single or list of non-negative machine-sized integers expected at position `2` of `1`.",
    "iterb": "Iterator `1` does not have appropriate bounds.",
    "itraw": "Raw object `1` cannot be used as an iterator.",
    "level": "Level specification `1` is not of the form n, {n}, or {m, n}.",
    "infy": "Infinite expression `1` encountered.",
    "indet": "Indeterminate expression `1` encountered.",
    "noopen": "Cannot open `1`.",
    "nffil": "File not found during `1`.",
    "fnsym": "First argument in `1` is not a symbol or a string naming a symbol.",
    "sym": "Argument `1` at position `2` is expected to be a symbol.",
    "ssle": "Symbol, string, or HoldPattern[symbol] expected at position `2` in `1`.",
    "rvalue": "`1` is not a variable with a value, so its value cannot be changed.",
    "lvlist": "Local variable specification `1` is not a List.",
    "lvsym": "Local variable specification `1` contains `2`, which is not a symbol or an assignment to a symbol.",
    "dupv": "Duplicate local variable `1` found in local variable specification `2`.",
    "reps": "`1` is neither a list of replacement rules nor a valid dispatch table, and so cannot be used for replacing.",
    "rmix": "Elements of `1` are a mixture of lists and nonlists.",
    "shape": "Lists `1` and `2` are not the same shape.",
    "dotsh": "Tensors `1` and `2` have incompatible shapes.",
    "lstl": "List expected at position `1` in `2`.",
    "incomp": "Lists of unequal length in `1` cannot be combined.",
    "tdlen": "Objects of unequal length in `1` cannot be combined.",
    "spec": "Part specification `1` is not valid.",
    "mem": "The computation `1` is beyond what wlnet allows (`2`).",
    "newsym": "Symbol `1` is new.",
    "ovfl": "Overflow occurred in computation.",
    "unfl": "Underflow occurred in computation.",
    "nord": "Invalid comparison with `1` attempted.",
    "seqs": "Sequence specification `1` is not valid.",
    "cxt": "Invalid context specified at position `2` in `1`.",
    "invrl": "The argument `1` is not a valid Association or a list of rules.",
    "optb": "Optional object `1` in `2` is not a single blank.",
    "interr": "Internal error in wlnet (please report it): `1`.",
    "nomem": "Not enough memory to finish the computation.",
    "ntarg": "`1` called with `2` arguments; `3` arguments are expected.",
    "wlnetni": "wlnet does not implement the Wolfram System symbol `1`.",
    "wlnetnn": "There is no layer or net function `1` in Wolfram or in wlnet.",
    # TargetDevice (Wolfram's texts; nojax and trgdevcpumax are wlnet's, docs/scaling.md)
    "invtrgdev": "Invalid setting TargetDevice -> `1`. TargetDevice should be either "
                 "\"CPU\" or \"GPU\", or {\"GPU\", n} for multi-GPU systems, where n is a "
                 "positive integer that specifies which system GPU to use.",
    "trgdevnogpu": "TargetDevice -> `1` could not be used; your system does not appear to "
                   "have a supported NVIDIA GPU.",
    "trgdevgpumax": "TargetDevice -> `1` could not be used; your system appears to have "
                    "only `2` NVIDIA GPU(s).",
    "trgdevcpumax": "TargetDevice -> `1` could not be used; JAX sees only `2` CPU "
                    "device(s).",
    "nojax": "TargetDevice -> `1` needs JAX, an optional extra of wlnet: pip install "
             "'wlnet[jax]'.",
}


@dataclass(frozen=True)
class MessageRecord:
    """One issued message: ``symbol::tag`` with its template and argument expressions."""
    symbol: str
    tag: str
    template: str
    args: tuple

    @property
    def name(self) -> str:
        return f"{self.symbol}::{self.tag}"


@dataclass(frozen=True)
class PrintRecord:
    """One Print (or Echo) call: the expressions to show, concatenated on one line."""
    items: tuple


class Abort(Exception):
    """Raised inside the evaluation when the user interrupts (Ctrl-C) or Abort[] is called."""


@dataclass(frozen=True)
class TrainingProgress:
    """What NetTrain tells a front end's ``session.progress_sink`` while it trains: a
    report every so often, then one with ``finished`` set (and the reason it stopped).

    ``text`` is the terminal's one-line status; ``losses`` a short sample of the batch
    losses so far (at most a few hundred points, for a small curve).
    """
    text: str
    round: int
    rounds: int
    batch: int
    batches_per_round: int
    fraction: float
    loss: float | None
    validation_loss: float | None
    elapsed: float
    remaining: float
    losses: tuple = ()
    finished: bool = False
    reason: str | None = None


class QuitRequested(BaseException):
    """Raised by Quit[]/Exit[n] to end the session with exit status ``code``. A
    BaseException, so no ``except Exception`` inside a builtin can swallow it."""

    def __init__(self, code: int = 0):
        super().__init__(code)
        self.code = code
