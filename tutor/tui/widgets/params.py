"""The parameter panel: one focusable row per knob the lesson lets the learner turn.

Every way a value changes goes through the parameter's own rules (`Param.nudge`, `Param.parse`), so
the panel cannot produce a value the simulation would refuse: ←/→ walk the parameter's steps (a
ladder of round numbers for logarithmic ones such as the learning rate), Enter opens an inline
editor for an exact value, and text that is not a valid value leaves the old one in place with the
reason on the help line.

Below 120 columns the rows sit side by side on one line (the lesson screen's CSS), the focused one
scrolled into view, with ‹ › where more are off either side: the chart needs the rows the list
would take. The help line under them always names the focused parameter's range, also while a
value is being typed, and says so when a nudge finds the value already at its limit. It keeps the
height of the longest help among the panel's parameters at its width: moving between rows never
changes the chart's height (which would move the chart and draw it again, and keep the runner busy
when the next nudge comes); only a reason longer than every help line makes it grow.

A value the learner sets may be painted together with what it brings (the lesson screen's new
chart) instead of in a frame of its own: with `hold` set, the row waits up to that long for
`show_value` before it paints the value itself. One frame per key press instead of two, and the
interface does no painting while the run computes.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.geometry import Size
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Label, Static

from tutor.i18n import _, render
from tutor.sims.params import Param, ParamError, ParamValue
from tutor.tui.widgets.line_edit import LineEdit


class ParamRow(Widget, can_focus=True):
    """One parameter: its name and value; ←/→ nudge it, Enter edits or cycles it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # One footer entry for both directions ("←→ Nudge"): at 80 columns every character counts.
        Binding("left,minus", "nudge(-1)", "Nudge", key_display="←→"),
        Binding("right,plus,equals_sign", "nudge(1)", "More", show=False),
        Binding("shift+left", "nudge(-10)", "Less ×10", show=False),
        Binding("shift+right", "nudge(10)", "More ×10", show=False),
        # Enter and the keys typed while editing are handled in on_key (see line_edit); these
        # bindings put them in the footer, and make the footer's keys clickable.
        Binding("enter", "edit", "Edit"),
        Binding("enter", "submit_edit", "Set"),
        Binding("escape", "cancel_edit", "Cancel"),
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
    ]

    class Changed(Message):
        """The learner set a new, valid value."""

        def __init__(self, row: ParamRow, name: str, value: ParamValue) -> None:
            super().__init__()
            self.row = row
            self.name = name
            self.value = value

    class Focused(Message):
        """A row got the focus (the panel shows its help)."""

        def __init__(self, row: ParamRow) -> None:
            super().__init__()
            self.row = row

    #: Seconds a new value's paint may wait for `show_value` (0: painted at once).
    hold = 0.0

    def __init__(self, param: Param, value: ParamValue, name_width: int) -> None:
        super().__init__(classes="param-row")
        self.param = param
        self.value = value
        #: The value the row shows (behind `value` while its paint is held).
        self.shown: ParamValue = value
        self._hold_timer: Timer | None = None
        self.name_width = name_width
        self.editor: LineEdit | None = None
        self.error: str | None = None

    @property
    def editing(self) -> bool:
        return self.editor is not None

    compact = False
    """On the one-line strip: the name is not padded to line up with the others."""

    def set_compact(self, compact: bool) -> None:
        if compact != self.compact:
            self.compact = compact
            if self.is_mounted:
                self.query_one(".param-name", Label).update(self._name_text())

    def _name_text(self) -> Content:
        return Content(self.param.name if self.compact else self.param.name.ljust(self.name_width))

    def compose(self) -> ComposeResult:
        with Horizontal(classes="param-line"):
            yield Label(self._name_text(), classes="param-name")
            yield Label(self._value_text(), classes="param-value")

    def _value_text(self) -> Content:
        if self.editor is None:
            return Content(self.param.format(self.value))
        text, cursor = self.editor.text, self.editor.cursor
        if self.editor.fresh:
            return Content.styled(text or " ", "reverse")
        shown = Content(text[:cursor]) + Content.styled(text[cursor:cursor + 1] or " ", "reverse")
        return shown + Content(text[cursor + 1:])

    # -- showing ----------------------------------------------------------------------------------

    def set_value(self, value: ParamValue) -> None:
        """Show a value set elsewhere (a restore, a reset) without announcing a change."""
        self.value = value
        self._redraw()

    def show_value(self) -> None:
        """Paint a held value now (a no-op when the row shows its value)."""
        if self._hold_timer is not None:
            self._hold_timer.stop()
            self._hold_timer = None
        if self.shown != self.value or type(self.shown) is not type(self.value):
            self._redraw()

    def _redraw(self) -> None:
        """In the list the value's box has a fixed size: no layout pass for a new value. On the
        one-line strip the box is as wide as the value, so a wider or narrower one is laid out."""
        self.shown = self.value
        if self.is_mounted:
            text = self._value_text()
            label = self.query_one(".param-value", Label)
            resized = self.compact and text.cell_length + (1 if self.editing else 0) != label.size.width
            label.update(text, layout=resized)

    def _show_error(self, text: str | None) -> None:
        if text == self.error:
            return  # (refreshing the footer's keys costs a frame: only when something changed)
        self.error = text
        self.set_class(text is not None, "-error")
        self.post_message(self.Focused(self))  # the help line shows the reason
        self.refresh_bindings()

    def _set_editor(self, editor: LineEdit | None) -> None:
        self.editor = editor
        self.set_class(editor is not None, "-editing")
        self._redraw()
        self.refresh_bindings()

    def on_focus(self) -> None:
        self.post_message(self.Focused(self))

    def on_blur(self) -> None:
        if self.editing:  # clicked away: the typing is dropped, the value stands
            self.action_cancel_edit()

    # -- keys -------------------------------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        if self.editor is not None:
            if event.key == "enter":
                self.action_submit_edit()
            elif event.key == "escape":
                self.action_cancel_edit()
            elif not self.editor.key(event.key):
                if event.is_printable and event.character:
                    self.editor.insert(event.character)
                elif event.key not in ("tab", "shift+tab"):
                    return  # other keys (Ctrl+Q, Tab) keep their meaning
            self._redraw()
        elif event.key == "enter":
            self.action_edit()
        else:
            return
        event.stop()
        event.prevent_default()

    def on_paste(self, event: events.Paste) -> None:
        if self.editor is not None:
            self.editor.insert(event.text.splitlines()[0] if event.text else "")
            self._redraw()
            event.stop()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_edit":
            return self.editing or self.error is not None
        if action == "submit_edit":
            return self.editing
        return not self.editing  # while typing, the keys belong to the editor

    # -- actions ----------------------------------------------------------------------------------

    def action_nudge(self, steps: int) -> None:
        if self.editing:
            return
        moved = self.param.nudge(self.value, steps)
        if moved == self.value and self.param.kind in ("int", "float"):
            limit = _("{name} is already at its highest value, {value}") if steps > 0 else \
                _("{name} is already at its lowest value, {value}")
            self._show_error(limit.format(name=self.param.name, value=self.param.format(self.value)))
            return
        self._commit(moved, held=True)

    def action_edit(self) -> None:
        if self.param.kind in ("choice", "bool"):
            self.action_nudge(1)
        elif not self.editing:
            self._set_editor(LineEdit.start(self.param.format(self.value)))

    def action_submit_edit(self) -> None:
        if self.editor is None:
            return
        try:
            value = self.param.parse(self.editor.text)
        except ParamError as exc:
            self._show_error(render(exc.msg))  # keep editing: the text is there to be fixed
            return
        self._set_editor(None)
        self._commit(value)

    def action_cancel_edit(self) -> None:
        self._set_editor(None)
        self._show_error(None)

    def action_move(self, offset: int) -> None:
        # The rows are siblings: walking the whole screen (hundreds of widgets of lesson text) for
        # them kept ↓ waiting tens of milliseconds.
        siblings = self.parent.children if self.parent is not None else (self,)
        rows = [row for row in siblings if isinstance(row, ParamRow)]
        index = rows.index(self) + offset
        if 0 <= index < len(rows):
            rows[index].focus()

    def _commit(self, value: ParamValue, held: bool = False) -> None:
        self._show_error(None)
        if value == self.value and type(value) is type(self.value):
            return
        if held and self.hold > 0 and self.is_mounted:
            self.value = value
            if self._hold_timer is None:  # (a key held down: the one timer shows the newest value)
                self._hold_timer = self.set_timer(self.hold, self.show_value)
        else:
            self.set_value(value)
        self.post_message(self.Changed(self, self.param.name, value))


class HelpLine(Static):
    """The focused parameter's help, as tall as the longest of the panel's helps at its width (at
    most its max-height): worked out in the layout pass that gives it its width, so that no pass
    after it changes the chart's height."""

    def __init__(self, helps: list[str], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._helps = helps
        self._rows: tuple[int, int] = (0, 0)  # (width, rows the longest help wraps to at it)

    def reserved(self, width: int) -> int:
        if self._rows[0] != width:
            self._rows = (width, max((len(Content(text).wrap(width)) for text in self._helps), default=1))
        return self._rows[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(super().get_content_height(container, viewport, width), self.reserved(width) if width else 0)

    def keeps_height(self, content: Content) -> bool:
        """Whether showing `content` leaves the line as tall as it is (the width known)."""
        width, before = self.content_size.width, self.content
        if width <= 0 or not isinstance(before, Content):
            return False
        reserved = self.reserved(width)
        return max(len(content.wrap(width)), reserved) == max(len(before.wrap(width)), reserved)


class ParamPanel(Vertical):
    """The rows, scrolling when they outgrow their space, and a help line for the focused one."""

    _focused: ParamRow | None = None
    #: The rows start on the one-line strip (see ParamRow.compact).
    compact = False
    #: How long a nudged value's paint may wait for `show_values` (see ParamRow.hold).
    hold = 0.0

    def __init__(self, params: list[Param], values: Mapping[str, ParamValue],
                 marks: tuple[str, str] = ("‹", "›"), **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.marks = marks  # shown where rows are off the strip, before and after
        self.params = params
        self.values = dict(values)

    def compose(self) -> ComposeResult:
        width = max((len(p.name) for p in self.params), default=0)
        with Horizontal(classes="param-strip"):
            yield Label(self.marks[0], classes="param-more -before")
            with VerticalScroll(classes="param-rows", can_focus=False):
                for param in self.params:
                    row = ParamRow(param, self.values[param.name], width)
                    row.compact = self.compact
                    row.hold = self.hold
                    yield row
            yield Label(self.marks[1], classes="param-more -after")
        yield HelpLine([help_text(param) for param in self.params], classes="param-help")

    def row(self, name: str) -> ParamRow:
        for row in self.query(ParamRow):
            if row.param.name == name:
                return row
        raise KeyError(name)

    def set_compact(self, compact: bool) -> None:
        self.compact = compact
        for row in self.query(ParamRow):
            row.set_compact(compact)
        if self._focused is not None:
            self.call_after_refresh(self._show_focused, self._focused)

    def show_values(self) -> None:
        """Paint every held value now, in the frame that shows what they brought."""
        for row in self.query(ParamRow):
            row.show_value()

    def set_values(self, values: Mapping[str, ParamValue]) -> None:
        for row in self.query(ParamRow):
            if row.param.name in values:
                row.set_value(values[row.param.name])

    @on(ParamRow.Focused)
    def _show_help(self, event: ParamRow.Focused) -> None:
        row = event.row
        self._focused = row
        param = row.param
        help_line = self.query_one(".param-help", HelpLine)
        help_line.set_class(row.error is not None, "-error")
        content = Content(row.error) if row.error is not None else Content(help_text(param))
        # A layout pass of the whole screen (lesson text included) only when the line's height
        # changes: it keeps the longest help's rows, so moves between rows never change it.
        help_line.update(content, layout=not help_line.keeps_height(content))
        self.call_after_refresh(self._show_focused, row)

    def _show_focused(self, row: ParamRow) -> None:
        """Keep the focused row in view on the one-line strip, and mark the rows off either side.
        (Called after a refresh: by then the lesson may be closing, its rows gone.)"""
        with contextlib.suppress(NoMatches):
            rows = self.query_one(".param-rows", VerticalScroll)
            if rows.is_attached and row.is_attached:
                rows.scroll_to_widget(row, animate=False, immediate=True)
                self.call_after_refresh(self._mark_more)

    def _mark_more(self) -> None:
        with contextlib.suppress(NoMatches):
            rows = self.query_one(".param-rows", VerticalScroll)
            if rows.is_attached:
                self.query_one(".-before", Label).display = rows.scroll_x > 0
                self.query_one(".-after", Label).display = rows.scroll_x < rows.max_scroll_x

    def on_resize(self) -> None:
        if self._focused is not None:
            self._show_focused(self._focused)


#: A choice with more options than this is named by its first and last under the values.
MANY_CHOICES = 12


def help_text(param: Param) -> str:
    """`name: help (range)`; a choice whose help already names every option is not listed twice."""
    meaning = _(param.help)
    if param.kind == "choice" and all(re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", meaning)
                                      for c in param.choices):
        return f"{param.name}: {meaning}"
    if param.kind == "choice" and len(param.choices) > MANY_CHOICES:  # (too many for one line: ←/→ walk them)
        some = _("one of {first} … {last} ({n} in all)").format(
            first=", ".join(param.choices[:3]), last=param.choices[-1], n=len(param.choices))
        return f"{param.name}: {meaning} ({some})"
    return f"{param.name}: {meaning} ({render(param.valid_values())})"
