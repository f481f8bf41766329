"""The ``wlnet`` command, following wolframscript's conventions.

    wlnet FILE.wl [args]         run a script: only Print output and messages appear
    wlnet -file FILE [-print [all]]   the same; -print shows the last (or every) result
    wlnet -code 'CODE'  (-c)     evaluate and print the result on one line
    wlnet --check PATH... [--update]  replay golden transcripts (see wlnet.transcript)
    wlnet                        the interactive REPL (a script if stdin is not a terminal)

A script is parsed completely before anything runs, so a syntax error anywhere reports
file, line and column and runs nothing (exit status 1).
"""

from __future__ import annotations

import os
import sys

from .format.session_text import record_text, script_result_text
from .kernel.session import InputTooLarge, ParseInterrupted, Session, SyntaxProblem

USAGE = """usage: wlnet [FILE.wl | -file FILE | -code CODE] [-print [all]] [-- args...]
       wlnet --check FILE_OR_DIR... [--update]
       wlnet            (interactive session)"""


def _emit(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def run_text(session: Session, text: str, source: str, print_mode: str | None) -> int:
    """Parse all of ``text``, then evaluate it statement by statement, writing records as
    they come. ``print_mode``: None (script), "last" or "all" (print results)."""
    try:
        exprs = session.parse(text)
    except SyntaxProblem as p:
        sys.stderr.write(f"{source}:{p.line}:{p.col}: Syntax::{p.tag}: {p.message}\n")
        return 1
    except (ParseInterrupted, InputTooLarge) as stop:
        out = session.unparsed(stop)
        for record in out.records:
            _emit(record_text(record))
        _emit(script_result_text(out.value))
        return 1
    last = None
    for i, expr in enumerate(exprs):
        out = session.evaluate_expr(expr)
        for record in out.records:
            _emit(record_text(record))
        last = out
        if print_mode == "all" or (print_mode == "last" and i == len(exprs) - 1):
            _emit(script_result_text(out.value, out.form))
    if print_mode == "last" and last is None:
        _emit("Null")
    return 0


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except (OSError, UnicodeDecodeError) as e:
        reason = e.strerror if isinstance(e, OSError) and e.strerror else "cannot be read"
        sys.stderr.write(f"wlnet: {path}: {reason}\n")
        return None


def main(argv: list[str] | None = None) -> int:
    """Run the command; a reader that closes the pipe early (``| head``) ends it quietly.
    A character no encoding of the terminal can show is written as an escape, never a
    traceback (the printers already spell lone surrogates as ``\\:d800``)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    try:
        return _main(argv)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _main(argv: list[str] | None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    user_args: list[str] = []
    if "--" in args:
        k = args.index("--")
        args, user_args = args[:k], args[k + 1:]
    if args and args[0] in ("--check", "-check"):
        from .transcript import main as check_main
        return check_main(args[1:])
    if args and args[0] in ("-h", "--help", "-help"):
        _emit(USAGE)
        return 0
    code = path = None
    print_mode = None
    rest = []
    while args:
        a = args.pop(0)
        if a in ("-c", "-code", "--code"):
            if not args:
                sys.stderr.write("wlnet: -code needs an argument\n")
                return 2
            code = args.pop(0)
        elif a in ("-f", "-file", "--file", "-script"):
            if not args:
                sys.stderr.write(f"wlnet: {a} needs a file name\n")
                return 2
            path = args.pop(0)
        elif a in ("-print", "--print"):
            print_mode = "last"
            if args and args[0] == "all":
                args.pop(0)
                print_mode = "all"
        elif a.startswith("-") and a != "-":
            sys.stderr.write(f"wlnet: unknown option {a}\n{USAGE}\n")
            return 2
        elif path is None and code is None:
            path = a
        else:
            rest.append(a)
    session = Session()
    if code is not None:
        session.command_line = ["wlnet"] + rest + user_args
        return run_text(session, code, "<code>", "last")
    if path is not None and path != "-":
        text = _read(path)
        if text is None:
            return 1
        session.script_path = path
        session.command_line = [path] + rest + user_args
        return run_text(session, text, path, print_mode)
    if sys.stdin.isatty() and path is None:
        from .repl.app import run_repl
        return run_repl(session)
    return run_text(session, sys.stdin.read(), "<stdin>", print_mode)


if __name__ == "__main__":
    raise SystemExit(main())
