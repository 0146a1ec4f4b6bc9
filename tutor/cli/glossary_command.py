"""`gdtutor glossary [TERM]`: the course's glossary, or one entry of it, for the terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from tutor.cli.errors import usage_error
from tutor.i18n import _, language
from tutor.text import Msg

if TYPE_CHECKING:
    from tutor.lessons.glossary import Glossary, Term


@click.command("glossary")
@click.argument("term", nargs=-1)
def glossary_command(term: tuple[str, ...]) -> None:
    """Print the glossary, or the entry for TERM (for example: gdtutor glossary learning rate)."""
    from rich.markdown import Markdown

    from tutor.cli.output import print_rich
    from tutor.lessons.content_error import ContentError
    from tutor.lessons.glossary import load_glossary

    try:
        glossary = load_glossary(lang=language())
    except ContentError as exc:
        raise click.ClickException(f"{exc.path}:{exc.line}: {exc.msg.render(_)}" if exc.path
                                   else exc.msg.render(_)) from None
    if not term:
        print_rich(Markdown(whole(glossary), hyperlinks=False))
        return
    word = " ".join(term)
    found = glossary.lookup(word)
    if found is None:
        raise usage_error(not_found(glossary, word), click.get_current_context())
    print_rich(Markdown(entry(found), hyperlinks=False))


def entry(term: Term) -> str:
    """One entry as Markdown: its heading, its other names, its text."""
    also = "*" + _("Also: {names}").format(names=", ".join(term.aliases)) + "*\n\n" if term.aliases else ""
    return f"## {term.term}\n\n{also}{term.text}"


def whole(glossary: Glossary) -> str:
    return "\n\n".join([glossary.intro, *(entry(term) for term in glossary.terms)])


def not_found(glossary: Glossary, word: str) -> Msg:
    """'no glossary entry for "X" (did you mean "Y"?)', matching the way lookup compares names."""
    from tutor.lessons.glossary import key
    from tutor.sims.params import closest

    names = {key(name): name for name in glossary.names()}
    guess = closest(key(word), tuple(names))
    if guess:
        return Msg('no glossary entry for "{word}" (did you mean "{guess}"?); "gdtutor glossary" lists '
                   "every term", word=word, guess=names[guess])
    return Msg('no glossary entry for "{word}"; "gdtutor glossary" lists every term', word=word)
