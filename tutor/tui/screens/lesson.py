"""The lesson screen: the text beside the live simulation, and everything the learner does to it.

This screen is the conductor, not the orchestra. The simulation and its chart are computed by the
app's SimRunner on its own thread; results come back as `RunnerReport` messages. The learner's
state — the values, the pinned runs, the play position, which report is current, the verdict, the
saving — is a LessonController's (tutor/present/lesson_controller.py), which knows nothing of
Textual; the screen hands it what the learner does and what the runner reports, and shows what it
says. How the panes share the terminal is lesson_layout's part.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Markdown, Static

from tutor.i18n import _, render
from tutor.lessons.glossary import Glossary
from tutor.lessons.model import Lesson
from tutor.plots.canvas import ChartOptions
from tutor.present.facts import key_facts
from tutor.present.lesson_controller import Failure, LessonController, Progress
from tutor.present.lesson_record import LessonRecord
from tutor.present.play_clock import PlayClock
from tutor.present.run_reports import Drawn, Report
from tutor.sims import get_spec
from tutor.sims.params import ParamValue
from tutor.sims.result import Result
from tutor.text import Msg
from tutor.tui.glossary_links import link_terms, term_of
from tutor.tui.screens.lesson_actions import LessonActions
from tutor.tui.screens.lesson_layout import LessonLayout
from tutor.tui.screens.lesson_predict import PredictHooks
from tutor.tui.widgets.challenge import ChallengePanel
from tutor.tui.widgets.chart import ChartView
from tutor.tui.widgets.footer import KeyFooter
from tutor.tui.widgets.in_place import update_in_place
from tutor.tui.widgets.pane_keys import PaneKeys
from tutor.tui.widgets.params import ParamPanel, ParamRow
from tutor.tui.widgets.predict import PredictPanel
from tutor.tui.widgets.prose import Prose
from tutor.tui.widgets.quiz import QuizPanel
from tutor.tui.widgets.scrolling import BurstScroll
from tutor.tui.widgets.status import StatusLine

if TYPE_CHECKING:
    from tutor.sims.spec import SimSpec

#: The lesson text is laid out after the first chart, or after this many seconds if that is slow:
#: laying out Markdown is the costliest part of opening a lesson, and the chart should not wait.
TEXT_DELAY = 0.25
#: A nudged value is painted with its chart, in one frame, if the chart comes within this long;
#: otherwise on its own (a long run): see ParamRow.hold.
VALUE_HOLD = 0.025


class RunnerReport(Message):
    """A report from the simulation thread about a run this screen asked for."""

    def __init__(self, report: Report) -> None:
        super().__init__()
        self.report = report


class LessonScreen(PredictHooks, LessonActions, LessonLayout):
    CSS_PATH = "lesson.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        # The footer shows the keys that matter most in the view (at 80 columns all of them fit);
        # the rest are in the help screen (?) and the command palette.
        Binding("space", "play", "Play"),
        Binding("space", "pause", "Pause"),
        Binding("h", "hint", "Hint"),
        Binding("f", "predict", "Predict", show=False),
        Binding("c", "code", "Code", show=False),
        Binding("N", "next_lesson", "Next", key_display="N"),
        Binding("1", "answer(1)", "Answer", key_display="1-9"),
        *(Binding(str(n), f"answer({n})", show=False) for n in range(2, 10)),
        Binding("z", "zoom", "Chart", show=False),
        Binding("t", "switch_view('sim')", "Sim"),
        Binding("t", "switch_view('text')", "Text"),
        Binding("escape", "home", "Home"),
        Binding("n", "step", "Step", show=False),
        Binding("r", "rewind", "Reset", show=False),
        Binding("left_square_bracket", "slower", "Slower", key_display="[", show=False),
        Binding("right_square_bracket", "faster", "Faster", key_display="]", show=False),
        Binding("p", "pin", "Pin", show=False),
        Binding("P", "clear_pins", "Clear pins", key_display="P", show=False),
        Binding("x", "restore", "Starting values", show=False),
        # g is in the footer where the text (and so its linked words) is what the keys act on.
        Binding("g", "glossary", "Glossary"),
        Binding("g", "glossary('')", "Glossary", show=False),
        Binding("R", "retake", "Retake quiz", show=False),
        Binding("pageup", "scroll_text(-1)", show=False),
        Binding("pagedown", "scroll_text(1)", show=False),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def set_focus(self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False) -> None:
        # Textual's Screen repaints all of itself whenever the focus moves (its `focused` reactive
        # asks for it), although the widgets gaining and losing the focus repaint themselves: at
        # 120×40 that whole repaint kept ↓ between parameter rows waiting 12–80 ms. A repaint
        # asked for by anything else before the move is kept.
        pending = self._repaint_required
        super().set_focus(widget, scroll_visible, from_app_focus)
        self._repaint_required = pending

    def __init__(self, lesson: Lesson, values: Mapping[str, ParamValue] | None = None) -> None:
        """`values` (already valid for the lesson's simulation) replace the ones it would start with."""
        super().__init__()
        self.lesson = lesson
        self.given_values = dict(values or {})
        self.spec = get_spec(lesson.sim)
        self.view = "text"  # which pane a narrow terminal shows: "text" or "sim"
        #: The lesson's state, made with the learner's record when the screen is composed.
        self.controller: LessonController | None = None

    @property
    def state(self) -> LessonController:
        assert self.controller is not None, "the lesson screen is not composed yet"
        return self.controller

    # (the controller's state, as the screen's keys, panels and tests read it)
    @property
    def values(self) -> dict[str, ParamValue]:
        return self.state.values

    @property
    def pins(self) -> tuple[Result, ...]:
        return self.state.pins

    @property
    def result(self) -> Result | None:
        return self.state.result

    @property
    def met(self) -> bool | None:
        return self.state.met

    @property
    def play(self) -> PlayClock:
        return self.state.play

    @property
    def last_drawn(self) -> Drawn | None:
        return self.state.last_drawn

    @property
    def last_preview(self) -> Drawn | None:
        return self.state.last_preview

    @property
    def _dirty(self) -> bool:
        return self.state.dirty

    @property
    def settled(self) -> bool:
        """Every change asked for is on screen (tests wait for this; nothing else needs it)."""
        return self.controller is not None and self.controller.settled

    # -- building ---------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        app = self.tutor
        self.record = LessonRecord(app.session, self.lesson, self.spec, on_notice=app.show_notices)
        self.controller = LessonController(self.lesson, self.spec, self.record, self._submit, self.set_timer,
                                           given=self.given_values, color=app.terminal.color,
                                           unicode=app.terminal.unicode)
        self.view = "text" if self.record.is_new and not self.given_values else "sim"
        self.set_classes(self._layout_classes(app.size.width))  # before the children are styled
        glyphs = app.glyphs
        params = [self.spec.param(name) for name in self.lesson.controls]
        yield Static(self._title(), id="lesson-title")
        yield PaneKeys("text-pane", id="text-keys")
        with Horizontal(id="lesson-body"):
            with BurstScroll(id="text-pane"):
                yield Prose(id="lesson-text", open_links=False)  # filled in by _show_text
                yield QuizPanel(self.lesson.quiz, self.record.answers(), glyphs, id="quiz")
            with Vertical(id="sim-pane"):
                yield PredictPanel(self.lesson.predictions, self.record.predictions(), self.spec, glyphs, id="predict")
                yield ChartView(id="chart")
                yield StatusLine(id="status")
                panel = ParamPanel(params, self.values, (glyphs.before, glyphs.after), id="params")
                panel.compact = self.has_class("-narrow")
                panel.hold = VALUE_HOLD
                yield panel
                challenge = ChallengePanel(self.lesson.challenge, self.record.hints_used, (glyphs.done, glyphs.todo),
                                           id="challenge")
                challenge.next_title = self._next_title()
                yield challenge
        yield KeyFooter(compact=True, show_command_palette=False)

    def _title(self) -> Content:
        course = self.tutor.course
        number = course.ids.index(self.lesson.id) + 1 if self.lesson.id in course.ids else 0
        done = f"  {self.tutor.glyphs.done} " + _("complete") if self.record.complete else ""
        return Content.assemble((_("Lesson {n} of {total}").format(n=number, total=len(course.lessons)), "dim"),
                                "  ", (_(self.lesson.title), "bold"), (done, "green"))

    def _next(self) -> Lesson | None:
        course = self.tutor.course
        if self.lesson.id not in course.ids:
            return None
        index = course.ids.index(self.lesson.id) + 1
        return course.lessons[index] if index < len(course.lessons) else None

    def _next_title(self) -> str:
        following = self._next()
        return _(following.title) if following is not None else ""

    def _body(self) -> str:
        glossary = self.tutor.glossary()
        return link_terms(self.lesson.body, glossary) if isinstance(glossary, Glossary) else self.lesson.body

    PARTS = ("#lesson-title", "#text-pane", "#lesson-text", "#quiz", "#chart", "#status", "#params", "#challenge")

    def on_mount(self) -> None:
        with self.unless_taken_down():
            self._start()

    def _start(self) -> None:
        self.record.opened()
        pane = self.query_one("#text-pane")
        self.watch(pane, "scroll_y", self._text_scrolled, init=False)
        self.watch(pane, "virtual_size", self._text_scrolled, init=False)  # the text laid out
        self._apply_layout(self.app.size.width)
        self._focus_view()
        # Start the run now, while the screen is laid out; the chart follows when its size is known.
        self._request()
        if self.view == "text" and not self.wide:
            self._show_text()  # the text is all there is to see
        else:
            self.set_timer(TEXT_DELAY, self._show_text)  # unless the first chart comes sooner

    # -- asking for runs --------------------------------------------------------------------------

    def _request(self) -> None:
        """Ask the runner for the current values, pins, play position and chart size."""
        self.state.request()

    def _submit(self, spec: SimSpec, values: Mapping[str, ParamValue], options: ChartOptions) -> int | None:
        if not self.is_attached:
            return None
        return self.tutor.runner.submit(spec, values, options, self._deliver)

    def _deliver(self, report: Report) -> None:
        """Called on the runner's thread: hand the report to the UI thread."""
        self.post_message(RunnerReport(report))

    @on(ChartView.Resized)
    def _chart_resized(self, event: ChartView.Resized) -> None:
        self.state.resize(event.width, event.height)

    @on(ParamRow.Focused)
    def _help_changed(self) -> None:
        self.call_after_refresh(self._fit_sim_pane)  # (a longer help line takes a second row)

    @on(ParamRow.Changed)
    def _value_changed(self, event: ParamRow.Changed) -> None:
        self.state.change(event.name, event.value)
        self.query_one("#challenge", ChallengePanel).tried()
        self.predict_values_changed()

    # -- showing what came back -------------------------------------------------------------------

    def on_runner_report(self, message: RunnerReport) -> None:
        with self.unless_taken_down():
            self._show_report(message.report)

    def _show_report(self, report: Report) -> None:
        outcome = self.state.receive(report)
        if outcome is None:  # an older request's: the learner has moved on
            return
        status = self.query_one("#status", StatusLine)
        if isinstance(outcome, Progress):
            done, total = outcome.done, outcome.total
            status.show_busy(_("computing… {percent}% (step {done} of {total})").format(
                percent=100 * done // max(total, 1), done=done, total=total))
            if outcome.preview is not None:  # a long run's first steps: shown; nothing judged or played yet
                self.query_one("#params", ParamPanel).show_values()
                self.query_one("#chart", ChartView).show(outcome.preview.chart)
            else:
                self.query_one("#chart", ChartView).add_class("-stale")
            return
        self.query_one("#params", ParamPanel).show_values()  # (in the same frame as the chart)
        chart = self.query_one("#chart", ChartView)
        chart.remove_class("-stale")
        if isinstance(outcome, Failure):
            status.show_failure(outcome.message)
            return
        first = outcome.first
        report = outcome.drawn
        chart.show(report.chart)
        if first or outcome.can_play_changed:
            self.refresh_bindings()
        self._show_status()
        self._judge(report.result)
        self.call_after_refresh(self._fit_sim_pane)  # (the status may have changed its height)
        if first:
            self.call_after_refresh(self._show_text)
        self.play.frame_shown(report.options.upto)
        self.predict_run_shown(report)
        if self.playback.playing != self._playing_shown:  # play ran to its end: Pause is Play again
            self._playing_shown = self.playback.playing
            self.refresh_bindings()

    #: Whether the footer shows Pause (it shows Play otherwise).
    _playing_shown = False

    _text_shown = False

    def _show_text(self) -> None:
        if not self._text_shown and self.is_attached:
            self._text_shown = True
            with self.unless_taken_down():
                self.query_one("#lesson-text", Prose).update(self._body())

    def _show_status(self) -> None:
        result = self.result
        if result is None:
            return
        self.query_one("#status", StatusLine).show_result(
            result.status, key_facts(result.facts, self.state.fact_names), self.state.status_notes(), result.diverged)

    def _judge(self, result: Result) -> None:
        if self.predict_hides_run:
            return
        verdict = self.state.judge(result)
        if verdict.completed:
            message = _("Challenge met — lesson complete!")
            if self._next() is not None:
                message += " " + _("N opens the next lesson.")
            self.notify(message, title=_(self.lesson.title), markup=False)
            update_in_place(self.query_one("#lesson-title", Static), self._title())
        if verdict.changed:
            self.refresh_bindings()  # N (next lesson) shows once the challenge is met
        self.query_one("#challenge", ChallengePanel).judge(verdict.met, self.record.complete)

    # -- saving -----------------------------------------------------------------------------------

    def save_now(self) -> None:
        """Write the values if they changed since the last save (also called when the app quits)."""
        if self.controller is not None:
            self.controller.save_now()

    def on_unmount(self) -> None:
        self.leave()

    def leave(self) -> None:
        """The lesson is left, for good or kept for coming back (tutor/tui/kept_lesson.py): values
        saved, time recorded, play stopped, and its run let go of."""
        if self.controller is not None:
            self.controller.close()
        self.tutor.runner.forget(self._deliver)

    def reenter(self) -> None:
        """Shown again after `leave`, as it was left: open again, its chart asked for again (a run
        under way when it was left was let go of)."""
        self.record.opened()
        self.refresh_bindings()
        self._request()

    # -- moving around ----------------------------------------------------------------------------

    @on(Markdown.LinkClicked)
    def _link(self, event: Markdown.LinkClicked) -> None:
        term = term_of(event.href)
        if term is not None:
            self.action_glossary(term)
        else:
            self.notify(render(Msg("Link: {href}", href=event.href)), markup=False)

