"""The one error type of the net runtime.

Builtins turn a NetError into a Wolfram message `symbol::tag: text`, so the runtime
decides both the Wolfram name of the message and its words. Tags used here:

  invarg        a constructor argument is not valid (bad size, unknown function, ...)
  tyfail        shapes that must agree do not (connected ports, weights vs. sizes)
  invedge       a NetGraph edge names a node or port that does not exist
  cyclic        the NetGraph edges contain a cycle
  invnet        an operator's inner net lacks the ports the operator needs
  nninit        NetInitialize cannot fill an array whose shape is not known
  notinit       a net with uninitialised arrays was evaluated
  invinput      an input to evaluation is missing or has the wrong shape
  intpartassoc  integer part of an association-built NetGraph (Wolfram's own tag)
  netnopart     a path does not name a part of the net
  invscf        a function that ElementwiseLayer or ThreadingLayer cannot apply (Wolfram's)
"""


class NetError(Exception):
    """A Wolfram-style failure: message symbol, tag and a ready-to-show text."""

    def __init__(self, symbol: str, tag: str, text: str):
        super().__init__(f"{symbol}::{tag}: {text}")
        self.symbol = symbol
        self.tag = tag
        self.text = text


class Interrupted(Exception):
    """The caller asked a long compile or run to stop (see plan.interruptible)."""


class ShapeConflict(Exception):
    """Two shapes cannot be unified; callers add the names and raise a NetError."""


def show(value) -> str:
    """A key, name or list as Wolfram code writes it ("l3", {1, 2}), for message texts."""
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, (list, tuple)):
        return "{" + ", ".join(show(v) for v in value) + "}"
    return str(value)
