"""A course folder whose every text carries control sequences: for the CLI's and the app's tests.

Each sequence is one a terminal acts on (clear the screen, write the clipboard with OSC 52, move
the cursor, a carriage return that overwrites the line, a C1 CSI, BEL, DEL), put in raw where
Markdown allows it and as a TOML escape (\\u001b) inside the front matter and quiz blocks, where it
becomes a real ESC once the string is read.
"""

from __future__ import annotations

import shutil
from pathlib import Path

FIXTURES = Path(__file__).parent / "tui" / "fixtures" / "lessons"

#: Raw sequences, as they may sit in a Markdown body.
SEQUENCES = ["\x1b[2J", "\x1b]52;c;aGVsbG8=\x07", "\x1b[10;10H", "\roverwritten", "\x9b31m", "\x07", "\x7f",
             "\x1bP+q544e\x1b\\", "\x08\x08"]
#: The same, written as TOML escapes.
ESCAPED = "\\u001b[2J \\u001b]52;c;aGVsbG8=\\u0007 \\u009b31m \\r\\u001b[K"


def is_clean(text: str) -> bool:
    """No character a terminal would act on, other than line ends and tabs."""
    return not any((ord(ch) < 0x20 and ch not in "\n\t") or 0x7F <= ord(ch) <= 0x9F for ch in text)


def clean_bytes(data: bytes) -> bool:
    return is_clean(data.decode("utf-8", errors="replace"))


def hostile_course(folder: Path) -> Path:
    """The fixture course with control sequences in the bowl lesson's and the glossary's every text."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("bowl.md", "slope.md", "walk.md", "glossary.md"):
        shutil.copy(FIXTURES / name, folder / name)
    bowl = (folder / "bowl.md").read_text(encoding="utf-8")
    raw = "".join(SEQUENCES)
    bowl = bowl.replace('title = "A fixture bowl"', f'title = "A fixture bowl {ESCAPED}"')
    bowl = bowl.replace('summary = "A small', f'summary = "{ESCAPED} A small')
    bowl = bowl.replace('statement = "Make', f'statement = "{ESCAPED} Make')
    bowl = bowl.replace('"Bouncing needs', f'"{ESCAPED} Bouncing needs')
    bowl = bowl.replace("# A fixture bowl", f"# A fixture bowl {raw}\n\nText {raw} in a paragraph.", 1)
    bowl += f'\n```quiz\nquestion = "Which? {ESCAPED}"\nchoices = ["a {ESCAPED}", "b"]\nanswer = 1\n' \
            f'explain = "{ESCAPED}"\n```\n'
    (folder / "bowl.md").write_text(bowl, encoding="utf-8")
    glossary = (folder / "glossary.md").read_text(encoding="utf-8")
    glossary = glossary.replace("## Learning rate", f"## Learning rate {raw}").replace(
        "A fixture glossary", f"A fixture glossary {raw}")
    (folder / "glossary.md").write_text(glossary, encoding="utf-8")
    return folder
