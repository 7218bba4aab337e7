"""Word documents (.docx) of a plan in the common layout of a *Kế hoạch*, built with python-docx
from a plan in plain text (the seed form), for the import and export tests.

The layout is the one schools type in Word: a two-column header table (issuing body, school and
``Số:`` on the left; the national motto and the date line on the right), the title and body as
paragraphs, and a two-column table at the end with ``Nơi nhận:`` and the recipients on the left
and the signature block on the right.
"""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from PIL import Image

AUTHORITY = "SỞ GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ CẦN THƠ"
ISSUER = "TRƯỜNG THPT SÓC TRĂNG"
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_LINE = "Độc lập - Tự do - Hạnh phúc"

PICTURE = ("picture",)


def table(*rows):
    """An extra table of ``rows`` (lists of cell texts) for ``extras``."""
    return ("table", [list(row) for row in rows])


def png() -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 30, 60)).save(buffer, format="PNG")
    buffer.seek(0)
    return buffer


def split_seed(text: str) -> dict:
    """The seed's non-empty lines, in the document's parts: the ``Số``/date lines before the
    title, the body (title to closing), the recipients and the signature lines."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = lines.index("KẾ HOẠCH")
    recipients = next((i for i, line in enumerate(lines) if line.startswith("Nơi nhận")), None)
    signature = next(i for i, line in enumerate(lines) if line.startswith("KT."))
    end = recipients if recipients is not None else signature
    return {
        "header": lines[:title],
        "body": lines[title:end],
        "recipients": lines[recipients:signature] if recipients is not None else [],
        "signature": lines[signature:],
    }


def _cell_lines(cell, lines, bold=False, italic=False):
    cell.paragraphs[0].text = ""
    for index, text in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold = bold and not text.startswith("Số")
        run.italic = italic


def _add_extra(document, extra):
    if isinstance(extra, str):
        document.add_paragraph(extra)
    elif extra == PICTURE:
        document.add_paragraph().add_run().add_picture(png())
    else:
        rows = extra[1]
        grid = document.add_table(rows=len(rows), cols=len(rows[0]))
        for row, values in zip(grid.rows, rows, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value


def build_plan_docx(
    text: str,
    *,
    authority: str = AUTHORITY,
    issuer: str = ISSUER,
    recipients: bool = True,
    signature: bool = True,
    word_bullets: bool = False,
    extras: dict | None = None,
) -> bytes:
    """The plan in ``text`` (the seed form) as a .docx in the common layout.

    ``recipients``/``signature`` false leave out ``Nơi nhận`` or the signer; ``word_bullets`` makes
    the body's ``- …`` lines Word bulleted-list paragraphs (the dash then is Word's, not typed);
    ``extras`` maps a body line to what to insert just before it: a paragraph's text,
    :data:`PICTURE` or :func:`table`.
    """
    parts = split_seed(text)
    extras = extras or {}
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)

    header = document.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    _cell_lines(
        left,
        [authority, issuer] + [line for line in parts["header"] if line.startswith("Số")],
        bold=True,
    )
    _cell_lines(right, [MOTTO, MOTTO_LINE])
    date_lines = [line for line in parts["header"] if not line.startswith("Số")]
    for line in date_lines:
        paragraph = right.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(line).italic = True

    for index, line in enumerate(parts["body"]):
        for extra in extras.get(line, ()):
            _add_extra(document, extra)
        if index < 2:  # "KẾ HOẠCH" and the subject: centred, bold
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(line).bold = True
        elif word_bullets and line.startswith("- "):
            document.add_paragraph(line[2:], style="List Bullet")
        else:
            document.add_paragraph(line)

    footer = document.add_table(rows=1, cols=2)
    left, right = footer.rows[0].cells
    if recipients and parts["recipients"]:
        _cell_lines(left, parts["recipients"])
    if signature:
        authority_line, title, *name = parts["signature"]
        _cell_lines(right, [authority_line, title, "", "", *name], bold=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
