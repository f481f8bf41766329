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

Arrays are passed in three tuples (``Layout``): the trained ones (multiplier not 0), the
auxiliary ones (changed by the forward pass while training, ``layer.Outputs.updates``:
outputs too, carried from batch to batch), and the frozen ones (multiplier 0), which are
arguments only, so they stay bit-identical. Random draws (dropout) come from a key folded with the global batch
number, so a batch draws the same numbers whatever chunk it falls in.
"""
from __future__ import annotations

from dataclasses import dataclass

from .lowering import run


@dataclass(frozen=True)
class Layout:
    """The paths of the trained, auxiliary and frozen arrays, in the order their values
    travel in tuples."""

    trained: tuple
    auxiliary: tuple
    frozen: tuple

    def loss(self, net, loss_port):
        """fn(weights, aux, frozen, batch, w, key) -> (sum of w * per-example losses, new
        aux): what is differentiated (in ``weights``)."""
        import jax.numpy as jnp

        def loss(weights, aux, frozen, batch, w, key):
            arrays = {**dict(zip(self.trained, weights)), **dict(zip(self.auxiliary, aux)),
                      **dict(zip(self.frozen, frozen))}
            updates = {}
            losses = run(net, arrays, batch, True, key, updates)[loss_port]
            total = jnp.mean(losses) if w is None else jnp.sum(losses * w)
            return total, tuple(updates.get(p, a) for p, a in zip(self.auxiliary, aux))

        return loss


def chunk_function(net, loss_port, layout, optimizer, placement):
    """fn((weights, states, aux), frozen, data, idxs, lrs, rates, n, first, seed) ->
    ((weights, states, aux), losses): data {port: all examples}, idxs (capacity, batch)
    example numbers, lrs (capacity,) learning rates, rates the multipliers of the trained
    arrays, first the global number of the first batch."""
    import jax
    import jax.numpy as jnp
    from jax import lax

    gradient = jax.value_and_grad(layout.loss(net, loss_port), has_aux=True)

    def chunk(trained, frozen, data, idxs, lrs, rates, n, first, seed):
        key = jax.random.PRNGKey(seed)
        losses = jnp.full(idxs.shape[0], jnp.nan, lrs.dtype)

        def going(carry):
            i, _, _, finite = carry
            return (i < n) & finite

        def step(carry):
            i, (weights, states, aux), losses, _ = carry
            batch = {p: placement.split(col[idxs[i]]) for p, col in data.items()}
            (loss, aux), grads = gradient(weights, aux, frozen, batch, None,
                                          jax.random.fold_in(key, first + i))
            weights, states = _update(optimizer, weights, states, grads, lrs[i], rates)
            return i + 1, (weights, states, aux), losses.at[i].set(loss), jnp.isfinite(loss)

        start = (jnp.int32(0), trained, losses, jnp.bool_(True))
        _, trained, losses, _ = lax.while_loop(going, step, start)
        return trained, losses

    return jax.jit(chunk, out_shardings=placement.replicated)


def group_gradient_function(net, loss_port, layout, placement):
    """fn(weights, aux, frozen, group, w, seed, step, index, acc) -> (loss, aux, grads):
    the group's per-example losses weighted by w, summed, the auxiliary arrays after it,
    and its gradient (added to acc unless acc is None): a group of one sequence length of
    a batch (``engines.Grouped``)."""
    import jax

    gradient = jax.value_and_grad(layout.loss(net, loss_port), has_aux=True)

    def group_gradient(weights, aux, frozen, group, w, seed, step, index, acc):
        key = jax.random.fold_in(jax.random.fold_in(jax.random.PRNGKey(seed), step), index)
        group = {p: placement.split(x) for p, x in group.items()}
        (loss, aux), grads = gradient(weights, aux, frozen, group, w, key)
        if acc is not None:
            grads = tuple(a + g for a, g in zip(acc, grads))
        return loss, aux, grads

    return jax.jit(group_gradient, out_shardings=placement.replicated)


def update_function(optimizer, placement):
    """fn(weights, states, grads, lr, rates) -> (weights, states): one optimiser step."""
    import jax

    def update(weights, states, grads, lr, rates):
        return _update(optimizer, weights, states, grads, lr, rates)

    return jax.jit(update, out_shardings=placement.replicated)


def _update(optimizer, weights, states, grads, lr, rates):
    """Every trained array stepped by the optimiser's pure rule, with the step's learning
    rate times its multiplier."""
    import jax.numpy as jnp
    new = [optimizer.update(jnp, w, g, s, lr * r)
           for w, g, s, r in zip(weights, grads, states, rates)]
    return tuple(w for w, _ in new), tuple(s for _, s in new)
