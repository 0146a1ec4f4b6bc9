"""What the CLI writes, whatever the output: no control sequence from content, no encoding error, no
complaint when the reader has gone.

Every command runs as a real process. Its output goes to a pipe whose reader closed before the first
byte (the `| head -1` case, made certain: every write fails with EPIPE), to encodings that cannot show
Greek letters or Hangul (PYTHONIOENCODING=latin-1 and ascii, and LANG=C without Python's UTF-8
coercion), and to a pipe from a course whose texts all carry control sequences.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile_course import clean_bytes, hostile_course, is_clean
from tests.scale import figure, scale, scaled

pytestmark = pytest.mark.slow

COMMANDS = [["list"], ["show", "4"], ["sims"], ["sim", "lr-overshoot", "--plot", "--width", "60", "--height", "12"],
            ["sim", "lr-overshoot", "--json"], ["sim", "--help"], ["sim", "optimizers", "--help"], ["glossary"],
            ["glossary", "learning rate"], ["progress"], ["--help"], ["check-lessons"], ["--lang", "ko", "list"],
            ["--lang", "ko", "show", "4"], ["--lang", "ko", "glossary"], ["--lang", "ko", "sim", "lr-overshoot"]]


def gdtutor(args: list[str], home: Path, *, stdout: int | None = subprocess.PIPE, **env: str,
            ) -> subprocess.CompletedProcess[bytes]:
    environ = {**os.environ, "GDTUTOR_HOME": str(home), "GDTUTOR_LANG": "en", **env}
    return subprocess.run([sys.executable, "-m", "tutor", *args], stdout=stdout, stderr=subprocess.PIPE,
                          stdin=subprocess.DEVNULL, env=environ, timeout=300)


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_reader_that_closed_the_pipe_ends_the_command_quietly(tmp_path: Path, args: list[str]) -> None:
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first byte: every write meets EPIPE
    try:
        done = gdtutor(args, tmp_path, stdout=write)
    finally:
        os.close(write)
    assert done.returncode == 0 and done.stderr == b"", done.stderr.decode(errors="replace")
    figure("commands whose reader closed the pipe (ended quietly, status 0)")


#: Under each encoding: the commands that print Greek letters, symbols or Hangul (all of them from scale 2).
ENCODED = COMMANDS if scale() > 1 else [
    ["show", "4"], ["sims"], ["sim", "--help"], ["sim", "lr-overshoot", "--plot", "--width", "60", "--height", "12"],
    ["glossary"], ["--help"], ["--lang", "ko", "list"], ["--lang", "ko", "show", "4"]]
ENCODINGS = {"latin-1": {"PYTHONIOENCODING": "latin-1"}, "ascii": {"PYTHONIOENCODING": "ascii"},
             "LANG=C": {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0",
                        "PYTHONIOENCODING": ""}}


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("args", ENCODED, ids=" ".join)
def test_an_output_encoding_without_greek_or_hangul_gets_a_readable_fallback(tmp_path: Path, encoding: str,
                                                                             args: list[str]) -> None:
    done = gdtutor(args, tmp_path, **ENCODINGS[encoding])
    errors = done.stderr.decode("ascii", errors="replace")
    assert done.returncode == 0, errors
    assert "Traceback" not in errors and "UnicodeEncodeError" not in errors
    codec = "latin-1" if encoding == "latin-1" else "ascii"
    text = done.stdout.decode(codec)  # (every byte is of the encoding asked for)
    assert text.strip()
    if args[:2] == ["show", "4"]:
        assert "eta" in text  # η has a readable stand-in, not a question mark
    if "ko" in args and codec == "ascii":
        assert "\\u" in text  # Hangul has none: its escapes, still one line each
    figure("commands run under an output encoding without Greek or Hangul")


def test_show_and_glossary_are_not_padded_in_a_pipe(tmp_path: Path) -> None:
    for args in (["show", "4"], ["glossary"], ["--lang", "ko", "show", "4"]):
        done = gdtutor(args, tmp_path, COLUMNS="120")
        lines = done.stdout.decode().splitlines()
        assert done.returncode == 0 and len(lines) > 10
        assert [line for line in lines if line != line.rstrip()] == [], args


@pytest.mark.parametrize("args", [["list"], ["show", "bowl"], ["glossary"], ["glossary", "learning rate"],
                                  ["check-lessons"], ["progress"], ["show", "nope\x1b[2J"],
                                  ["glossary", "\x1b]52;c;aGk=\x07"], ["sim", "lr-overshoot", "-s", "lr=\x1b[2J"]],
                         ids=repr)
def test_no_control_sequence_from_content_reaches_the_output(tmp_path: Path, args: list[str]) -> None:
    course = hostile_course(tmp_path / "course")
    home = tmp_path / "home"
    home.mkdir()
    (home / "progress.json").write_text(json.dumps({
        "schema": 1, "last_lesson": "bowl", "settings": {},
        "lessons": {"bowl": {"status": "complete", "completed_at": "\x1b[2J\x1b]52;c;aGk=\x07"}}}))
    done = gdtutor(args, home, GDTUTOR_LESSONS=str(course))
    assert b"Traceback" not in done.stderr
    assert clean_bytes(done.stdout) and clean_bytes(done.stderr), (done.stdout[-400:], done.stderr[-400:])
    if args == ["check-lessons"]:
        report = done.stderr.decode()
        assert "bowl.md" in report and "control character" in report and "glossary.md" in report
    figure("commands over a course full of control sequences (none reached the output)")


CONTROLS = st.text(st.characters(categories=["Cc"]), min_size=1, max_size=6)
CONTENT = st.lists(st.one_of(CONTROLS, st.text(max_size=8)), min_size=1, max_size=6).map("".join)


@settings(max_examples=scaled(40), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=CONTENT, body=CONTENT, hint=CONTENT, escaped=st.booleans())
def test_generated_control_characters_never_reach_list_show_or_check(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch, title: str,
                                                                      body: str, hint: str, escaped: bool) -> None:
    """The same through the commands in process, with the control characters drawn by Hypothesis: raw in
    the Markdown, and in the front matter as TOML escapes (the only way TOML can hold them)."""
    from click.testing import CliRunner

    from tests.hostile_course import FIXTURES
    from tutor.cli.root import cli

    course = tmp_path / "generated"
    course.mkdir(exist_ok=True)
    for name in ("bowl.md", "slope.md", "glossary.md"):
        (course / name).write_bytes((FIXTURES / name).read_bytes())

    def toml(text: str) -> str:
        return "".join(f"\\u{ord(ch):04x}" if ch in '"\\' or not ch.isprintable() or not escaped else ch
                       for ch in text)

    bowl = (course / "bowl.md").read_text(encoding="utf-8")
    bowl = bowl.replace('title = "A fixture bowl"', f'title = "Bowl {toml(title)}"')
    bowl = bowl.replace('"Bouncing needs', f'"{toml(hint)} Bouncing needs')
    bowl = bowl.replace("# A fixture bowl", f"# A fixture bowl\n\n{body.replace(chr(0), '')}", 1)
    (course / "bowl.md").write_bytes(bowl.encode("utf-8", errors="surrogatepass"))
    monkeypatch.setenv("GDTUTOR_LESSONS", str(course))
    for args in (["list"], ["show", "bowl"], ["check-lessons"]):
        result = CliRunner().invoke(cli, args)
        assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), args
        output = result.output + (result.stderr if result.stderr_bytes is not None else "")
        assert is_clean(output), (args, output[-300:])
    figure("generated lessons with control characters through list, show and check-lessons (none shown)")


@settings(max_examples=scaled(200), deadline=None)
@given(text=st.lists(st.one_of(CONTROLS, st.text(), st.sampled_from(["\x1b[31m", "\x1b[0m", "\x1b]8;;x\x1b\\"])),
                     max_size=8).map("".join))
def test_the_output_boundary_lets_no_control_character_through_a_pipe(text: str) -> None:
    import io

    from tutor.cli.output import SafeStream

    sink = io.StringIO()
    SafeStream(sink).write(text)
    assert is_clean(sink.getvalue())
