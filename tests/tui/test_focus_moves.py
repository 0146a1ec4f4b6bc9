"""Moving between parameter rows touches only what it changes: the rows themselves repaint, not
the whole screen (Textual's Screen would repaint all of itself on every focus move), and ↓ and ↑
walk the rows in order without leaving them."""

from __future__ import annotations

from tests.tui.conftest import open_lesson, settled, until
from tests.tui.test_lesson_screen import row
from tutor.tui.widgets.params import ParamRow


async def test_a_focus_move_repaints_the_rows_not_the_screen(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        names = [r.param.name for r in screen.query(ParamRow)]
        assert len(names) >= 2
        screen.set_focus(row(screen, names[0]))
        await settled(pilot)
        await until(pilot, lambda: row(screen, names[0]).has_focus and not screen._repaint_required,
                    "the first row focused and the screen painted")
        screen.set_focus(row(screen, names[1]))  # (what focus() asks for, done now)
        assert screen.focused is row(screen, names[1])
        assert not screen._repaint_required, "the whole screen was marked for a repaint"
        await until(pilot, lambda: row(screen, names[1]).has_focus, "the row told of its focus")
        assert not row(screen, names[0]).has_focus


async def test_down_and_up_walk_the_rows_in_order_and_stop_at_the_ends(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lesson(pilot, "bowl")
        names = [r.param.name for r in screen.query(ParamRow)]
        screen.set_focus(row(screen, names[0]))
        await until(pilot, lambda: row(screen, names[0]).has_focus, "the first row focused")
        seen = [screen.focused.param.name]
        for _ in names:
            await pilot.press("down")
            seen.append(screen.focused.param.name)
        assert seen == [*names, names[-1]]
        await pilot.press("up")
        assert screen.focused.param.name == (names[-2] if len(names) > 1 else names[0])


async def test_moving_between_rows_whose_help_wraps_differently_never_resizes_the_chart(make_app) -> None:
    from textual.content import Content
    from textual.widgets import Static

    from tutor.tui.widgets.chart import ChartView
    from tutor.tui.widgets.params import help_text

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(pilot, "slope")
        if screen.view != "sim":
            await pilot.press("t")
        rows = list(screen.query(ParamRow))
        help_line = screen.query_one(".param-help", Static)
        screen.set_focus(rows[0])
        await settled(pilot)
        width = help_line.content_size.width
        heights = {len(Content(help_text(r.param)).wrap(width)) for r in rows}
        assert heights == {1, 2}, f"the helps wrap to {heights} rows at {width}: this test checks nothing"
        chart = screen.query_one("#chart", ChartView)
        size, drawn = chart.content_size, screen.last_drawn
        seen = set()
        for target in [*rows[1:], rows[0]]:
            screen.set_focus(target)
            name = f"{target.param.name}:"
            await until(pilot, lambda name=name: str(help_line.content).startswith(name), f"the help of {name}")
            await settled(pilot)
            seen.add((chart.content_size, help_line.outer_size.height))
        assert seen == {(size, 2)}, "a focus move changed the help line's or the chart's height"
        assert screen.last_drawn is drawn, "a focus move drew the chart again"
