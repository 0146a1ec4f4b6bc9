"""Reading and writing gettext's .po files, with nothing but the standard library.

A .po file is what a translator edits and reviews; the .mo file compiled from it is what gettext
reads at run time (tutor.locale.compile). gdtutor needs only the plain subset of the format: one
message per entry, optionally with a plural (`msgid_plural`, `msgstr[n]`), and comments. A message
context (`msgctxt`) or obsolete entries (`#~`) are refused rather than misread. Writing is the exact
inverse of reading for files in the written form, so a tool that adds entries (the catalog checker's
`--merge-toml`) leaves every line it did not change as it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_ESCAPE = re.compile(r"\\(.)")
_FIELD = re.compile(r'^(msgid|msgid_plural|msgstr(?:\[(\d+)\])?)\s+(".*")\s*$')
_STRING = re.compile(r'^(".*")\s*$')


class PoError(ValueError):
    """A .po file that is not in the subset gdtutor reads, with the line where it went wrong."""


@dataclass(frozen=True)
class Entry:
    """One message: its English text (`msgid`, with `msgid_plural` for a plural message), its
    translation (one text, or one per plural form) and the comment lines written above it."""

    msgid: str
    msgstr: tuple[str, ...] = ("",)
    msgid_plural: str | None = None
    comments: tuple[str, ...] = field(default=())

    @property
    def fuzzy(self) -> bool:
        return any(line.startswith("#,") and "fuzzy" in {flag.strip() for flag in line[2:].split(",")}
                   for line in self.comments)

    @property
    def translated(self) -> bool:
        """Whether gettext should use it: a translation for every form, and not marked fuzzy."""
        return all(self.msgstr) and not self.fuzzy


def _unquote(quoted: str, number: int) -> str:
    body = quoted[1:-1]
    if re.search(r'(?<!\\)(?:\\\\)*"', body):
        raise PoError(f"line {number}: a bare quote inside a string")

    def unescape(match: re.Match[str]) -> str:
        try:
            return _ESCAPES[match.group(1)]
        except KeyError:
            raise PoError(f"line {number}: unknown escape \\{match.group(1)}") from None

    return _ESCAPE.sub(unescape, body)


def read_po(text: str) -> list[Entry]:
    """The entries of a .po file, in file order (the header, `msgid ""`, included)."""
    entries: list[Entry] = []
    comments: list[str] = []
    fields: dict[str, str] = {}
    current: str | None = None

    def finish(number: int) -> None:
        nonlocal current
        if not fields:
            return
        if "msgid" not in fields:
            raise PoError(f"line {number}: a translation without its msgid")
        plural = fields.get("msgid_plural")
        if plural is None:
            if "msgstr" not in fields:
                raise PoError(f"line {number}: msgid {fields['msgid']!r} has no msgstr")
            msgstr: tuple[str, ...] = (fields["msgstr"],)
        else:
            forms = sorted(int(k[7:-1]) for k in fields if k.startswith("msgstr["))
            if not forms or forms != list(range(len(forms))):
                raise PoError(f"line {number}: plural msgid {fields['msgid']!r} needs msgstr[0], msgstr[1], …")
            msgstr = tuple(fields[f"msgstr[{i}]"] for i in forms)
        entries.append(Entry(fields["msgid"], msgstr, plural, tuple(comments)))
        comments.clear()
        fields.clear()
        current = None

    lines = text.splitlines()
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if not stripped:
            finish(number)
        elif stripped.startswith("#~"):
            raise PoError(f"line {number}: obsolete entries (#~) are not read; delete them")
        elif stripped.startswith("#"):
            finish(number)
            comments.append(stripped)
        elif stripped.startswith("msgctxt"):
            raise PoError(f"line {number}: message contexts (msgctxt) are not read")
        elif match := _FIELD.match(stripped):
            name = match.group(1)
            if name == "msgid" and fields:
                finish(number)
            if name in fields:
                raise PoError(f"line {number}: {name} given twice")
            fields[name] = _unquote(match.group(3), number)
            current = name
        elif (match := _STRING.match(stripped)) and current is not None:
            fields[current] += _unquote(match.group(1), number)
        else:
            raise PoError(f"line {number}: cannot read {stripped[:40]!r}")
    finish(len(lines) + 1)
    seen: set[str] = set()
    for entry in entries:
        if entry.msgid in seen:
            raise PoError(f"msgid {entry.msgid!r} appears twice")
        seen.add(entry.msgid)
    return entries


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r") \
        .replace("\n", "\\n") + '"'


def _field(name: str, text: str) -> list[str]:
    """A field on one line, or (for a text of several lines) as gettext's tools write it: an empty
    first string, then one string per line."""
    if "\n" not in text.rstrip("\n") or not text:
        return [f"{name} {_quote(text)}"]
    parts = text.splitlines(keepends=True)
    return [f'{name} ""', *(_quote(part) for part in parts)]


def write_po(entries: Iterable[Entry]) -> str:
    """The .po text of `entries`: `read_po` of it gives them back."""
    blocks = []
    for entry in entries:
        lines = list(entry.comments)
        lines += _field("msgid", entry.msgid)
        if entry.msgid_plural is None:
            lines += _field("msgstr", entry.msgstr[0])
        else:
            lines += _field("msgid_plural", entry.msgid_plural)
            for i, form in enumerate(entry.msgstr):
                lines += _field(f"msgstr[{i}]", form)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def header_fields(entries: Iterable[Entry]) -> dict[str, str]:
    """The fields of the header entry (`msgid ""`): "Language", "Plural-Forms", …"""
    for entry in entries:
        if entry.msgid == "":
            return {key.strip(): value.strip() for key, _, value in
                    (line.partition(":") for line in entry.msgstr[0].splitlines() if ":" in line)}
    return {}
