"""`gdtutor class report`: every learner's progress at a glance, for the teacher (see class_rows).

Only click is imported here; the rows are counted in `tutor.cli.class_rows` when the command runs,
so `gdtutor --help` does not pay for them.
"""

from __future__ import annotations

from pathlib import Path

import click

from tutor.cli.lessons_option import LESSONS_HELP, use_lessons
from tutor.i18n import _, language


@click.group("class", help="The classroom that gdtutor serve keeps: every learner's progress.")
def class_group() -> None:
    pass


@class_group.command("report")
@click.option("--lessons", type=click.Path(exists=True, file_okay=False, path_type=Path), metavar="DIR",
              expose_value=False, callback=use_lessons, help=LESSONS_HELP)
@click.option("--csv", "as_csv", is_flag=True, help="Print comma-separated values, for a spreadsheet.")
def report_command(as_csv: bool) -> None:
    """Each learner's lessons complete, quiz and prediction scores, and where they are stuck."""
    import csv
    import sys

    from tutor.cli.class_rows import CSV_COLUMNS, learner_row, table
    from tutor.lessons.loader import load_course
    from tutor.progress.learners import learner_files, learners_dir

    course = load_course(lang=language())
    rows = [learner_row(name, path, course) for name, path in learner_files()]
    if as_csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow([_(column) for column in CSV_COLUMNS])
        writer.writerows(row.csv_cells() for row in rows)
        return
    if not rows:
        click.echo(_("No learner has saved progress in {path} yet.").format(path=learners_dir()))
        return
    click.echo(table(rows))
    click.echo("\n" + _("{n} learners; stuck on: the unfinished lesson with the most hints, then the most tries.")
               .format(n=len(rows)))
