"""A plan as the official document it is: a PDF and a Word (.docx) file laid out as Appendix I of
Decree 30/2020/NĐ-CP asks (docs/plan-export.md).

Both files are built from the same list of lines (``document_lines``), so they say the same thing in
the same order: the two-column header (issuing body and school, national motto, number and date
line), the title, the legal bases and preamble, the sections with their Roman numerals, items,
paragraphs and bullets, the closing sentence, and the recipients beside the signature.

The PDF embeds Liberation Serif 2 (metric-compatible with Times New Roman), shipped in
``plans/fonts/`` under the SIL Open Font License: it never depends on the fonts of the server. The
.docx names Times New Roman, which every Word has (LibreOffice substitutes Liberation Serif), and
writes numbers and dashes as text, so that ``plans.importing.import_docx`` reads it back.
"""

import io
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import escape

from django.http import HttpResponse
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from cms.text import slugify_vi

FONTS_DIR = Path(__file__).resolve().parent / "fonts"

# Appendix I of Decree 30/2020/NĐ-CP: A4; margins 20–25 mm top and bottom, 30–35 mm left,
# 15–20 mm right (the smallest of each, as the print stylesheet uses: more text per page).
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_TOP_MM, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 20, 20, 30, 15
TEXT_WIDTH_MM = 210 - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 165 mm

# Sizes in points (Appendix I: body 13–14, the header's first lines 12–13, Nơi nhận 12 and the
# recipients 11, page numbers 13–14).
BODY_SIZE = 14
HEADER_SIZE = 12
MOTTO_LINE_SIZE = 13
NUMBER_SIZE = 13
RECIPIENTS_LABEL_SIZE = 12
RECIPIENT_SIZE = 11
PAGE_NUMBER_SIZE = 13
FIRST_LINE_INDENT_MM = 12.7  # 1.27 cm, as Word's default and the print stylesheet
PARAGRAPH_SPACING = 6  # at least 6 pt between paragraphs
LINE_SPACING = 1.2  # between single and 1.5 lines

# Column widths of the header and of the closing block; wider than half the text on the right,
# where the national motto must fit on one line.
HEADER_COLUMNS_MM = (64, TEXT_WIDTH_MM - 64)
CLOSING_COLUMNS_MM = (75, TEXT_WIDTH_MM - 75)
SIGNATURE_SPACE_MM = 25  # room for the signature and the seal

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_LINE = "Độc lập - Tự do - Hạnh phúc"
KIND = "KẾ HOẠCH"
RECIPIENTS_LABEL = "Nơi nhận:"
# The blank left for a number or a date to be written in by hand.
BLANK = "\u00a0" * 8

DOCX_FONT = "Times New Roman"
PDF_FONT = "LiberationSerif"

# Kinds of lines of the body, in document order.
BASIS, PREAMBLE, SECTION, ITEM, PARAGRAPH, BULLET, CLOSING = (
    "basis",
    "preamble",
    "section",
    "item",
    "paragraph",
    "bullet",
    "closing",
)


@dataclass(frozen=True)
class Line:
    """One paragraph of the body: its kind (how it is laid out) and its text, numbers and dashes
    included (``I. MỤC ĐÍCH, YÊU CẦU``, ``1. Tăng cường …``, ``- Tuyên truyền …``)."""

    kind: str
    text: str


def date_line(page) -> str:
    """``Mỹ Xuyên, ngày 02 tháng 3 năm 2026``, the day and the months 1 and 2 written with a
    leading zero as Appendix I asks; blanks for the day and month until the plan is signed."""
    if page.issued_on is None:
        return f"{page.place}, ngày{BLANK}tháng{BLANK}năm {page.year}"
    day, month = page.issued_on.day, page.issued_on.month
    month_text = f"{month:02d}" if month < 3 else str(month)
    return f"{page.place}, ngày {day:02d} tháng {month_text} năm {page.issued_on.year}"


def number_line(page) -> str:
    """``Số: 125/KH-THPTST``, or a blank before the code until the plan is numbered."""
    return f"Số: {page.document_number or BLANK}/{page.document_code}"


def recipient_lines(page) -> list[str]:
    """``- Hiệu trưởng;`` … ``- Lưu: VT.``: a semicolon after each recipient, a full stop after
    the last, as the web page shows them."""
    # A recipient typed with its own ";" or "." keeps one.
    names = [block.value.rstrip(" ;.") for block in page.recipients]
    return [f"- {name}{'.' if last else ';'}" for name, last in _with_last(names)]


def signature_lines(page) -> list[str]:
    """The signature block above the space for the signature: ``KT. HIỆU TRƯỞNG``, the title."""
    lines = [page.signature_authority.upper()] if page.signature_authority else []
    return [*lines, page.signer_title.upper()]


def _with_last(values):
    return [(value, index == len(values) - 1) for index, value in enumerate(values)]


def _content_lines(stream) -> list[Line]:
    lines = []
    for child in stream:
        if child.block_type == "paragraph":
            lines.append(Line(PARAGRAPH, child.value))
        elif child.block_type == "bullets":
            lines.extend(Line(BULLET, f"- {bullet}") for bullet in child.value)
    return lines


def document_lines(page) -> list[Line]:
    """The body of the plan, from the first legal basis to the closing sentence, in order."""
    lines = [Line(BASIS, block.value) for block in page.legal_bases]
    if page.preamble:
        lines.append(Line(PREAMBLE, page.preamble))
    for numeral, section in page.numbered_sections():
        lines.append(Line(SECTION, f"{numeral}. {section.value['heading']}"))
        for number, child in section.value.numbered_content():
            if child.block_type == "item":
                lines.append(Line(ITEM, f"{number}. {child.value['title']}"))
                lines.extend(_content_lines(child.value["content"]))
            elif child.block_type == "responsibility":
                lines.append(Line(ITEM, f"{number}. {child.value['party']}"))
                lines.extend(_content_lines(child.value["duties"]))
            else:
                lines.extend(_content_lines([child]))
    if page.closing:
        lines.append(Line(CLOSING, page.closing))
    return lines


PDF = "pdf"
DOCX = "docx"
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
# Control characters a pasted text may carry, which XML (the .docx) cannot hold at all.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Characters no file name may hold on Windows, macOS or Linux.
_UNSAFE_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def filename(page, extension: str) -> str:
    """The download's ASCII file name: the page's slug (``ke-hoach-binh-dang-gioi-2026.pdf``)."""
    return f"{slugify_vi(page.slug) or 'ke-hoach'}.{extension}"


def display_filename(page, extension: str) -> str:
    """The download's file name in Vietnamese, the page's title (``Kế hoạch … năm 2026.pdf``),
    for browsers that read RFC 5987's ``filename*``."""
    title = " ".join(_UNSAFE_IN_FILE_NAMES.sub(" ", page.title).split())[:150]
    return f"{title or page.slug}.{extension}"


def download_response(page, extension: str) -> HttpResponse:
    """The plan as a file to save: ``pdf`` or ``docx``, with its type and both file names."""
    build = {PDF: plan_pdf, DOCX: plan_docx}[extension]
    response = HttpResponse(build(page), content_type=CONTENT_TYPES[extension])
    response["Content-Disposition"] = (
        f'attachment; filename="{filename(page, extension)}"; '
        f"filename*=UTF-8''{quote(display_filename(page, extension), safe='')}"
    )
    return response


# PDF ----------------------------------------------------------------------------------------


def register_fonts() -> str:
    """Register Liberation Serif from ``plans/fonts/`` (never the system's) with ReportLab, once;
    the family name to use."""
    if PDF_FONT not in pdfmetrics.getRegisteredFontNames():
        faces = {
            PDF_FONT: "LiberationSerif-Regular.ttf",
            f"{PDF_FONT}-Bold": "LiberationSerif-Bold.ttf",
            f"{PDF_FONT}-Italic": "LiberationSerif-Italic.ttf",
            f"{PDF_FONT}-BoldItalic": "LiberationSerif-BoldItalic.ttf",
        }
        for name, file in faces.items():
            pdfmetrics.registerFont(TTFont(name, str(FONTS_DIR / file)))
        pdfmetrics.registerFontFamily(
            PDF_FONT,
            normal=PDF_FONT,
            bold=f"{PDF_FONT}-Bold",
            italic=f"{PDF_FONT}-Italic",
            boldItalic=f"{PDF_FONT}-BoldItalic",
        )
    return PDF_FONT


def _font(bold=False, italic=False) -> str:
    return (
        PDF_FONT
        + {
            (False, False): "",
            (True, False): "-Bold",
            (False, True): "-Italic",
            (True, True): "-BoldItalic",
        }[(bold, italic)]
    )


def _style(name, size=BODY_SIZE, bold=False, italic=False, **kwargs) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=_font(bold, italic),
        fontSize=size,
        leading=round(size * LINE_SPACING, 1),
        **kwargs,
    )


def _printable(text: str) -> str:
    """Text without control characters, its line breaks as ``\n``."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _markup(text: str) -> str:
    """Plain text as ReportLab paragraph markup: escaped, its line breaks kept."""
    return escape(_printable(text)).replace("\n", "<br/>")


class Rule(Flowable):
    """A short horizontal rule, centred in its column, under a line of the header or the title."""

    def __init__(self, width, space_before=3, space_after=0):
        super().__init__()
        self.rule_width = width
        self.space_before, self.space_after = space_before, space_after

    def wrap(self, available_width, available_height):
        self.available_width = available_width
        return available_width, self.space_before + 0.6 + self.space_after

    def draw(self):
        x = (self.available_width - self.rule_width) / 2
        y = self.space_after
        self.canv.setLineWidth(0.6)
        self.canv.line(x, y, x + self.rule_width, y)


def _pdf_header(page) -> Table:
    centre = {"alignment": TA_CENTER}
    authority = Paragraph(
        _markup(page.issuing_authority.upper()), _style("authority", HEADER_SIZE, **centre)
    )
    issuer_text = page.issuer.upper()
    issuer = Paragraph(_markup(issuer_text), _style("issuer", HEADER_SIZE, bold=True, **centre))
    issuer_width = pdfmetrics.stringWidth(issuer_text, _font(bold=True), HEADER_SIZE)
    motto = Paragraph(MOTTO, _style("motto", HEADER_SIZE, bold=True, **centre))
    motto_line = Paragraph(MOTTO_LINE, _style("motto-line", MOTTO_LINE_SIZE, bold=True, **centre))
    motto_line_width = pdfmetrics.stringWidth(MOTTO_LINE, _font(bold=True), MOTTO_LINE_SIZE)
    number = Paragraph(_markup(number_line(page)), _style("number", NUMBER_SIZE, **centre))
    date = Paragraph(_markup(date_line(page)), _style("date", BODY_SIZE, italic=True, **centre))
    left_width = HEADER_COLUMNS_MM[0] * mm
    table = Table(
        [
            [
                # Appendix I: under the issuer a rule of 1/3 to 1/2 of its line; under the
                # motto's second line, a rule as long as the line.
                [authority, issuer, Rule(min(issuer_width, left_width) * 0.45)],
                [motto, motto_line, Rule(motto_line_width)],
            ],
            [number, date],
        ],
        colWidths=[width * mm for width in HEADER_COLUMNS_MM],
        hAlign="CENTER",
    )
    table.setStyle(_layout_table_style(("BOTTOMPADDING", (0, 0), (-1, 0), 6)))
    return table


def _pdf_closing(page) -> Table:
    label = Paragraph(
        RECIPIENTS_LABEL, _style("recipients-label", RECIPIENTS_LABEL_SIZE, bold=True, italic=True)
    )
    recipients = [
        Paragraph(_markup(line), _style("recipient", RECIPIENT_SIZE, alignment=TA_LEFT))
        for line in recipient_lines(page)
    ]
    left = [label, *recipients] if recipients else [Spacer(1, 1)]
    centre_bold = {"alignment": TA_CENTER, "bold": True}
    right = [
        Paragraph(_markup(line), _style("signature", **centre_bold))
        for line in signature_lines(page)
    ]
    right.append(Spacer(1, SIGNATURE_SPACE_MM * mm))
    right.append(Paragraph(_markup(page.signer_name), _style("signer", **centre_bold)))
    table = Table(
        [[left, right]], colWidths=[width * mm for width in CLOSING_COLUMNS_MM], hAlign="CENTER"
    )
    table.setStyle(_layout_table_style())
    return table


def _layout_table_style(*extra) -> TableStyle:
    """The style of the borderless tables that lay out the header and the closing in two
    columns: cells top-aligned, no padding, in the document's font."""
    return TableStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            # Tables otherwise set Helvetica for their cells: a font not embedded.
            ("FONTNAME", (0, 0), (-1, -1), PDF_FONT),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            *extra,
        ]
    )


def _pdf_body(page) -> list:
    indent = FIRST_LINE_INDENT_MM * mm
    spacing = {"spaceAfter": PARAGRAPH_SPACING}
    styles = {
        BASIS: _style("basis", alignment=TA_JUSTIFY, firstLineIndent=indent, **spacing),
        PARAGRAPH: _style("paragraph", alignment=TA_JUSTIFY, firstLineIndent=indent, **spacing),
        BULLET: _style("bullet", alignment=TA_JUSTIFY, firstLineIndent=indent, **spacing),
        SECTION: _style("section", bold=True, alignment=TA_JUSTIFY, keepWithNext=1, **spacing),
        ITEM: _style(
            "item",
            bold=True,
            alignment=TA_JUSTIFY,
            firstLineIndent=indent,
            keepWithNext=1,
            **spacing,
        ),
    }
    styles[PREAMBLE] = styles[CLOSING] = styles[BASIS]
    return [Paragraph(_markup(line.text), styles[line.kind]) for line in document_lines(page)]


def _pdf_title(page) -> list:
    centre_bold = {"alignment": TA_CENTER, "bold": True}
    subject_width = min(
        pdfmetrics.stringWidth(page.subject, _font(bold=True), BODY_SIZE), TEXT_WIDTH_MM * mm
    )
    return [
        Spacer(1, 14),
        Paragraph(KIND, _style("kind", **centre_bold)),
        Paragraph(_markup(page.subject), _style("subject", **centre_bold)),
        # Appendix I: a rule of 1/3 to 1/2 of the subject's line under it.
        Rule(subject_width / 3, space_before=5, space_after=12),
    ]


def _draw_page_number(canvas, doc):
    """Appendix I: page numbers from the second page on, centred in the top margin."""
    canvas.saveState()
    canvas.setFont(PDF_FONT, PAGE_NUMBER_SIZE)
    text_centre = MARGIN_LEFT_MM * mm + TEXT_WIDTH_MM * mm / 2
    canvas.drawCentredString(text_centre, PAGE_HEIGHT - 12 * mm, str(doc.page))
    canvas.restoreState()


def plan_pdf(page) -> bytes:
    """The plan as an A4 PDF in the official layout, its fonts embedded."""
    register_fonts()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        topMargin=MARGIN_TOP_MM * mm,
        bottomMargin=MARGIN_BOTTOM_MM * mm,
        leftMargin=MARGIN_LEFT_MM * mm,
        rightMargin=MARGIN_RIGHT_MM * mm,
        title=page.title,
        author=page.issuer,
        subject=page.subject,
        creator=page.issuer,
        lang="vi",
        # Without it ReportLab names Helvetica as the page's initial font: a font not embedded.
        initialFontName=PDF_FONT,
        initialFontSize=BODY_SIZE,
        # The same plan gives the same bytes (no creation time, no random ids): the page cache's
        # ETag and browsers' revalidation stay stable.
        invariant=True,
    )
    body = _pdf_body(page)
    # The signature block never stands alone on the last page: the last paragraph goes with it.
    last = [body.pop()] if body else []
    story = [
        _pdf_header(page),
        *_pdf_title(page),
        *body,
        KeepTogether([*last, Spacer(1, 6), _pdf_closing(page)]),
    ]
    document.build(story, onLaterPages=_draw_page_number)
    return buffer.getvalue()


# DOCX ---------------------------------------------------------------------------------------


def _set_font(style_or_run_element, size=None):
    """Times New Roman for every script (ascii, hAnsi, east-asian, complex) of a style's or a
    run's properties, so that Word uses it for Vietnamese whatever the document's theme says."""
    fonts = style_or_run_element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), DOCX_FONT)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def _docx_styles(document):
    normal = document.styles["Normal"]
    normal.font.name = DOCX_FONT
    normal.font.size = Pt(BODY_SIZE)
    _set_font(normal.element)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(PARAGRAPH_SPACING)
    fmt.line_spacing = LINE_SPACING
    # The document default (w:docDefaults) too, which tables and Word's own styles start from.
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        run_defaults = defaults.find(qn("w:rPrDefault"))
        if run_defaults is not None and run_defaults.find(qn("w:rPr")) is not None:
            r_pr = run_defaults.find(qn("w:rPr"))
            fonts = r_pr.find(qn("w:rFonts"))
            if fonts is None:
                fonts = OxmlElement("w:rFonts")
                r_pr.insert(0, fonts)
            for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                fonts.set(qn(attribute), DOCX_FONT)
            for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                fonts.attrib.pop(qn(theme), None)


def _paragraph(
    container,
    text,
    *,
    size=BODY_SIZE,
    bold=False,
    italic=False,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    first_line_indent=None,
    space_before=0,
    space_after=PARAGRAPH_SPACING,
    keep_with_next=False,
):
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.space_before, fmt.space_after = Pt(space_before), Pt(space_after)
    fmt.keep_with_next = keep_with_next
    if first_line_indent:
        fmt.first_line_indent = Mm(first_line_indent)
    for index, part in enumerate(_printable(text).split("\n")):
        run = paragraph.add_run()
        if index:
            run.add_break()
        run.add_text(part)
        run.bold, run.italic = bold or None, italic or None
        run.font.size = Pt(size)
        _set_font(run._element)
    return paragraph


def _rule_paragraph(container, width_mm, cell_width_mm, space_after=0):
    """A short centred rule: an empty paragraph whose top border runs between indents."""
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    side = max((cell_width_mm - width_mm) / 2, 0)
    fmt.left_indent = fmt.right_indent = Mm(side)
    fmt.space_before, fmt.space_after = Pt(0), Pt(space_after)
    fmt.line_spacing = Pt(2)
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for name, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        top.set(qn(f"w:{name}"), value)
    borders.append(top)
    paragraph._p.get_or_add_pPr().append(borders)
    return paragraph


def _clear_cell(cell):
    """A new cell holds one empty paragraph: remove it, so the cell holds only what is added."""
    for paragraph in list(cell.paragraphs):
        paragraph._p.getparent().remove(paragraph._p)


def _borderless_table(document, widths_mm):
    table = document.add_table(rows=1, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    properties.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    properties.append(margins)
    for cell, width in zip(table.rows[0].cells, widths_mm, strict=True):
        cell.width = Mm(width)
        _clear_cell(cell)
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    return table


def _lines_in(text, bold, size, width_mm) -> int:
    """How many lines ``text`` takes in a column: Liberation Serif has Times New Roman's widths,
    so ReportLab measures what Word will wrap."""
    register_fonts()
    return max(len(simpleSplit(text, _font(bold=bold), size, width_mm * mm)), 1)


def _docx_header(document, page):
    left_width, right_width = HEADER_COLUMNS_MM
    table = _borderless_table(document, HEADER_COLUMNS_MM)
    left, right = table.rows[0].cells
    centre = {"align": WD_ALIGN_PARAGRAPH.CENTER, "space_after": 0}
    issuer = page.issuer.upper()
    _paragraph(left, page.issuing_authority.upper(), size=HEADER_SIZE, **centre)
    _paragraph(left, issuer, size=HEADER_SIZE, bold=True, **centre)
    issuer_width_mm = pdfmetrics.stringWidth(issuer, _font(bold=True), HEADER_SIZE) / mm
    _rule_paragraph(left, min(issuer_width_mm, left_width) * 0.45, left_width)
    _paragraph(right, MOTTO, size=HEADER_SIZE, bold=True, **centre)
    _paragraph(right, MOTTO_LINE, size=MOTTO_LINE_SIZE, bold=True, **centre)
    motto_line_mm = pdfmetrics.stringWidth(MOTTO_LINE, _font(bold=True), MOTTO_LINE_SIZE) / mm
    _rule_paragraph(right, motto_line_mm, right_width)
    # One row, so that a reader of the table finds each column's lines in one cell; the date
    # line is pushed down to the number's line when the issuing body wraps onto more lines.
    left_height = sum(
        _lines_in(text, bold, HEADER_SIZE, left_width) * HEADER_SIZE * LINE_SPACING
        for text, bold in ((page.issuing_authority.upper(), False), (issuer, True))
    )
    right_height = (
        _lines_in(MOTTO, True, HEADER_SIZE, right_width) * HEADER_SIZE * LINE_SPACING
        + MOTTO_LINE_SIZE * LINE_SPACING
    )
    _paragraph(left, number_line(page), size=NUMBER_SIZE, space_before=8, **centre)
    _paragraph(
        right,
        date_line(page),
        italic=True,
        space_before=8 + max(left_height - right_height, 0),
        **centre,
    )
    return table


def _docx_closing(document, page):
    table = _borderless_table(document, CLOSING_COLUMNS_MM)
    left, right = table.rows[0].cells
    if page.recipients:
        _paragraph(
            left,
            RECIPIENTS_LABEL,
            size=RECIPIENTS_LABEL_SIZE,
            bold=True,
            italic=True,
            align=WD_ALIGN_PARAGRAPH.LEFT,
            space_after=0,
        )
        for line in recipient_lines(page):
            _paragraph(
                left, line, size=RECIPIENT_SIZE, align=WD_ALIGN_PARAGRAPH.LEFT, space_after=0
            )
    else:
        left.add_paragraph()
    centre_bold = {"align": WD_ALIGN_PARAGRAPH.CENTER, "bold": True, "space_after": 0}
    for line in signature_lines(page):
        _paragraph(right, line, **centre_bold)
    _paragraph(right, page.signer_name, space_before=SIGNATURE_SPACE_MM / 25.4 * 72, **centre_bold)
    # Nơi nhận and the signature stay on one page.
    row_properties = table.rows[0]._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    row_properties.append(cant_split)
    return table


def _page_number_header(section):
    """Appendix I: page numbers from the second page on, centred in the top margin (a PAGE
    field in the header of every page but the first)."""
    section.different_first_page_header_footer = True
    section.header_distance = Mm(10)
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    r_pr = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), DOCX_FONT)
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), str(PAGE_NUMBER_SIZE * 2))
    r_pr.extend([fonts, size])
    text = OxmlElement("w:t")
    text.text = "2"
    run.extend([r_pr, text])
    field.append(run)
    paragraph._p.append(field)


def plan_docx(page) -> bytes:
    """The plan as a Word document in the official layout: A4, the margins, Times New Roman."""
    # ReportLab's metrics of the same fonts measure the header's lines and rules.
    register_fonts()
    document = Document()
    _docx_styles(document)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(MARGIN_LEFT_MM), Mm(MARGIN_RIGHT_MM)
    _page_number_header(section)
    properties = document.core_properties
    properties.title, properties.subject, properties.author = page.title, page.subject, page.issuer
    properties.language = "vi-VN"

    _docx_header(document, page)
    centre_bold = {"align": WD_ALIGN_PARAGRAPH.CENTER, "bold": True, "space_after": 0}
    _paragraph(document, KIND, space_before=14, keep_with_next=True, **centre_bold)
    _paragraph(document, page.subject, keep_with_next=True, **centre_bold)
    subject_mm = pdfmetrics.stringWidth(page.subject, _font(bold=True), BODY_SIZE) / mm
    _rule_paragraph(document, min(subject_mm, TEXT_WIDTH_MM) / 3, TEXT_WIDTH_MM, space_after=12)

    indent = {"first_line_indent": FIRST_LINE_INDENT_MM}
    for line in document_lines(page):
        if line.kind == SECTION:
            _paragraph(document, line.text, bold=True, keep_with_next=True)
        elif line.kind == ITEM:
            _paragraph(document, line.text, bold=True, keep_with_next=True, **indent)
        else:
            _paragraph(document, line.text, **indent)
    _docx_closing(document, page)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
