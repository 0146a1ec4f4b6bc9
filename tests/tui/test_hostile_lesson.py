"""A lesson file's text is shown as text in the app: no markup runs, no link opens, no format field fills.

Textual reads `[@click=app.quit]…[/]` in markup as an action to run on a click, and Python fills
`{…}` fields given to str.format. A lesson whose title, summary, challenge, hints, quiz and body are
full of both is opened, clicked and completed; every piece of it must appear literally, the app
must keep running, and a link in its text must not be opened (the learner is told where it goes).
"""

from __future__ import annotations

import webbrowser
from pathlib import Path

from tests.tui.conftest import settled, until
from tests.tui.test_lesson_screen import notes, row, type_value
from tutor.tui.screens.home import HomeScreen
from tutor.tui.screens.lesson import LessonScreen
from tutor.tui.widgets.challenge import ChallengePanel
from tutor.tui.widgets.quiz import QuizPanel

QUIT = "[@click=app.quit]"
LESSON = '''+++
format = 1
id = "hostile"
title = "[@click=app.quit]Quit[/] {0.__class__} [b]bold?[/b]"
order = 1
sim = "lr-overshoot"
summary = "[@click=app.bell]ring[/] {summary}"
controls = ["lr"]

[params]
lr = 0.1
a = 4.0

[solution]
lr = 0.35

[challenge]
statement = "[@click=app.quit]Click me[/] {values} %s"
condition = 'regime == "oscillating" and final_loss < 0.01'
hints = ["[@click=app.quit]hint[/] {n} of {total}"]
+++

# [@click=app.quit]Heading[/]

Read [the source](https://example.com/track?id={0}) or <script>alert(1)</script> [@click=app.quit]here[/].

```quiz
question = "[@click=app.quit]q[/] {0}"
choices = ["[red]a[/]", "{values}"]
answer = 1
explain = "[@click=app.quit]because[/]"
```
'''


def text_of(widget) -> str:  # type: ignore[no-untyped-def]
    return str(widget.render())


async def test_a_lesson_full_of_markup_and_format_fields_is_only_text(make_app, tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "hostile.md").write_text(LESSON, encoding="utf-8")
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url))
    app = make_app(lessons=tmp_path)
    monkeypatch.setattr(app, "open_url", lambda url, **k: opened.append(url))
    seen = notes(app)
    async with app.run_test(size=(130, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        await pilot.click("#lesson-list")
        await pilot.press("enter")
        screen = await settled(pilot)
        assert isinstance(screen, LessonScreen)
        title = text_of(screen.query_one("#lesson-title"))
        assert f"{QUIT}Quit[/] {{0.__class__}} [b]bold?[/b]" in title
        await pilot.click("#lesson-title")
        await pilot.click("#challenge")
        assert app.is_running
        challenge = screen.query_one(ChallengePanel)
        assert f"{QUIT}Click me[/] {{values}} %s" in challenge.text
        await pilot.press("h")
        assert f"{QUIT}hint[/] {{n}} of {{total}}" in challenge.text
        quiz = screen.query_one(QuizPanel)
        assert f"{QUIT}q[/] {{0}}" in quiz.text and "[red]a[/]" in quiz.text and "{values}" in quiz.text
        await pilot.press("1")
        assert f"{QUIT}because[/]" in quiz.text
        link = next(p for p in screen.query("MarkdownParagraph") if "the source" in text_of(p))
        offset = text_of(link).index("the source")
        await pilot.click(link, offset=(offset + 2, 0))
        await until(pilot, lambda: any("example.com/track" in m for m in seen), "the link's address, told")
        assert opened == []
        row(screen, "lr").focus()
        await type_value(pilot, "0.35")  # met: the notification carries the title, as text
        await until(pilot, lambda: any("Challenge met" in m for m in seen), "the challenge met")
        assert app.is_running and isinstance(app.screen, LessonScreen)
