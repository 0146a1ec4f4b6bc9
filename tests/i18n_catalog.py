"""Every English text gdtutor can show, found two independent ways, for the translation tests.

1. Reading the source: the first argument of `Msg(…)`, `_(…)` and `translate(…)` calls, the texts
   handed to the chart canvas (titles, axis labels, legends), binding descriptions, click help
   texts and docstrings of commands, and click's own words.
2. Running things: every simulation's declaration (summary, parameter help, facts, series), and the
   words every chart asks to translate when drawn for each lesson's start and solution and for every
   choice of every choice parameter.

Run as a script to print the texts a language's catalog lacks, as .po entries to fill in (then
compile it: `python -m tutor.locale.compile`):
    python tests/i18n_catalog.py ko

or to fold a table of translations in the earlier TOML form (`"English" = "translation"`, one a
line) into the catalog, adding the texts it lacks and taking the table's word where they differ,
and compile it:
    python tests/i18n_catalog.py ko --merge-toml ko.toml
"""

from __future__ import annotations

import ast
import inspect
import re
import string
import sys
from pathlib import Path

import click

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tutor.locale.po import Entry, read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "tutor"
CANVAS_METHODS = {"panel", "title", "labels"}
LABELLED = {"line", "points", "step_series", "log_line", "_line"}
#: Click's words a learner can meet: usage lines, sections, the built-in options and common errors.
CLICK_WORDS = (
    "Usage:", "Options", "Commands", "Show this message and exit.", "Show the version and exit.",
    "Error", "Try {command!r} for help.", "Try '{command} {option}' for help.", "No such option: {name}",
    "Did you mean {possibility}?", "(Possible options: {possibilities})", "No such command {name!r}.",
    "Missing argument", "Missing option", "Missing parameter", "Missing argument {param_hint}.",
    "Missing option {param_hint}.", "Missing parameter {param_hint}.", "Invalid value: {message}",
    "Invalid value for {param_hint}: {message}", "{value!r} is not one of {choice}.",
    "{value!r} is not {choice}.", "{value!r} is not one of {choices}.", "{value!r} is not a valid integer.",
    "{value!r} is not in the range {range}.", "Option {name!r} requires an argument.",
    "Option {name!r} requires {nargs} arguments.", "Got unexpected extra argument ({args})",
    "Got unexpected extra arguments ({args})", "Aborted!", "Error: {e.message}", "{prog}, version {version}",
    "Repeat for confirmation", "Error: The value you entered was invalid.", "Error: {e.message}",
    "Error: The two entered values do not match.", "y", "yes", "n", "no", "(deprecated)", "default:",
    "required", "env var:", "Options:", "Commands:", "[OPTIONS]", "[COMMAND] [ARGS]...",
)


def _literal(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _choices(node: ast.AST) -> list[str | None]:
    """The literal texts an argument can be: itself, or either side of a conditional."""
    if isinstance(node, ast.IfExp):
        return [*_choices(node.body), *_choices(node.orelse)]
    return [_literal(node)]


def from_source() -> dict[str, str]:
    """English text -> where it was found."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = str(path.relative_to(ROOT))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
                    "command" in ast.unparse(d) for d in node.decorator_list):
                doc = ast.get_docstring(node)
                if doc:
                    found.setdefault(inspect.cleandoc(doc), f"{where}:{node.lineno}")
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            texts: list[str | None] = []
            if name in ("Msg", "_", "N_", "translate", "tr", "unknown_name") and node.args:
                texts.append(_literal(node.args[0]))
            if name in CANVAS_METHODS:  # a title may be chosen by a condition: every literal in the argument
                texts.extend(text for a in node.args for text in _choices(a))
            if name in LABELLED or name in ("Option", "option"):
                texts.extend(_literal(k.value) for k in node.keywords if k.arg in ("label", "help"))
            if name == "Binding":
                if len(node.args) >= 3:
                    texts.append(_literal(node.args[2]))
                texts.extend(_literal(k.value) for k in node.keywords if k.arg == "description")
            if name in ("command", "group") and isinstance(func, ast.Attribute):
                texts.extend(_literal(k.value) for k in node.keywords if k.arg == "help")
            for text in texts:
                if text and text.strip() and any(c.isalpha() for c in text):
                    found.setdefault(inspect.cleandoc(text) if "\n" in text else text, f"{where}:{node.lineno}")
    for text in CLICK_WORDS:
        found.setdefault(text, "click")
    found.update({text: where for text, where in dependency_words().items() if text not in found})
    return found


def dependency_words() -> dict[str, str]:
    """The words click and Textual show in gdtutor's screens: click's gettext calls, and the titles
    and help of Textual's palette commands, read from the installed packages' source."""
    import textual

    found: dict[str, str] = {}
    for path in sorted(Path(click.__file__).parent.glob("*.py")):
        if path.name.startswith(("_", "shell_completion", "testing")):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args:
                if node.func.id == "_":
                    texts = [_literal(node.args[0])]
                elif node.func.id == "ngettext":
                    texts = [_literal(a) for a in node.args[:2]]
                else:
                    continue
                for text in texts:
                    if text:
                        found.setdefault(text, f"click/{path.name}")
    app = Path(textual.__file__).parent / "app.py"
    for node in ast.walk(ast.parse(app.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "SystemCommand":
            for arg in node.args[:2]:
                text = _literal(arg)
                if text:
                    found.setdefault(text, "textual palette")
    return found


def vocabulary() -> set[str]:
    """Every text literal of the simulations: the words a run can report as a value (a regime, a
    verdict, a basin), which reach the screen through a variable rather than a literal call."""
    words: set[str] = set()
    for path in (PACKAGE / "sims").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            text = _literal(node)
            if text and any(c.isalpha() for c in text):
                words.add(text)
    return words


def from_running() -> dict[str, str]:
    """English text -> the simulation or chart that asked for it."""
    from tutor.lessons.loader import load_course
    from tutor.plots import ChartOptions, render
    from tutor.sims import all_specs

    found: dict[str, str] = {}
    for spec in all_specs().values():
        found.setdefault(spec.summary, f"sim {spec.name}")
        for text in spec.details:
            found.setdefault(text, f"sim {spec.name}")
        for p in spec.params:
            found.setdefault(p.help, f"sim {spec.name}: {p.name}")
        for text in (*spec.facts.values(), *spec.series.values()):
            found.setdefault(text, f"sim {spec.name}")

    asked: dict[str, str] = {}

    def recorder(where: str):  # type: ignore[no-untyped-def]
        def translate(text: str) -> str:
            asked.setdefault(text, where)
            return text
        return translate

    runs: list[tuple[str, dict]] = []
    for lesson in load_course().lessons:
        runs.append((lesson.sim, dict(lesson.params)))
        runs.append((lesson.sim, {**lesson.params, **lesson.solution}))
    for spec in all_specs().values():
        for p in spec.params:
            for choice in p.choices or ():
                runs.append((spec.name, {p.name: choice}))
    for sim, params in runs:
        spec = all_specs()[sim]
        result = spec.run(spec.resolve({}, params))
        status = result.status
        _walk_msg(status, found, f"sim {sim}")
        for upto, unicode in ((None, True), (1, True), (None, False)):
            render(result, ChartOptions(100, 30, upto=upto, pins=(result,), unicode=unicode,
                                        translate=recorder(f"chart {sim}")))
    found.update({k: v for k, v in asked.items() if any(c.isalpha() for c in k)})
    return found


def _walk_msg(msg: object, found: dict[str, str], where: str) -> None:
    from tutor.text import Msg

    if isinstance(msg, Msg):
        found.setdefault(msg.template, where)
        for value in msg.args.values():
            _walk_msg(value, found, where)


def every_text() -> dict[str, str]:
    """Every text to translate. A chart may hand the canvas a title it already filled in from a
    translated template ("step 3: slope +1.8, …", "pin 1"); those are left out, their templates are in."""
    source, ran = from_source(), from_running()
    everything = {**ran, **source}
    patterns = [re.compile("^" + ".+?".join(re.escape(part) for part in re.split(r"\{[^{}]*\}", text)) + "$")
                for text in everything if placeholders(text) and _words_besides_placeholders(text)]
    plain = {text for text in everything if not placeholders(text)}
    return {text: where for text, where in everything.items()
            if placeholders(text) or text in source
            or not (any(p.match(text) for p in patterns) or re.sub(r" \d+$", "", text) in plain - {text})}


def _words_besides_placeholders(text: str) -> bool:
    """Whether a template has text of its own ("{surface}: same start"), not only fields ("{optimizer}")."""
    return any(c.isalpha() for c in re.sub(r"\{[^{}]*\}", "", text))


def placeholders(text: str) -> set[str]:
    """The `{name}` fields of a template (with any conversion or format spec)."""
    try:
        return {f"{{{name}{'!' + conv if conv else ''}{':' + spec if spec else ''}}}"
                for _, name, spec, conv in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return set()


def click_plurals() -> dict[str, str]:
    """Click's messages with a plural form: singular -> plural, as its `ngettext` calls give them."""
    pairs: dict[str, str] = {}
    for path in sorted(Path(click.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "ngettext":
                singular, plural = (_literal(a) for a in node.args[:2])
                if singular and plural:
                    pairs[singular] = plural
    return pairs


def missing_entries(lang: str) -> str:
    """The texts `lang`'s catalog lacks, as untranslated .po entries that say where each was found."""
    from tutor.i18n import table

    have = table(lang)
    plurals = click_plurals()
    singular_of = {plural: singular for singular, plural in plurals.items()}
    entries = []
    for text, where in sorted(every_text().items(), key=lambda item: item[1]):
        if text in have or text in singular_of:
            continue
        plural = plurals.get(text)
        entries.append(Entry(text, ("", "") if plural else ("",), plural, (f"#: {where}",)))
    return write_po(entries) if entries else ""


def merge_toml(po: Path, toml_text: str) -> tuple[int, int]:
    """Fold a TOML table of translations into the catalog `po` (rewriting it and its .mo): a text
    the catalog lacks is added at its end, a translation that differs is replaced. Returns (added,
    replaced)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    from tutor.locale.compile import mo_bytes

    table = {k: v for k, v in tomllib.loads(toml_text).items() if isinstance(v, str) and v}
    entries = read_po(po.read_text(encoding="utf-8"))
    plurals = click_plurals()
    singular_of = {plural: singular for singular, plural in plurals.items()}
    where: dict[str, tuple[int, int]] = {}
    for i, entry in enumerate(entries):
        where[entry.msgid] = (i, 0)
        if entry.msgid_plural is not None:
            where[entry.msgid_plural] = (i, len(entry.msgstr) - 1)
    added = replaced = 0
    for english, translated in table.items():
        if english not in where:
            singular = singular_of.get(english, english)
            plural = plurals.get(singular)
            entries.append(Entry(singular, ("", "") if plural else ("",), plural, ("# merged from a TOML table",)))
            where[singular] = (len(entries) - 1, 0)
            if plural:
                where[plural] = (len(entries) - 1, 1)
            added += 1
        elif entries[where[english][0]].msgstr[where[english][1]] != translated:
            replaced += 1
        else:
            continue
        i, form = where[english]
        forms = list(entries[i].msgstr)
        forms[form] = translated
        entries[i] = Entry(entries[i].msgid, tuple(forms), entries[i].msgid_plural, entries[i].comments)
    po.write_text(write_po(entries), encoding="utf-8")
    po.with_suffix(".mo").write_bytes(mo_bytes(entries))
    return added, replaced


if __name__ == "__main__":
    from tutor.i18n import DOMAIN, LOCALE_DIR

    arguments = sys.argv[1:]
    lang = arguments[0] if arguments and not arguments[0].startswith("-") else "ko"
    if "--merge-toml" in arguments:
        source = Path(arguments[arguments.index("--merge-toml") + 1])
        added, replaced = merge_toml(LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po",
                                     source.read_text(encoding="utf-8"))
        print(f"{added} texts added, {replaced} translations replaced")
    else:
        print(missing_entries(lang), end="")
