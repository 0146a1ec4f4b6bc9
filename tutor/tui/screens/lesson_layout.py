"""How the lesson screen shares out the terminal: which panes show, what the chart keeps, where the
focus goes, and which keys the footer offers for what is on screen.

Wide terminals (120 columns and more) show text and simulation side by side; narrower ones show one
at a time, switched with t. Either way the chart keeps CHART_ROWS rows before the challenge may take
more: at 80×24 that leaves eight rows of plot in every panel, the values on one line under the
status, and the challenge's verdict always in view with its statement and hints scrolling under it.
The values have the focus wherever they are on screen, and the footer says where the keys go.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tutor.i18n import _
from tutor.tui.screens.mounted import KeysWhenMounted
from tutor.tui.widgets.challenge import ChallengePanel
from tutor.tui.widgets.footer import KeyFooter
from tutor.tui.widgets.params import ParamPanel, ParamRow
from tutor.tui.widgets.quiz import QuizPanel
from tutor.tui.widgets.scrolling import BurstScroll

if TYPE_CHECKING:
    from textual.widget import Widget

    from tutor.tui.tutor_app import Tutor

#: From this many columns on, text and simulation sit side by side.
WIDE = 120
#: Rows the chart keeps before the challenge may have more: a panel's title, frame and tick labels
#: take up to six, leaving at least eight rows of plot at 80×24.
CHART_ROWS = 14
#: Rows the challenge keeps however short the window: its verdict and the start of its statement.
CHALLENGE_ROWS = 2


class LessonLayout(KeysWhenMounted):
    """The lesson screen's layout half; LessonScreen is the other (runs, values, progress)."""

    #: Which pane a narrow terminal shows: "text" or "sim".
    view = "text"

    @property
    def tutor(self) -> Tutor:
        return self.app  # type: ignore[return-value]

    def on_resize(self) -> None:
        self._apply_layout(self.app.size.width)
        self.call_after_refresh(self._fit_sim_pane)

    def _fit_sim_pane(self) -> None:
        """Give the chart its rows first: the challenge gets what is left under the chart's minimum
        (and scrolls within it), so a revealed hint never pushes the chart or the values away."""
        if self.is_attached:
            with self.unless_taken_down():
                self._fit()

    def _fit(self) -> None:
        pane = self.query_one("#sim-pane")
        height = pane.content_size.height
        if not height:
            return
        taken = sum(self.query_one(part).outer_size.height for part in ("#status", "#params"))
        challenge = self.query_one("#challenge", ChallengePanel)
        challenge.fit(max(CHALLENGE_ROWS, height - CHART_ROWS - taken - challenge.styles.gutter.height))

    zoomed = False

    def _layout_classes(self, width: int) -> set[str]:
        wanted = {"-wide" if width >= WIDE else "-narrow"}
        if self.zoomed:
            wanted.add("-zoomed")
        if not self.tutor.terminal.unicode:
            wanted.add("-ascii")
        return wanted

    def _apply_layout(self, width: int) -> None:
        """Lay the panes out for this width, view and zoom.

        The width (and z, and an ASCII terminal) set classes the stylesheet reads, in one change:
        a class change on the screen restyles every widget under it, lesson text included, which
        takes hundreds of milliseconds, so they change only when the terminal crosses WIDE or z is
        pressed. Which pane a narrow terminal shows (`t`) is each pane's own `display`, which
        restyles nothing."""
        wanted = self._layout_classes(width)
        if wanted != set(self.classes):
            wide_changed = ("-wide" in wanted) != self.has_class("-wide")
            self.set_classes(wanted)
            for params in self.query("#params").results(ParamPanel):
                params.set_compact("-narrow" in wanted)
            if wide_changed:  # t shows in the footer only when narrow
                self.refresh_bindings()
        # (query, not query_one: a resize can arrive before the panes are composed, or after they went)
        wide = "-wide" in wanted
        self.query("#text-pane").set(display=wide or self.view == "text")
        self.query("#sim-pane").set(display=wide or self.view == "sim")
        self.call_after_refresh(self._fit_sim_pane)

    @property
    def wide(self) -> bool:
        return self.has_class("-wide")

    def _focus_view(self) -> None:
        """The values have the focus wherever they are on screen, so the first ←/→ nudges one; the
        text scrolls with Page Up/Down (and ↑/↓ once it has the focus)."""
        rows = list(self.query(ParamRow))
        if (self.view == "sim" or self.wide) and rows:
            if not isinstance(self.focused, ParamRow):
                rows[0].focus()
        else:
            self.query_one("#text-keys").focus()  # (not the pane: see tutor/tui/widgets/pane_keys.py)

    def on_descendant_focus(self) -> None:
        self._show_where()
        self.refresh_bindings()  # g shows in the footer with the focus in the text

    def _show_where(self) -> None:
        where = _("values") if isinstance(self.focused, ParamRow) else _("text")
        # (a child of the screen: not looked for through the whole lesson text)
        footer = next((c for c in self.children if isinstance(c, KeyFooter)), None) if self.is_mounted else None
        if footer is not None:
            footer.show_where(where)

    def _quiz_in_view(self) -> bool:
        """Whether the question the number keys would answer is on screen (not scrolled away, not
        in a hidden pane): a number typed anywhere else is not an answer."""
        # Asked for every number key each time the footer's keys are worked out: looked up by id
        # (Textual caches those), not by walking the screen's hundreds of widgets of lesson text.
        quiz = self.query_one_optional("#quiz", QuizPanel)
        pane = self.query_one_optional("#text-pane")
        if quiz is None or pane is None:  # (the lesson is being taken down)
            return False
        if quiz.current is None or (not self.wide and self.view != "text"):
            return False
        question = quiz.question_view(quiz.current)
        if question is None:  # (the quiz not built yet)
            return False
        top = quiz.virtual_region.y + question.virtual_region.y  # in the pane's scrolled content
        bottom = top + question.virtual_region.height
        seen_top = pane.scroll_y
        return quiz.display and top < seen_top + pane.scrollable_content_region.height and bottom > seen_top

    def _text_scrolled(self) -> None:
        if self.is_attached:
            with self.unless_taken_down():
                self._refresh_answer_key()

    def _refresh_answer_key(self) -> None:
        in_view = self._quiz_in_view() if self.is_mounted else False
        if in_view != getattr(self, "_quiz_shown", None):
            self._quiz_shown = in_view
            self.refresh_bindings()

    def action_switch_view(self, view: str = "") -> None:
        self._switch_to(view if view in ("sim", "text") else "sim" if self.view == "text" else "text")

    def action_zoom(self) -> None:
        """The chart alone over the status line and the verdict: the table of lesson 6 or a small
        window's panels get every row; z again brings the values back."""
        self.zoomed = not self.zoomed
        self._apply_layout(self.app.size.width)

    def _switch_to(self, view: str) -> None:
        self.view = view
        self._apply_layout(self.app.size.width)
        self._focus_view()

    def action_scroll_text(self, pages: int) -> None:
        """Page Up/Down scroll the text, or in the simulation view the challenge and its hints."""
        pane: Widget = self.query_one("#text-pane", BurstScroll)
        if not self.wide and self.view == "sim":
            pane = self.query_one("#challenge", ChallengePanel).scroller
        if not isinstance(pane, BurstScroll):
            return
        if pages > 0:
            pane.action_page_down()
        else:
            pane.action_page_up()
