"""The course's glossary: a content file beside the lessons, read into terms a learner can look up.

    +++
    format = 1
    kind = "glossary"
    +++

    # Glossary

    Anything before the first `## ` heading is the introduction (Markdown, tables welcome).

    ## Learning rate
    aliases: η, eta, step size

    The entry's text, in Markdown, up to the next `## ` heading.

Each `## ` heading names one term. The first line under it may list other names the term is looked
up by, after `aliases:` (the keyword stays in English in every language). Headings inside fenced
code blocks do not count, and `###` headings belong to the entry they are in.

One file per language, side by side: `glossary.md` (English) and `glossary.<lang>.md`, for example
`glossary.ko.md`, so the languages of an entry are edited together. Reading the file needs nothing
but the standard library, so the CLI and the app can show it without loading NumPy.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from tutor.i18n import N_
from tutor.lessons import frontmatter
from tutor.lessons.content_error import ContentError
from tutor.lessons.fences import fenced_lines, find_fences, require_closed
from tutor.lessons.model import Problem
from tutor.lessons.pack import glossary_dir
from tutor.lessons.paths import default_lessons_dir
from tutor.text import Msg

FORMAT_VERSION = 1
KIND = "glossary"
MAX_BYTES = 1_000_000
GLOSSARY = N_("the glossary")
KEYS = {"format", "kind", "title"}
_HEADING = re.compile(r"^##(?!#)\s*(.*?)\s*#*\s*$")
_ALIASES = re.compile(r"^\s*aliases\s*:(.*)$", re.IGNORECASE)
#: Characters a lookup ignores, so "mini-batch", "mini batch" and "minibatch" are one word.
_JOINERS = re.compile(r"[\s\-‐‑–—_]+")
_EDGES = "`*_\"'“”‘’.,;:!?()[]{}<>"


@dataclass(frozen=True)
class Term:
    """One entry: its heading, the other names it is found by, and its text (Markdown)."""

    term: str
    aliases: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Glossary:
    """The introduction (Markdown) and the entries, in the file's order."""

    intro: str
    terms: tuple[Term, ...]

    def lookup(self, word: str) -> Term | None:
        """The entry `word` names, by its term or an alias: case, spacing, hyphens, surrounding
        punctuation and a plain English plural ending (-s, -es, -ies) do not matter."""
        index = self._index()
        for candidate in _forms(word):
            if candidate in index:
                return index[candidate]
        return None

    def names(self) -> tuple[str, ...]:
        """Every term and alias, for suggesting the closest one to a word that is not there."""
        return tuple(name for term in self.terms for name in (term.term, *term.aliases))

    def _index(self) -> dict[str, Term]:
        return {key(name): term for term in self.terms for name in (term.term, *term.aliases)}


def key(word: str) -> str:
    """How a name is compared: case-folded, without spaces, hyphens or surrounding punctuation."""
    text = unicodedata.normalize("NFKC", word).strip().strip(_EDGES).casefold()
    return _JOINERS.sub("", text)


def _forms(word: str) -> list[str]:
    """The word as given, then as the singular of a regular English plural."""
    base = key(word)
    forms = [base]
    if base.endswith("ies") and len(base) > 4:
        forms.append(base[:-3] + "y")
    if base.endswith("es") and len(base) > 3:
        forms.append(base[:-2])
    if base.endswith("s") and len(base) > 2:
        forms.append(base[:-1])
    return forms


def glossary_path(directory: Path, lang: str = "en") -> Path:
    """`glossary.md` for English, `glossary.<lang>.md` for another language (of the built-in course
    for a course pack that extends it and has no glossary of its own)."""
    directory = glossary_dir(directory)
    return directory / ("glossary.md" if lang == "en" else f"glossary.{lang}.md")


def load_glossary(directory: Path | None = None, lang: str = "en") -> Glossary:
    """The glossary of `directory` (default: the shipped course) in `lang` where that file exists (else
    in English), or ContentError (with the file's path) at its first problem."""
    path = glossary_path(directory or default_lessons_dir(), lang)
    if lang != "en" and not path.exists():
        path = glossary_path(path.parent)
    from tutor.lessons.files import decode, read_file

    try:
        return parse_glossary(decode(read_file(path, MAX_BYTES, GLOSSARY)))
    except ContentError as exc:
        raise exc.at(path) from None


def parse_glossary(text: str) -> Glossary:
    """A glossary from the file's text, or ContentError at the first problem."""
    if not text.lstrip("\ufeff").startswith(frontmatter.FENCE):
        raise ContentError(None, 1, Msg("the glossary starts with a line of +++ opening its front matter"))
    split = frontmatter.split(text)
    _check_front_matter(split)
    return _parse_body(split.body, split.body_line)


def _check_front_matter(split: frontmatter.Split) -> None:
    meta = split.meta

    def fail(key_: str, msg: Msg) -> ContentError:
        return ContentError(None, frontmatter.line_of(split, key_), msg)

    unknown = sorted(set(meta) - KEYS)
    if unknown:
        raise fail(unknown[0], Msg('unknown front matter key "{key}"; the glossary takes: {keys}',
                                   key=unknown[0], keys=", ".join(sorted(KEYS))))
    version = meta.get("format")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise fail("format", Msg("front matter needs format = {v} (the glossary format version)", v=FORMAT_VERSION))
    if version > FORMAT_VERSION:
        raise fail("format", Msg("this glossary uses format {v}, written for a newer gdtutor; this version "
                                 "reads format {mine} (upgrade gdtutor)", v=version, mine=FORMAT_VERSION))
    if meta.get("kind") != KIND:
        raise fail("kind", Msg('front matter needs kind = "{kind}"', kind=KIND))
    if "title" in meta and not isinstance(meta["title"], str):
        raise fail("title", Msg("title must be text"))


def _parse_body(body: str, first_line: int) -> Glossary:
    lines = body.splitlines()
    fences = find_fences(lines)
    require_closed(fences, first_line)
    code = fenced_lines(fences)
    intro: list[str] = []
    entries: list[tuple[int, str, list[str]]] = []  # (file line of the heading, heading, lines under it)
    for offset, line in enumerate(lines):
        opening = None if offset in code else _HEADING.match(line)
        if opening:
            entries.append((first_line + offset, opening.group(1), []))
        elif entries:
            entries[-1][2].append(line)
        else:
            intro.append(line)
    if not entries:
        raise ContentError(None, first_line, Msg('the glossary has no terms: start each one with a "## " heading'))

    terms: list[Term] = []
    seen: dict[str, tuple[str, int]] = {}
    for line_no, heading, content in entries:
        term = _entry(line_no, heading, content)
        for name in (term.term, *term.aliases):
            found = seen.get(key(name))
            if found and found[1] == line_no:
                raise ContentError(None, line_no, Msg('"{name}" names "{term}" twice (names are compared without '
                                                      "case, spaces or hyphens)", name=name, term=term.term))
            if found:
                raise ContentError(None, line_no, Msg('"{name}" is already a term or alias of "{other}" (line {line})',
                                                      name=name, other=found[0], line=found[1]))
            seen[key(name)] = (term.term, line_no)
        terms.append(term)
    return Glossary("\n".join(intro).strip() + "\n" if "".join(intro).strip() else "", tuple(terms))


def _entry(line_no: int, heading: str, content: list[str]) -> Term:
    if not key(heading):
        raise ContentError(None, line_no, Msg('a "## " heading needs the term after it'))
    aliases: tuple[str, ...] = ()
    body = list(content)
    first = next((i for i, text in enumerate(body) if text.strip()), None)
    if first is not None:
        found = _ALIASES.match(body[first])
        if found:
            names = [name.strip() for name in found.group(1).split(",")]
            if not all(key(name) for name in names):
                raise ContentError(None, line_no + 1 + first,
                                         Msg("aliases must be a comma-separated list of names, none of them empty"))
            aliases = tuple(names)
            del body[first]
    text = "\n".join(body).strip()
    if not text:
        raise ContentError(None, line_no, Msg('the term "{term}" has no text', term=heading))
    return Term(heading, aliases, text + "\n")


def glossary_problems(directory: Path | None = None, lang: str = "en") -> list[Problem]:
    """What is wrong with the glossary of `directory` in `lang`, as problems; none if there is no such
    file. A translation must hold the English entries in the same order, each naming its English term
    among its aliases, so a lookup in either language finds it."""
    directory = directory or default_lessons_dir()
    path = glossary_path(directory, lang)
    if not path.exists():
        return []
    try:
        glossary = load_glossary(directory, lang)
    except ContentError as exc:
        return [Problem(path, exc.line, exc.msg)]
    if lang == "en" or not glossary_path(directory).exists():
        return []
    try:
        english = load_glossary(directory)
    except ContentError:
        return []  # reported with the English file
    problems = []
    if len(glossary.terms) != len(english.terms):
        problems.append(Problem(path, 1, Msg("{n} terms, but glossary.md has {wanted}: translate each entry once",
                                             n=len(glossary.terms), wanted=len(english.terms))))
    for mine, theirs in zip(glossary.terms, english.terms, strict=False):
        if key(theirs.term) not in {key(name) for name in mine.aliases}:
            problems.append(Problem(path, _heading_line(path, mine.term), Msg(
                'the entry "{term}" stands where glossary.md has "{english}": list "{english}" among its aliases',
                term=mine.term, english=theirs.term)))
    return problems


def _heading_line(path: Path, term: str) -> int:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    return next((i for i, line in enumerate(lines, start=1) if _HEADING.match(line)
                 and _HEADING.match(line).group(1) == term), 1)  # type: ignore[union-attr]
