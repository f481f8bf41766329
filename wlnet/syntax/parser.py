"""Text → expressions: ``parse(text) -> list[Expr]``, ``is_incomplete(text)`` for the REPL.

Pipeline: a hand-written lexer (one compiled regex plus a little state) produces typed
tokens whose ``.value`` is already an expression for atoms; Lark builds the LALR table for
grammar/wl.lark and binds the ExprBuilder transformer (to_expr.py) to its rules, and a
small loop here runs that table so every reduction builds expressions inline (operator
precedence is resolved in to_expr.py).

Why a custom lexer rather than Lark's: Wolfram comments nest (not a regular language),
``]]`` closes a Part only when a ``[[`` is open, a newline ends a statement only at
bracket depth 0 and after a complete expression, and a sign is prefix or infix depending
on what precedes it. The lexer tracks exactly that state (operand just seen or not,
bracket stack), so statement ends cost O(1) per token instead of a parser look-ahead.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from pathlib import Path

import numpy as np
from lark import Lark
from lark.lexer import Lexer

from wlnet.expr import Expr, String, PackedArray, S, FALSE, TRUE
from wlnet.syntax import to_expr

__all__ = ["parse", "is_incomplete", "SyntaxProblem", "ParseInterrupted", "InputTooLarge",
           "TOKEN_BYTES"]

ParseInterrupted = to_expr.Interrupted

# What a token costs while a statement is parsed (measured: 10 MB of ``1+1+...`` peaks at
# about 2.2 GB), so an input's memory can be refused before it is spent.
TOKEN_BYTES = 220


class InputTooLarge(Exception):
    """Parsing the input would need more memory than the caller allows (``need`` bytes
    is a lower bound, the tokens counted so far)."""

    def __init__(self, need: int):
        super().__init__(f"{need:,} bytes")
        self.need = need


class SyntaxProblem(Exception):
    """A Wolfram ``Syntax::tag`` message at a 1-based line and column."""

    def __init__(self, tag: str, line: int, col: int, message: str):
        super().__init__(f"Syntax::{tag}: {message} (line {line}, column {col})")
        self.tag = tag
        self.line = line
        self.col = col
        self.message = message


# --- lexer --------------------------------------------------------------------------

_NAME = r"(?:[^\W\d_]|\$)(?:[^\W_]|\$)*"
_SYM = rf"`?{_NAME}(?:`{_NAME})*"
_STR = r'"(?:[^"\\]|\\.)*"'
_FILE = rf'(?:{_STR}|[^\s;,()\[\]{{}}"]+)'
_BLANK = rf"_{{1,3}}(?:{_SYM}|\.(?![.\d]))?"
_OPS = sorted("""^:= === =!= //. //@ @@@ ... := :> -> <= >= == != && || // /. /@ /; /: /* @@ @*
    ++ -- += -= *= /= ^= ;; .. <> ** ~~ - = + * / ^ < > ! & | ; : ? @ ~ .""".split(),
              key=len, reverse=True)
_OP_RE = "|".join(re.escape(o) + (r"(?!\d)" if o == "/." else "") for o in _OPS)   # a/.5
_TOKEN = re.compile(r"[ \t\r\f]*(?:" + "|".join([        # blanks skipped in the same match
    r"(?P<ws>\\\r?\n|\Z)",                                # line continuation, end
    r"(?P<nl>\n)",
    r"(?P<comment>\(\*)",
    r"(?P<num>\d+\^\^[0-9a-zA-Z]+(?:\.[0-9a-zA-Z]*)?(?:`[\d.]*)?(?:\*\^[+-]?\d+)?"
    r"|(?:\d+(?:\.(?!\.)\d*)?|\.\d+)(?:``?[+-]?(?:\d+\.?\d*|\.\d+)?)?(?:\*\^[+-]?\d+)?)",
    rf"(?P<word>{_SYM}(?:{_BLANK})?|{_BLANK})",
    rf"(?P<str>{_STR})",
    r"(?P<badstr>\")",
    rf"(?P<slot>##\d*|#(?:\d+|{_NAME})?)",
    r"(?P<out>%(?:\d+|%*))",
    rf"(?P<get><<\s*{_FILE})",
    rf"(?P<put>>>>?\s*{_FILE})",
    rf"(?P<msg>::\s*(?:{_NAME}|{_STR}))",
    r"(?P<unset>=\.(?!\d))",
    r"(?P<deriv>'+)",
    r"(?P<open>\[\[|\[|\(|\{|<\|)",
    r"(?P<close>\]|\)|\}|\|>)",
    r"(?P<comma>,)",
    rf"(?P<op>{_OP_RE})",
]) + ")", re.S)
_WORDS = {}                    # symbol/blank text → expression (immutable, so shared)
_INFO = re.compile(r"\?(\??)\s*([^\s;,()\[\]{}\"]+)")
_COMMENT = re.compile(r"\(\*|\*\)")

# a long flat literal list of machine numbers becomes one PackedArray without tokens
_NUMLIST = re.compile(r"\{[-\d.,*^\s]{256,}\}")
_INTS = re.compile(r"\s*-?\d+\s*(?:,\s*-?\d+\s*)*")
_REAL = r"\s*-?(?:\d+\.\d*|\.\d+)(?:\*\^[+-]?\d+)?\s*"
_REALS = re.compile(rf"{_REAL}(?:,{_REAL})*")

_A, _E, _START, _S, _SEMI = range(5)          # lexer states, see the grammar header
_OPENERS = {"[": "LBRACKET", "[[": "LPART", "(": "LPAR", "{": "LBRACE", "<|": "LASSOC"}
_CLOSER_OF = {"LBRACKET": "]", "LPART": "]]", "LPAR": ")", "LBRACE": "}", "LASSOC": "|>"}
_CLOSER_TYPE = {"]": "RBRACKET", "]]": "RPART", ")": "RPAR", "}": "RBRACE", "|>": "RASSOC"}
_POSTFIX_OPS = frozenset(["&", "..", "..."])
_SIGNS = frozenset(["-", "+", "!", "++", "--"])
_BEGIN_TYPES = frozenset(["NL", "COMMA", "SEMI", "LPAR", "LBRACE", "LASSOC", "LBRACKET",
                          "LPART"])


class _Tok(str):
    """A token: its source text, grammar terminal ``type``, ``value`` (an expression for
    ATOM) and character offset ``start_pos``; line and column are computed on error."""

    __slots__ = ("type", "value", "start_pos")


def _tok(type_, text, pos, value=None):
    t = str.__new__(_Tok, text)
    t.type = type_
    t.value = text if value is None else value
    t.start_pos = pos
    return t


def _position(text, pos):
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def _problem(text, pos, tag, message):
    line, col = _position(text, pos)
    return SyntaxProblem(tag, line, col, message)


def tokenize(text: str) -> list:
    """Tokens for the grammar, or SyntaxProblem for lexical errors and unclosed input."""
    tokens = []
    append = tokens.append
    stack = []                                 # (opener type, offset)
    state = _START
    pos, n = 0, len(text)
    match = _TOKEN.match
    max_tokens = getattr(_limits, "max_tokens", None)
    while pos < n:
        if not len(tokens) & 0x3FFF and tokens:
            to_expr.check_interrupt()
            if max_tokens is not None and len(tokens) > max_tokens:
                raise InputTooLarge(len(tokens) * TOKEN_BYTES)
        m = match(text, pos)
        if m is None:
            while text[pos] in " \t\r\f":
                pos += 1
            raise _problem(text, pos, "sntxf", f'unexpected character "{text[pos]}"')
        kind = m.lastgroup
        end = m.end()
        if kind == "ws":
            pos = end
            continue
        pos = m.start(kind)
        if kind == "nl":
            if not stack and (state == _A or state == _S or state == _SEMI):
                append(_tok("NL", "\n", pos))
                state = _START
            pos = end
            continue
        s = m.group(kind)
        if kind == "word":
            value = _WORDS.get(s)
            if value is None:
                value = to_expr.word(s)
                if len(_WORDS) < 50_000:
                    _WORDS[s] = value
            append(_tok("ATOM", s, pos, value))
            state = _A
        elif kind == "op":
            if s in _SIGNS:
                if state == _A:
                    if s == "!" and text.startswith("!", end) and not text.startswith("!=", end):
                        s, end = "!!", end + 1
                    append(_tok("INFIX" if s in "-+" else "POSTFIX", s, pos))
                    state = _E if s in "-+" else _A
                else:
                    append(_tok("PREFIX", s, pos))
                    state = _E
            elif s == ";":
                append(_tok("SEMI", s, pos))
                state = _SEMI
            elif s == ";;":
                append(_tok("SPAN", s, pos))
                state = _S
            elif s in _POSTFIX_OPS:
                append(_tok("POSTFIX", s, pos))
                state = _A
            elif s == "?" and state == _START and not stack:
                info = _INFO.match(text, pos)
                if info is None:
                    raise _problem(text, pos, "sntxb", 'expression cannot begin with "?"')
                end = info.end()
                append(_tok("ATOM", info.group(), pos, Expr(
                    S.Information, String(info.group(2)),
                    Expr(S.Rule, S.LongForm, TRUE if info.group(1) else FALSE))))
                state = _A
            else:
                append(_tok("INFIX", s, pos))
                state = _E
        elif kind == "num":
            append(_tok("ATOM", s, pos, _number(text, pos, s)))
            state = _A
        elif kind == "open":
            packed = _numeric_list(text, pos) if s == "{" else None
            if packed is not None:
                end = packed[1]
                append(_tok("ATOM", "{", pos, packed[0]))
                state = _A
            else:
                kind = _OPENERS[s]
                stack.append((kind, pos))
                append(_tok(kind, s, pos))
                state = _START
        elif kind == "close":
            if s == "|>" and (not stack or stack[-1][0] != "LASSOC"):
                append(_tok("INFIX", "|", pos))        # a | >b, not a closer
                state = _E
                end = pos + 1
            else:
                if not stack:
                    tag = "sntxb" if state == _START else "sntxf"
                    raise _problem(text, pos, tag, f'unmatched "{s}"')
                opener, opos = stack.pop()
                want = _CLOSER_OF[opener]
                if want == "]]" and text.startswith("]]", pos):
                    s, end = "]]", pos + 2
                if s != want:
                    raise _problem(text, pos, "bktmcp",
                                   f'"{text[opos:pos + 1]}" has no closing "{want}"')
                append(_tok(_CLOSER_TYPE[s], s, pos))
                state = _A
        elif kind == "comma":
            append(_tok("COMMA", s, pos))
            state = _START
        elif kind == "str":
            append(_tok("ATOM", s, pos, String(to_expr.string_value(s))))
            state = _A
        elif kind == "comment":
            end = _comment_end(text, pos)
        elif kind == "slot":
            append(_tok("ATOM", s, pos, to_expr.slot(s)))
            state = _A
        elif kind == "out":
            append(_tok("ATOM", s, pos, to_expr.out(s)))
            state = _A
        elif kind == "msg":
            tag = s[2:].strip()
            tag = String(to_expr.string_value(tag) if tag.startswith('"') else tag)
            if tokens and tokens[-1].type == "POSTFIX" and tokens[-1].startswith("::"):
                tokens[-1].value += (tag,)             # a::b::c
            else:
                append(_tok("POSTFIX", "::", pos, (tag,)))
            state = _A
        elif kind == "unset" or kind == "deriv":
            append(_tok("POSTFIX", s, pos))
            state = _A
        elif kind == "get":
            append(_tok("ATOM", s, pos, Expr(S.Get, _file_name(s[2:]))))
            state = _A
        elif kind == "put":
            op = ">>>" if s.startswith(">>>") else ">>"
            append(_tok("POSTFIX", op, pos, _file_name(s[len(op):])))
            state = _A
        else:                                          # badstr
            raise _problem(text, pos, "sntue", "the string has no closing quote")
        pos = end
    if stack:
        opener, opos = stack[-1]
        raise _problem(text, n, "sntxi",
                       f'incomplete expression: "{text[opos]}" is never closed')
    if tokens and tokens[-1].type == "NL":
        tokens.pop()
    return tokens


def _number(text, pos, s):
    try:
        return to_expr.number(s)
    except (ValueError, OverflowError, ZeroDivisionError):
        raise _problem(text, pos, "sntxf", f'"{s}" is not a valid number') from None


def _file_name(s):
    s = s.strip()
    return String(to_expr.string_value(s) if s.startswith('"') else s)


def _comment_end(text, pos):
    """Offset after the comment opening at ``pos``; comments nest."""
    depth = 0
    for m in _COMMENT.finditer(text, pos):
        depth += 1 if m.group() == "(*" else -1
        if depth == 0:
            return m.end()
    raise _problem(text, len(text), "sntxi", "incomplete expression: a comment is never closed")


def _numeric_list(text, pos):
    """(PackedArray, end) for a long flat list of all-integer or all-real literals."""
    m = _NUMLIST.match(text, pos)
    if m is None:
        return None
    body = text[pos + 1:m.end() - 1]
    try:
        if _INTS.fullmatch(body):
            arr = np.array(body.split(","), dtype=np.int64)
        elif _REALS.fullmatch(body):
            arr = np.array(body.replace("*^", "e").split(","), dtype=np.float64)
        else:
            return None
    except (ValueError, OverflowError):
        return None
    return PackedArray(arr), m.end()


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
            if not count & 0x3FFF:
                to_expr.check_interrupt()
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

_limits = threading.local()    # .max_tokens of the running parse on this thread


def parse(text: str, interrupted=None, max_bytes: int | None = None) -> list:
    """The expressions of the statements in ``text``; raises SyntaxProblem for bad
    syntax, and, when the caller gives them, ParseInterrupted once ``interrupted()`` is
    true and InputTooLarge when the tokens would need more than ``max_bytes``."""
    to_expr.watch(interrupted)
    _limits.max_tokens = None if max_bytes is None else max_bytes // TOKEN_BYTES
    try:
        return _parse(text)
    finally:
        to_expr.watch(None)
        _limits.max_tokens = None


def _parse(text: str) -> list:
    tokens = ()
    try:
        tokens = tokenize(text)
        if not tokens:
            return []
        return _lalr().run(tokens)
    except (SyntaxProblem, ParseInterrupted, InputTooLarge):
        raise
    except _Unexpected as e:
        raise _unexpected(text, tokens, e.token) from None
    except to_expr.OperatorError as e:
        raise _problem(text, e.token.start_pos, "sntxf", e.message) from None
    except RecursionError:
        raise _problem(text, 0, "sntxf", "expression nested too deeply to parse") from None
    except Exception as e:          # a parser bug must not become a traceback in the REPL
        raise _problem(text, 0, "sntxf", "cannot parse this input") from e


def _unexpected(text, tokens, tok):
    if tok is None:
        return _problem(text, len(text), "sntxi", "incomplete expression; more input is needed")
    i = next(k for k, t in enumerate(tokens) if t is tok)
    j = i
    while j > 0 and tokens[j - 1].type not in _BEGIN_TYPES:
        j -= 1
    shown = text[tok.start_pos:tok.start_pos + len(tok)]
    if j == i:
        return _problem(text, tok.start_pos, "sntxb", f'expression cannot begin with "{shown}"')
    before = text[tokens[j].start_pos:tok.start_pos].strip()
    return _problem(text, tok.start_pos, "sntxf", f'"{before}" cannot be followed by "{shown}"')


def is_incomplete(text: str) -> bool:
    """True when ``text`` is a valid beginning that needs more input (open bracket,
    string or comment, or a trailing operator)."""
    try:
        parse(text)
    except SyntaxProblem as p:
        return p.tag in ("sntxi", "sntue")
    return False
