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


def run(th, fake, times, steps, t=0.0):
    for _ in range(steps):
        th.choose(t)
        t += times[fake.n]
        th.record(times[fake.n], t)
    return t


def test_first_step_is_no_probe_then_one_thread_then_the_default(monkeypatch):
    th, fake = make(monkeypatch)
    times = {1: 0.01, 2: 0.05}
    t = run(th, fake, times, 1)
    assert fake.calls == [] and th.samples == {}  # the warm-up step: default count
    t = run(th, fake, times, 2, t)
    assert fake.calls == [1, 2]  # one thread first
    assert th.queue == [] and th.best == 1  # two threads ran one step only
    assert th.samples == {1: [0.01], 2: [0.05]}
    th.choose(t)
    assert fake.n == 1
    th.restore()
    assert fake.n == 2


def test_the_default_keeps_when_it_is_faster(monkeypatch):
    th, fake = make(monkeypatch)
    t = run(th, fake, {1: 0.02, 2: 0.01}, 4)
    assert th.samples == {1: [0.02], 2: [0.01, 0.01]} and th.best == 2
    calls = len(fake.calls)
    run(th, fake, {1: 0.02, 2: 0.01}, 5, t)  # no new probe before RETUNE seconds
    assert len(fake.calls) == calls and fake.n == 2


def test_probe_repeats_later_and_later(monkeypatch):
    th, fake = make(monkeypatch)
    run(th, fake, {1: 0.02, 2: 0.01}, 4)
    first, wait = th.next_tune, th.wait
    run(th, fake, {1: 1.5, 2: 1.0}, 3, first)  # past the retune time: probes again
    assert th.samples == {1: [1.5], 2: [1.0, 1.0]}
    assert th.wait == 2 * wait and th.next_tune > first
