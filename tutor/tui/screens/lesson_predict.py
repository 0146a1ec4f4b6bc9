"""The lesson screen's part in predict-then-run, kept apart from the screen's own work.

The PredictPanel decides what is asked and when the answer is judged; these handlers do what it
asks of the screen: set the block's values and hide the run while asking (the chart and the status
line, whose facts would give the answer away, and the challenge's verdict), play the run from step
0 once the learner has committed, record the judged prediction, and show the chart again.
"""

from __future__ import annotations

from typing import Any

from tutor.i18n import _
from tutor.tui.runner import Drawn
from tutor.tui.widgets.params import ParamPanel
from tutor.tui.widgets.predict import PredictPanel


class PredictHooks:
    """Mixed into LessonScreen (handlers by name, so Textual finds them on the screen's MRO).

    `self` is the lesson screen, typed Any here: naming its class would import the screen that
    imports this module."""

    @property
    def predict_panel(self: Any) -> PredictPanel:
        return self.query_one("#predict", PredictPanel)

    @property
    def predict_hides_run(self: Any) -> bool:
        # (asked on every chart: the panel is looked up once, not by walking the screen each time)
        panel = self.__dict__.get("_predict_panel")
        if panel is None:
            panels = self.query("#predict")
            if not panels:
                return False
            panel = self.__dict__["_predict_panel"] = panels.first(PredictPanel)
        return bool(panel.hides_run)

    def action_predict(self: Any) -> None:
        if not self.lesson.predictions:
            self.notify(_("This lesson asks for no prediction."), markup=False)
            return
        self.predict_panel.start_or_close()

    def predict_answer(self: Any, number: int) -> bool:
        """A number key while a prediction is asked answers it (not the quiz); True if it did."""
        panel = self.predict_panel
        if not panel.asking:
            return False
        panel.commit(number)
        return True

    def predict_values_changed(self: Any) -> None:
        self.predict_panel.values_changed(self.values)

    def predict_run_shown(self: Any, report: Drawn) -> None:
        self.predict_panel.run_shown(report.result, finished=report.options.upto is None)

    def on_predict_panel_asked(self: Any, event: PredictPanel.Asked) -> None:
        self.play.stop()
        self.query_one("#sim-pane").add_class("-predicting")
        self.state.take_values(event.values)
        self.query_one("#params", ParamPanel).set_values(event.values)
        if not self.wide and self.view != "sim":
            self._switch_to("sim")
        self.play.reset()  # the hidden run is asked for from its start, ready to be played
        self.refresh_bindings()

    def on_predict_panel_committed(self: Any, event: PredictPanel.Committed) -> None:
        self.query_one("#sim-pane").remove_class("-predicting")
        self.play.reset()
        if self.playback.can_play:
            self.play.toggle()  # played from step 0, not dumped
        else:
            self._request()
        self._show_status()
        self.refresh_bindings()

    def on_predict_panel_judged(self: Any, event: PredictPanel.Judged) -> None:
        self.record.predict(event.block, event.choice, event.right)

    def on_predict_panel_closed(self: Any, event: PredictPanel.Closed) -> None:
        self.query_one("#sim-pane").remove_class("-predicting")
        if self.result is not None:
            self._judge(self.result)
        self.refresh_bindings()
