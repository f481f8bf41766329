"""PyTorch as an oracle for the image layers (ConvolutionLayer, DeconvolutionLayer,
PoolingLayer, BatchNormalizationLayer): values and gradients of inputs and arrays in float32 agree to
1e-5 on strides, padding (symmetric, asymmetric, "Same"), dilation, channel groups, 1-D,
2-D and 3-D, Interleaving, the three pooling functions, and batch normalisation while
training (batch statistics, the moving arrays' update with Wolfram's momentum and
MXNet's biased variance) and while evaluating. Skipped without torch (the bench extra)."""
import numpy as np
import pytest

from wlnet.nets.initialize import initialize
from wlnet.nets.layers.batchnorm import BatchNormalizationLayer
from wlnet.nets.layers.convolution import ConvolutionLayer
from wlnet.nets.layers.deconvolution import DeconvolutionLayer
from wlnet.nets.layers.pooling import PoolingLayer
from wlnet.nets.plan import compile

torch = pytest.importorskip("torch", reason="PyTorch is the oracle (pip install -e '.[bench]')")
F = torch.nn.functional
torch.set_num_threads(1)

TOL = dict(rtol=1e-5, atol=1e-5)


def run(layer, x, seed=0, training=False, updates=()):
    """Outputs, the gradient seed and the gradients of every array and the input, with
    the layer's arrays made random (float32)."""
    rng = np.random.default_rng(seed)
    net = initialize(layer, rng)
    net = net.with_arrays({p: a + 0.5 * rng.standard_normal(a.shape)
                           for p, a in net.arrays().items()})
    if ("MovingVariance",) in net.arrays():     # a variance is not negative
        net = net.with_arrays({("MovingVariance",): np.abs(net.arrays()[("MovingVariance",)])})
    plan = compile(net, np.float32)
    out = plan.forward({"Input": x}, training=training, updates=updates)["Output"]
    seed_grad = rng.standard_normal(out.shape).astype(np.float32)
    grads = {p[-1]: g.copy() for p, g in plan.backward({"Output": seed_grad}).items()}
    arrays = {p[-1]: a for p, a in net.arrays().items()}
    return plan, arrays, out, seed_grad, grads, plan.input_grads["Input"]


def tensors(arrays, x):
    t = {k: torch.tensor(v, requires_grad=True) for k, v in arrays.items()}
    return t, torch.tensor(x, requires_grad=True)


def check(want, seed_grad, got_out, got_grads, got_gx, tx, t):
    np.testing.assert_allclose(got_out, want.detach().numpy(), **TOL)
    want.backward(torch.tensor(seed_grad))
    np.testing.assert_allclose(got_gx, tx.grad.numpy(), **TOL)
    for name, tensor in t.items():
        if tensor.grad is not None:
            np.testing.assert_allclose(got_grads[name], tensor.grad.numpy(), **TOL,
                                       err_msg=name)


def images(*shape, seed=1):
    return np.random.default_rng(seed).standard_normal(shape).astype(np.float32)


CONVOLUTIONS = [  # (layer options, input (batch first), torch call on (x, w, b))
    (dict(output_channels=5, kernel_size=(3, 2), stride=(2, 1), padding_size=(2, 1),
          dilation=(2, 1)), (4, 3, 7, 6),
     lambda x, w, b: F.conv2d(x, w, b, stride=(2, 1), padding=(2, 1), dilation=(2, 1))),
    (dict(output_channels=6, kernel_size=3, channel_groups=2, padding_size=1), (3, 4, 5, 5),
     lambda x, w, b: F.conv2d(x, w, b, padding=1, groups=2)),
    (dict(output_channels=16, kernel_size=(3, 3)), (64, 1, 8, 8),
     lambda x, w, b: F.conv2d(x, w, b)),
    (dict(output_channels=2, kernel_size=(3,), stride=2, dilation=2, padding_size=2),
     (5, 3, 11), lambda x, w, b: F.conv1d(x, w, b, stride=2, padding=2, dilation=2)),
    (dict(output_channels=3, kernel_size=(3, 2, 3), stride=(2, 1, 2),
          padding_size=(2, 1, 0)), (2, 3, 7, 5, 8),
     lambda x, w, b: F.conv3d(x, w, b, stride=(2, 1, 2), padding=(2, 1, 0))),
    (dict(output_channels=3, kernel_size=2, padding_size=((1, 2), (2, 1))), (2, 2, 3, 4),
     lambda x, w, b: F.conv2d(F.pad(x, (2, 1, 1, 2)), w, b)),
    (dict(output_channels=2, kernel_size=3, stride=2, padding_size="Same"), (2, 1, 7, 8),
     lambda x, w, b: F.conv2d(F.pad(x, (0, 1, 1, 1)), w, b, stride=2)),
]


@pytest.mark.parametrize("options, shape, call", CONVOLUTIONS)
def test_convolution_agrees_with_torch(options, shape, call):
    x = images(*shape)
    layer = ConvolutionLayer(input=shape[1:], **options)
    _, arrays, out, seed, grads, gx = run(layer, x)
    t, tx = tensors(arrays, x)
    check(call(tx, t["Weights"], t["Biases"]), seed, out, grads, gx, tx, t)


def test_interleaved_convolution_is_the_transposed_one():
    x = images(3, 6, 5, 2)
    layer = ConvolutionLayer(4, 3, stride=(1, 2), interleaving=True, input=(6, 5, 2))
    _, arrays, out, seed, grads, gx = run(layer, x)
    t, tx = tensors(arrays, x)
    want = F.conv2d(tx.permute(0, 3, 1, 2), t["Weights"], t["Biases"], stride=(1, 2))
    check(want.permute(0, 2, 3, 1), seed, out, grads, gx, tx, t)


DECONVOLUTIONS = [
    (dict(output_channels=3, kernel_size=(3, 2), stride=(2, 1), padding_size=(1, 0)),
     (2, 4, 3, 4), lambda x, w, b: F.conv_transpose2d(x, w, b, stride=(2, 1), padding=(1, 0))),
    (dict(output_channels=4, kernel_size=2, stride=2, channel_groups=2), (3, 2, 3, 3),
     lambda x, w, b: F.conv_transpose2d(x, w, b, stride=2, groups=2)),
    (dict(output_channels=2, kernel_size=(4,), stride=3, padding_size=((2, 1),)), (2, 3, 5),
     lambda x, w, b: F.conv_transpose1d(x, w, b, stride=3)[:, :, 2:-1]),
]


@pytest.mark.parametrize("options, shape, call", DECONVOLUTIONS)
def test_deconvolution_agrees_with_torch(options, shape, call):
    x = images(*shape)
    _, arrays, out, seed, grads, gx = run(DeconvolutionLayer(input=shape[1:], **options), x)
    t, tx = tensors(arrays, x)
    check(call(tx, t["Weights"], t["Biases"]), seed, out, grads, gx, tx, t)


POOLINGS = [
    (dict(kernel_size=(2, 2), stride=2), (64, 16, 6, 6), lambda x: F.max_pool2d(x, 2)),
    (dict(kernel_size=3, stride=2, padding_size=1), (2, 3, 7, 6),
     lambda x: F.max_pool2d(x, 3, 2, padding=1)),
    (dict(kernel_size=3), (2, 2, 5, 5), lambda x: F.max_pool2d(x, 3, 1)),
    (dict(kernel_size=3, stride=2, padding_size=1, function="Mean"), (2, 3, 7, 6),
     lambda x: F.avg_pool2d(x, 3, 2, padding=1, count_include_pad=True)),
    (dict(kernel_size=(2, 3), stride=(1, 2), function="Total"), (2, 2, 5, 7),
     lambda x: 6 * F.avg_pool2d(x, (2, 3), (1, 2))),
    (dict(kernel_size=(3,), stride=3, function="Max"), (3, 2, 10),
     lambda x: F.max_pool1d(x, 3, 3)),
    (dict(kernel_size=2, stride=(1, 2, 2), function="Mean"), (2, 2, 3, 4, 5),
     lambda x: F.avg_pool3d(x, 2, (1, 2, 2))),
    (dict(kernel_size=4, padding_size=((1, 3), (0, 2))), (2, 2, 4, 4),
     lambda x: F.max_pool2d(F.pad(x, (0, 2, 1, 3), value=-np.inf), 4, 1)),
]


@pytest.mark.parametrize("options, shape, call", POOLINGS)
def test_pooling_agrees_with_torch(options, shape, call):
    x = images(*shape)
    _, _, out, seed, grads, gx = run(PoolingLayer(input=shape[1:], **options), x)
    tx = torch.tensor(x, requires_grad=True)
    check(call(tx), seed, out, grads, gx, tx, {})


def test_pooling_default_stride_is_one_as_wolfram_documents():
    layer = PoolingLayer((2, 2), input=(16, 6, 6))
    assert layer.output_ports() == {"Output": (16, 5, 5)}
    assert PoolingLayer((2, 2), 2, input=(16, 6, 6)).output_ports() == {"Output": (16, 3, 3)}


BATCHES = [(5, 3), (4, 3, 5, 6), (3, 2, 4, 3, 2)]


@pytest.mark.parametrize("shape", BATCHES)
def test_batch_normalization_training_agrees_with_torch(shape):
    x = images(*shape) * 2 + 1
    layer = BatchNormalizationLayer(input=shape[1:], epsilon=0.001, momentum=0.9)
    plan, arrays, out, seed, grads, gx = run(layer, x, training=True,
                                             updates={("MovingMean",), ("MovingVariance",)})
    t, tx = tensors(arrays, x)
    mean, var = torch.tensor(arrays["MovingMean"]), torch.tensor(arrays["MovingVariance"])
    want = F.batch_norm(tx, mean, var, t["Scaling"], t["Biases"], training=True,
                        momentum=0.1, eps=0.001)
    check(want, seed, out, grads, gx, tx, {k: t[k] for k in ("Scaling", "Biases")})
    # Wolfram's momentum 0.9 is torch's 0.1; the moving variance is MXNet's biased one
    axes = (0,) + tuple(range(2, len(shape)))
    biased = x.var(axis=axes)
    np.testing.assert_allclose(plan.arrays[("MovingMean",)], mean.numpy(), **TOL)
    np.testing.assert_allclose(plan.arrays[("MovingVariance",)],
                               0.9 * arrays["MovingVariance"] + 0.1 * biased, **TOL)


@pytest.mark.parametrize("shape", BATCHES)
def test_batch_normalization_evaluation_agrees_with_torch(shape):
    x = images(*shape)
    layer = BatchNormalizationLayer(input=shape[1:])
    plan, arrays, out, seed, grads, gx = run(layer, x)
    t, tx = tensors(arrays, x)
    want = F.batch_norm(tx, t["MovingMean"].detach(), t["MovingVariance"].detach(),
                        t["Scaling"], t["Biases"], training=False, eps=0.001)
    check(want, seed, out, grads, gx, tx, {k: t[k] for k in ("Scaling", "Biases")})


def test_moving_statistics_change_only_in_passes_that_name_them():
    layer = BatchNormalizationLayer(input=(2, 3))
    plan = compile(initialize(layer, np.random.default_rng(0)), np.float32)
    x = images(4, 2, 3)
    before = plan.arrays[("MovingMean",)].copy()
    plan.forward({"Input": x}, training=True)                # net[x] in training mode
    plan.forward({"Input": x})
    assert np.array_equal(plan.arrays[("MovingMean",)], before)
    plan.forward({"Input": x}, training=True, updates={("MovingMean",), ("MovingVariance",)})
    assert not np.array_equal(plan.arrays[("MovingMean",)], before)
    pure = layer.forward(np, {"Scaling": np.ones(2), "Biases": np.zeros(2),
                              "MovingMean": before, "MovingVariance": np.ones(2)},
                         {"Input": x}, training=True)
    np.testing.assert_allclose(pure.updates["MovingMean"], plan.arrays[("MovingMean",)],
                               **TOL)
