"""The current run as a script: read-only, highlighted, scrollable; NumPy or PyTorch; saved or copied.

A learner takes a run home by saving its script to a file in the current folder (never over an
existing one) or copying it through the terminal (OSC 52, which crosses SSH in terminals that allow
it — the screen says so, since gdtutor cannot tell whether it worked). The same screen shows the
run's share token and copies it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.highlight import highlight
from textual.reactive import reactive
from textual.widgets import Static

from tutor.export import NoExporter, script
from tutor.i18n import _, render
from tutor.share import encode
from tutor.sims.params import ParamValue
from tutor.tui.screens.mounted import KeysWhenMounted
from tutor.tui.widgets.footer import KeyFooter

FLAVOUR_NAMES = {"numpy": "NumPy", "torch": "PyTorch"}


def free_name(folder: Path, stem: str, suffix: str = ".py") -> Path:
    """`stem.py` in `folder`, or `stem-2.py`, `stem-3.py` … : the first name not taken."""
    candidate = folder / f"{stem}{suffix}"
    n = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{n}{suffix}"
        n += 1
    return candidate


class CodeScreen(KeysWhenMounted):
    CSS_PATH = "code.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back"),
        Binding("t", "switch", "NumPy/PyTorch"),
        Binding("w", "save", "Save"),
        Binding("y", "copy", "Copy"),
        Binding("s", "share", "Share token"),
        Binding("q", "close", show=False),
    ]

    flavour: reactive[str] = reactive("numpy")
    """Which script is shown: "numpy" or "torch"."""

    def __init__(self, sim: str, params: Mapping[str, ParamValue], lesson: str | None = None,
                 flavour: str = "numpy") -> None:
        super().__init__()
        self.sim, self.params, self.lesson = sim, dict(params), lesson
        self.set_reactive(CodeScreen.flavour, flavour)
        self.text = ""
        self.token = encode(sim, self.params)
        self.saved: Path | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="code-title", markup=False)
        yield Static(_("Copying uses OSC 52, which works over SSH in terminals that allow it; if nothing "
                       "is copied, save the file (w) instead."), id="code-note", markup=False)
        with VerticalScroll(id="code-pane"):
            yield Static(id="code-text", markup=False)
        yield Static(id="code-message", markup=False)
        yield KeyFooter(compact=True, show_command_palette=False)

    PARTS = ("#code-pane", "#code-text")

    def on_mount(self) -> None:
        self._show()
        with self.unless_taken_down():
            self.query_one("#code-pane").focus()

    def watch_flavour(self) -> None:
        if self.is_mounted:
            self._show()

    def _show(self) -> None:
        try:
            self.text = script(self.sim, self.params, self.flavour, lesson=self.lesson)
            self.query_one("#code-text", Static).update(highlight(self.text, language="python"))
        except NoExporter as exc:
            self.text = ""
            self.query_one("#code-text", Static).update(render(exc.msg))
        self.query_one("#code-title", Static).update(
            _("{flavour} script of this run ({sim}) — t switches to {other}").format(
                flavour=FLAVOUR_NAMES[self.flavour], sim=self.sim,
                other=FLAVOUR_NAMES["torch" if self.flavour == "numpy" else "numpy"]))

    def _say(self, text: str) -> None:
        self.query_one("#code-message", Static).update(text)

    def action_switch(self) -> None:
        self.flavour = "torch" if self.flavour == "numpy" else "numpy"

    def action_save(self) -> None:
        if not self.text:
            self._say(_("There is no script to save for this view."))
            return
        target = free_name(Path.cwd(), f"gdtutor-{self.sim}-{self.flavour}")
        try:
            with open(target, "x", encoding="utf-8") as handle:  # "x": never over an existing file
                handle.write(self.text)
        except OSError as exc:
            self._say(_("Could not save {name}: {reason}").format(name=target.name, reason=exc.strerror or exc))
            return
        self.saved = target
        self._say(_("Saved as {name} in {folder}; run it with: python {name}").format(
            name=target.name, folder=target.parent))

    def action_copy(self) -> None:
        if not self.text:
            self._say(_("There is no script to copy for this view."))
            return
        self.app.copy_to_clipboard(self.text)
        self._say(_("Sent the script to the clipboard (OSC 52). Not every terminal allows it: if nothing "
                    "arrived, save it with w."))

    def action_share(self) -> None:
        self.app.copy_to_clipboard(self.token)
        self._say(_("Share token (sent to the clipboard too): {token}  —  gdtutor sim TOKEN runs it again").format(
            token=self.token))

    def action_close(self) -> None:
        self.app.pop_screen()
