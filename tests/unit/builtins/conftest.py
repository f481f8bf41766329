"""Shared helper for builtin tests: evaluate Wolfram text, compare InputForm text."""

import pytest

from wlnet.format.inputform import input_form
from wlnet.kernel.session import Session


class Evaluator:
    """One session; ``wl("code")`` is the InputForm of the last result, and
    ``wl.messages("code")`` the ``Symbol::tag`` names issued while evaluating it."""

    def __init__(self):
        self.session = Session(seed=1)

    def output(self, code):
        outs = self.session.evaluate(code)
        assert outs, code
        return outs[-1]

    def __call__(self, code):
        out = self.output(code)
        return input_form(out.value if out.value is not None else out.result)

    def value(self, code):
        return self.output(code).value

    def messages(self, code):
        return [m.name for o in self.session.evaluate(code) for m in o.messages]


@pytest.fixture
def wl():
    return Evaluator()
