"""Bold glossary words become links; the glossary screen lists the terms a lesson mentions."""

from __future__ import annotations

import pytest

from tutor.lessons.glossary import parse_glossary
from tutor.tui.glossary_links import link_terms, term_of, terms_in

GLOSSARY = parse_glossary("""+++
format = 1
kind = "glossary"
+++

## Learning rate
aliases: η, step size

How far a step goes.

## Loss

How wrong.

## Mini-batch

A few examples.
""")


def test_bold_terms_become_links_and_other_bold_stays() -> None:
    text = "The **learning rate** sets the step; **Loss** is the error; **very** important.\n"
    linked = link_terms(text, GLOSSARY)
    assert "[**learning rate**](glossary:Learning%20rate)" in linked
    assert "[**Loss**](glossary:Loss)" in linked
    assert "**very**" in linked and "glossary:very" not in linked
    assert linked.endswith("\n")


def test_code_is_left_alone() -> None:
    text = "```\n**loss** in a fence\n```\n    **loss** indented\n`**loss**` inline **loss**\n"
    linked = link_terms(text, GLOSSARY)
    assert linked.count("glossary:") == 0
    assert link_terms("plain **loss**\n", GLOSSARY).count("glossary:") == 1


@pytest.mark.parametrize(("href", "term"), [("glossary:Learning%20rate", "Learning rate"),
                                           ("https://example.org", None), ("glossary:", "")])
def test_term_of(href: str, term: str | None) -> None:
    assert term_of(href) == term


def test_terms_in_finds_names_aliases_and_plurals_in_order_of_mention() -> None:
    text = "Each mini-batch gives a loss. Losses fall when the step size is right."
    assert [t.term for t in terms_in(text, GLOSSARY)] == ["Mini-batch", "Loss", "Learning rate"]
    assert terms_in("η alone is too short to search for", GLOSSARY) == []
    assert terms_in("glossless", GLOSSARY) == []
