"""The ``wlnet`` command as a user runs it: a real subprocess (``python -m wlnet``)."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def wlnet(*args, stdin="", cwd=None):
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run([sys.executable, "-m", "wlnet", *map(str, args)], input=stdin,
                          capture_output=True, text=True, env=env, cwd=cwd, timeout=120)


def test_code_prints_the_result():
    run = wlnet("-c", "1 + 1")
    assert (run.returncode, run.stdout, run.stderr) == (0, "2\n", "")


def test_code_prints_reals_with_all_digits():
    assert wlnet("-c", "N[Pi]").stdout == "3.141592653589793\n"


def test_script_shows_only_prints(tmp_path):
    """Print in a script writes InputForm, as wolframscript's script mode does."""
    script = tmp_path / "pi.wl"
    script.write_text('x = N[Pi];\nPrint[x, " ", {"s"}, " ", InputForm[1/2]]\nx + 1\n')
    run = wlnet(script)
    assert (run.returncode, run.stdout) == (0, "3.141592653589793 {s} InputForm[1/2]\n")


def test_syntax_error_in_a_script_runs_nothing(tmp_path):
    script = tmp_path / "bad.wl"
    script.write_text('Print["never"]\nf[1,\n  2 +* 3]\n')
    run = wlnet(script)
    assert run.returncode == 1
    assert run.stdout == ""
    assert run.stderr.startswith(f"{script}:3:") and "Syntax::" in run.stderr


def test_missing_file_is_one_line_error(tmp_path):
    run = wlnet(tmp_path / "nope.wl")
    assert run.returncode == 1
    assert run.stdout == ""
    assert run.stderr.count("\n") == 1 and "nope.wl" in run.stderr


def test_code_on_standard_input_runs_as_code_does():
    run = wlnet(stdin='Print[1 + 1]\nx = 3; x^2\n')
    assert (run.returncode, run.stdout) == (0, "2\n9\n")


def test_code_result_strings_and_forms_as_wolframscript_prints_them():
    assert wlnet("-c", '{"a", {"b"}} -> "c"').stdout == "{a, {b}} -> c\n"
    assert wlnet("-c", "FullForm[x + y]").stdout == "FullForm[x + y]\n"
    assert wlnet("-c", "TableForm[{{1, 2}, {3, 4}}]").stdout == \
        "TableForm[{{1, 2}, {3, 4}}]\n"


def test_code_messages_follow_a_blank_line_and_never_wrap():
    run = wlnet("-c", "Table[i, {i, 20}][[30]]")
    lines = run.stdout.split("\n")
    assert lines[0] == ""
    assert lines[1] == ("Part::partw: Part 30 of {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, "
                        "14, 15, 16, 17, 18, 19, 20} does not exist.")


def test_quit_ends_the_session_with_its_status(tmp_path):
    assert wlnet("-c", "Quit[4]").returncode == 4
    run = wlnet("-c", 'Print["a"]; If[True, Exit[3]]; Print["b"]')
    assert (run.returncode, run.stdout) == (3, "a\n")
    script = tmp_path / "q.wl"
    script.write_text('Print["before"]\nf[] := Quit[2]\nf[]\nPrint["after"]\n')
    run = wlnet(script)
    assert (run.returncode, run.stdout) == (2, "before\n")


def test_version():
    run = wlnet("--version")
    assert run.returncode == 0 and run.stdout.startswith("wlnet ")


def test_unclosed_bracket_is_reported_where_it_opens(tmp_path):
    script = tmp_path / "open.wl"
    script.write_text('x = 1\nf[x,\n  g[2]\ny = 2\n')
    run = wlnet(script)
    assert run.returncode == 1
    assert run.stderr.startswith(f"{script}:2:2: Syntax::sntxi")


def test_unknown_string_escape_warns_in_a_script():
    run = wlnet("-c", '"a\\qb"')
    assert run.stdout == "\nSyntax::stresc: Unknown string escape \\q.\na\\qb\n"


TRANSCRIPT = """\
In[1]:= x = 1 + 1

Out[1]= 2

In[2]:= {x,
        x^2}

Out[2]= {2, 4}

In[3]:= Print["hi"]; x + 1
hi

Out[3]= 3

"""


def test_check_passes_a_good_transcript(tmp_path):
    good = tmp_path / "good.wlt"
    good.write_text(TRANSCRIPT)
    run = wlnet("--check", tmp_path)
    assert run.returncode == 0, run.stdout
    assert "1 transcripts, 0 failed" in run.stdout


def test_check_names_the_one_wrong_line(tmp_path):
    bad = tmp_path / "bad.wlt"
    bad.write_text(TRANSCRIPT.replace("Out[3]= 3", "Out[3]= 4"))
    run = wlnet("--check", bad)
    assert run.returncode == 1
    first, *diff = run.stdout.splitlines()
    assert first == f"{bad}:13: first difference from the replay"
    assert "-Out[3]= 4" in diff and "+Out[3]= 3" in diff


def test_check_update_rewrites_expected_output(tmp_path):
    bad = tmp_path / "bad.wlt"
    bad.write_text(TRANSCRIPT.replace("Out[2]= {2, 4}", "Out[2]= {2, 5}"))
    assert wlnet("--check", bad, "--update").returncode == 0
    assert bad.read_text() == TRANSCRIPT.rstrip("\n") + "\n"
    assert wlnet("--check", bad).returncode == 0


def test_check_wildcard_line_matches_timings(tmp_path):
    timed = tmp_path / "timed.wlt"
    timed.write_text("In[1]:= AbsoluteTiming[1 + 1]\n\n...\n\nIn[2]:= 3\n\nOut[2]= 3\n")
    run = wlnet("--check", timed)
    assert run.returncode == 0, run.stdout


def test_a_reader_closing_the_pipe_early_ends_quietly(tmp_path):
    """`wlnet script.wl | head -1`: no BrokenPipeError traceback."""
    script = tmp_path / "many.wl"
    script.write_text("Do[Print[i], {i, 20000}]\n")
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen([sys.executable, "-m", "wlnet", str(script)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout.readline() == b"1\n"
    proc.stdout.close()
    _, err = proc.communicate(timeout=120)
    assert b"Traceback" not in err and proc.returncode == 0


def test_string_random_seeding_is_the_same_in_every_process():
    """RandomSeeding -> "name" must not depend on Python's per-process string hashing."""
    code = 'NetInitialize[LinearLayer[2, "Input" -> 2], RandomSeeding -> "x"][["Weights"]]'
    runs = [subprocess.run([sys.executable, "-m", "wlnet", "-c", code], capture_output=True,
                           text=True, timeout=120,
                           env=dict(os.environ, PYTHONHASHSEED=seed,
                                    PYTHONPATH=str(REPO))).stdout
            for seed in ("1", "2")]
    assert runs[0] == runs[1] and runs[0].startswith("{{")


def test_a_script_prints_when_print_is_called(tmp_path):
    """Print output leaves the script runner at once, not when the statement ends."""
    script = tmp_path / "slow.wl"
    script.write_text('Do[Print["tick ", i]; Pause[0.5], {i, 3}]\n')
    env = dict(os.environ, PYTHONPATH=str(REPO))
    process = subprocess.Popen([sys.executable, "-m", "wlnet", str(script)], env=env,
                               stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline() == "tick 1\n"
        assert process.poll() is None           # the loop is still running
        assert process.stdout.read() == "tick 2\ntick 3\n"
    finally:
        process.wait(timeout=60)


def test_install_kernel_registers_the_spec_in_the_prefix(tmp_path):
    run = wlnet("--install-kernel", "--prefix", tmp_path)
    assert run.returncode == 0, run.stderr
    spec = tmp_path / "share" / "jupyter" / "kernels" / "wlnet" / "kernel.json"
    assert '"Wolfram Language (wlnet)"' in spec.read_text()
    assert wlnet("--install-kernel", "--bogus").returncode == 2


def test_install_kernel_without_the_jupyter_extra_says_how_to_get_it(tmp_path, monkeypatch,
                                                                     capsys):
    from wlnet.jupyter.install import main as install_main
    monkeypatch.setitem(sys.modules, "ipykernel", None)
    assert install_main(["--prefix", str(tmp_path)]) == 1
    assert "pip install 'wlnet[jupyter]'" in capsys.readouterr().err
    assert not (tmp_path / "share").exists()
