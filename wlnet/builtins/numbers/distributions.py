"""Random variates of distributions, and BlockRandom.

NormalDistribution and UniformDistribution are inert heads; RandomVariate draws from them
with the session's generator, so SeedRandom makes the draws repeat. BlockRandom evaluates
an expression and then puts the generator back as it was.
"""

from __future__ import annotations

import math

from ...expr import Expr, Integer, Real, S
from ...kernel.builtin import builtin, declare
from .numeric import real_value
from .random import _ARRAY_MESSAGE, _array, _dims

declare("NormalDistribution", usage="NormalDistribution[m, s] is the normal (Gaussian) "
        "distribution with mean m and standard deviation s.\nNormalDistribution[] is the "
        "standard normal distribution, with m = 0 and s = 1.")
declare("UniformDistribution", usage="UniformDistribution[{min, max}] is the uniform "
        "distribution on the interval from min to max.\nUniformDistribution[] is the uniform "
        "distribution on the interval from 0 to 1.")


def _sampler(ev, dist):
    """A function size -> NumPy draws for a distribution this module knows, else None."""
    if not isinstance(dist, Expr):
        return None
    params = [real_value(ev, a) for a in dist.args] if dist.head is S.NormalDistribution \
        else None
    if dist.head is S.NormalDistribution:
        if not dist.args:
            params = [0.0, 1.0]
        if len(params) != 2 or None in params or not all(map(math.isfinite, params)) or \
                params[1] <= 0:
            return None
        m, s = (float(p) for p in params)
        return lambda size: ev.rng.normal(m, s, size=size)
    if dist.head is S.UniformDistribution:
        spec = dist.args[0] if dist.args else Expr(S.List, Integer(0), Integer(1))
        if len(dist.args) > 1 or not (isinstance(spec, Expr) and spec.head is S.List and
                                      len(spec.args) == 2):
            return None
        lo, hi = (real_value(ev, a) for a in spec.args)
        if lo is None or hi is None or not (math.isfinite(lo) and math.isfinite(hi)) or lo > hi:
            return None
        return lambda size: ev.rng.uniform(float(lo), float(hi), size=size)
    return None


@builtin(argc=(1, 2), messages={
    "udist": "The specification `1` is not a random distribution wlnet can draw from "
             "(NormalDistribution[m, s] with s > 0, or UniformDistribution[{min, max}]).",
    "array": _ARRAY_MESSAGE},
         usage="RandomVariate[dist] gives a number drawn at random from the distribution dist.\n"
               "RandomVariate[dist, n] gives a list of n of them, and RandomVariate[dist, {n1, "
               "n2, ...}] an array of those dimensions.")
def RandomVariate(ev, expr):
    draw = _sampler(ev, expr.args[0])
    if draw is None:
        ev.message("RandomVariate", "udist", expr.args[0])
        return None
    dims = _dims(ev, expr, 2)
    if dims is None:
        return None
    if not dims:
        return Real(float(draw(None)))
    return _array(draw(dims))


@builtin(attributes="HoldAll", argc=1,
         usage="BlockRandom[expr] evaluates expr and then restores the state of the random "
               "generator, so random numbers after it are as if expr had not run.")
def BlockRandom(ev, expr):
    session = ev.session
    rng = session.rng
    state = rng.bit_generator.state
    try:
        return ev.done(ev.evaluate(expr.args[0]))
    finally:
        rng.bit_generator.state = state
        session.rng = rng
