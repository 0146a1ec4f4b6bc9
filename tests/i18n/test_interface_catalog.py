"""Every text the interface can show has a Korean translation that keeps its placeholders."""

from __future__ import annotations

import pytest

from tests.i18n_catalog import every_text, placeholders, vocabulary
from tutor.i18n import LANGUAGES, table


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return every_text()


@pytest.mark.parametrize("lang", [code for code in LANGUAGES if code != "en"])
def test_every_text_is_translated(texts: dict[str, str], lang: str) -> None:
    have = table(lang)
    missing = [f"{where}: {text!r}" for text, where in texts.items() if text not in have]
    assert not missing, f"{len(missing)} texts have no {lang} translation:\n" + "\n".join(missing[:40])


@pytest.mark.parametrize("lang", [code for code in LANGUAGES if code != "en"])
def test_translations_keep_every_placeholder(lang: str) -> None:
    wrong = [f"{english!r} -> {translated!r}" for english, translated in table(lang).items()
             if placeholders(english) != placeholders(translated)]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("lang", [code for code in LANGUAGES if code != "en"])
def test_the_table_holds_only_texts_the_interface_shows(texts: dict[str, str], lang: str) -> None:
    stale = sorted(set(table(lang)) - set(texts) - vocabulary())
    assert not stale, "translations of texts no longer shown:\n" + "\n".join(map(repr, stale[:40]))


def test_the_catalog_finds_texts_of_every_kind(texts: dict[str, str]) -> None:
    # One of each way a text reaches the screen, so that a blind spot in the search shows up here.
    for text in ("diverged at step {step}",  # a simulation's status (Msg)
                 "Challenge met — lesson complete!",  # the app (_)
                 "Home",  # a key in the footer (Binding)
                 "List the lessons in course order, with your progress.",  # a command's docstring
                 "Chart width in columns (default: terminal).",  # an option's help
                 "Show this message and exit.",  # click's own words
                 "loss per step",  # a chart title
                 "not started"):  # a word marked with N_
        assert text in texts, text
