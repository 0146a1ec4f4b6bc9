"""The gettext catalogs: each shipped .mo is the compilation of its .po, the compiler writes what the
standard library's gettext reads, and the .po reader refuses what it would misread."""

from __future__ import annotations

import gettext
import io
import struct
import subprocess
import sys

import pytest

from tutor.i18n import LANGUAGES, LOCALE_DIR
from tutor.locale.compile import catalogs, mo_bytes, stale
from tutor.locale.po import Entry, PoError, header_fields, read_po, write_po

SAMPLE = r'''# a translator's note
msgid ""
msgstr ""
"Language: ko\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

msgid "Quit"
msgstr "종료"

#: tutor/cli/__init__.py
msgid ""
"Two lines,\n"
"with \"quotes\" and a \\ backslash"
msgstr ""
"두 줄,\n"
"\"따옴표\"와 \\ 역슬래시"

msgid "Did you mean {possibility}?"
msgid_plural "(Did you mean one of: {possibilities}?)"
msgstr[0] "혹시 {possibility}?"
msgstr[1] "(혹시 이 가운데 하나: {possibilities})"

msgid "Not translated yet"
msgstr ""

#, fuzzy
msgid "A guess"
msgstr "추측"
'''


def test_every_language_but_english_has_a_catalog() -> None:
    assert sorted(po.parent.parent.name for po in catalogs()) == sorted(set(LANGUAGES) - {"en"})


@pytest.mark.parametrize("po", catalogs(), ids=lambda path: path.parent.parent.name)
def test_the_shipped_mo_is_the_compilation_of_its_po(po) -> None:  # type: ignore[no-untyped-def]
    assert po.with_suffix(".mo").read_bytes() == mo_bytes(read_po(po.read_text(encoding="utf-8"))), \
        "the .mo is stale: run python -m tutor.locale.compile"
    assert po not in stale()


@pytest.mark.parametrize("po", catalogs(), ids=lambda path: path.parent.parent.name)
def test_the_shipped_po_is_in_the_written_form(po) -> None:  # type: ignore[no-untyped-def]
    text = po.read_text(encoding="utf-8")
    entries = read_po(text)
    assert write_po(entries) == text  # (so --merge-toml changes only the lines it means to)
    header = header_fields(entries)
    assert header["Language"] == po.parent.parent.name
    assert "charset=UTF-8" in header["Content-Type"]


def test_the_check_fails_when_a_po_changed_and_the_mo_did_not(tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "ko" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "gdtutor.po").write_text(SAMPLE, encoding="utf-8")
    assert stale(tmp_path) == [folder / "gdtutor.po"]  # no .mo yet
    (folder / "gdtutor.mo").write_bytes(mo_bytes(read_po(SAMPLE)))
    assert stale(tmp_path) == []
    (folder / "gdtutor.po").write_text(SAMPLE.replace("종료", "끝내기"), encoding="utf-8")
    assert stale(tmp_path) == [folder / "gdtutor.po"]


def test_the_check_command_reports_a_clean_tree() -> None:
    done = subprocess.run([sys.executable, "-m", "tutor.locale.compile", "--check"], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_gettext_reads_what_the_compiler_writes() -> None:
    catalog = gettext.GNUTranslations(io.BytesIO(mo_bytes(read_po(SAMPLE))))
    assert catalog.gettext("Quit") == "종료"
    assert catalog.gettext('Two lines,\nwith "quotes" and a \\ backslash') == '두 줄,\n"따옴표"와 \\ 역슬래시'
    assert catalog.ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 1) \
        == "혹시 {possibility}?"
    assert catalog.ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 3) \
        == "(혹시 이 가운데 하나: {possibilities})"
    assert catalog.gettext("Not translated yet") == "Not translated yet"  # left out, so English shows
    assert catalog.gettext("A guess") == "A guess"  # fuzzy: left out too
    assert catalog.info()["language"] == "ko"


def test_the_mo_layout_is_gnu_msgfmts() -> None:
    data = mo_bytes(read_po(SAMPLE))
    magic, revision, count, originals, translations, hash_size, _ = struct.unpack("<7I", data[:28])
    assert (magic, revision, count, originals, translations, hash_size) == (0x950412DE, 0, 4, 28, 28 + 8 * 4, 0)
    keys = []
    for i in range(count):
        length, offset = struct.unpack("<2I", data[originals + 8 * i: originals + 8 * i + 8])
        assert data[offset + length] == 0  # each string ends in NUL
        keys.append(data[offset: offset + length])
    assert keys == sorted(keys) and keys[0] == b""  # sorted, the header first
    assert b"Did you mean {possibility}?\0(Did you mean one of: {possibilities}?)" in keys


def test_reading_and_writing_give_back_the_entries() -> None:
    entries = read_po(SAMPLE)
    assert [e.msgid for e in entries] == ["", "Quit", 'Two lines,\nwith "quotes" and a \\ backslash',
                                          "Did you mean {possibility}?", "Not translated yet", "A guess"]
    assert entries[2].comments == ("#: tutor/cli/__init__.py",)
    assert entries[3].msgid_plural == "(Did you mean one of: {possibilities}?)" and len(entries[3].msgstr) == 2
    assert entries[5].fuzzy and not entries[5].translated and not entries[4].translated
    assert read_po(write_po(entries)) == entries
    assert write_po([Entry("a\tb", ("c",))]) == 'msgid "a\\tb"\nmsgstr "c"\n'


@pytest.mark.parametrize("text", [
    'msgctxt "menu"\nmsgid "Quit"\nmsgstr "종료"\n',
    'msgid "Quit"\nmsgstr "\\q"\n',
    'msgid "Quit"\nmsgstr "a"\n\nmsgid "Quit"\nmsgstr "b"\n',
    'msgid "Quit"\n',
    'msgid "one"\nmsgid_plural "two"\nmsgstr[1] "x"\n',
    '#~ msgid "Old"\n#~ msgstr "옛"\n',
    'msgid "Quit\nmsgstr "종료"\n',
    'msgid "Quit" msgstr "종료"\n',
])
def test_what_the_reader_would_misread_is_refused(text: str) -> None:
    with pytest.raises(PoError):
        read_po(text)


def test_the_catalogs_ship_in_the_wheel() -> None:
    # hatch puts every file under tutor/ in the wheel unless git ignores it
    shipped = [path for po in catalogs() for path in (po, po.with_suffix(".mo"))]
    ignored = subprocess.run(["git", "check-ignore", *map(str, shipped)], cwd=LOCALE_DIR, capture_output=True,
                             text=True)
    assert ignored.stdout == ""


def test_a_toml_table_merges_into_the_catalog(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.i18n_catalog import merge_toml

    po = tmp_path / "gdtutor.po"
    po.write_text(SAMPLE, encoding="utf-8")
    toml = "\n".join([
        '"Quit" = "끝내기"',
        '"Home" = "처음"',
        '"Not translated yet" = "아직"',
        '"(Did you mean one of: {possibilities}?)" = "(혹시: {possibilities})"',
        '"Got unexpected extra arguments ({args})" = "인자가 더 있습니다 ({args})"',
        '"Did you mean {possibility}?" = "혹시 {possibility}?"',  # the same as the catalog's
    ])
    assert merge_toml(po, toml) == (2, 3)
    catalog = gettext.GNUTranslations(io.BytesIO(po.with_suffix(".mo").read_bytes()))
    assert catalog.gettext("Quit") == "끝내기" and catalog.gettext("Home") == "처음"
    assert catalog.gettext("Not translated yet") == "아직"
    assert catalog.ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 2) \
        == "(혹시: {possibilities})"
    extra = ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})")
    assert catalog.ngettext(*extra, 2) == extra[1]  # (its singular is still to translate: English until then)
    entries = read_po(po.read_text(encoding="utf-8"))
    assert entries[-1] == Entry(extra[0], ("", "인자가 더 있습니다 ({args})"), extra[1],
                                ("# merged from a TOML table",))
    assert [e.msgid for e in entries[:6]] == [e.msgid for e in read_po(SAMPLE)]  # in place, new ones at the end
    assert write_po(entries[1:2]) == 'msgid "Quit"\nmsgstr "끝내기"\n'
