"""`gdtutor sims` and `gdtutor sim NAME …`: run any simulation headless, as a chart, JSON or .npz.

Each simulation is a subcommand built from its declaration, so `gdtutor sim NAME --help` lists
exactly its parameters, defaults, ranges and facts.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import click

from tutor.cli import export_options
from tutor.cli.errors import usage_error
from tutor.cli.help_format import CellContext
from tutor.cli.run_budget import announce
from tutor.cli.sim_settings import SET_HELP, check_stray, parse_settings
from tutor.i18n import N_, _, render
from tutor.text import Msg

if TYPE_CHECKING:
    from tutor.sims.spec import SimSpec


def all_specs() -> Mapping[str, SimSpec]:
    """The simulations' declarations, read when a command needs them (not for `gdtutor --help`)."""
    from tutor.sims import all_specs as specs

    return specs()

SIM_HELP = N_("Run a simulation headless and draw its chart, or print it as JSON.\n\n"
            "Example: gdtutor sim lr-overshoot -s lr=1.9 --plot\n\n"
            "Add --code numpy or --code torch for a script that reproduces the run, or --share for a "
            "token; gdtutor sim TOKEN runs a shared run again.")


@click.command("sims")
def sims_command() -> None:
    """List every simulation with its one-line description."""
    specs = all_specs()
    width = max(len(name) for name in specs)
    for name, spec in sorted(specs.items()):
        click.echo(f"{name:<{width}}  {_(spec.summary)}")


class SimGroup(click.Group):
    """The `sim` command: one subcommand per simulation, built on demand from its SimSpec."""

    context_class = CellContext

    def __init__(self, name: str, **kwargs: Any) -> None:
        super().__init__(name, help=SIM_HELP, **kwargs)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(all_specs())

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        spec = all_specs().get(cmd_name)
        return _sim_command(spec) if spec else None

    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple[str | None, click.Command | None,
                                                                            list[str]]:
        from tutor.cli.export_options import expand_token
        from tutor.sims import UnknownSim, get_spec

        args = expand_token(args, ctx)
        name = args[0]
        if not name.startswith("-") and name not in all_specs():
            try:
                get_spec(name)
            except UnknownSim as exc:
                raise usage_error(exc.msg, ctx) from None
        return super().resolve_command(ctx, args)


class SimCommand(click.Command):
    """A simulation's subcommand; its help lists the simulation's parameters and facts."""

    context_class = CellContext

    def __init__(self, spec: SimSpec, **kwargs: Any) -> None:
        super().__init__(spec.name, short_help=_(spec.summary), **kwargs)  # (listed whole by `sim --help`)
        self.spec = spec

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        check_stray(args, ctx)
        return super().parse_args(ctx, args)

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_paragraph()
        formatter.write_text(_(self.spec.summary))
        for paragraph in self.spec.details:
            formatter.write_paragraph()
            formatter.write_text(_(paragraph))

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for p in self.spec.params:
            default = p.format(p.default)
            rows.append((p.name, _("{help} [default {default}; {valid}]").format(
                help=_(p.help), default=default, valid=render(p.valid_values()))))
        with formatter.section(_("Parameters (set with -s NAME=VALUE)")):
            formatter.write_dl(rows)
        with formatter.section(_("Facts reported")):
            formatter.write_dl([(name, _(text)) for name, text in self.spec.facts.items()])
        with formatter.section(_("Series")):
            formatter.write_dl([(name, _(text)) for name, text in self.spec.series.items()])


def _sim_command(spec: SimSpec) -> click.Command:
    def run(settings: tuple[str, ...], as_json: bool, plot: bool, export: str | None, force: bool,
            width: int | None, height: int | None, color: bool | None, svg: str | None = None,
            code: str | None = None, share: bool = False) -> None:
        ctx = click.get_current_context()
        if as_json and plot:
            raise usage_error(Msg("--json and --plot cannot be used together"), ctx)
        params = parse_settings(spec, settings, ctx)
        if export_options.handle(spec, params, code, share, chart_options=bool(as_json or plot or export or svg),
                                 ctx=ctx):
            return
        announce(spec, params)
        result = spec.run(params)
        if export is not None:
            from tutor.cli.export_file import export as export_arrays

            export_arrays(result, export, force, ctx)
        if svg:
            from tutor.cli.sim_svg import write_svg

            write_svg(result, svg, width, height, ctx)
        if as_json:
            import json

            click.echo(json.dumps(result.as_json(), allow_nan=False))
            return
        if (export is not None or svg) and not plot:
            click.echo(render(result.status))
            return
        _print_plot(result, width, height, color)

    command = SimCommand(spec, callback=run, params=[
        click.Option(["-s", "--set", "settings"], multiple=True, metavar="NAME=VALUE",
                     help=_(SET_HELP)),
        click.Option(["--json", "as_json"], is_flag=True, help=_("Print the run as one JSON object.")),
        click.Option(["--plot"], is_flag=True, help=_("Draw the chart (the default).")),
        click.Option(["--export"], metavar="FILE.npz", help=_("Also write every array of the run to a .npz file.")),
        click.Option(["--force"], is_flag=True, help=_("Let --export replace a file that exists.")),
        click.Option(["--width"], type=click.IntRange(20, 1000),
                     help=_("Chart width in columns (default: terminal).")),
        click.Option(["--height"], type=click.IntRange(6, 500), help=_("Chart height in rows (default: terminal).")),
        click.Option(["--color/--no-color"], default=None,
                     help=_("Colour the chart (default: when writing to a terminal and NO_COLOR is unset).")),
        click.Option(["--svg"], metavar="FILE.svg", help=_("Also write the chart as an SVG picture (100×30 cells "
                                                           "unless --width/--height say otherwise).")),
        *export_options.options(),
    ], options_metavar=_("[OPTIONS]"), context_settings={"help_option_names": ["-h", "--help"],
                                                         "max_content_width": 100})
    return command


def _print_plot(result: Any, width: int | None, height: int | None, color: bool | None) -> None:
    import shutil

    from tutor.plots import ChartOptions
    from tutor.plots import render as render_chart
    from tutor.present.facts import fact_lines
    from tutor.present.terminal import for_stream

    columns, lines = shutil.get_terminal_size((100, 32))
    width = width or max(40, min(columns, 160))
    height = height or max(12, min(lines - 8, 32))
    terminal = for_stream(sys.stdout)  # (the same judgement of locale and TERM as the app's)
    if color is None:
        color = terminal.color
    click.echo(render_chart(result, ChartOptions(width, height, color=color, unicode=terminal.unicode,
                                                 translate=_)), color=color)
    click.echo("")
    click.echo(render(result.status))
    click.echo(fact_lines(result.facts))

