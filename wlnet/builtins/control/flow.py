"""Control flow: CompoundExpression, If/Which/Switch, Do/While/For, Return/Break/Continue,
Catch/Throw, and the inert heads the evaluator and the pattern matcher rely on."""

from __future__ import annotations

from ...expr import FALSE, TRUE, Expr, Integer, S
from ...kernel import patterns
from ...kernel.builtin import builtin, declare
from ...kernel.evaluator import ControlFlow
from .iterators import BadIterator, iterations

# Heads with attributes but no rule of their own.
declare("List", attributes="Locked",
        usage="{e1, e2, ...} or List[e1, e2, ...] is a list of elements.")
declare("Rule", attributes="SequenceHold",
        usage="lhs -> rhs or Rule[lhs, rhs] is a rule that replaces lhs by rhs, whose "
              "value is taken at once.")
declare("RuleDelayed", attributes="HoldRest SequenceHold",
        usage="lhs :> rhs or RuleDelayed[lhs, rhs] is a rule that replaces lhs by rhs, "
              "which is evaluated each time it is used.")
declare("Hold", attributes="HoldAll", usage="Hold[expr] keeps expr unevaluated.")
declare("HoldForm", attributes="HoldAll",
        usage="HoldForm[expr] prints as expr, which is kept unevaluated.")
declare("HoldComplete", attributes="HoldAllComplete",
        usage="HoldComplete[expr] keeps expr unevaluated and untouched, even by Sequence "
              "and Evaluate.")
declare("HoldPattern", attributes="HoldAll",
        usage="HoldPattern[patt] is a pattern that matches what patt matches, with patt "
              "kept unevaluated.")
declare("Unevaluated", attributes="HoldAllComplete",
        usage="Unevaluated[expr] passes expr unevaluated to the function it is an argument "
              "of.")
declare("Function", attributes="HoldAll",
        usage="body & or Function[body] is a pure function whose arguments are #, #2, "
              "...\nFunction[x, body] and Function[{x1, x2, ...}, body] name the arguments.")
declare("Pattern", attributes="HoldFirst",
        usage="x_ or Pattern[x, _] gives the name x to what the pattern matches.\nx : p "
              "names what the pattern p matches.")
declare("Blank",
        usage="_ or Blank[] is a pattern that matches any one expression.\n_h or Blank[h] "
              "matches an expression whose head is h.")
declare("BlankSequence",
        usage="__ or BlankSequence[] is a pattern that matches any sequence of one or more "
              "expressions.")
declare("BlankNullSequence",
        usage="___ or BlankNullSequence[] is a pattern that matches any sequence of zero "
              "or more expressions.")
declare("Condition", attributes="HoldAll",
        usage="patt /; test is a pattern that matches only if test gives True for what "
              "patt matched.\nlhs :> rhs /; test applies the rule only if test gives True.")
declare("PatternTest", attributes="HoldRest",
        usage="p ? test is a pattern that matches what p matches when test gives True for "
              "it.")
declare("Alternatives", usage="p1 | p2 | ... is a pattern that matches any one of the pi.")
declare("Optional",
        usage="p : v or Optional[p, v] is a pattern that matches p, or stands for v when "
              "the argument is missing.\nx_. is an optional argument whose value comes from "
              "Default.")
declare("Repeated",
        usage="p .. or Repeated[p] is a pattern for one or more expressions that each "
              "match p.")
declare("RepeatedNull",
        usage="p ... or RepeatedNull[p] is a pattern for zero or more expressions that "
              "each match p.")
declare("Verbatim",
        usage="Verbatim[expr] is a pattern that matches expr itself, blanks included.")
declare("Except",
        usage="Except[c] is a pattern that matches anything that does not match "
              "c.\nExcept[c, p] matches what matches p and not c.")
declare("Slot", attributes="NHoldAll",
        usage="# or Slot[1] is the first argument of a pure function; #n is its n-th "
              "argument.")
declare("SlotSequence", attributes="NHoldAll",
        usage="## or SlotSequence[1] is the sequence of all the arguments of a pure "
              "function; ##n those from the n-th on.")
declare("Null",
        usage="Null is the value of an expression that gives nothing, such as a ; at the "
              "end.")
declare("True", usage="True is the symbol for the Boolean value true.")
declare("False", usage="False is the symbol for the Boolean value false.")
declare("Sequence",
        usage="Sequence[e1, e2, ...] is a sequence of elements that is spliced into any "
              "function it is an argument of.")
declare("Missing", usage="Missing[\"reason\"] stands for data that is missing, and why.")
declare("Span",
        usage="i ;; j or Span[i, j] is the span of parts i to j; i ;; j ;; k takes every "
              "k-th.")
declare("All", usage="All is a setting for options and parts that stands for everything.")
declare("None", usage="None is a setting that stands for nothing.")
declare("Automatic", usage="Automatic is an option setting that lets the function choose.")
declare("Inherited",
        usage="Inherited is an option setting that takes the value from an enclosing "
              "setting.")
declare("Indeterminate",
        usage="Indeterminate is the value of a numeric quantity that cannot be determined, "
              "such as 0/0.")
declare("ComplexInfinity",
        usage="ComplexInfinity is an infinite quantity whose direction is not known.")
declare("$Failed", usage="$Failed is the value many functions give when they fail.")
declare("$Aborted", usage="$Aborted is the value an evaluation gives when it is aborted.")
declare("FullForm",
        usage="FullForm[expr] prints as the full form of expr, with every head written out "
              "and no operators.")
declare("InputForm",
        usage="InputForm[expr] prints as a one-line form of expr that can be typed in "
              "again.")
declare("OutputForm",
        usage="OutputForm[expr] prints as the two-dimensional form that a terminal shows.")
declare("TraditionalForm",
        usage="TraditionalForm[expr] prints expr close to traditional mathematical "
              "notation.")
declare("StandardForm",
        usage="StandardForm[expr] prints expr in the standard form of the Wolfram Language.")
declare("MatrixForm",
        usage="MatrixForm[list] prints the elements of list as a matrix, in rows and "
              "columns.")
declare("TableForm",
        usage="TableForm[list] prints the elements of list in a table of rows and columns.")
declare("NumberForm",
        usage="NumberForm[expr, n] prints the numbers in expr with n significant digits.")
declare("ScientificForm",
        usage="ScientificForm[expr] prints the numbers in expr in scientific notation.")
declare("TreeForm", usage="TreeForm[expr] prints expr as a tree of its heads and elements.")
declare("Short", usage="Short[expr] prints as a shortened form of expr, with <<n>> standing "
        "for the n elements left out.\nShort[expr, n] makes it about n lines long.")
declare("Shallow", usage="Shallow[expr] prints expr with its parts below level 4, and its "
        "elements beyond the tenth, shown as <<n>>.")
declare("Skeleton", usage="Skeleton[n] prints as <<n>>, standing for n elements left out.")
declare("TwoWayRule", usage="a <-> b or TwoWayRule[a, b] is a two-way rule between a and b.")
declare("Integer", usage="Integer is the head of integers.")
declare("Real", usage="Real is the head of real numbers such as 1.5.")
declare("String", usage="String is the head of character strings \"text\".")
declare("Symbol",
        usage="Symbol[\"name\"] is the symbol with the given name; Symbol is the head of "
              "symbols.")
declare("Rational", usage="Rational is the head of exact fractions such as 1/3.")
declare("Complex", usage="Complex is the head of complex numbers.")
declare("General", messages={},
        usage="General is the symbol whose messages any function may issue.")
declare("Syntax",
        usage="Syntax is the symbol whose messages report errors in the input's syntax.")
_LIMSET = "Cannot set `1` to `2`; value must be Infinity or an integer of at least 20."
declare("$RecursionLimit", protected=False, messages={
    "reclim2": "Recursion depth of `1` exceeded during evaluation of `2`.", "limset": _LIMSET},
        usage="$RecursionLimit is the greatest depth of nested evaluation allowed "
              "(1024).")
declare("$IterationLimit", protected=False, messages={
    "itlim": "Iteration limit of `1` exceeded.", "limset": _LIMSET},
        usage="$IterationLimit is the most times an expression is rewritten before "
              "evaluation stops (4096).")
_NO_LOOP = {"nofwd": "No enclosing For, While or Do found for `1`."}
declare("Function", attributes="HoldAll", messages={
    "fpct": "Too many parameters in `1` to be filled from the arguments given.",
    "slotn": "Slot number in `1` cannot be filled from the arguments given."},
        usage="body & or Function[body] is a pure function whose arguments are #, #2, "
              "...\nFunction[x, body] and Function[{x1, x2, ...}, body] name the "
              "arguments.")


def truth(ev, expr) -> bool | None:
    """True/False for an evaluated condition, None when it is neither."""
    return True if expr is TRUE else False if expr is FALSE else None


@builtin(attributes="HoldAll",
         usage="expr1; expr2; ... evaluates the expri in turn and gives the value of the "
               "last.")
def CompoundExpression(ev, expr):
    """Evaluate each part in turn and give the last result."""
    result = S.Null
    for part in expr.args:
        result = ev.evaluate(part)
    return ev.done(result)


@builtin(attributes="HoldRest", argc=(2, 4),
         usage="If[condition, t, f] gives t if condition is True and f if it is "
               "False.\nIf[condition, t, f, u] gives u if condition is neither.")
def If(ev, expr):
    """If[test, then, else, neither]: only the chosen branch is evaluated."""
    t = truth(ev, expr.args[0])
    if t is True:
        return expr.args[1]
    if t is False:
        return expr.args[2] if len(expr.args) > 2 else S.Null
    return expr.args[3] if len(expr.args) > 3 else None


@builtin(attributes="HoldAll", messages={
    "argct": "`1` called with an odd number of arguments."},
         usage="Which[test1, value1, test2, value2, ...] gives the value for the first "
               "testi that gives True.")
def Which(ev, expr):
    """Which[test1, value1, test2, value2, ...]: the value of the first true test."""
    if len(expr.args) % 2:
        ev.message("Which", "argct", S.Which)
        return None
    for i in range(0, len(expr.args), 2):
        t = truth(ev, ev.evaluate(expr.args[i]))
        if t is True:
            return expr.args[i + 1]
        if t is None:
            return None
    return S.Null


@builtin(attributes="HoldRest", messages={
    "argct": "`1` called with `2` arguments. Switch must be called with an odd number of "
             "arguments."},
         usage="Switch[expr, form1, value1, form2, value2, ...] gives the "
               "value for the first formi that expr matches.")
def Switch(ev, expr):
    """Switch[expr, form1, value1, ...]: the value for the first form that matches."""
    if len(expr.args) < 3 or len(expr.args) % 2 == 0:
        ev.message("Switch", "argct", S.Switch, Integer(len(expr.args)))
        return None
    subject = expr.args[0]
    for i in range(1, len(expr.args), 2):
        if patterns.match(ev.evaluate(expr.args[i]), subject, ev) is not None:
            return expr.args[i + 1]
    return S.Null


def _run_body(ev, body) -> bool:
    """Evaluate a loop body; False means Break[] asked to leave the loop."""
    ev.check_abort()
    try:
        ev.evaluate(body)
    except ControlFlow as flow:
        if flow.kind == "Break":
            return False
        if flow.kind != "Continue":
            raise
    return True


def _loop(ev, rounds, body):
    """Evaluate body once for each item ``rounds`` yields: Break[] leaves the loop,
    Continue[] goes on with the next round, Return[x] makes x the loop's value."""
    try:
        for _ in rounds:
            if not _run_body(ev, body):
                break
    except ControlFlow as flow:
        if flow.kind == "Return":
            return flow.value
        raise
    return S.Null


@builtin(attributes="HoldAll", argc=(1, None),
         usage="Do[expr, n] evaluates expr n times.\nDo[expr, {i, imin, imax, di}] "
               "evaluates expr for each value of i, with the iterators of Table; its value "
               "is Null.")
def Do(ev, expr):
    """Do[body, iterators...]: evaluate body for each iterator value; the result is Null."""
    try:
        return _loop(ev, iterations(ev, expr, expr.args[1:]), expr.args[0])
    except BadIterator:
        return None


@builtin(attributes="HoldAll", argc=(1, 2),
         usage="While[test, body] evaluates body again and again while test gives True.")
def While(ev, expr):
    """While[test, body]: repeat body while test is True."""
    def rounds():
        while ev.evaluate(expr.args[0]) is TRUE:
            yield
    return _loop(ev, rounds(), expr.args[1] if len(expr.args) > 1 else S.Null)


@builtin(attributes="HoldAll", argc=(3, 4),
         usage="For[start, test, incr, body] evaluates start, then body and incr again and "
               "again while test gives True.")
def For(ev, expr):
    """For[start, test, increment, body]."""
    start, test, incr = expr.args[:3]

    def rounds():
        ev.evaluate(start)
        while ev.evaluate(test) is TRUE:
            yield
            ev.evaluate(incr)
    return _loop(ev, rounds(), expr.args[3] if len(expr.args) > 3 else S.Null)


@builtin(argc=(0, 2),
         usage="Return[expr] leaves the function it is in, which gives expr.\nReturn[] "
               "gives Null.")
def Return(ev, expr):
    raise ControlFlow("Return", expr.args[0] if expr.args else S.Null)


@builtin(argc=0, messages=_NO_LOOP,
         usage="Break[] leaves the innermost enclosing Do, For or While.")
def Break(ev, expr):
    raise ControlFlow("Break")


@builtin(argc=0, messages=_NO_LOOP,
         usage="Continue[] goes on with the next round of the innermost enclosing Do, For "
               "or While.")
def Continue(ev, expr):
    raise ControlFlow("Continue")


@builtin(argc=(1, 2), messages={"nocatch": "Uncaught `1` returned to top level."},
         usage="Throw[value] leaves the evaluation for the innermost enclosing Catch, "
               "which gives value.\nThrow[value, tag] is caught only by a Catch whose form "
               "matches tag.")
def Throw(ev, expr):
    raise ControlFlow("Throw", expr.args[0], expr.args[1] if len(expr.args) > 1 else None)


@builtin(attributes="HoldFirst", argc=(1, 3),
         usage="Catch[expr] gives the argument of the first Throw met while evaluating "
               "expr, or the value of expr.\nCatch[expr, form] catches only a Throw[value, "
               "tag] whose tag matches form.")
def Catch(ev, expr):
    """Catch[expr] or Catch[expr, form]: the value of the first matching Throw."""
    form = ev.evaluate(expr.args[1]) if len(expr.args) > 1 else None
    try:
        return ev.done(ev.evaluate(expr.args[0]))
    except ControlFlow as flow:
        if flow.kind != "Throw":
            raise
        if form is None and flow.tag is None:
            return flow.value
        if form is not None and flow.tag is not None and \
                patterns.match(form, flow.tag, ev) is not None:
            if len(expr.args) > 2:
                return Expr(expr.args[2], flow.value, flow.tag)
            return flow.value
        raise


@builtin(argc=1,
         usage="Identity[expr] gives expr.")
def Identity(ev, expr):
    return expr.args[0]


@builtin(argc=(1, None),
         usage="Evaluate[expr] makes expr be evaluated even where a function holds its "
               "arguments.")
def Evaluate(ev, expr):
    return expr.args[0] if len(expr.args) == 1 else Expr.make(S.Sequence, expr.args)


@builtin(argc=1,
         usage="ReleaseHold[expr] removes Hold, HoldForm, HoldPattern and HoldComplete "
               "from expr.")
def ReleaseHold(ev, expr):
    """Remove one level of Hold, HoldForm, HoldPattern or HoldComplete."""
    x = expr.args[0]
    if isinstance(x, Expr) and x.head in (S.Hold, S.HoldForm, S.HoldPattern, S.HoldComplete):
        return x.args[0] if len(x.args) == 1 else Expr.make(S.Sequence, x.args)
    return x


@builtin(argc=0,
         usage="Abort[] stops the evaluation, which then gives $Aborted.")
def Abort(ev, expr):
    from ...kernel.messages import Abort as AbortSignal
    raise AbortSignal()

