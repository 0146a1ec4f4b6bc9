"""Course packs: the scaffold passes check-lessons in both languages, `--lessons DIR` runs it, and a
pack either extends the built-in course or replaces it, as its pack.toml says."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tutor.cli.root import cli
from tutor.lessons.glossary import load_glossary
from tutor.lessons.loader import load_course
from tutor.lessons.paths import builtin_lessons_dir

BUILTIN = len(load_course(builtin_lessons_dir()).lessons)


@pytest.fixture(autouse=True)
def lessons_env_restored(monkeypatch: pytest.MonkeyPatch) -> None:
    """`--lessons` sets GDTUTOR_LESSONS for the process; put it back as it was after each test."""
    monkeypatch.setenv("GDTUTOR_LESSONS", "")
    monkeypatch.delenv("GDTUTOR_LESSONS")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    folder = tmp_path / "course"
    code, out = run("pack", "new", str(folder))
    assert code == 0, out
    assert f"gdtutor check-lessons {folder}" in out
    return folder


def write_manifest(folder: Path, text: str) -> None:
    (folder / "pack.toml").write_text(text, encoding="utf-8")


def test_the_scaffold_holds_a_lesson_its_korean_edition_and_a_manifest(pack: Path) -> None:
    assert sorted(p.name for p in pack.iterdir()) == ["one-step.ko.md", "one-step.md", "pack.toml"]
    code, out = run("check-lessons", str(pack))
    assert code == 0, out
    assert f"{BUILTIN + 1} lessons checked" in out
    korean = load_course(pack, "ko").find("one-step")
    assert korean is not None and korean.lang == "ko" and korean.title == "한 번에 바닥까지"


def test_the_scaffold_is_read_from_the_package_data_not_written_in_code(pack: Path) -> None:
    from tutor.cli.pack_command import template_dir

    for name in ("pack.toml", "one-step.md", "one-step.ko.md"):
        assert (pack / name).read_bytes() == (template_dir() / name).read_bytes()


def test_pack_new_refuses_a_folder_with_anything_in_it(pack: Path) -> None:
    before = (pack / "one-step.md").read_bytes()
    code, out = run("pack", "new", str(pack))
    assert code == 1 and "is not empty" in out
    assert (pack / "one-step.md").read_bytes() == before


def test_an_extending_pack_joins_the_built_in_course_by_order_with_its_glossary(pack: Path) -> None:
    code, out = run("--lessons", str(pack), "list")
    assert code == 0
    assert f"0 of {BUILTIN + 1} lessons complete" in out
    assert out.index("weights-and-loss") < out.index("one-step")
    course = load_course(pack)
    assert course.lessons[-1].id == "one-step" and not course.problems
    assert load_glossary(pack) == load_glossary(builtin_lessons_dir())


def test_a_replacing_pack_is_the_whole_course(pack: Path) -> None:
    write_manifest(pack, 'format = 1\ncourse = "replace"\n')
    code, out = run("--lessons", str(pack), "list")
    assert code == 0 and "0 of 1 lessons complete" in out and "weights-and-loss" not in out
    assert run("check-lessons", str(pack))[0] == 0
    no_manifest = pack.parent / "bare"
    no_manifest.mkdir()
    for name in ("one-step.md", "one-step.ko.md"):
        (no_manifest / name).write_bytes((pack / name).read_bytes())
    assert [lesson.id for lesson in load_course(no_manifest).lessons] == ["one-step"]


def test_an_extending_lesson_that_clashes_with_a_built_in_one_is_named(pack: Path) -> None:
    text = (pack / "one-step.md").read_text(encoding="utf-8").replace('id = "one-step"', 'id = "adam"')
    (pack / "one-step.md").write_text(text, encoding="utf-8")
    code, out = run("check-lessons", str(pack))
    assert code == 1 and 'id "adam" is already used by adam.md' in out


@pytest.mark.parametrize(("manifest", "message"), [
    ('course = "both"\n', 'course = "both" in pack.toml: write "extend"'),
    ("format = 2\n", "pack.toml has format 2"),
    ("colour = 1\n", "unknown key colour in pack.toml"),
    ("course = \n", "pack.toml is not valid TOML"),
])
def test_a_bad_manifest_is_reported_and_nothing_is_mixed_in(pack: Path, manifest: str, message: str) -> None:
    write_manifest(pack, manifest)
    code, out = run("check-lessons", str(pack))
    assert code == 1 and "pack.toml:1: " + message in out
    assert [lesson.id for lesson in load_course(pack).lessons] == ["one-step"]


def test_lessons_must_name_a_folder(tmp_path: Path) -> None:
    code, out = run("--lessons", str(tmp_path / "missing"), "list")
    assert code == 2 and "does not exist" in out
