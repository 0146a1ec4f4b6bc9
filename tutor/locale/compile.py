"""Compiling the .po catalogs into the .mo files gettext reads, with nothing but the standard library.

gdtutor loads its translations with the standard library's `gettext.translation`, which reads only
compiled .mo files; GNU msgfmt or Babel would compile them too, but neither should be needed to
change a word. The .mo files are committed next to their .po files (so an installed gdtutor needs no
build step), and tests/i18n checks that each one is exactly the compilation of its .po. The layout
follows GNU msgfmt: a little-endian header, the sorted original and translated strings, no hash
table (gettext readers do not need one). Entries that are untranslated or marked fuzzy are left out,
so gettext shows the English for them.

    python -m tutor.locale.compile          # rewrite every .mo whose .po changed
    python -m tutor.locale.compile --check  # list the stale ones and fail, changing nothing
"""

from __future__ import annotations

import struct
import sys
from collections.abc import Iterable
from pathlib import Path

from tutor.locale.po import Entry, read_po

MAGIC = 0x950412DE
LOCALE_DIR = Path(__file__).parent
DOMAIN = "gdtutor"


def mo_bytes(entries: Iterable[Entry]) -> bytes:
    """The .mo file of a catalog's entries (the header is kept even though its msgid is empty)."""
    messages: dict[bytes, bytes] = {}
    for entry in entries:
        if entry.msgid and not entry.translated:
            continue
        original = entry.msgid if entry.msgid_plural is None else f"{entry.msgid}\0{entry.msgid_plural}"
        messages[original.encode("utf-8")] = "\0".join(entry.msgstr).encode("utf-8")
    keys = sorted(messages)
    originals = b"".join(key + b"\0" for key in keys)
    translations = b"".join(messages[key] + b"\0" for key in keys)
    count = len(keys)
    originals_at = 7 * 4 + 16 * count
    translations_at = originals_at + len(originals)
    table: list[int] = []
    position = 0
    for key in keys:
        table += [len(key), originals_at + position]
        position += len(key) + 1
    position = 0
    for key in keys:
        table += [len(messages[key]), translations_at + position]
        position += len(messages[key]) + 1
    header = struct.pack("<7I", MAGIC, 0, count, 7 * 4, 7 * 4 + 8 * count, 0, 0)
    return header + struct.pack(f"<{len(table)}I", *table) + originals + translations


def catalogs(root: Path = LOCALE_DIR) -> list[Path]:
    """Every .po file of gdtutor's domain: `<code>/LC_MESSAGES/gdtutor.po`."""
    return sorted(root.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def compiled(po: Path) -> bytes:
    return mo_bytes(read_po(po.read_text(encoding="utf-8")))


def stale(root: Path = LOCALE_DIR) -> list[Path]:
    """The .po files whose .mo is missing or not their compilation."""
    out = []
    for po in catalogs(root):
        mo = po.with_suffix(".mo")
        if not mo.is_file() or mo.read_bytes() != compiled(po):
            out.append(po)
    return out


def main(argv: list[str]) -> int:
    behind = stale()
    if "--check" in argv:
        for po in behind:
            print(f"{po.with_suffix('.mo')} is not the compilation of {po.name}", file=sys.stderr)
        return 1 if behind else 0
    for po in behind:
        po.with_suffix(".mo").write_bytes(compiled(po))
        print(f"compiled {po.with_suffix('.mo')}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
