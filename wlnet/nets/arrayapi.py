"""What a pure forward (``Layer.forward``, ``Net.evaluate``) may use besides the array
API of its namespace ``xp``: a loop over the steps of a sequence, ``scan``.

A pure forward is written once and run with NumPy (the oracle of the NumPy kernels) and
with ``jax.numpy`` (the JAX backend, ``wlnet/backends/jax``). A loop over time written as
a Python ``for`` would work under JAX too, but it would be traced T times and compiled as
T copies of the step; ``scan`` lets a backend whose namespace has its own (the JAX
backend's namespace gives ``jax.lax.scan``) compile one loop instead. Under NumPy it is
the plain loop.
"""


def scan(xp, step, carry, xs):
    """(final carry, ys) of ``carry, y = step(carry, x)`` over the leading axis of ``xs``,
    as ``jax.lax.scan`` defines it: ``xs`` is an array or a dict of arrays with the steps
    first, ``y`` an array or a dict of arrays, stacked into ``ys`` along a new first axis.
    The carry may be any value (an array, a tuple of arrays)."""
    own = getattr(xp, "scan", None)
    if own is not None:
        return own(step, carry, xs)
    steps = len(next(iter(xs.values())) if isinstance(xs, dict) else xs)
    ys = []
    for t in range(steps):
        x = {k: v[t] for k, v in xs.items()} if isinstance(xs, dict) else xs[t]
        carry, y = step(carry, x)
        ys.append(y)
    if ys and isinstance(ys[0], dict):
        return carry, {k: xp.stack([y[k] for y in ys]) for k in ys[0]}
    return carry, xp.stack(ys)
