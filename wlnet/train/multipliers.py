"""Learning-rate multiplier rules → one rate per array, plus lint findings.

Wolfram resolves ``LearningRateMultipliers`` silently: every array takes the rate of the
first rule whose path pattern is a prefix of its path, else its layer-level default, else
1. wlnet keeps exactly that result (``Resolution.rates``) and also reports what a user
cannot see in Wolfram (``Resolution.findings``): rules that can never apply, rules that
match nothing, an integer or net object swallowed by an operator (which selects the whole
inner net: the seed question's trap), and a net whose arrays are all frozen.

The builtins turn WL rules into ``PathPattern`` values (``nets.paths``) and findings into
messages; nothing here knows about expressions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

from ..nets.paths import ANY, PathPattern  # noqa: F401  (re-exported for the builtins)

Path = tuple  # a tuple of str/int keys, e.g. ("Net", "l3", "Weights")


@dataclass(frozen=True)
class Finding:
    """One lint result, plain data for the builtins to turn into a message.

    kind: "shadowed" | "nomatch" | "opnet" | "allfrozen".
    rule: 0-based index into the rules list (None for "allfrozen").
    others: for "shadowed", the 0-based indices of the earlier rules that take the arrays
        this rule matches (the first is the earliest); empty otherwise.
    paths: "shadowed": the arrays the rule matches; "opnet": the paths the user probably
        meant (the inner net's children that hold arrays, e.g. ("Net", "l3")); "allfrozen":
        every array path; "nomatch": empty.
    """

    kind: str
    rule: int | None = None
    others: tuple[int, ...] = ()
    paths: tuple[Path, ...] = ()


@dataclass
class Resolution:
    """Rates in the order of the paths given to ``resolve``, and the lint findings."""

    rates: dict[Path, float]
    findings: list[Finding] = field(default_factory=list)


def resolve(
    rules: Sequence[tuple[PathPattern, float]],
    paths: Iterable[Path],
    defaults: dict[Path, float] | None = None,
) -> Resolution:
    """Resolve multiplier rules against the net's trainable array paths (first match wins)."""
    paths = list(paths)
    defaults = defaults or {}
    matched = [[p for p in paths if pattern.matches(p)] for pattern, _ in rules]
    winner: dict[Path, int] = {}
    for index, hits in enumerate(matched):
        for p in hits:
            winner.setdefault(p, index)
    rates = {
        p: float(rules[winner[p]][1]) if p in winner else float(defaults.get(p, 1.0))
        for p in paths
    }
    findings: list[Finding] = []
    for index, ((pattern, _), hits) in enumerate(zip(rules, matched)):
        if not hits:
            findings.append(Finding("nomatch", index))
            continue
        takers = sorted({winner[p] for p in hits})
        if index not in takers:
            findings.append(Finding("shadowed", index, tuple(takers), tuple(hits)))
        if pattern.selects_operator_net:
            findings.append(Finding("opnet", index, paths=_children(pattern, hits)))
    if paths and all(rate == 0 for rate in rates.values()):
        findings.append(Finding("allfrozen", paths=tuple(paths)))
    return Resolution(rates, findings)


def _children(pattern: PathPattern, hits: list[Path]) -> tuple[Path, ...]:
    """The nodes one level below what the pattern selected, in array order, each once:
    for the seed fold's ``3`` (selected ("Net",)) that is ("Net", "l2"), ("Net", "l3")."""
    depth = len(pattern.elements) + 1
    return tuple(dict.fromkeys(p[:depth] for p in hits))
