"""wlnet: run Wolfram-Language neural-net code on NumPy.

    from wlnet import Session
    s = Session()
    [out] = s.evaluate("1 + 1")
    out.result            # Integer(2)
"""

from .kernel.session import Output, Session
from .version import __version__


def evaluate(text: str, session: Session | None = None):
    """Evaluate ``text`` in ``session`` (a fresh one by default); the list of Outputs."""
    return (session or Session()).evaluate(text)


__all__ = ["Session", "Output", "evaluate", "__version__"]
