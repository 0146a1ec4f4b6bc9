"""Which language gdtutor speaks: --lang, else GDTUTOR_LANG, else the app's saved choice, else the locale."""

from __future__ import annotations

import pytest

from tutor import i18n
from tutor.cli.language import flag_value


@pytest.mark.parametrize(("flag", "env", "saved", "expected"), [
    ("ko", {"GDTUTOR_LANG": "en", "LANG": "en_US.UTF-8"}, "en", "ko"),
    (None, {"GDTUTOR_LANG": "ko", "LANG": "en_US.UTF-8"}, "en", "ko"),
    (None, {"GDTUTOR_LANG": "en", "LANG": "ko_KR.UTF-8"}, "ko", "en"),
    (None, {"LANG": "en_US.UTF-8"}, "ko", "ko"),
    (None, {"LANG": "ko_KR.UTF-8"}, None, "ko"),
    (None, {"LC_MESSAGES": "ko_KR.UTF-8", "LANG": "C"}, None, "ko"),
    (None, {"LC_ALL": "C", "LANG": "ko_KR.UTF-8"}, None, "en"),  # LC_ALL decides, as for the C library
    (None, {"LC_ALL": "ko_KR.eucKR"}, None, "ko"),
    (None, {"LANG": "fr_FR.UTF-8"}, None, "en"),
    (None, {}, None, "en"),
    (None, {"GDTUTOR_LANG": "klingon", "LANG": "ko_KR.UTF-8"}, None, "ko"),  # an unknown code is passed over
    # LANGUAGE, gettext's list of preferences: the first language gdtutor speaks wins over the locale
    (None, {"LANGUAGE": "ko", "LANG": "en_US.UTF-8"}, None, "ko"),
    (None, {"LANGUAGE": "fr:ko_KR:en", "LANG": "en_US.UTF-8"}, None, "ko"),
    (None, {"LANGUAGE": "en_GB:ko", "LANG": "ko_KR.UTF-8"}, None, "en"),
    (None, {"LANGUAGE": "fr:de", "LANG": "ko_KR.UTF-8"}, None, "en"),  # a list naming none of ours: English
    (None, {"LANGUAGE": ":ko:", "LC_MESSAGES": "de_DE.UTF-8"}, None, "ko"),  # empty entries are skipped
    (None, {"LANGUAGE": "ko", "LANG": "C.UTF-8"}, None, "en"),  # (as glibc does for C.UTF-8)
    (None, {"LANGUAGE": "ko", "LC_ALL": "C", "LANG": "ko_KR.UTF-8"}, None, "en"),  # the C locale ignores it
    (None, {"LANGUAGE": "ko", "LANG": "POSIX"}, None, "en"),
    (None, {"LANGUAGE": "ko"}, None, "en"),  # no locale at all is the C locale
    (None, {"LANGUAGE": "ko", "LANG": "en_US.UTF-8"}, "en", "en"),  # the app's saved choice still comes first
    (None, {"LANGUAGE": "ko", "GDTUTOR_LANG": "en", "LANG": "en_US.UTF-8"}, None, "en"),
])
def test_the_first_source_that_names_a_language_decides(flag, env, saved, expected) -> None:  # type: ignore[no-untyped-def]
    assert i18n.choose_language(flag, saved, env) == expected


@pytest.mark.parametrize(("raw", "code"), [("ko", "ko"), ("KO", "ko"), ("ko_KR.UTF-8", "ko"), ("ko-KR", "ko"),
                                           ("en_GB@euro", "en"), ("C", None), ("", None), (None, None)])
def test_codes_are_read_from_locale_names(raw, code) -> None:  # type: ignore[no-untyped-def]
    assert i18n.parse_code(raw) == code


@pytest.mark.parametrize(("args", "value"), [
    (["--lang", "ko", "list"], "ko"), (["--lang=ko"], "ko"), (["list", "--lang", "ko"], None),
    (["-V"], None), (["--lang"], None), ([], None),
])
def test_the_flag_is_read_before_the_command_name(args, value) -> None:  # type: ignore[no-untyped-def]
    assert flag_value(args) == value


def test_korean_translates_and_english_passes_through() -> None:
    with i18n.switch("ko"):
        assert i18n._("Quit") != "Quit" and i18n._("Quit").strip()
        assert i18n._("a text nobody translated") == "a text nobody translated"
        with i18n.switch("xx"):
            assert i18n.language() == "en" and i18n._("Quit") == "Quit"
        assert i18n.language() == "ko"
    assert i18n.language() == "en" and i18n._("Quit") == "Quit"


def test_a_switch_is_heard_in_the_tasks_and_copied_contexts_started_in_it() -> None:
    import asyncio
    import contextvars
    import threading

    heard: dict[str, str] = {}
    with i18n.switch("ko") as voice:
        task_context = contextvars.copy_context()
        thread = threading.Thread(target=lambda: heard.update(plain=i18n.language()))
        thread.start()
        thread.join()
        voice.use("en")  # (the app's switch: every context sharing the voice hears it)
        heard["copied"] = task_context.run(i18n.language)
        voice.use("ko")

        async def in_a_task() -> str:
            return i18n.language()

        heard["task"] = asyncio.run(in_a_task())
    assert heard == {"plain": "en", "copied": "en", "task": "ko"}
    assert i18n.language() == "en"


@pytest.mark.parametrize("damage", [b"", b"\xde\x12\x04\x95", b"not a catalog at all, just some bytes",
                                    None])  # (None: no catalog)
def test_a_missing_or_damaged_catalog_shows_english(tmp_path, monkeypatch, damage) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "ko" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    if damage is not None:
        (folder / "gdtutor.mo").write_bytes(damage)
        (folder / "gdtutor.po").write_bytes(b'msgid "Quit"\nmsgstr ')
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    monkeypatch.setattr(i18n, "_catalogs", {})
    with i18n.switch("ko"):
        assert i18n.language() == "ko" and i18n._("Quit") == "Quit"
    assert i18n.table("ko") == {}


def test_the_shipped_catalog_is_read_by_gettext() -> None:
    import gettext

    catalog = gettext.translation("gdtutor", i18n.LOCALE_DIR, languages=["ko"])
    assert catalog.gettext("Quit") == "종료"
    assert catalog.ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 1) \
        == "혹시 {possibility} 말인가요?"
    assert catalog.ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 2) \
        == "(혹시 이 가운데 하나인가요: {possibilities})"
    assert i18n.table("ko")["Quit"] == "종료"
