"""The help screen: the keys and how a lesson works, read from help.md beside this module.

Help is content, not code: it is a Markdown file (help.<lang>.md for another language, when there is
one), so it is edited and translated like the lessons.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from tutor.i18n import language
from tutor.tui.screens.mounted import KeysWhenMounted
from tutor.tui.widgets.footer import KeyFooter
from tutor.tui.widgets.prose import Prose
from tutor.tui.widgets.scrolling import BurstScroll

HERE = Path(__file__).parent


def help_text(lang: str | None = None) -> str:
    lang = lang or language()
    translated = HERE / f"help.{lang}.md"
    path = translated if lang != "en" and translated.is_file() else HERE / "help.md"
    return path.read_text(encoding="utf-8")


class HelpScreen(KeysWhenMounted):
    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back"),
        Binding("question_mark", "close", "Back", show=False),
        Binding("q", "close", show=False),
    ]

    def compose(self) -> ComposeResult:
        with BurstScroll(id="help-pane"):
            yield Prose(help_text(), id="help-text", open_links=False)
        yield KeyFooter(compact=True, show_command_palette=False)

    PARTS = ("#help-pane", "#help-text")

    def on_mount(self) -> None:
        with self.unless_taken_down():
            self.query_one("#help-pane").focus()

    def on_screen_resume(self) -> None:
        """The app keeps this screen between visits (tutor.tui.app, `action_help`): each opens at
        the top, as the first did."""
        if self.is_mounted:
            self.query_one("#help-pane", BurstScroll).scroll_home(animate=False, immediate=True)

    def action_close(self) -> None:
        self.app.pop_screen()
