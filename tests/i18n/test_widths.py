"""Text measured in terminal columns: a Korean syllable is two, a combining mark none."""

from __future__ import annotations

from tutor.plots import ChartOptions, render
from tutor.sims import get_spec
from tutor.widths import cell_width, clip, ljust, squeeze_wide


def test_columns_of_text() -> None:
    assert cell_width("loss") == 4
    assert cell_width("손실") == 4
    assert cell_width("학습률 η") == 8
    assert cell_width("e\u0301") == 1  # é as e + combining acute
    assert cell_width("\x1b[31m손\x1b[0m") == 2


def test_clipping_and_padding_count_columns() -> None:
    assert clip("가중치와 편향", 7) == "가중치…"
    assert cell_width(clip("가중치와 편향", 8)) <= 8
    assert clip("weights", 7) == "weights" and clip("weights", 4) == "wei…"
    assert ljust("손실", 6) == "손실  "


def test_squeezing_takes_one_space_of_padding_per_wide_character() -> None:
    built = "│ 손실" + " " * 7 + "│"  # 12 characters, laid out as if each took one column
    assert squeeze_wide(built) == "│ 손실     │"
    assert cell_width(squeeze_wide(built)) == len(built)
    assert squeeze_wide("  이번 실행      │") == "  이번 실행  │"  # the space between words stays
    assert squeeze_wide("ascii   only") == "ascii   only"


def test_a_chart_with_korean_titles_and_legends_keeps_its_width() -> None:
    words = {"loss per step": "스텝별 손실", "this run": "이번 실행", "step": "스텝"}
    result = get_spec("landscape").run({})
    for width in (60, 80, 121):
        chart = render(result, ChartOptions(width, 20, color=True, unicode=True,
                                            translate=lambda s: words.get(s, s)))
        assert "스텝별 손실" in chart
        assert {cell_width(line) for line in chart.splitlines()} == {width}


def test_a_legend_with_a_curve_behind_it_keeps_the_frame_straight() -> None:
    built = "│ ▞▞ 역전파: 2 ⠉⠉⠒⠒│"  # the curve runs right up to the frame: no padding to take
    assert cell_width(squeeze_wide(built)) == len(built)
    assert squeeze_wide(built) == "│ ▞▞ 역전파: 2 ⠉│"


def test_widths_agree_with_the_cells_textual_lays_out() -> None:
    from rich.cells import cell_len

    from tutor.widths import cell_width, clip

    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # one emoji sequence, two columns in Rich
    for text in ("plain", "학습률 η", "e\u0301te\u0301", "soft\u00adhyphen", "\u2764\ufe0f ok", family + "x"):
        assert cell_width(text) == cell_len(text)
    clipped = clip(family + family + "abc", 5)
    assert clipped == family + family + "…" and cell_len(clipped) <= 5  # sequences kept whole
    assert clip("학습률", 4) == "학…"
