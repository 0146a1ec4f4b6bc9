"""`gdtutor pack new DIR`: start a course pack from the template shipped with gdtutor.

The template (tutor/lessons/pack_template: pack.toml, an example lesson and its Korean edition) is
package data, copied as it is; `gdtutor check-lessons DIR` passes on it from the first minute, so a
teacher starts from something that works and changes it one step at a time.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from tutor.cli.errors import printable
from tutor.i18n import _


def template_dir() -> Path:
    from tutor.lessons import pack

    return Path(pack.__file__).resolve().parent / "pack_template"


@click.group("pack", help="Course packs: folders of your own lessons, added to the course or replacing it.")
def pack_group() -> None:
    pass


@pack_group.command("new")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def new_command(directory: Path) -> None:
    """Start a course pack in DIRECTORY: pack.toml, one example lesson and its Korean edition."""
    shown = printable(str(directory))
    try:
        if directory.exists() and any(directory.iterdir()):
            raise click.ClickException(_("{path} is not empty; give a new folder, so nothing in it is overwritten")
                                       .format(path=shown))
        directory.mkdir(parents=True, exist_ok=True)
        for source in sorted(template_dir().iterdir()):
            if source.is_file():
                fd = os.open(directory / source.name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
                with os.fdopen(fd, "wb") as target:
                    target.write(source.read_bytes())
    except OSError as exc:
        raise click.ClickException(_("cannot write the pack in {path}: {reason}").format(
            path=shown, reason=exc.strerror or str(exc))) from None
    click.echo(_("A course pack is ready in {path}: pack.toml, one-step.md and its Korean edition one-step.ko.md.")
               .format(path=shown))
    click.echo(_("Next:"))
    for command, what in ((f"gdtutor check-lessons {shown}", _("check it (what your CI runs)")),
                          (f"gdtutor --lessons {shown}", _("open the course with it")),
                          (f"gdtutor serve --lessons {shown}", _("serve it to a classroom"))):
        click.echo(f"  {command:<{len(shown) + 32}}  {what}")
