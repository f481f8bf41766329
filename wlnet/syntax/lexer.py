"""The lexer: text -> typed tokens for the grammar (see parser.py for why it is ours).

One compiled regex plus a little state: whether an operand was just seen (a sign after an
operand is binary), the bracket stack (``]]`` closes a Part only when a ``[[`` is open,
also with blanks or comments between the two brackets), and statement ends (a newline
ends a statement only at depth 0 after a complete expression). Atoms leave here as
expressions. Input with characters beyond ASCII uses a second regex, built on first need
from the named-character table (``named.py``), that also knows letter-like, operator and
space characters.
"""

from __future__ import annotations

import re

import numpy as np

from wlnet.expr import Expr, String, PackedArray, S, Symbol, FALSE, TRUE
from wlnet.syntax import named, to_expr, watch

__all__ = ["tokenize", "SyntaxProblem", "problem", "BEGIN_TYPES"]


class SyntaxProblem(Exception):
    """A Wolfram ``Syntax::tag`` message at a 1-based line and column."""

    def __init__(self, tag: str, line: int, col: int, message: str):
        super().__init__(f"Syntax::{tag}: {message} (line {line}, column {col})")
        self.tag = tag
        self.line = line
        self.col = col
        self.message = message


# --- lexer --------------------------------------------------------------------------

_STR = r'"(?:[^"\\]|\\.)*"'
_FILE = rf'(?:{_STR}|[^\s;,()\[\]{{}}"]+)'
_OPS = sorted("""^:= === =!= //. //@ @@@ ... := :> -> <= >= == != && || // /. /@ /; /: /* @@ @*
    ++ -- += -= *= /= ^= ;; .. <> ** ~~ <-> |-> - = + * / ^ < > ! & | ; : ? @ ~ .""".split(),
              key=len, reverse=True)
_OP_RE = "|".join(re.escape(o) + (r"(?!\d)" if o == "/." else "") for o in _OPS)   # a/.5


def _token_regex(letters="", blanks="", newlines="", operators=""):
    """The lexer's one regex. ASCII input uses it as is; input with other characters gets
    a second copy (built on first need) that also knows the letter-like, blank, newline
    and operator characters of the named-character table."""
    extra = re.escape(letters)
    name = rf"(?:[^\W\d_]|\$|[{extra}])(?:[^\W_]|\$|[{extra}])*" if letters else \
        r"(?:[^\W\d_]|\$)(?:[^\W_]|\$)*"
    sym = rf"`?{name}(?:`{name})*"
    blank = rf"_{{1,3}}(?:{sym}|\.(?![.\d]))?"
    groups = [
        r"(?P<ws>\\\r?\n|\Z)",                                # line continuation, end
        r"(?P<nl>\n" + (f"|[{re.escape(newlines)}]" if newlines else "") + ")",
        r"(?P<comment>\(\*)",
        r"(?P<num>\d+\^\^[0-9a-zA-Z]+(?:\.[0-9a-zA-Z]*)?(?:`[\d.]*)?(?:\*\^[+-]?\d+)?"
        r"|(?:\d+(?:\.(?!\.)\d*)?|\.\d+)(?:``?[+-]?(?:\d+\.?\d*|\.\d+)?)?(?:\*\^[+-]?\d+)?)",
        rf"(?P<word>{sym}(?:{blank})?|{blank})",
        rf"(?P<str>{_STR})",
        r"(?P<badstr>\")",
        rf"(?P<slot>##\d*|#(?:\d+|{name})?)",
        r"(?P<out>%(?:\d+|%*))",
        rf"(?P<get><<\s*{_FILE})",
        rf"(?P<put>>>>?\s*{_FILE})",
        rf"(?P<msg>::\s*(?:{name}|{_STR}))",
        r"(?P<unset>=\.(?!\d))",
        r"(?P<deriv>'+)",
        r"(?P<open>\[\[|\[|\(|\{|<\|)",
        r"(?P<close>\]|\)|\}|\|>)",
        r"(?P<comma>,)",
        rf"(?P<op>{_OP_RE})",
    ]
    if operators:
        groups.append(f"(?P<uop>[{re.escape(operators)}])")
    space = "[ \\t\\r\\f" + re.escape(blanks) + "]*"
    return re.compile(space + "(?:" + "|".join(groups) + ")", re.S), \
        frozenset(" \t\r\f" + blanks)


_TOKEN, _SPACE = _token_regex()
_UNICODE = None


def _unicode_lexer():
    """(regex, blank characters) for input with non-ASCII characters."""
    global _UNICODE
    if _UNICODE is None:
        _UNICODE = _token_regex(named.letter_chars(), named.blank_chars(),
                                named.newline_chars(), named.operator_chars())
        for nc in named.table().values():          # π alone is Pi, ∞ alone Infinity
            if nc.kind == "L" and nc.head:
                _WORDS[nc.char] = Symbol(nc.head)
    return _UNICODE


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
BEGIN_TYPES = frozenset(["NL", "COMMA", "SEMI", "LPAR", "LBRACE", "LASSOC", "LBRACKET",
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


def problem(text, pos, tag, message):
    line, col = _position(text, pos)
    return SyntaxProblem(tag, line, col, message)


def tokenize(text: str, warnings: list | None = None) -> list:
    """Tokens for the grammar, or SyntaxProblem for lexical errors and unclosed input.
    ``text`` has its named characters expanded already (see ``parse``); lexical warnings
    (an unknown string escape) are appended to ``warnings`` as SyntaxProblems."""
    regex, blanks = (_TOKEN, _SPACE) if text.isascii() else _unicode_lexer()
    tokens = []
    append = tokens.append
    stack = []                                 # (opener type, offset)
    state = _START
    pos, n = 0, len(text)
    match = regex.match
    while pos < n:
        if not len(tokens) & watch.EVERY and tokens:
            watch.check_tokens(len(tokens))
        m = match(text, pos)
        if m is None:
            while text[pos] in blanks:
                pos += 1
            raise problem(text, pos, "sntxf", f'unexpected character "{text[pos]}"')
        kind = m.lastgroup
        end = m.end()
        if kind == "ws":
            pos = end
            continue
        pos = m.start(kind)
        if kind == "uop":
            kind, s = _named_operator(m.group(kind), state)
            if kind == "ws":
                pos = end
                continue
            if kind == "named":
                nc = named.info(s)
                typ = "POSTFIX" if nc.affix == "postfix" else \
                    "INFIX" if nc.affix == "infix" and state == _A else "PREFIX"
                append(_tok(typ, s, pos, nc))
                state = _A if typ == "POSTFIX" else _E
                pos = end
                continue
        elif kind == "nl":
            if not stack and (state == _A or state == _S or state == _SEMI):
                append(_tok("NL", "\n", pos))
                state = _START
            pos = end
            continue
        else:
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
                    raise problem(text, pos, "sntxb", 'expression cannot begin with "?"')
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
                if s == "[" and end < n and text[end] in _PART_GAP:   # x[ [1] ] is x[[1]]
                    after = _skip_gap(text, end)
                    if text.startswith("[", after):
                        s, end = "[[", after + 1
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
                    raise problem(text, pos, tag, f'unmatched "{s}"')
                opener, opos = stack.pop()
                want = _CLOSER_OF[opener]
                if want == "]]":
                    after = _skip_gap(text, pos + 1)
                    if text.startswith("]", after):
                        s, end = "]]", after + 1
                if s != want:
                    raise problem(text, pos, "bktmcp",
                                   f'"{text[opos:pos + 1]}" has no closing "{want}"')
                append(_tok(_CLOSER_TYPE[s], s, pos))
                state = _A
        elif kind == "comma":
            append(_tok("COMMA", s, pos))
            state = _START
        elif kind == "str":
            append(_tok("ATOM", s, pos, String(_string(text, pos, s, warnings))))
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
            raise problem(text, pos, "sntue", "the string has no closing quote")
        pos = end
    if stack:                     # point at the bracket left open, not at the end
        opener, opos = stack[-1]
        raise problem(text, opos, "sntxi",
                       f'incomplete expression: "{text[opos:opos + 2] if opener == "LPART" else text[opos]}" is never closed')
    if tokens and tokens[-1].type == "NL":
        tokens.pop()
    return tokens


def _named_operator(char, state):
    """(token kind, text) for a named operator character: ("op", "->") for one that is an
    ASCII operator (\\[Rule], ×, ≤, ¬), ("comma", ",") for \\[InvisibleComma], else
    ("named", char), which the parser reads through the named-character table."""
    ascii_ = named.info(char).ascii
    if not ascii_:
        return "named", char
    if ascii_ == ",":
        return "comma", ascii_
    if ascii_ == "*" and state != _A:          # \\[InvisibleTimes] before an operand
        return "ws", ""
    return "op", ascii_


def _string(text, pos, raw, warnings):
    """A string literal's value; an unknown escape such as ``\\q`` is kept as written and
    reported as Wolfram's ``Syntax::stresc`` warning."""
    if warnings is None or "\\" not in raw:
        return to_expr.string_value(raw)
    return to_expr.string_value(raw, lambda offset, esc: warnings.append(problem(
        text, pos + offset, "stresc", f"Unknown string escape \\{esc}.")))


def _number(text, pos, s):
    try:
        return to_expr.number(s)
    except (ValueError, OverflowError, ZeroDivisionError):
        raise problem(text, pos, "sntxf", f'"{s}" is not a valid number') from None


def _file_name(s):
    s = s.strip()
    return String(to_expr.string_value(s) if s.startswith('"') else s)


_PART_GAP = frozenset(" \t\r\n\f(")
_GAP = re.compile(r"[ \t\r\n\f]*")


def _skip_gap(text, pos):
    """The offset after the blanks and comments starting at ``pos`` (the two brackets of
    ``[[`` and of ``]]`` may have them in between)."""
    while True:
        pos = _GAP.match(text, pos).end()
        if not text.startswith("(*", pos):
            return pos
        pos = _comment_end(text, pos)


def _comment_end(text, pos):
    """Offset after the comment opening at ``pos``; comments nest."""
    depth = 0
    for m in _COMMENT.finditer(text, pos):
        depth += 1 if m.group() == "(*" else -1
        if depth == 0:
            return m.end()
    raise problem(text, len(text), "sntxi", "incomplete expression: a comment is never closed")


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
