"""Nothing in a lesson file can run code, read files or reach the network: a test that tries.

Hostile lesson files (conditions and quiz blocks that reach for `__import__`, `open`, dunder
attributes, `eval`, huge exponents, thousands of nested parentheses) are loaded, and every condition
that parses is evaluated against a real run, in a child process watched by a Python audit hook
(PEP 578). The hook sees every import, `exec`/`compile`, file open, process start and socket the
interpreter makes. After a warm-up that loads what loading legitimately needs, the only events
allowed are reads of the lesson folder itself. tests/test_conditions.py checks the grammar refuses
such text; this proves that even text it accepted could do nothing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.scale import figure
from tutor.lessons.paths import default_lessons_dir

pytestmark = pytest.mark.slow

HOSTILE_CONDITIONS = [
    '__import__("os").system("touch /tmp/gdtutor-pwned")',
    "open('/etc/passwd').read()",
    "lr.__class__.__mro__[1].__subclasses__()",
    "().__class__.__base__",
    "final_loss.__class__",
    "__builtins__",
    "__import__",
    "eval('1')",
    "exec('import os')",
    "globals()",
    "getattr(lr, 'real')",
    "breakpoint()",
    "[c for c in ()]",
    "lambda: 0",
    "f'{1}'",
    "import os",
    "lr; __import__('os')",
    "9**9**9**9",
    "10 ** 1000000 > 1",
    "1e999999 > 0",
    "1" + "0" * 400 + " > 0",
    '"a" * 1000000000',
    "at(loss, 99999999999999999999999999) > 0",
    "len(__import__) > 0",
    "first(__class__) > 0",
    "\\x5f\\x5fimport\\x5f\\x5f",
    "(" * 5000 + "1" + ")" * 5000,
    "not " * 3000 + "diverged",
    "-" * 3000 + "1 < 0",
    "final_loss < 1 and " * 60 + "not diverged",
]
# ("1" followed by 400 zeros is refused before TOML reads it: front matter holds no number of more than 100 digits.)
INERT = ["1e999999 > 0", '"a" * 1000000000', "at(loss, 99999999999999999999999999) > 0"]
HOSTILE_QUIZZES = [  # (the second and third are valid TOML: text that only looks like code)
    'question = "q"\nchoices = ["a", "b"]\nanswer = __import__("os")',
    'question = "{__import__(\'os\').system(\'x\')}"\nchoices = ["{0.__class__}", "b"]\nanswer = 1',
    'question = "q"\nchoices = ["a", "b"]\nanswer = 1\nexplain = """${open("/etc/passwd")}"""',
    '"__import__(\'os\')" = 1',
    "question = " + "[" * 3000,
    'question = "q"\nchoices = ["a", "b"]\nanswer = 1e999999',
]

CHILD = textwrap.dedent("""
    import json, sys
    from pathlib import Path

    folder, shipped = Path(sys.argv[1]).resolve(), Path(sys.argv[2])
    from tutor.lessons import conditions
    from tutor.lessons.loader import load_course
    from tutor.sims import get_spec

    # Warm up: everything loading, checking and judging legitimately imports, imported now.
    warm = load_course(shipped)
    result = get_spec("lr-overshoot").run()
    for lesson in warm.lessons:
        lesson.challenge.condition.evaluate(result.facts, result.params, result.series)
    for text in ("final_los < 1", "1 +", "(((", "x" * 600):
        try:
            conditions.check_names(conditions.parse(text), result.facts, result.params, result.series)
        except conditions.ConditionError as exc:
            str(exc.msg)
    load_course(folder)
    hostile = json.loads(sys.stdin.read())

    seen = []
    WATCHED = ("import", "exec", "compile", "open", "os.", "subprocess.", "socket.", "shutil.", "ctypes.",
               "urllib.", "webbrowser.", "builtins.input", "code.", "pty.", "sys._getframe", "object.__getattr__")

    def hook(event, args):
        if not event.startswith(WATCHED):
            return
        if event in ("open", "os.listdir", "os.scandir") and args and isinstance(args[0], (str, Path)):
            target = Path(args[0]).resolve()
            if target == folder or folder in target.parents:
                return  # reading the lesson folder is what loading is
        seen.append(event + " " + repr(args)[:120])

    sys.addaudithook(hook)
    course = load_course(folder)
    parsed = 0
    for text in hostile:
        try:
            condition = conditions.parse(text)
        except conditions.ConditionError as exc:
            str(exc.msg)
            continue
        parsed += 1
        condition.evaluate(result.facts, result.params, result.series)
    judged = {l.id: l.challenge.condition.evaluate(result.facts, result.params, result.series) for l in course.lessons}
    own = len(course.find("learning-rate").quiz)  # the questions every hostile copy starts with
    report = {"events": seen, "problems": [str(p) for p in course.problems], "parsed": parsed, "judged": judged,
              "loaded": {l.id: [[q.question, *q.choices, q.explain] for q in l.quiz[own:]] for l in course.lessons}}
    sys.stdout.write(json.dumps(report))
""")


def lesson_with(base: str, *, condition: str | None = None, quiz: str | None = None, lesson_id: str,
                order: int) -> str:
    text = base.replace('id = "learning-rate"', f'id = "{lesson_id}"', 1).replace("order = 40", f"order = {order}", 1)
    if condition is not None:
        literal = json.dumps(condition)  # a TOML basic string holds any text
        text = "\n".join(f"condition = {literal}" if line.startswith("condition = ") else line
                         for line in text.split("\n"))
    if quiz is not None:
        text += f"\n```quiz\n{quiz}\n```\n"
    return text


def test_no_lesson_text_can_import_open_run_or_connect(tmp_path: Path) -> None:
    shipped = default_lessons_dir()
    base = (shipped / "learning-rate.md").read_text(encoding="utf-8")
    assert 'id = "learning-rate"' in base and "order = 40" in base
    folder = tmp_path / "hostile"
    folder.mkdir()
    shutil.copy(shipped / "learning-rate.md", folder / "learning-rate.md")
    for n, condition in enumerate(HOSTILE_CONDITIONS):
        text = lesson_with(base, condition=condition, lesson_id=f"hostile-c{n}", order=1000 + n)
        (folder / f"hostile-c{n}.md").write_text(text, encoding="utf-8")
    for n, quiz in enumerate(HOSTILE_QUIZZES):
        text = lesson_with(base, quiz=quiz, lesson_id=f"hostile-q{n}", order=2000 + n)
        (folder / f"hostile-q{n}.md").write_text(text, encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", CHILD, str(folder), str(shipped)], capture_output=True, text=True,
                         input=json.dumps(HOSTILE_CONDITIONS), timeout=120)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["events"] == [], "\n".join(report["events"])
    assert report["parsed"] >= 8  # evaluation itself was put to the test
    loaded = report["loaded"]
    # The grammar admits three of them, as what they are: arithmetic on numbers that cannot be met
    # (inf > 0 is not met; a string times a number is not a number: no gigabyte string is built).
    inert = {f"hostile-c{HOSTILE_CONDITIONS.index(c)}" for c in INERT}
    assert {name for name in loaded if name.startswith("hostile-c")} == inert
    assert {name: report["judged"][name] for name in inert} == dict.fromkeys(inert, False)
    for name in inert:
        loaded.pop(name)
    # Quiz blocks that are valid TOML hold their text as text: shown verbatim, never formatted or run.
    assert loaded.pop("hostile-q1") == [["{__import__('os').system('x')}", "{0.__class__}", "b", ""]]
    assert loaded.pop("hostile-q2") == [["q", "a", "b", '${open("/etc/passwd")}']]
    assert list(loaded) == ["learning-rate"]
    assert len(report["problems"]) == len(HOSTILE_CONDITIONS) - len(INERT) + len(HOSTILE_QUIZZES) - 2
    assert all(":" in p and "hostile-" in p for p in report["problems"])
    assert not Path("/tmp/gdtutor-pwned").exists()
    figure("hostile conditions and quiz blocks tried (nothing ran)", len(HOSTILE_CONDITIONS) + len(HOSTILE_QUIZZES))
