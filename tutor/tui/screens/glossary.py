"""The glossary: every term of the course, searchable, with the lesson's own terms listed first.

Opened with g from anywhere, or by clicking a linked word in a lesson. Reading it needs only the
standard library; if the glossary file is missing or broken, the screen says so and where.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.widgets import Input, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from tutor.i18n import _
from tutor.lessons.glossary import Glossary, Term, key
from tutor.tui.glossary_links import terms_in
from tutor.tui.screens.mounted import KeysWhenMounted
from tutor.tui.widgets.footer import KeyFooter
from tutor.tui.widgets.prose import Prose
from tutor.tui.widgets.scrolling import BurstScroll

if TYPE_CHECKING:
    from tutor.tui.tutor_app import Tutor

#: From this many columns on, the term list and the entry sit side by side.
SIDE_BY_SIDE = 70


def entry_markdown(term: Term) -> str:
    also = f"*{_('Also')}: {', '.join(term.aliases)}*\n\n" if term.aliases else ""
    return f"## {term.term}\n\n{also}{term.text}"


class GlossaryScreen(KeysWhenMounted):
    CSS_PATH = "glossary.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back"),
        Binding("ctrl+f", "search", "Search", key_display="ctrl+f"),
    ]

    def __init__(self, term: str = "", context: str = "") -> None:
        super().__init__()
        self.term = term
        self.context = context
        self.glossary: Glossary | None = None
        self.showing: str | None = None  # the term whose entry is shown; None: the introduction
        self._mentioned: dict[str, list[Term]] = {}

    @property
    def tutor(self) -> Tutor:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Static(_("Glossary"), id="glossary-title")
        with Horizontal(id="glossary-body"):
            with Vertical(id="glossary-index"):
                yield Input(placeholder=_("type to search"), id="glossary-search")
                yield OptionList(id="glossary-terms")
            with BurstScroll(id="glossary-entry"):
                yield Prose(id="glossary-text", open_links=False)
        yield KeyFooter(compact=True, show_command_palette=False)

    PARTS = ("#glossary-search", "#glossary-terms", "#glossary-text")

    def on_mount(self) -> None:
        with self.unless_taken_down():
            self._fill_in()

    #: What the next visit asks for (`reopen`), filled in when the screen is shown again.
    _reopened: tuple[str, str] | None = None

    def reopen(self, term: str = "", context: str = "") -> None:
        """The app keeps this screen between visits (tutor.tui.app, `show_glossary`): the next one
        starts afresh at `term`, with `context`'s terms listed first, as a new screen would."""
        self._reopened = term, context

    def on_screen_resume(self) -> None:
        if self._reopened is None or not self.is_mounted:
            return
        (self.term, self.context), self._reopened = self._reopened, None
        with self.unless_taken_down():
            search = self.query_one("#glossary-search", Input)
            with search.prevent(Input.Changed):  # (the list is filled below, once)
                search.value = ""
            self._fill_in()

    def _fill_in(self) -> None:
        self._layout()
        loaded = self.tutor.glossary()
        if not isinstance(loaded, Glossary):
            self.query_one("#glossary-text", Markdown).update(
                _("The glossary could not be read:") + f"\n\n    {loaded.path}:{loaded.line}: {loaded.msg.render(_)}\n")
            self.query_one("#glossary-search", Input).disabled = True
            return
        self.glossary = loaded
        self._fill("")
        found = loaded.lookup(self.term) if self.term else None
        if found is not None:
            self._show(found)
            self.query_one("#glossary-terms", OptionList).focus()
        else:
            self._show(None)
            self.query_one("#glossary-search", Input).focus()

    def on_resize(self) -> None:
        self._layout()

    def _layout(self) -> None:
        self.set_class(self.app.size.width < SIDE_BY_SIDE, "-stacked")

    # -- the list ---------------------------------------------------------------------------------

    def _fill(self, query: str) -> None:
        """The term list for what is typed in the search (nothing: every term, this lesson's first),
        put in with one call: OptionList lays itself out again after each option added one by one."""
        assert self.glossary is not None
        if self._filled == (query, self.context):  # (a visit again from the same lesson: as it was)
            return
        self._filled = query, self.context
        options = self.query_one("#glossary-terms", OptionList)
        options.clear_options()
        options.add_options(self._options(query))

    #: What the list was last filled for: (search, context).
    _filled: tuple[str, str] | None = None

    def _options(self, query: str) -> list[Option]:
        assert self.glossary is not None
        wanted = key(query)
        if wanted:
            exact = self.glossary.lookup(query)
            matches = [t for t in self.glossary.terms
                       if any(wanted in key(name) for name in (t.term, *t.aliases))]
            if exact is not None and exact in matches:
                matches.remove(exact)
                matches.insert(0, exact)
            if not matches:
                return [Option(Text(_("no term matches"), style="dim"), disabled=True)]
            return [Option(Text(term.term), id=f"all:{term.term}") for term in matches]
        found = [Option(Text(_("Introduction"), style="italic"), id="intro")]
        mentioned = self._mentioned_in(self.context) if self.context else []
        if mentioned:
            found.append(Option(Text(_("In this lesson"), style="bold underline"), disabled=True))
            found += [Option(Text(term.term), id=f"lesson:{term.term}") for term in mentioned]
            found.append(Option(Text(_("All terms"), style="bold underline"), disabled=True))
        return found + [Option(Text(term.term), id=f"all:{term.term}") for term in self.glossary.terms]

    def _mentioned_in(self, context: str) -> list[Term]:
        """The terms a lesson's text mentions: a search of the text for each of the glossary's two
        hundred names (30 ms), done once per lesson for the screen's life."""
        assert self.glossary is not None
        if context not in self._mentioned:
            self._mentioned[context] = terms_in(context, self.glossary)
        return self._mentioned[context]

    #: The entry's text asked for last, and the one on screen (see `_draw_entry`).
    _wanted_text: str | None = None
    _drawn_text: str | None = None
    _drawing = False

    def _show(self, term: Term | None, highlight: bool = True) -> None:
        """Show `term`'s entry (None: the introduction) and, unless the list's own highlight asked
        for it, highlight it in the list."""
        assert self.glossary is not None
        self.showing = term.term if term else None
        self._wanted_text = entry_markdown(term) if term else (self.glossary.intro or _("Pick a term on the left."))
        if not self._drawing:
            self._drawing = True
            # (not exit_on_error: an entry still being laid out as the app closes must not fail it)
            self.run_worker(self._draw_entry(), group="glossary-entry", exit_on_error=False)
        if not highlight:
            return
        options = self.query_one("#glossary-terms", OptionList)
        target = f"lesson:{term.term}" if term else "intro"
        for candidate in (target, f"all:{term.term}" if term else "intro"):
            try:
                index = options.get_option_index(candidate)
            except Exception:
                continue
            if options.highlighted != index:
                options.highlighted = index
            break

    async def _draw_entry(self) -> None:
        """Lay out the entry last asked for, and again while a newer one was asked for meanwhile.

        Markdown lays text out in the background; two updates in flight (a learner holding ↓ in the
        list) could finish in either order and leave one term highlighted beside another's entry.
        One update at a time, always the newest, cannot.
        """
        text = self.query_one("#glossary-text", Markdown)
        try:
            while self._wanted_text != self._drawn_text and self.is_attached:
                wanted = self._wanted_text
                await text.update(wanted or "")
                self._drawn_text = wanted
                with contextlib.suppress(NoMatches):  # (the screen closed meanwhile)
                    self.query_one("#glossary-entry", BurstScroll).scroll_home(animate=False)
        finally:
            self._drawing = False

    @property
    def entry_shown(self) -> bool:
        """The entry on screen is the one for the highlighted term (tests wait for this)."""
        return not self._drawing and self._drawn_text == self._wanted_text

    def _term(self, option_id: str | None) -> Term | None:
        if not option_id or option_id == "intro" or self.glossary is None:
            return None
        return self.glossary.lookup(option_id.split(":", 1)[1])

    @on(OptionList.OptionHighlighted, "#glossary-terms")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        # The option highlighted now, not the one the message was about: of ten ↓ in a burst, the
        # messages are handled after all ten moves, and moving the highlight back to the first
        # would undo the other nine.
        options = self.query_one("#glossary-terms", OptionList)
        option = options.highlighted_option
        term = self._term(option.id if option is not None else None)
        if (term.term if term else None) != self.showing:
            self._show(term, highlight=False)

    @on(OptionList.OptionSelected, "#glossary-terms")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#glossary-entry", BurstScroll).focus()

    @on(Input.Changed, "#glossary-search")
    def _search(self, event: Input.Changed) -> None:
        self._fill(event.value)
        options = self.query_one("#glossary-terms", OptionList)
        if event.value.strip() and options.option_count and options.get_option_at_index(0).id:
            options.highlighted = 0

    @on(Input.Submitted, "#glossary-search")
    def _search_done(self, event: Input.Submitted) -> None:
        self.query_one("#glossary-terms", OptionList).focus()

    def action_search(self) -> None:
        self.query_one("#glossary-search", Input).focus()

    def action_close(self) -> None:
        self.app.pop_screen()
