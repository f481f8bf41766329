"""Introspection (issue 12): usage texts written as Wolfram usage messages, ?f and ??f,
wildcards in ?Net* and Names, Definition, FullDefinition, Options with defaults."""

import re
import textwrap

import pytest

from wlnet.expr import Symbol
from wlnet.kernel.builtin import BUILTINS
from wlnet.kernel.messages import PrintRecord
from wlnet.kernel.session import Session

Session()        # registers every builtin


def printed(wl, code):
    return [r.items[0].value for o in wl.session.evaluate(code) for r in o.records
            if isinstance(r, PrintRecord)]


@pytest.mark.parametrize("name", sorted(s.name for s in BUILTINS))
def test_every_builtin_has_a_usage_text_of_its_own(name):
    b = BUILTINS[Symbol(name)]
    assert b.usage, f"{name} has no usage text"
    doc = " ".join((b.function.__doc__ or "").split()) if b.function else ""
    assert b.usage not in doc, f"{name}'s usage is taken from its docstring"
    for line in b.usage.split("\n"):
        assert line.endswith("."), f"{name}: a usage line is a sentence: {line!r}"
        assert not re.match(r"\S+\]: ", line), f"{name}: write 'f[x] gives ...': {line!r}"
        assert "  " not in line and line == line.strip(), f"{name}: reflowed text {line!r}"


def usage_lines(name):
    """The usage text of a builtin as ?name prints it: each form on its own lines, broken
    between words to fit 78 columns."""
    return [piece for line in BUILTINS[Symbol(name)].usage.split("\n")
            for piece in textwrap.wrap(line, 78, break_long_words=False,
                                       break_on_hyphens=False)]


def test_question_mark_prints_the_usage_lines(wl):
    assert printed(wl, "?Map") == [
        "f /@ expr or Map[f, expr] applies f to each element of expr.",
        "Map[f, expr, levelspec] applies f to the parts of expr at the levels",
        "levelspec.",
        "Map[f] is an operator form of Map."]
    assert printed(wl, "Information[LinearLayer, LongForm -> False]") == \
        usage_lines("LinearLayer")
    assert all(len(line) <= 78 for line in printed(wl, "?NetTrain"))
    assert printed(wl, "Information[LinearLayer]") == printed(wl, "??LinearLayer")


def test_double_question_mark_adds_attributes_and_options(wl):
    lines = printed(wl, "??Range")
    assert lines[-2:] == ["", "Attributes[Range] = {Listable, Protected}"]
    assert printed(wl, "??Total")[-1] == \
        "Options[Total] = {AllowedHeads -> Automatic, Method -> Automatic}"
    lines = printed(wl, "??NetTrain")
    assert "Attributes[NetTrain] = {Protected}" in lines
    (options,) = [x for x in lines if x.startswith("Options[NetTrain] = ")]
    assert "BatchSize -> Automatic" in options and "TargetDevice -> \"CPU\"" in options


def test_user_symbol_shows_context_and_definitions(wl):
    wl("f[x_] := x^2; f[x_, y_] := x + y")
    assert printed(wl, "?f") == ["Global`f", "", "f[x_] := x^2", "", "f[x_, y_] := x + y"]
    wl("SetAttributes[g, Listable]; g[1] = 5; Options[g] = {a -> 1}")
    assert printed(wl, "??g") == ["Global`g", "", "Attributes[g] = {Listable}", "",
                                  "g[1] = 5", "", "Options[g] = {a -> 1}"]
    wl("x1 = 5")
    assert printed(wl, "?x1") == ["Global`x1", "", "x1 = 5"]


def test_user_usage_message_comes_first(wl):
    wl('h::usage = "h[x] doubles x."; h[x_] := 2 x')
    assert printed(wl, "?h") == ["h[x] doubles x."]
    assert printed(wl, "??h") == ["h[x] doubles x.", "", "h[x_] := 2*x"]


def test_wildcards_list_the_names_in_columns(wl):
    lines = printed(wl, "?Net*")
    assert lines[:2] == ["System`", ""]
    names = " ".join(lines[2:]).split()
    assert set(names) == {s.value for s in wl.value('Names["Net*"]').args}
    assert {"NetChain", "NetGraph", "NetTrain", "NetInitialize"} <= set(names)
    rows = [line.split() for line in lines[2:]]
    assert [row[0] for row in rows] == sorted(names, key=str.casefold)[:len(rows)]  # down
    assert all(len(line) <= 78 for line in lines)
    layers = " ".join(printed(wl, "?*Layer")[2:]).split()
    assert "LinearLayer" in layers and all(n.endswith("Layer") for n in layers)
    assert printed(wl, "?NetChai*") == usage_lines("NetChain")
    wl("myNetThing = 1")
    assert "Global`" in printed(wl, "?*Net*")


def test_names(wl):
    names = wl.value('Names["Net*"]')
    listed = [s.value for s in names.args]
    assert listed == sorted(listed) and {"NetChain", "NetDecoder", "NetEncoder", "NetExtract",
                                         "NetFoldOperator", "NetMeasurements", "NetTake",
                                         "NetPortGradient"} <= set(listed) and \
        all(n.startswith("Net") for n in listed)
    assert wl('Names["*Layer"]').count('"') == 2 * len(wl.value('Names["*Layer"]').args)
    wl("myVar = 2")
    assert wl('Names["my*"]') == '{"myVar"}'
    assert wl('Names["Global`*"]') == '{"myVar"}'
    assert wl('Names["Zzz*"]') == "{}"
    assert wl('Names["Net@"]') == "{}" and wl('Names["Pl@s"]') == '{"Plus"}'


def test_not_found_messages(wl):
    assert wl.messages("?undefinedSymbolName") == ["Information::notfound"]
    assert wl.messages("?Zzz*") == ["Information::nomatch"]


def test_definition_and_full_definition(wl):
    wl("k[x_] := m[x] + 1; m[y_] := y^2")
    assert wl("ToString[Definition[k]]") == '"k[x_] := m[x] + 1"'
    assert wl("ToString[FullDefinition[k]]") == '"k[x_] := m[x] + 1\\n\\nm[y_] := y^2"'
    assert wl("ToString[Definition[Plus]]") == \
        '"Attributes[Plus] = {Flat, Listable, NumericFunction, OneIdentity, Orderless, ' \
        'Protected}"'
    assert wl("Definition[neverDefined]") == "Null"
    wl("Default[p] = 0; p[x_.] := x^2")
    assert wl("ToString[Definition[p]]") == '"Default[p] = 0\\n\\np[x_.] := x^2"'


def test_options(wl):
    options = wl("Options[NetTrain]")
    for rule in ["BatchSize -> Automatic", "MaxTrainingRounds -> Automatic",
                 'TargetDevice -> "CPU"', "ValidationSet -> None", "Method -> Automatic"]:
        assert rule in options
    assert wl("Options[Total]") == "{AllowedHeads -> Automatic, Method -> Automatic}"
    assert wl("Options[Range]") == "{}"
    assert wl("Options[f[1, a -> 2, b :> 3]]") == "{a -> 2, b :> 3}"
    assert wl("Options[f[1, a -> 2, b :> 3], a]") == "{a -> 2}"
    assert wl("Options[q] = {opt -> 1}; Options[q]") == "{opt -> 1}"
    assert '"Input" -> Automatic' in wl("Options[LinearLayer]")


def test_information_still_reads_net_properties(wl):
    wl("net = NetInitialize[NetChain[{LinearLayer[2]}, \"Input\" -> 3]]")
    assert wl('Information[net, "ArraysCount"]') == wl('NetInformation[net, "ArraysCount"]')
