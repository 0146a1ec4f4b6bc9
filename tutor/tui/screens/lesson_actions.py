"""The lesson screen's keys: playing a run, pinning runs, hints, the quiz, starting values, the next
lesson, the run's code and the glossary.

Each is a small action on the screen's state (its controller, record and panels); kept apart from
the screen's own work (asking for runs, showing them, saving) so that each file has one job. Mixed into
LessonScreen, where Textual finds the actions by name; `self` is that screen, typed Any here because
naming its class would import the screen that imports this module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tutor.i18n import _
from tutor.tui.widgets.challenge import ChallengePanel
from tutor.tui.widgets.params import ParamPanel, ParamRow
from tutor.tui.widgets.quiz import QuizPanel

if TYPE_CHECKING:
    from tutor.present.playback import Playback


class LessonActions:
    """Play, pins, hints and answers (see the module docstring)."""

    # -- which keys are live ----------------------------------------------------------------------

    def check_action(self: Any, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Which of these keys the footer offers and Textual lets through, as the lesson stands."""
        if not self.is_mounted:  # keys typed while the lesson is still being built have nothing to act on
            return False
        if action == "switch_view":
            return not self.wide and parameters != (self.view,)
        if action == "answer":
            if self.predict_hides_run:
                return True
            return self._quiz_in_view()
        if action == "predict":
            return bool(self.lesson.predictions)
        if action == "play":
            return (self.playback.can_play or self.result is None) and not self.playback.playing
        if action == "pause":
            return self.playback.playing
        if action in ("step", "rewind", "faster", "slower"):
            return self.playback.can_play or self.result is None
        if action == "next_lesson":
            return bool(self.met) and self._next() is not None
        if action == "glossary" and not parameters:  # the footer's g: when the focus is in the text
            return not isinstance(self.focused, ParamRow)
        if action in ("zoom", "hint"):
            return self.wide or self.view == "sim" or action == "hint"
        if action == "clear_pins":
            return bool(self.pins)
        return True

    # -- play -------------------------------------------------------------------------------------

    @property
    def playback(self: Any) -> Playback:
        return self.play.state

    def action_play(self: Any) -> None:
        if not self.playback.can_play:
            self.notify(_("This simulation has no steps to play."), markup=False)
            return
        self.play.toggle()
        self.query_one("#challenge", ChallengePanel).tried()
        self._show_status()
        self._playing_shown = self.playback.playing
        self.refresh_bindings()  # Play becomes Pause, and back

    def action_pause(self: Any) -> None:
        self.action_play()

    def action_step(self: Any) -> None:
        self.play.step()
        self._show_status()

    def action_rewind(self: Any) -> None:
        self.play.reset()
        self._show_status()

    def action_faster(self: Any) -> None:
        self.playback.faster()
        self._show_status()

    def action_slower(self: Any) -> None:
        self.playback.slower()
        self._show_status()

    # -- pins -------------------------------------------------------------------------------------

    def action_pin(self: Any) -> None:
        pinned = self.state.pin()
        if pinned is None:  # no run yet
            return
        if not pinned:
            self.notify(_("This run is already pinned."), markup=False)
            return
        self.refresh_bindings()
        shown = ", ".join(f"{name} = {self.spec.param(name).format(self.values[name])}"
                          for name in self.lesson.controls[:3])
        self.notify(_("Pinned: {values}. Change a value to compare; P clears.").format(values=shown),
                    markup=False)
        self._show_status()

    def action_clear_pins(self: Any) -> None:
        if self.state.clear_pins():
            self.refresh_bindings()
            self._show_status()

    # -- challenge and quiz -----------------------------------------------------------------------

    def action_hint(self: Any) -> None:
        total = len(self.lesson.challenge.hints)
        if self.record.hints_used >= total:
            self.notify(_("All {n} hints are showing.").format(n=total), markup=False)
            return
        if self.query_one("#challenge", ChallengePanel).hint_locked:
            self.notify(_("Try once more first: change a value or play the run, and the next hint opens."),
                        markup=False)
            return
        shown = self.record.reveal_hint()
        self.query_one("#challenge", ChallengePanel).reveal(shown)
        self.call_after_refresh(self._fit_sim_pane)
        if self.zoomed:
            self.action_zoom()
        if not self.wide and self.view != "sim":
            self._switch_to("sim")

    def action_answer(self: Any, number: int) -> None:
        if self.predict_answer(number):
            return
        quiz = self.query_one("#quiz", QuizPanel)
        if not quiz.accepts(number):
            return
        question = quiz.current
        assert question is not None
        self.record.answer(question, number - 1)
        quiz.record(question, number - 1)
        self.refresh_bindings()
        if not self.wide and self.view != "text":
            self._switch_to("text")
        # After the layout pass: a pane that was hidden a moment ago cannot scroll yet.
        self.call_after_refresh(quiz.scroll_to_question, question)

    def action_retake(self: Any) -> None:
        quiz = self.query_one("#quiz", QuizPanel)
        if quiz.questions:
            quiz.retake()
            self.refresh_bindings()
            if not self.wide and self.view != "text":
                self._switch_to("text")
            self.call_after_refresh(quiz.scroll_to_question, 0)

    # -- elsewhere ---------------------------------------------------------------------------------

    def action_restore(self: Any) -> None:
        """Back to the values the lesson starts with."""
        if not self.state.restore():
            self.notify(_("The values are already the lesson's starting values."), markup=False)
            return
        self.query_one("#params", ParamPanel).set_values(self.values)
        self.notify(_("Back to the lesson's starting values."), markup=False)

    def action_next_lesson(self: Any) -> None:
        following = self._next()
        if following is not None:
            self.save_now()
            self.tutor.open_lesson(following.id)

    def action_home(self: Any) -> None:
        self.tutor.leave_lesson(self)

    def action_code(self: Any, share: bool = False) -> None:
        """This run as a NumPy or PyTorch script, and its share token (opened on the token with `share`)."""
        from tutor.tui.screens.code import CodeScreen

        screen = CodeScreen(self.lesson.sim, self.spec.resolve(self.values), _(self.lesson.title))
        self.app.push_screen(screen)
        if share:
            screen.call_after_refresh(screen.action_share)

    def action_glossary(self: Any, term: str = "") -> None:
        """The glossary, this lesson's terms first; on a parameter, its entry if it has one (lr)."""
        focused = self.focused
        if not term and isinstance(focused, ParamRow):
            term = focused.param.name
        self.tutor.show_glossary(term, self.lesson.body)
