"""The plan importer (plans/importing.py): the school's real plan, as plain text and as a Word
document in the common layout, reads into exactly the demo plan's structure; stray and missing
parts are kept and reported; bad files are refused with a Vietnamese message."""

import io
import random
import re
import zipfile
from pathlib import Path

import pytest
from django.utils import translation

from home.demo import plan_2026
from plans.importing import (
    DEFAULT,
    JOINED,
    MISSING,
    PICTURE,
    SIZE_LIMIT,
    TABLE,
    UNPLACED,
    PlanImportError,
    import_docx,
    import_file,
    import_text,
)

from . import docx_builder
from .docx_builder import build_plan_docx, table

SEED = Path(__file__).parent.parent / "data" / "ke-hoach-binh-dang-gioi-2026.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")


def demo_fields() -> dict:
    """The demo plan (home/demo/plan_2026.py) as the keyword arguments of ``PlanPage``, as
    load_demo makes it; the listing summary is not part of the document."""
    header = {key: value for key, value in plan_2026.HEADER.items() if key != "listing_summary"}
    return {
        **header,
        "legal_bases": [("basis", text) for text in plan_2026.LEGAL_BASES],
        "preamble": plan_2026.PREAMBLE,
        "sections": [("section", section) for section in plan_2026.SECTIONS],
        "closing": plan_2026.CLOSING,
        "recipients": [("recipient", name) for name in plan_2026.RECIPIENTS],
        **plan_2026.SIGNATURE,
    }


def squash(text: str) -> str:
    return "".join(text.split())


def all_text(value) -> str:
    """Every string in the imported fields, squashed and run together."""
    if isinstance(value, str):
        return squash(value)
    if isinstance(value, dict):
        return "".join(all_text(item) for item in value.values())
    if isinstance(value, list | tuple):
        return "".join(all_text(item) for item in value)
    return squash(str(value)) if value is not None else ""


FIXED_LINES = re.compile(
    r"^(CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập - Tự do - Hạnh phúc|KẾ HOẠCH|Nơi nhận:)$"
)
NUMBERING = re.compile(r"^([IVX]+\.|\d+\.|-|Số:)\s*")


def assert_nothing_lost(lines, fields):
    """Each line's words are somewhere in the fields (numbers, dashes and the fixed lines of the
    layout aside: the plan page prints those itself)."""
    text = all_text(fields)
    for line in lines:
        line = line.strip()
        if not line or FIXED_LINES.match(line):
            continue
        if line.startswith("Số:"):
            assert squash(line.split("/")[-1]) in text
            continue
        if re.match(r"^.+, ngày .* năm \d{4}$", line):
            assert squash(line.split(",")[0]) in text
            continue
        needle = squash(re.sub(r"[;.:/ ]+$", "", NUMBERING.sub("", line)))
        assert needle in text, f"lost: {line!r}"


# The school's plan reads into exactly the demo's structure ----------------------------------------


def test_seed_text_gives_exactly_the_demo_plan():
    result = import_text(SEED_TEXT)

    assert result.fields == demo_fields()
    # The seed has no issuing body or school line, so the usual ones were used and said so; the
    # one bullet broken across two lines was joined and said so.
    assert [note.kind for note in result.report] == [JOINED, DEFAULT, DEFAULT]
    assert result.report[0].text == "phụ nữ của nhà trường."
    assert result.report[0].line == SEED_TEXT.splitlines().index("phụ nữ của nhà trường.") + 1
    assert not result.warnings


def test_seed_as_word_document_gives_exactly_the_demo_plan():
    data = build_plan_docx(SEED_TEXT)
    result = import_docx(io.BytesIO(data))

    assert result.fields == demo_fields()
    assert [note.kind for note in result.report] == [JOINED]
    assert import_docx(data).fields == demo_fields()  # bytes, as an export hands them over


def test_word_bulleted_lists_read_as_bullets(tmp_path):
    """Word's own bullets (a list style; the dash is drawn by Word, not typed) are bullets too."""
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(build_plan_docx(SEED_TEXT, word_bullets=True))

    result = import_docx(path)

    assert result.fields == demo_fields()


def test_header_table_fills_the_header_fields():
    text = SEED_TEXT.replace("Số: /KH-THPTST", "Số: 125/KH-THPTST").replace(
        "Mỹ Xuyên, ngày tháng năm 2026", "Mỹ Xuyên, ngày 02 tháng 3 năm 2026"
    )
    data = build_plan_docx(text, authority="UBND THÀNH PHỐ CẦN THƠ", issuer="TRƯỜNG THPT LÊ LỢI")

    fields = import_docx(io.BytesIO(data)).fields

    assert fields["issuing_authority"] == "UBND THÀNH PHỐ CẦN THƠ"
    assert fields["issuer"] == "TRƯỜNG THPT LÊ LỢI"
    assert (fields["document_number"], fields["document_code"]) == ("125", "KH-THPTST")
    assert fields["issued_on"].isoformat() == "2026-03-02"
    assert fields["year"] == 2026


def test_points_and_principal_signing_in_person():
    """Points "a) …" stay paragraphs word for word; a plan the principal signs has no "KT." line."""
    text = "\n".join(
        [
            "TRƯỜNG THPT SÓC TRĂNG",
            "Số: 7/KH-THPTST",
            "Mỹ Xuyên, ngày 31 tháng 2 năm 2027",
            "KẾ HOẠCH",
            "Tổ chức Ngày hội bình đẳng giới",
            "năm 2027",
            "Căn cứ Luật Bình đẳng giới;",
            "Nhà trường xây dựng kế hoạch như sau:",
            "I. NỘI DUNG",
            "1. Hoạt động chính",
            "a) Thi vẽ tranh;",
            "- Mỗi lớp một tranh.",
            "b) Tọa đàm.",
            "III. TỔ CHỨC THỰC HIỆN",
            "1. BCH Đoàn trường",
            "Chủ trì.",
            "Trên đây là Kế hoạch./.",
            "HIỆU TRƯỞNG",
            "Nguyễn Văn A",
            "Nơi nhận:",
            "- Lưu: VT.",
        ]
    )

    result = import_text(text)

    fields = result.fields
    assert fields["subject"] == "Tổ chức Ngày hội bình đẳng giới năm 2027"
    assert fields["title"] == "Kế hoạch tổ chức Ngày hội bình đẳng giới năm 2027"
    assert fields["issuing_authority"] == "SỞ GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ CẦN THƠ"
    assert fields["issued_on"] is None  # 31/02 does not exist: reported, left empty
    assert fields["year"] == 2027
    assert fields["sections"] == [
        (
            "section",
            {
                "heading": "NỘI DUNG",
                "content": [
                    (
                        "item",
                        {
                            "title": "Hoạt động chính",
                            "content": [
                                ("paragraph", "a) Thi vẽ tranh;"),
                                ("bullets", ["Mỗi lớp một tranh."]),
                                ("paragraph", "b) Tọa đàm."),
                            ],
                        },
                    )
                ],
            },
        ),
        (
            "section",
            {
                "heading": "TỔ CHỨC THỰC HIỆN",
                "content": [
                    (
                        "responsibility",
                        {"party": "BCH Đoàn trường", "duties": [("paragraph", "Chủ trì.")]},
                    )
                ],
            },
        ),
    ]
    assert (fields["signature_authority"], fields["signer_title"], fields["signer_name"]) == (
        "",
        "HIỆU TRƯỞNG",
        "Nguyễn Văn A",
    )
    assert fields["recipients"] == [("recipient", "Lưu: VT")]
    kinds = {note.kind for note in result.report}
    # The impossible date, "III." in second place, the issuing body not found (a subject wrapped
    # onto a second line is the usual layout: joined without a note).
    assert kinds == {"invalid", "numbering", DEFAULT}


# Stray and missing parts are kept and reported ----------------------------------------------------

STRAY = "Đoạn văn lạc chỗ, không thuộc phần nào."
TABLE_ROWS = (["Khoản chi", "Số tiền"], ["Tuyên truyền", "2.000.000 đồng"])


def test_missing_and_unexpected_parts_are_reported_and_nothing_is_lost():
    data = build_plan_docx(
        SEED_TEXT,
        recipients=False,
        signature=False,
        extras={
            "I. MỤC ĐÍCH, YÊU CẦU": [STRAY, docx_builder.PICTURE],
            "III. KINH PHÍ THỰC HIỆN": [table(*TABLE_ROWS)],
        },
    )

    result = import_docx(io.BytesIO(data))

    notes = {note.kind: note for note in result.report}
    assert notes[UNPLACED].text == STRAY
    assert notes[UNPLACED].paragraph is not None
    assert notes[PICTURE].paragraph == notes[UNPLACED].paragraph + 1
    assert notes[TABLE].text == "Khoản chi | Số tiền\nTuyên truyền | 2.000.000 đồng"
    missing = [note.message for note in result.report if note.kind == MISSING]
    assert len(missing) == 2  # the recipients, the signer's name
    assert result.fields["recipients"] == []
    assert result.fields["signer_name"] == ""
    # Kept where they appeared: the stray before section I in the preamble, after it; the table's
    # rows as paragraphs where the table was (the end of section II).
    fields = result.fields
    assert fields["preamble"] == f"{plan_2026.PREAMBLE}\n{STRAY}"
    last_item = fields["sections"][1][1]["content"][-1][1]
    assert last_item["content"][-2:] == [
        ("paragraph", "Khoản chi | Số tiền"),
        ("paragraph", "Tuyên truyền | 2.000.000 đồng"),
    ]
    seed_body = SEED_TEXT.split("Nơi nhận:")[0].splitlines()
    assert_nothing_lost([*seed_body, STRAY, *[cell for row in TABLE_ROWS for cell in row]], fields)


def test_stray_lines_in_text_are_kept_and_reported():
    lines = SEED_TEXT.splitlines()
    lines.insert(lines.index("KẾ HOẠCH"), "Dòng lạ ở đầu văn bản")
    lines.insert(lines.index("Nơi nhận:"), "(Kèm theo phụ lục)")
    lines.append("(Đã ký)")

    result = import_text("\n".join(lines))

    unplaced = [note for note in result.report if note.kind == UNPLACED]
    assert [note.text for note in unplaced] == [
        "Dòng lạ ở đầu văn bản",
        "(Đã ký)",
    ]
    assert result.fields["preamble"].startswith("Dòng lạ ở đầu văn bản\n")
    # A line after the closing sentence belongs to the closing; one after the signer is kept there.
    assert result.fields["closing"] == f"{plan_2026.CLOSING}\n(Kèm theo phụ lục)\n(Đã ký)"
    assert result.fields["signer_name"] == "Quách Tố San"
    assert_nothing_lost(lines, result.fields)


def test_text_without_plan_parts_reports_each_missing_part():
    result = import_text("Một dòng chữ bất kỳ.\nMột dòng nữa.")

    messages = [note.message for note in result.report if note.kind == MISSING]
    assert len(messages) == 7  # title, subject, bases, sections, closing, recipients, signer
    assert result.fields["subject"] == ""
    assert result.fields["sections"] == []
    assert result.fields["preamble"] == "Một dòng chữ bất kỳ.\nMột dòng nữa."


def test_any_mix_of_a_plans_lines_loses_nothing():
    """The seed's lines shuffled, thinned out or mixed with stray lines: whatever the parser makes
    of them, it never fails and every line's words end up in the fields."""
    lines = [line for line in SEED_TEXT.splitlines() if line.strip()]
    strays = ["(Đã ký)", "dòng chữ thường", "DÒNG IN HOA", "- lẻ", "1. số", "a) điểm", "KT. X"]
    strays += ["Nơi nhận:", "II. Y", "Trên đây là z", "Căn cứ w;", "☺", "|||", "Số: 1/KH"]
    generator = random.Random(2026)
    for case in range(150):
        sample = list(lines)
        if case % 3 == 0:
            generator.shuffle(sample)
        elif case % 3 == 1:
            sample = [line for line in sample if generator.random() > 0.3]
        else:
            for stray in generator.sample(strays, 5):
                sample.insert(generator.randrange(len(sample)), stray)

        result = import_text("\n".join(sample))

        assert_nothing_lost(sample, result.fields)


# Bad files: a clear Vietnamese error, never a crash -----------------------------------------------


def refused(read, data) -> str:
    with translation.override("vi"), pytest.raises(PlanImportError) as error:
        read(data)
    return " ".join(error.value.messages)


NOT_DOCX = "Tệp này không phải là tài liệu Word (.docx) hoặc đã bị hỏng."


def test_a_file_that_is_not_a_zip_is_refused():
    assert NOT_DOCX in refused(import_docx, io.BytesIO(b"%PDF-1.7 not a Word document"))


def test_a_truncated_docx_is_refused():
    data = build_plan_docx(SEED_TEXT)
    assert NOT_DOCX in refused(import_docx, io.BytesIO(data[: len(data) // 2]))


def test_a_zip_without_a_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    assert NOT_DOCX in refused(import_docx, buffer)


def test_a_docx_with_a_damaged_part_is_refused():
    source = zipfile.ZipFile(io.BytesIO(build_plan_docx(SEED_TEXT)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = data[:200]  # cut in the middle of the XML
            archive.writestr(info, data)
    assert NOT_DOCX in refused(import_docx, buffer)


def test_an_empty_file_is_refused():
    assert refused(import_docx, io.BytesIO(b"")) == "Tệp trống."
    assert refused(import_text, "  \n\n") == "Tệp trống."


def test_a_file_over_the_size_limit_is_refused():
    data = io.BytesIO(b"PK" + b"\0" * SIZE_LIMIT)
    assert refused(import_docx, data) == "Tệp lớn hơn 10 MB."


def test_a_zip_bomb_is_refused_unopened():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (60 * 1024 * 1024))
    assert len(buffer.getvalue()) < SIZE_LIMIT
    message = refused(import_docx, buffer)
    assert message == "Tệp này khi giải nén lớn hơn nhiều so với một kế hoạch: tệp không được mở."


def test_uploads_are_read_by_extension():
    result = import_file("ke-hoach.txt", io.BytesIO(SEED_TEXT.encode("utf-8-sig")))
    assert result.fields == demo_fields()

    assert refused(lambda f: import_file("ke-hoach.pdf", f), io.BytesIO(b"x")) == (
        "Hãy tải lên tài liệu Word (.docx) hoặc tệp văn bản (.txt)."
    )
    assert "UTF-8" in refused(
        lambda f: import_file("ke-hoach.txt", f), io.BytesIO(b"K\xea ho\xe0ch")
    )
