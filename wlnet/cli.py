"""The ``wlnet`` command, following wolframscript's conventions.

    wlnet FILE.wl [args]         run a script: only Print output and messages appear
    wlnet -file FILE [-print [all]]   the same; -print shows the last (or every) result
    wlnet -code 'CODE'  (-c)     evaluate and print the result on one line
    wlnet --check PATH... [--update]  replay golden transcripts (see wlnet.transcript)
    wlnet --install-kernel [--user | --sys-prefix | --prefix DIR]   the Jupyter kernel
    wlnet --version              the version
    wlnet                        the interactive REPL; code piped to it runs as -code does

A script is parsed completely before anything runs, so a syntax error anywhere reports
file, line and column and runs nothing (exit status 1).
"""

from __future__ import annotations

import os
import sys

from .format.session_text import script_record_text, script_result_text
from .kernel.session import InputTooLarge, ParseInterrupted, Session, SyntaxProblem

USAGE = """usage: wlnet [FILE.wl | -file FILE | -code CODE] [-print [all]] [-- args...]
       wlnet --check FILE_OR_DIR... [--update]
       wlnet --install-kernel [--user | --sys-prefix | --prefix DIR]
       wlnet --version
       wlnet            (interactive session)"""


def _emit(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def run_text(session: Session, text: str, source: str, print_mode: str | None) -> int:
    """Parse all of ``text``, then evaluate it statement by statement, writing records as
    they come. ``print_mode``: None (script), "last" or "all" (print results). The exit
    status is 1 after a syntax error, n after Quit[n]/Exit[n], else 0."""
    warnings = []
    try:
        exprs = session.parse(text, warnings)
    except SyntaxProblem as p:
        sys.stderr.write(f"{source}:{p.line}:{p.col}: Syntax::{p.tag}: {p.message}\n")
        return 1
    except (ParseInterrupted, InputTooLarge) as stop:
        out = session.unparsed(stop)
        for record in out.records:
            _emit(script_record_text(record))
        _emit(script_result_text(out))
        return 1
    for record in warnings:
        _emit(script_record_text(record))
    last = None
    session.record_sink = lambda record: _emit(script_record_text(record))   # as issued
    for i, expr in enumerate(exprs):
        out = session.evaluate_expr(expr)
        if out.exit_code is not None:
            return out.exit_code
        last = out
        if print_mode == "all" or (print_mode == "last" and i == len(exprs) - 1):
            _emit(script_result_text(out))
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
    if args and args[0] == "--install-kernel":
        from .jupyter.install import main as install_main
        return install_main(args[1:])
    if args and args[0] in ("-h", "--help", "-help"):
        _emit(USAGE)
        return 0
    if args and args[0] in ("--version", "-version", "-v"):
        from .version import __version__
        _emit(f"wlnet {__version__}")
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
    # code on standard input runs as wolframscript runs it: like -code, the result shown
    return run_text(session, sys.stdin.read(), "<stdin>", print_mode or "last")


if __name__ == "__main__":
    raise SystemExit(main())
