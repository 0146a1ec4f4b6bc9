"""The in-place editor of a parameter row: what each key does to the text."""

from __future__ import annotations

from tutor.tui.widgets.line_edit import LineEdit


def test_the_first_character_typed_replaces_the_old_value() -> None:
    edit = LineEdit.start("0.1")
    assert (edit.text, edit.cursor, edit.fresh) == ("0.1", 3, True)
    edit.insert("2")
    edit.insert("5")
    assert (edit.text, edit.cursor) == ("25", 2)


def test_moving_first_keeps_the_old_value_to_change() -> None:
    edit = LineEdit.start("0.1")
    assert edit.key("end")
    edit.insert("5")
    assert edit.text == "0.15"
    assert edit.key("home")
    edit.insert("1")
    assert edit.text == "10.15"


def test_deleting() -> None:
    edit = LineEdit.start("0.1")
    assert edit.key("backspace")
    assert edit.text == ""  # the selected old value goes at once
    edit.insert("12345")
    edit.key("left")
    edit.key("left")
    edit.key("backspace")
    assert (edit.text, edit.cursor) == ("1245", 2)
    edit.key("delete")
    assert edit.text == "125"
    edit.key("ctrl+k")
    assert edit.text == "12"
    edit.key("ctrl+u")
    assert (edit.text, edit.cursor) == ("", 0)


def test_cursor_stays_inside_the_text_and_other_keys_are_not_editing_keys() -> None:
    edit = LineEdit.start("ab")
    edit.key("left")
    for _ in range(5):
        edit.key("left")
    assert edit.cursor == 0
    for _ in range(5):
        edit.key("right")
    assert edit.cursor == 2
    assert not edit.key("tab") and not edit.key("f1")


def test_unprintable_text_is_not_inserted() -> None:
    edit = LineEdit.start("")
    edit.insert("1\x1b[2\t")
    assert edit.text == "1[2"
