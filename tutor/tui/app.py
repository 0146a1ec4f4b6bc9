"""The gdtutor app: the course on the home screen, each lesson beside its live simulation.

Start-up is what a terminal tool is first judged on, so this module and the home screen import
neither NumPy, plotext nor the Markdown widget. Once the home screen has painted, the simulation
thread pre-imports them (and the lesson screen) while the learner reads the list; opening a lesson
then costs no import at all.
"""

from __future__ import annotations

import functools
import importlib
import threading
from collections.abc import Callable, Iterable, Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.driver import Driver
from textual.screen import Screen

from tutor.i18n import LANGUAGES, _, language, render, voice
from tutor.lessons.course_cache import load_course
from tutor.lessons.model import Course
from tutor.present.glyphs import ASCII_KEYS, Glyphs, ascii_writer
from tutor.present.terminal import Terminal, detect
from tutor.progress.session import ProgressSession
from tutor.progress.store import ProgressStore
from tutor.text import Msg, visible
from tutor.tui import collector, paging_guard
from tutor.tui.commands import LessonCommands
from tutor.tui.kept_lesson import KeptLesson
from tutor.tui.palette import CommandPalette
from tutor.tui.run_commands import RunCommands
from tutor.tui.screens.home import HomeScreen

if TYPE_CHECKING:
    from tutor.lessons.content_error import ContentError
    from tutor.lessons.glossary import Glossary
    from tutor.sims.params import ParamValue
    from tutor.tui.runner import SimRunner

paging_guard.install()

#: The name Textual's file delivery carries for the screenshot key's pictures.
SCREENSHOT = "gdtutor-screenshot"

#: What the simulation thread imports ahead of need, in this order.
PRELOAD = ("numpy", "plotext", "tutor.sims.result", "tutor.plots", "tutor.plots.canvas",
           "textual.widgets.markdown", "tutor.tui.widgets.prose", "tutor.tui.screens.lesson")


#: Held while a heavy module is imported, on either thread: the UI thread opening a lesson while
#: the preload imports plotext on the simulation thread could fail inside importlib
#: (KeyError: 'plotext', seen with nine apps starting at once on two cores).
IMPORTING = threading.Lock()


def _preimport(name: str) -> None:
    with IMPORTING:
        importlib.import_module(name)


class GdtutorApp(App[None]):
    """The course and the learner's progress; screens ask it to open lessons and record progress."""

    CSS_PATH = Path(__file__).parent / "app.tcss"  # absolute: subclasses elsewhere find it too
    TITLE = "gdtutor"
    COMMANDS = App.COMMANDS | {LessonCommands, RunCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("ctrl+s", "save_screenshot", "Screenshot", show=False),
    ]
    ENABLE_COMMAND_PALETTE = True

    def __init__(self, lessons_dir: Path | None = None, store: ProgressStore | None = None,
                 terminal: Terminal | None = None, lesson_id: str | None = None,
                 values: Mapping[str, ParamValue] | None = None) -> None:
        """`lesson_id` opens that lesson over home at once, with `values` (valid for its simulation,
        checked by the caller) in place of those it would start with."""
        super().__init__()
        self.start_lesson = (lesson_id, dict(values or {})) if lesson_id else None
        self.voice = voice()  # (every task the app starts shares it: switching it relabels them all)
        self.course: Course = load_course(lessons_dir, language())
        self.lessons_dir = lessons_dir
        self.session = ProgressSession(store)
        self.kept_lesson = KeptLesson(self, self.session)
        self.terminal = terminal or detect()
        self.glyphs = Glyphs.for_terminal(self.terminal)
        self._preloaded = False
        self.collector = collector.Collector()
        self._glossary: Glossary | ContentError | None = None
        #: Where the screenshot key saves in a terminal (None: Downloads, else the current folder).
        self.screenshot_dir: Path | None = None

    @cached_property
    def runner(self) -> SimRunner:
        """The simulation thread; made on first use, which is after home has painted."""
        from tutor.tui.runner import SimRunner
        from tutor.tui.widgets.chart import chart_content

        return SimRunner(present=chart_content)

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver for this terminal; on Linux and macOS, one that passes a lone Esc on
        without waiting out a whole input step (tutor/tui/escape_driver.py)."""
        driver = super().get_driver_class()
        if driver.__name__ == "LinuxDriver" and driver.__module__ == "textual.drivers.linux_driver":
            from tutor.tui.escape_driver import EscapeDriver

            return EscapeDriver
        return driver

    def get_default_screen(self) -> Screen:
        return HomeScreen()

    def on_mount(self) -> None:
        from tutor.tui import signals

        self._restore_signals = signals.install(self)  # (SIGHUP, SIGTERM: save and restore the terminal)
        if not self.terminal.unicode:
            # Textual offers no public hook for what it writes; its driver is where the text goes.
            driver = getattr(self, "_driver", None)
            if driver is not None:
                driver.write = ascii_writer(driver.write)
        self.show_notices(self.session.take_notices())
        if self.start_lesson is not None:
            lesson_id, values = self.start_lesson
            self.start_lesson = None
            self.open_lesson(lesson_id, values)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown)):
            self.collector.input()  # (full collections wait for a pause: tutor/tui/collector.py)
        await super().on_event(event)

    def preload(self) -> None:
        """Import the heavy modules on the simulation thread; called once home has painted."""
        if self._preloaded:
            return
        self._preloaded = True
        for name in PRELOAD:
            self.runner.chore(functools.partial(_preimport, name))
        self.runner.chore(self.collector.settle)  # (see tutor/tui/collector.py)
        self.set_interval(collector.CHECK_EVERY, self.collector.tick)

    # -- lessons ----------------------------------------------------------------------------------

    def open_lesson(self, lesson_id: str, values: Mapping[str, ParamValue] | None = None) -> None:
        """Show a lesson, leaving whatever lesson (and the screens over it) was open; the lesson
        already open stays open as it is. `values` replace the ones the lesson would start with."""
        lesson = self.course.find(lesson_id)
        if lesson is None:
            self.notify(render(Msg('no lesson "{id}" in this course', id=lesson_id)), severity="error",
                        markup=False)
            return
        with IMPORTING:  # (waits for a preload import under way instead of racing it)
            from tutor.tui.screens.lesson import LessonScreen

        def showing() -> bool:
            return isinstance(self.screen, LessonScreen) and self.screen.lesson.id == lesson_id

        while len(self.screen_stack) > 1 and not showing():
            self.pop_screen()
        if showing():  # (asked twice in a row, by a double Enter in the palette: opened once)
            return
        kept = self.kept_lesson.take(lesson, values)
        self.push_screen(kept or LessonScreen(lesson, values))
        if kept is not None:
            kept.reenter()

    def leave_lesson(self, screen: Screen) -> None:
        """Home from the lesson on top, its screen kept for going back (tutor/tui/kept_lesson.py)."""
        from tutor.tui.screens.lesson import LessonScreen

        if isinstance(screen, LessonScreen) and self.screen is screen and len(self.screen_stack) > 1:
            self.kept_lesson.keep(screen)
            self.pop_screen()

    def glossary(self) -> Glossary | ContentError:
        """The course's glossary, read once; or the error that says why it cannot be read."""
        from tutor.lessons.content_error import ContentError
        from tutor.lessons.glossary import load_glossary

        if self._glossary is None:
            try:
                self._glossary = load_glossary(self.lessons_dir, language())
            except ContentError as exc:
                self._glossary = exc
        return self._glossary

    def notify(self, message: str, **options: Any) -> None:
        """Textual's notification, its text with control characters made visible (a notice may quote a
        path or a value from a file, and a toast is drawn straight onto the terminal)."""
        if isinstance(options.get("title"), str):
            options["title"] = visible(options["title"])
        super().notify(visible(message), **options)

    def show_notices(self, notices: list[Msg]) -> None:
        for notice in notices:
            self.notify(render(notice), severity="warning", timeout=12, markup=False)

    # -- language ---------------------------------------------------------------------------------

    def action_switch_language(self) -> None:
        """The next language gdtutor speaks, for every screen from now on and the next start too."""
        codes = list(LANGUAGES)
        self.use_language(codes[(codes.index(language()) + 1) % len(codes)])

    def use_language(self, code: str) -> None:
        self.voice.use(code)
        self.session.set_setting("lang", language())
        self.course = load_course(self.lessons_dir, language())
        self._glossary = None
        self.save_open_lessons()
        self.kept_lesson.drop()
        reopen = next((s.lesson.id for s in self.screen_stack if hasattr(s, "lesson")), None)
        while len(self.screen_stack) > 1:
            self.pop_screen()
        home = self.screen_stack[0]
        if isinstance(home, HomeScreen):
            home.refresh_course()
        home.refresh_bindings()
        if reopen:
            self.open_lesson(reopen)
        self.notify(_("Language: {name}").format(name=LANGUAGES[language()]), markup=False)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own commands in the palette, named in the learner's language (its screenshot is
        the screenshot key's, which names the file and says where it went in that language too)."""
        for command in super().get_system_commands(screen):
            if command.title == "Screenshot":
                command = command._replace(callback=lambda: self.set_timer(0.1, self.action_save_screenshot))
            yield command._replace(title=_(command.title), help=_(command.help))

    def action_command_palette(self) -> None:
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(CommandPalette(placeholder=_("Search for commands…"), id="--command-palette"))

    def get_key_display(self, binding: Binding) -> str:
        shown = super().get_key_display(binding)
        return shown if self.terminal.unicode else ASCII_KEYS.get(shown, shown)

    # -- actions ----------------------------------------------------------------------------------

    def _kept(self, kind: str, make: Callable[[], Screen]) -> tuple[Screen, bool]:
        """The screen of `kind` kept for the language spoken now, made with `make` (and installed,
        so closing it does not take it down) the first time; and whether it was kept from before."""
        name = f"{kind}-{language()}"
        if self.is_screen_installed(name):
            return self.get_screen(name), True
        screen = make()
        self.install_screen(screen, name)
        return screen, False

    def action_help(self) -> None:
        """Help, built once per language and kept: its tables are a hundred widgets, 0.4–0.6 s to
        build on a 2-core machine, and the page never changes while gdtutor runs."""
        from tutor.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(self._kept("help", HelpScreen)[0])

    def action_glossary(self, term: str = "") -> None:
        self.show_glossary(term)

    def show_glossary(self, term: str = "", context: str = "") -> None:
        """The glossary at `term` (with the terms of `context`, a lesson's text, listed first),
        built once per language and kept, like help: its list and entry take 0.1–0.2 s to build."""
        from tutor.tui.screens.glossary import GlossaryScreen

        if isinstance(self.screen, GlossaryScreen):
            return
        screen, kept = self._kept("glossary", lambda: GlossaryScreen(term=term, context=context))
        if kept:
            assert isinstance(screen, GlossaryScreen)
            screen.reopen(term, context)
        self.push_screen(screen)

    def action_save_screenshot(self) -> None:
        """The screen as an SVG picture: saved to the Downloads folder in a terminal, downloaded by
        the browser under `gdtutor serve` (Textual's delivery does both)."""
        import io
        import time

        lesson = getattr(self.screen, "lesson", None)
        name = f"gdtutor-{lesson.id if lesson else 'home'}-{time.strftime('%Y%m%d-%H%M%S')}.svg"
        title = f"gdtutor — {lesson.title}" if lesson else "gdtutor"
        self.deliver_text(io.StringIO(self.export_screenshot(title=title)), save_directory=self._picture_dir(),
                          save_filename=name, mime_type="image/svg+xml", name=SCREENSHOT)

    def _picture_dir(self) -> Path:
        """The Downloads folder where there is one, else the folder gdtutor was started in (a server
        reached over SSH often has no Downloads)."""
        if self.screenshot_dir is not None:
            return self.screenshot_dir
        from platformdirs import user_downloads_path

        downloads = user_downloads_path()
        return downloads if downloads.is_dir() else Path.cwd()

    def on_delivery_complete(self, event: events.DeliveryComplete) -> None:
        if event.name == SCREENSHOT:
            where = str(event.path) if event.path else _("your browser's downloads")
            self.notify(_("Screenshot saved: {where}").format(where=where), markup=False)

    def on_delivery_failed(self, event: events.DeliveryFailed) -> None:
        if event.name == SCREENSHOT:
            reason = getattr(event.exception, "strerror", None) or str(event.exception)
            self.notify(_("The screenshot could not be saved: {reason}").format(reason=reason),
                        severity="error", markup=False)

    async def action_quit(self) -> None:
        self.save_open_lessons()
        self.exit()

    def save_open_lessons(self) -> None:
        """Write every open lesson's pending values before the app goes away."""
        for screen in self.screen_stack:
            flush = getattr(screen, "save_now", None)
            if callable(flush):
                flush()

    def on_unmount(self) -> None:
        getattr(self, "_restore_signals", lambda: None)()
        self.save_open_lessons()
        if "runner" in self.__dict__:  # (made only if something ran)
            self.runner.stop()


def run_app(lesson_id: str | None = None, values: Mapping[str, ParamValue] | None = None) -> None:
    """`gdtutor` in a terminal; `gdtutor open` passes the lesson to open and its starting values."""
    GdtutorApp(lesson_id=lesson_id, values=values).run()
