"""Text → expressions: ``parse(text) -> list[Expr]``, ``is_incomplete(text)`` for the REPL.

Pipeline: a hand-written lexer (lexer.py: one compiled regex plus a little state) produces
typed tokens whose ``.value`` is already an expression for atoms; Lark builds the LALR table for
grammar/wl.lark and binds the ExprBuilder transformer (to_expr.py) to its rules, and a
small loop here runs that table so every reduction builds expressions inline (operator
precedence is resolved in operators.py).

Why a custom lexer rather than Lark's: Wolfram comments nest (not a regular language),
``]]`` closes a Part only when a ``[[`` is open, a newline ends a statement only at
bracket depth 0 and after a complete expression, and a sign is prefix or infix depending
on what precedes it. The lexer tracks exactly that state (operand just seen or not,
bracket stack), so statement ends cost O(1) per token instead of a parser look-ahead.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from lark import Lark
from lark.lexer import Lexer

from wlnet.syntax import named, operators, to_expr, watch
from wlnet.syntax.watch import InputTooLarge, Interrupted as ParseInterrupted
from wlnet.syntax.lexer import BEGIN_TYPES, SyntaxProblem, problem, tokenize

__all__ = ["parse", "is_incomplete", "SyntaxProblem", "ParseInterrupted", "InputTooLarge"]


# --- Lark ---------------------------------------------------------------------------

class _PassThrough(Lexer):
    """Lark needs a lexer class to build an LALR parser; tokenize() does the lexing and
    _LALR runs the table, so Lark never calls this one."""

    def __init__(self, lexer_conf):
        pass

    def lex(self, tokens):
        return iter(tokens)


def _grammar_path() -> Path:
    """wlnet/wl.lark inside an installed wheel, else grammar/wl.lark in the checkout."""
    pkg = Path(__file__).resolve().parent.parent
    shipped = pkg / "wl.lark"
    return shipped if shipped.exists() else pkg.parent / "grammar" / "wl.lark"


def _cache_file() -> str | bool:
    """Where Lark keeps the built LALR table between runs: in the user's own cache
    directory (Lark's default is the shared temporary directory, where another user could
    plant a file for Lark to unpickle). No cache when that directory cannot be made."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "wlnet"
    try:
        base.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    grammar = _grammar_path().read_bytes()
    return str(base / f"grammar-{hashlib.sha256(grammar).hexdigest()[:16]}.lark-cache")


class _Unexpected(Exception):
    def __init__(self, token):
        self.token = token


class _LALR:
    """Runs the LALR table Lark builds from grammar/wl.lark, with Lark's own reduction
    callbacks (child filtering, placeholders, our transformer).

    Lark's generic loop looks every rule up in dicts keyed by Rule objects, which cost
    more than the whole rest of the parse; here actions are plain ints per state: a
    shift is the target state, a reduce ``~i`` indexes a (size, callback, goto) list.
    """

    def __init__(self):
        lark = Lark(_grammar_path().read_text(), parser="lalr", lexer=_PassThrough,
                    transformer=to_expr.ExprBuilder(), cache=_cache_file())
        inner = lark.parser.parser.parser
        table = inner.parse_table
        rules, index = [], {}
        self.actions = {}
        for state, acts in table.states.items():
            row = {}
            for sym, (action, arg) in acts.items():
                if action.name == "Shift":
                    row[sym] = arg
                else:
                    if arg not in index:
                        index[arg] = len(rules)
                        rules.append((len(arg.expansion), inner.callbacks[arg], arg.origin.name))
                    row[sym] = ~index[arg]
            self.actions[state] = row
        self.rules = rules
        self.start = table.start_states["start"]
        self.end = table.end_states["start"]

    def run(self, tokens):
        actions, rules = self.actions, self.rules
        stack = [self.start]
        values = []
        push_state, push_value = stack.append, values.append

        def reduce(act):
            """Replace the rule's children on both stacks by what its callback makes of them."""
            size, callback, goto = rules[~act]
            if size:
                children = values[-size:]
                del values[-size:]
                del stack[-size:]
            else:
                children = []
            push_value(callback(children))
            push_state(actions[stack[-1]][goto])

        for count, tok in enumerate(tokens):
            if not count & watch.EVERY:
                watch.check()
            t = tok.type
            while True:
                act = actions[stack[-1]].get(t)
                if act is None:
                    raise _Unexpected(tok)
                if act >= 0:
                    push_state(act)
                    push_value(tok)
                    break
                reduce(act)
        end = self.end
        while stack[-1] != end:                        # end of input: reduce to start
            act = actions[stack[-1]].get("$END")
            if act is None:
                raise _Unexpected(None)
            reduce(act)
        return values[-1]


_parser = None


def _lalr():
    global _parser
    if _parser is None:
        _parser = _LALR()
    return _parser


# --- public API ---------------------------------------------------------------------

def parse(text: str, warnings: list | None = None, interrupted=None,
          max_bytes: int | None = None) -> list:
    """The expressions of the statements in ``text``; raises SyntaxProblem for bad
    syntax. Warnings that do not stop the parse (``Syntax::stresc``) go to ``warnings``.
    When the caller gives them, ParseInterrupted is raised once ``interrupted()`` is
    true, and InputTooLarge when the tokens would need more than ``max_bytes``."""
    with watch.watching(interrupted, max_bytes):
        return _parse(text, warnings)


def _parse(text: str, warnings) -> list:
    tokens = ()
    if "\\[" in text:
        try:
            text = named.expand(text)
        except named.UnknownName as e:
            raise problem(text, e.pos, "sntufn", f"Unknown unicode longname {e.name}.") from None
    try:
        tokens = tokenize(text, warnings)
        if not tokens:
            return []
        return _lalr().run(tokens)
    except (SyntaxProblem, ParseInterrupted, InputTooLarge):
        raise
    except _Unexpected as e:
        raise _unexpected(text, tokens, e.token) from None
    except operators.OperatorError as e:
        raise problem(text, e.token.start_pos, "sntxf", e.message) from None
    except RecursionError:
        raise problem(text, 0, "sntxf", "expression nested too deeply to parse") from None
    except Exception as e:          # a parser bug must not become a traceback in the REPL
        raise problem(text, 0, "sntxf", "cannot parse this input") from e


def _unexpected(text, tokens, tok):
    if tok is None:
        return problem(text, len(text), "sntxi", "incomplete expression; more input is needed")
    i = next(k for k, t in enumerate(tokens) if t is tok)
    j = i
    while j > 0 and tokens[j - 1].type not in BEGIN_TYPES:
        j -= 1
    shown = text[tok.start_pos:tok.start_pos + len(tok)]
    if j == i:
        return problem(text, tok.start_pos, "sntxb", f'expression cannot begin with "{shown}"')
    before = text[tokens[j].start_pos:tok.start_pos].strip()
    return problem(text, tok.start_pos, "sntxf", f'"{before}" cannot be followed by "{shown}"')


def is_incomplete(text: str) -> bool:
    """True when ``text`` is a valid beginning that needs more input (open bracket,
    string or comment, or a trailing operator)."""
    try:
        parse(text)
    except SyntaxProblem as p:
        return p.tag in ("sntxi", "sntue")
    return False
