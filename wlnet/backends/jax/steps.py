"""The compiled training functions: the chunk of many batches in one call, and for
sequences of several lengths a group's gradient and the update (``engines.Grouped``).

The chunk: up to ``capacity`` batches in one call.

One call runs a loop inside XLA (``lax.while_loop``): batch i gathers its examples from
the training data already on the devices (``idxs[i]``), spread over the devices when
there are several; ``jax.value_and_grad`` of the mean per-example loss (the net's pure
forward) gives the loss and the gradients; the optimiser's pure rule
(``train.optimizers.Optimizer.update``) updates every trainable array with the step's
learning rate times its multiplier. The loop stops after ``n`` batches or at the first
batch whose loss is not finite (its update is then worthless; ``training`` throws it
away). The capacity is fixed (only the number of batches ``n`` changes from call to
call), so one compiled executable serves every chunk of every run of the same net.

Arrays with multiplier 0 and auxiliary arrays are arguments, never outputs: they stay
bit-identical. Random draws (dropout) come from a key folded with the global batch
number, so a batch draws the same numbers whatever chunk it falls in.
"""
from __future__ import annotations

from .lowering import run


def chunk_function(net, loss_port, trainable, fixed, optimizer, placement):
    """fn(weights, states, frozen, data, idxs, lrs, rates, n, first, seed) ->
    (weights, states, losses): weights and states are tuples in the order of
    ``trainable`` paths, frozen in the order of ``fixed``, data {port: all examples},
    idxs (capacity, batch) example numbers, lrs (capacity,) learning rates, rates the
    multipliers of the trainable arrays, first the global number of the first batch."""
    import jax
    import jax.numpy as jnp
    from jax import lax

    def mean_loss(weights, frozen, batch, key):
        arrays = {**dict(zip(trainable, weights)), **dict(zip(fixed, frozen))}
        return jnp.mean(run(net, arrays, batch, True, key)[loss_port])

    gradient = jax.value_and_grad(mean_loss)

    def chunk(weights, states, frozen, data, idxs, lrs, rates, n, first, seed):
        key = jax.random.PRNGKey(seed)
        losses = jnp.full(idxs.shape[0], jnp.nan, lrs.dtype)

        def going(carry):
            i, _, _, _, finite = carry
            return (i < n) & finite

        def step(carry):
            i, weights, states, losses, _ = carry
            batch = {p: placement.split(col[idxs[i]]) for p, col in data.items()}
            loss, grads = gradient(weights, frozen, batch, jax.random.fold_in(key, first + i))
            weights, states = _update(optimizer, weights, states, grads, lrs[i], rates)
            return i + 1, weights, states, losses.at[i].set(loss), jnp.isfinite(loss)

        start = (jnp.int32(0), weights, states, losses, jnp.bool_(True))
        _, weights, states, losses, _ = lax.while_loop(going, step, start)
        return weights, states, losses

    return jax.jit(chunk, out_shardings=placement.replicated)


def group_gradient_function(net, loss_port, trainable, fixed, placement):
    """fn(weights, frozen, group, w, seed, step, index, acc) -> (loss, grads): the
    group's per-example losses weighted by w, summed, and its gradient (added to acc
    unless acc is None): a group of one sequence length of a batch (``engines.Grouped``)."""
    import jax
    import jax.numpy as jnp

    def weighted(weights, frozen, group, w, key):
        arrays = {**dict(zip(trainable, weights)), **dict(zip(fixed, frozen))}
        return jnp.sum(run(net, arrays, group, True, key)[loss_port] * w)

    def gradient(weights, frozen, group, w, seed, step, index, acc):
        key = jax.random.fold_in(jax.random.fold_in(jax.random.PRNGKey(seed), step), index)
        group = {p: placement.split(x) for p, x in group.items()}
        loss, grads = jax.value_and_grad(weighted)(weights, frozen, group, w, key)
        if acc is not None:
            grads = tuple(a + g for a, g in zip(acc, grads))
        return loss, grads

    return jax.jit(gradient, out_shardings=placement.replicated)


def update_function(optimizer, placement):
    """fn(weights, states, grads, lr, rates) -> (weights, states): one optimiser step."""
    import jax

    def update(weights, states, grads, lr, rates):
        return _update(optimizer, weights, states, grads, lr, rates)

    return jax.jit(update, out_shardings=placement.replicated)


def _update(optimizer, weights, states, grads, lr, rates):
    """Every trainable array stepped by the optimiser's pure rule, with the step's
    learning rate times its multiplier."""
    import jax.numpy as jnp
    new = [optimizer.update(jnp, w, g, s, lr * r)
           for w, g, s, r in zip(weights, grads, states, rates)]
    return tuple(w for w, _ in new), tuple(s for _, s in new)
