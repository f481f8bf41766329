"""The training loop's choice of BLAS threads (speed only, never results)."""
from wlnet.train import loop


class FakeBlas:
    def __init__(self):
        self.n, self.calls = 2, []

    def threads(self):
        return self.n

    def set_threads(self, n):
        self.n = n
        self.calls.append(n)


def make(monkeypatch):
    fake = FakeBlas()
    monkeypatch.setattr(loop, "blas", fake)
    return loop._Threads(), fake


def test_probe_one_then_default_and_give_up_on_a_slow_count(monkeypatch):
    th, fake = make(monkeypatch)
    times = {1: 0.01, 2: 0.05}
    t = 0.0
    for _ in range(3):
        th.choose(t)
        t += times[fake.n]
        th.record(times[fake.n], t)
    assert fake.calls[0] == 1  # one thread first
    assert th.queue == [] and th.best == 1  # two threads ran one step only
    assert th.samples == {1: [0.01, 0.01], 2: [0.05]}
    th.choose(t)
    assert fake.n == 1
    th.restore()
    assert fake.n == 2
