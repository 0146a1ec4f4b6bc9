"""The home screen: the course in order, where the learner stands, and Enter to carry on.

Home is the first thing painted, so it imports only Textual's light widgets and gdtutor's plain
modules: no NumPy, no plotext, no Markdown widget (the app pre-imports those once home is up).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tutor.i18n import N_, _, render
from tutor.lessons.model import Lesson
from tutor.present import course as course_view
from tutor.present import standing
from tutor.tui.frame_timer import PacedFrames
from tutor.tui.widgets.footer import KeyFooter
from tutor.widths import cell_width, clip, ljust

if TYPE_CHECKING:
    from tutor.tui.tutor_app import Tutor

#: Seconds after home is mounted before NumPy and plotext are imported in the background: long enough
#: for the first frame to reach the terminal (Textual writes it from a thread of its own, and the
#: imports would compete with it for the interpreter), short next to a learner's first keypress.
PRELOAD_DELAY = 0.3

#: From this many rows on, home has room for the highlighted lesson's summary under the list.
SUMMARY_HEIGHT = 30
#: Digits typed within this many seconds of each other make one number (1 then 4: lesson 14).
NUMBER_PAUSE = 1.5

STATE_TEXT = {"not-started": N_("not started"), "in-progress": N_("in progress"), "complete": N_("challenge met")}


class HomeScreen(PacedFrames):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "continue", "Continue"),
        Binding("r", "review", "Review"),
        Binding("1", "number(1)", "Lesson no.", key_display="1-9"),
        *(Binding(str(n % 10), f"number({n % 10})", show=False) for n in range(2, 11)),
        Binding("g", "app.glossary", "Glossary"),
        # Named by the language it switches to (the footer translates "한국어" to "English" in Korean).
        Binding("l", "app.switch_language", "한국어"),
        Binding("q", "app.quit", "Quit"),
    ]

    @property
    def tutor(self) -> Tutor:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Static(id="home-title")
        yield Static(id="home-overview")
        yield Static(id="course-map")
        yield OptionList(id="lesson-list")
        yield Static(id="lesson-summary")
        yield KeyFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#lesson-list", OptionList).focus()
        # Once home is on screen, warm the simulation thread up while the learner reads.
        self.set_timer(PRELOAD_DELAY, self.tutor.preload)

    _drawn_width = 0

    def on_resize(self) -> None:
        self.query_one("#lesson-summary").display = self.app.size.height >= SUMMARY_HEIGHT
        width = self.query_one("#lesson-list", OptionList).scrollable_content_region.width
        if width and width != self._drawn_width:
            self.refresh_course()

    def on_screen_resume(self) -> None:
        """First shown, or back from a lesson: the course as it stands, that lesson highlighted."""
        self._typed = ""  # a number typed before the lesson opened is not the start of a new one
        self.refresh_course()

    # -- drawing ----------------------------------------------------------------------------------

    def refresh_course(self) -> None:
        """Draw the course as the progress now stands, the lesson Enter opens highlighted."""
        app = self.tutor
        course, progress, glyphs = app.course, app.session.progress, app.glyphs
        complete, quiz = course_view.totals(course, progress)
        total = len(course.lessons)
        title = Content.assemble(("gdtutor", "bold"), " — ", _("how neural networks learn"))
        self.query_one("#home-title", Static).update(title)

        overview = [_("{done} of {total} lessons complete").format(done=complete, total=total)]
        if quiz.answered:
            overview.append(_("quiz {right} of {answered} right").format(right=quiz.right, answered=quiz.answered))
        now = app.session.clock()
        overview.extend(standing.overall(course, progress, now))
        if course.lessons:
            resume = course.lessons[course_view.resume_index(course, progress)]
            verb = _("continue") if progress.last_lesson == resume.id else _("start")
            overview.append(_("Enter: {verb} with “{title}”").format(verb=verb, title=_(resume.title)))
        else:
            overview.append(_("no lessons could be loaded"))
        self.query_one("#home-overview", Static).update(
            Content("  ·  ".join(overview[:-1]) + "\n" + overview[-1] + "\n"
                    + standing.review_line(course, progress, now)))
        self.query_one("#course-map", Static).update(self._course_map())

        options = self.query_one("#lesson-list", OptionList)
        width = options.scrollable_content_region.width or self._expected_width()
        self._drawn_width = width
        # (all in one call: OptionList lays itself out again after each option added one by one)
        listed: list[Option] = []
        groups = course_view.parts(course)
        named = any(part.title for part in groups)
        number = 0
        for part in groups:
            if named and part.title:
                listed.append(Option(Text(_(part.title), style="bold underline"), disabled=True))
            for lesson in part.lessons:
                number += 1
                listed.append(Option(self._lesson_prompt(number, lesson, width), id=lesson.id))
        for path, problem in course.broken.items():
            where = f"{path.name}:{problem.line}" if problem.line else path.name
            text = Text(f"{glyphs.broken}     {where}: ", style="red")
            text.append(render(problem.msg))
            listed.append(Option(text, disabled=True))
        options.clear_options()
        options.add_options(listed)
        if course.lessons:
            options.highlighted = options.get_option_index(resume.id)

    def _expected_width(self) -> int:
        """The list's inner width before its first layout: the screen less margins, padding and a
        scrollbar if the lessons will not fit (a good guess saves drawing the list twice)."""
        course = self.tutor.course
        rows = len(course.lessons) + len(course.broken) + len(course_view.parts(course))
        header = 7 + len(course_view.parts(course))
        return self.app.size.width - 4 - (2 if rows > self.app.size.height - header else 0)

    def _lesson_prompt(self, number: int, lesson: Lesson, width: int) -> Content:
        """`✓  4 Title …  quiz 2/3  complete`: plain content padded to the list's width (Rich tables
        would align it too, but cost a frame's worth of time to render twenty of them)."""
        app = self.tutor
        progress, glyphs = app.session.progress, app.glyphs
        state = course_view.status(lesson, progress)
        mark = glyphs.for_status(state)
        right = [_(STATE_TEXT[state])] if state != "not-started" else []
        right[:0] = standing.lesson_tail(lesson, progress, app.session.clock())
        left = f"{mark} {number:>2}  "
        tail = "  ".join(right)
        room = max(0, width - cell_width(left) - cell_width(tail) - (2 if tail else 0))
        title = clip(_(lesson.title), room)
        style = {"complete": "green", "in-progress": "yellow"}.get(state, "")
        gap = " " * max(0, width - cell_width(left) - cell_width(title) - cell_width(tail)) if tail else ""
        return Content.assemble((left, style), title, gap, (tail, "dim"))

    def _course_map(self) -> Content:
        """One line per part (or one for the whole path): a mark per lesson and the part's count."""
        app = self.tutor
        progress, glyphs = app.session.progress, app.glyphs
        groups = course_view.parts(app.course)
        if not groups:
            return Content("")
        width = max(cell_width(_(part.title)) for part in groups)
        lines = []
        for part in groups:
            marks = "".join(glyphs.for_status(progress.status(lesson.id)) for lesson in part.lessons)
            done = sum(progress.status(lesson.id) == "complete" for lesson in part.lessons)
            label = ljust(_(part.title), width) if width else _("Course map")
            lines.append(Content(f"{label}  {marks}  {done}/{len(part.lessons)}"))
        return Content("\n").join(lines)

    @on(OptionList.OptionHighlighted, "#lesson-list")
    def _show_summary(self, event: OptionList.OptionHighlighted) -> None:
        lesson = self.tutor.course.find(event.option.id) if event.option.id else None
        summary = _(lesson.summary) if lesson is not None and lesson.summary else ""
        self.query_one("#lesson-summary", Static).update(Content(summary))

    # -- acting -----------------------------------------------------------------------------------

    _typed = ""
    _typed_at = 0.0

    def action_number(self, digit: int) -> None:
        """Highlight the lesson with this number (two digits typed quickly: 1, 4 is lesson 14);
        Enter opens it."""
        course = self.tutor.course
        now = time.monotonic()
        typed = self._typed + str(digit) if now - self._typed_at < NUMBER_PAUSE else str(digit)
        if not 1 <= int(typed) <= len(course.lessons):
            typed = str(digit)
        self._typed, self._typed_at = typed, now
        number = int(typed)
        if 1 <= number <= len(course.lessons):
            options = self.query_one("#lesson-list", OptionList)
            options.highlighted = options.get_option_index(course.lessons[number - 1].id)

    @on(OptionList.OptionSelected, "#lesson-list")
    def _open(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.tutor.open_lesson(event.option.id)

    def action_review(self) -> None:
        from tutor.tui.screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen())

    def action_continue(self) -> None:
        course = self.tutor.course
        if course.lessons:
            self.tutor.open_lesson(course.lessons[course_view.resume_index(course, self.tutor.session.progress)].id)
