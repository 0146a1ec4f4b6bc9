"""Which glossary terms a lesson uses, and links from its bold words to their entries.

Lessons set a new word in bold where they introduce it (**curvature**); when the glossary has that
word, the bold text becomes a link the learner can click, and the glossary screen lists every term
the lesson mentions first, so a keyboard user reaches them just as fast.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

from tutor.lessons.fences import fenced_lines, find_fences
from tutor.lessons.glossary import Glossary, Term

SCHEME = "glossary:"
#: Bold text; it may be followed by a Korean particle (**곡률**은), not by a Latin letter or digit.
_BOLD = re.compile(r"(?<![\w*])\*\*([^*\n]+?)\*\*(?![A-Za-z0-9_*])")
#: "학습률(learning rate)": a term with its English name after it.
_GLOSSED = re.compile(r"^(.*?)\s*\((.+)\)$")
_INLINE_CODE = re.compile(r"`[^`\n]*`")
#: Names shorter than this (η, w) are too common to be searched for in running text.
MIN_SCAN_LENGTH = 3
#: Korean names of two syllables (편향, 손실) are words of their own.
MIN_SCAN_LENGTH_WIDE = 2


def link_terms(markdown: str, glossary: Glossary) -> str:
    """`markdown` with every bold glossary word made a link to its entry; code is left alone."""
    out: list[str] = []
    lines = markdown.splitlines()
    code = fenced_lines(find_fences(lines))
    for number, line in enumerate(lines):
        if number in code or line.startswith(("    ", "\t")) or ("`" in line and _has_bold_in_code(line)):
            out.append(line)
            continue
        out.append(_BOLD.sub(lambda m: _link(m, glossary), line))
    return "\n".join(out) + ("\n" if markdown.endswith("\n") else "")


def _has_bold_in_code(line: str) -> bool:
    return any("**" in span for span in _INLINE_CODE.findall(line))


def _link(match: re.Match[str], glossary: Glossary) -> str:
    term = _lookup(match.group(1), glossary)
    if term is None:
        return match.group(0)
    return f"[**{match.group(1)}**]({SCHEME}{quote(term.term)})"


def _lookup(text: str, glossary: Glossary) -> Term | None:
    term = glossary.lookup(text)
    glossed = _GLOSSED.match(text)
    if term is None and glossed:
        term = glossary.lookup(glossed.group(1)) or glossary.lookup(glossed.group(2))
    return term


def term_of(href: str) -> str | None:
    """The term a link made by `link_terms` points to, or None for any other link."""
    return unquote(href[len(SCHEME):]) if href.startswith(SCHEME) else None


def terms_in(text: str, glossary: Glossary) -> list[Term]:
    """The glossary terms `text` mentions (by name or alias, any case), in order of first mention."""
    lowered = text.casefold()
    found: list[tuple[int, int, Term]] = []
    for order, term in enumerate(glossary.terms):
        first = None
        for name in (term.term, *term.aliases):
            if len(name) < (MIN_SCAN_LENGTH if name.isascii() else MIN_SCAN_LENGTH_WIDE):
                continue
            # A Korean word takes its particle directly after it (학습률이), so only Latin letters end it.
            end = r"(?![A-Za-z0-9_])" if not name.isascii() else r"(?:e?s)?(?!\w)"
            hit = re.search(rf"(?<![A-Za-z0-9_]){re.escape(name.casefold())}{end}", lowered)
            if hit and (first is None or hit.start() < first):
                first = hit.start()
        if first is not None:
            found.append((first, order, term))
    return [term for _, _, term in sorted(found, key=lambda item: (item[0], item[1]))]
