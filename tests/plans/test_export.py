"""Every plan downloads as the official document (Decree 30/2020/NĐ-CP, Appendix I): a PDF and a
Word file, from ``<plan>/pdf/`` and ``<plan>/docx/``, as anonymous readers get them.

The PDF is read back with Debian's poppler-utils (pdftotext, pdfinfo, pdffonts: `make browser`
installs them), as a reader's viewer would; without them these tests skip, and fail on CI. The
expected text is built from the plan's own fields, so the tests follow the data, not a copy."""

import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from docx import Document
from docx.oxml.ns import qn
from wagtail.models import PageViewRestriction

from home.demo import plan_2026
from plans.models import PlanPage

from ..ci import unavailable
from ..factories import make_plan

# Every test here reads the database, through the files made once for the module too: marked so
# that pytest-django runs them with the other database tests, before the transactional suites
# empty the tables (run after them, the module's demo found no Site).
pytestmark = pytest.mark.django_db

PLAN_URL = f"/ke-hoach/{plan_2026.SLUG}/"
PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MM = 72 / 25.4  # points per millimetre
A4_POINTS = (595.28, 841.89)
# Appendix I's margins, in millimetres: (smallest, largest).
MARGINS_MM = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_LINE = "Độc lập - Tự do - Hạnh phúc"


def need_tool(name):
    """The poppler tool ``name``: fail on CI, skip elsewhere, when it is missing (the e2e suite's
    convention for Chromium)."""
    path = shutil.which(name)
    if path:
        return path
    unavailable(
        f"{name} (Debian's poppler-utils) is not installed",
        "the export tests",
        "run `make browser` to install it",
    )


def run_tool(name, *args, data: bytes) -> str:
    """Run a poppler tool on the PDF ``data`` and return what it prints."""
    tool = need_tool(name)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "plan.pdf"
        path.write_bytes(data)
        output = [] if name != "pdftotext" else ["-"]
        result = subprocess.run(
            [tool, *args, str(path), *output], capture_output=True, check=True, timeout=60
        )
    return result.stdout.decode("utf-8")


def squash(text: str) -> str:
    """Text with its white space collapsed (no-break spaces too), so wrapping does not count."""
    return " ".join(text.replace("\u00a0", " ").split())


def assert_in_order(text: str, expected: list[str]):
    """Each of ``expected`` appears in ``text`` after the one before it (white space collapsed)."""
    text = squash(text)
    position = 0
    for line in expected:
        needle = squash(line)
        found = text.find(needle, position)
        assert found >= 0, f"missing, or out of order after the line before it: {needle!r}"
        position = found + len(needle)


# What the document says, from the plan's fields --------------------------------------------------


def header_left(plan):
    number = plan.document_number
    return [plan.issuing_authority, plan.issuer, "Số:", f"{number}/{plan.document_code}"]


def header_right(plan):
    date = [f"{plan.place}, ngày", "tháng", f"năm {plan.year}"]
    return [MOTTO, MOTTO_LINE, *date]


def body_lines(plan):
    """The title, the legal bases and preamble, every section, item, paragraph and bullet with
    its numeral, number or dash, and the closing sentence."""
    lines = ["KẾ HOẠCH", plan.subject]
    lines += [basis.value for basis in plan.legal_bases]
    lines += [plan.preamble]

    def content(stream):
        for child in stream:
            if child.block_type == "paragraph":
                yield child.value
            else:
                yield from (f"- {bullet}" for bullet in child.value)

    for index, section in enumerate(plan.sections):
        numeral = ["I", "II", "III", "IV", "V", "VI"][index]
        lines.append(f"{numeral}. {section.value['heading']}")
        number = 0
        for child in section.value["content"]:
            if child.block_type == "item":
                number += 1
                lines.append(f"{number}. {child.value['title']}")
                lines += content(child.value["content"])
            elif child.block_type == "responsibility":
                number += 1
                lines.append(f"{number}. {child.value['party']}")
                lines += content(child.value["duties"])
            else:
                lines += content([child])
    lines.append(plan.closing)
    return lines


def recipient_lines(plan):
    names = [recipient.value for recipient in plan.recipients]
    return ["Nơi nhận:"] + [f"- {name};" for name in names[:-1]] + [f"- {names[-1]}."]


def signature_lines(plan):
    return [plan.signature_authority, plan.signer_title, plan.signer_name]


def all_lines(plan):
    return [
        *header_left(plan),
        *header_right(plan),
        *body_lines(plan),
        *recipient_lines(plan),
        *signature_lines(plan),
    ]


# Fixtures ----------------------------------------------------------------------------------------


@pytest.fixture
def plan(demo_site):
    return PlanPage.objects.get(slug=plan_2026.SLUG, locale__language_code="vi")


@pytest.fixture(scope="module")
def exported(django_db_setup, django_db_blocker):
    """The demo plan and its two files as an anonymous reader downloads them, made once for the
    checks of the files (the demo is loaded in a transaction rolled back afterwards)."""
    with django_db_blocker.unblock(), transaction.atomic():
        try:
            call_command("load_demo", "--without-users", stdout=io.StringIO())
            plan = PlanPage.objects.get(slug=plan_2026.SLUG, locale__language_code="vi")
            client = Client()
            files = {}
            for route in ("pdf", "docx"):
                response = client.get(f"{PLAN_URL}{route}/")
                assert response.status_code == 200
                files[route] = response.content
        finally:
            transaction.set_rollback(True)
            caches["pages"].clear()
    return plan, files


@pytest.fixture
def demo_plan(exported):
    """The demo plan as it was exported (its fields only: the database is gone)."""
    return exported[0]


@pytest.fixture
def pdf(exported):
    return exported[1]["pdf"]


@pytest.fixture
def docx_file(exported):
    return Document(BytesIO(exported[1]["docx"]))


def test_the_demo_plan_has_what_the_tests_check(demo_plan):
    # The checks below read every part: the demo plan has each of them.
    assert (
        demo_plan.legal_bases and demo_plan.preamble and demo_plan.closing and demo_plan.recipients
    )
    kinds = {child.block_type for s in demo_plan.sections for child in s.value["content"]}
    assert kinds == {"paragraph", "bullets", "item", "responsibility"}
    assert (
        demo_plan.signature_authority
        and demo_plan.issued_on is None
        and not demo_plan.document_number
    )


# The PDF -----------------------------------------------------------------------------------------


def test_pdf_text_holds_every_line_of_the_plan_in_order(demo_plan, pdf):
    # Reading order: the header's left column, then its right one, the body, Nơi nhận, the
    # signature.
    assert_in_order(run_tool("pdftotext", "-enc", "UTF-8", data=pdf), all_lines(demo_plan))


def test_pdf_layout_text_holds_the_body_in_order_and_the_columns_side_by_side(demo_plan, pdf):
    text = run_tool("pdftotext", "-layout", "-enc", "UTF-8", data=pdf)
    assert_in_order(text, body_lines(demo_plan))
    lines = text.splitlines()
    # Side by side: the school's lines and the motto's share lines of the page...
    first = next(line for line in lines if line.strip())
    assert squash(first).startswith(demo_plan.issuing_authority.split()[0])
    assert MOTTO in squash(first)
    number_line = next(line for line in lines if "Số:" in line)
    assert f"{demo_plan.place}, ngày" in squash(number_line)
    # ...and so do the recipients and the signature.
    label_line = next(line for line in lines if "Nơi nhận:" in line)
    assert squash(label_line).endswith(demo_plan.signature_authority)
    first_recipient = recipient_lines(demo_plan)[1]
    assert any(
        squash(line).startswith(first_recipient) and demo_plan.signer_title in line
        for line in lines
    )


def words(pdf) -> list[dict]:
    """Every word of the PDF with its page and box, in points from the page's top left."""
    html = run_tool("pdftotext", "-bbox", "-enc", "UTF-8", data=pdf)
    soup = BeautifulSoup(html, "html.parser")
    result = []
    for number, page in enumerate(soup.find_all("page"), start=1):
        for word in page.find_all("word"):
            box = {key: float(word[key]) for key in ("xmin", "ymin", "xmax", "ymax")}
            result.append({"page": number, "text": word.get_text(), **box})
    return result


def test_pdf_pages_are_a4(pdf):
    info = run_tool("pdfinfo", "-f", "1", "-l", "99", data=pdf)
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert pages >= 2 and len(sizes) == pages
    for width, height in sizes:
        assert (float(width), float(height)) == pytest.approx(A4_POINTS, abs=0.5)


def test_pdf_fonts_are_embedded_liberation_serif(pdf):
    rows = run_tool("pdffonts", data=pdf).splitlines()[2:]
    assert rows
    names = set()
    for row in rows:
        name, *_rest = row.split()
        # Columns: name type encoding emb sub uni object-id generation.
        emb = row.split()[-5]
        assert emb == "yes", row
        names.add(name.split("+")[-1])
    # The regular, bold, italic (the date line) and bold italic (Nơi nhận) faces, nothing else.
    assert names == {
        "LiberationSerif",
        "LiberationSerif-Bold",
        "LiberationSerif-Italic",
        "LiberationSerif-BoldItalic",
    }


def test_pdf_text_keeps_within_the_official_margins_and_numbers_pages_from_two(pdf):
    all_words = words(pdf)
    width, height = A4_POINTS
    numbers = []
    for word in all_words:
        if word["ymax"] < MARGINS_MM["top"][0] * MM:
            numbers.append(word)  # in the top margin: only the page number may be there
            continue
        assert word["xmin"] >= MARGINS_MM["left"][0] * MM - 0.5, word
        assert word["xmax"] <= width - MARGINS_MM["right"][0] * MM + 0.5, word
        assert word["ymax"] <= height - MARGINS_MM["bottom"][0] * MM + 0.5, word
    pages = max(word["page"] for word in all_words)
    # No number on the first page; on every other page its number, centred over the text.
    assert [(word["page"], word["text"]) for word in numbers] == [
        (page, str(page)) for page in range(2, pages + 1)
    ]
    text_centre = (MARGINS_MM["left"][0] * MM + width - MARGINS_MM["right"][0] * MM) / 2
    for word in numbers:
        assert (word["xmin"] + word["xmax"]) / 2 == pytest.approx(text_centre, abs=2)


def test_pdf_header_sits_in_two_columns_and_the_title_is_centred(demo_plan, pdf):
    first_page = [word for word in words(pdf) if word["page"] == 1]

    def find(text, after=0):
        return next(w for w in first_page[after:] if w["text"] == text)

    title = find("KẾ")
    header = [w for w in first_page if w["ymax"] <= title["ymin"]]
    authority_words = demo_plan.issuing_authority.split() + demo_plan.issuer.split() + ["Số:"]
    motto_words = (MOTTO + " " + MOTTO_LINE).split() + [demo_plan.place.split()[0]]
    left = [w for w in header if w["text"] in authority_words and w["text"] not in motto_words]
    right = [w for w in header if w["text"] in motto_words and w["text"] not in authority_words]
    assert left and right
    # Every word of the school's column lies left of every word of the motto's column.
    assert max(w["xmax"] for w in left) < min(w["xmin"] for w in right)
    # "Số: …" and the date line on one line.
    number, place = find("Số:"), find(demo_plan.place.split()[0])
    assert number["ymin"] == pytest.approx(place["ymin"], abs=3)
    # KẾ HOẠCH is centred over the text.
    width = A4_POINTS[0]
    text_centre = (MARGINS_MM["left"][0] * MM + width - MARGINS_MM["right"][0] * MM) / 2
    hoach = first_page[first_page.index(title) + 1]
    assert (title["xmin"] + hoach["xmax"]) / 2 == pytest.approx(text_centre, abs=2)


def test_pdf_recipients_sit_left_of_the_signature(demo_plan, pdf):
    all_words = words(pdf)
    last_page = [w for w in all_words if w["page"] == max(w["page"] for w in all_words)]
    label = next(w for w in last_page if w["text"] == "Nơi")
    signer = [w for w in last_page if w["text"] in demo_plan.signer_name.split()]
    authority = [w for w in last_page if w["text"] in demo_plan.signature_authority.split()]
    assert label["ymin"] == pytest.approx(authority[0]["ymin"], abs=3)
    assert all(label["xmax"] < w["xmin"] for w in signer + authority)
    # Room for the signature between the title and the name.
    assert signer[0]["ymin"] - authority[0]["ymax"] > 20 * MM


# The Word document -------------------------------------------------------------------------------


def test_docx_is_a4_with_the_official_margins(docx_file):
    section = docx_file.sections[0]
    assert section.page_width.mm == pytest.approx(210, abs=0.1)
    assert section.page_height.mm == pytest.approx(297, abs=0.1)
    for side, (low, high) in MARGINS_MM.items():
        margin = getattr(section, f"{side}_margin").mm
        assert low - 0.1 <= margin <= high + 0.1, (side, margin)


def test_docx_uses_times_new_roman_for_every_script(docx_file):
    normal = docx_file.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert 13 <= normal.font.size.pt <= 14
    fonts = normal.element.rPr.rFonts
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        assert fonts.get(qn(script)) == "Times New Roman", script
    # No run names another font.
    for element in docx_file.element.body.iter(qn("w:rFonts")):
        assert set(element.attrib.values()) == {"Times New Roman"}


def cell_texts(cell):
    return [p.text for p in cell.paragraphs if p.text.strip()]


def test_docx_header_table(demo_plan, docx_file):
    body = list(docx_file.element.body.iterchildren())
    assert body[0].tag == qn("w:tbl"), "the document starts with the header table"
    header = docx_file.tables[0]
    left, right = header.rows[0].cells
    assert len(header.rows) == 1 and len(header.columns) == 2
    assert [squash(t) for t in cell_texts(left)] == [
        demo_plan.issuing_authority,
        demo_plan.issuer,
        f"Số: {demo_plan.document_number}/{demo_plan.document_code}".replace(":  ", ": "),
    ]
    assert [squash(t) for t in cell_texts(right)] == [
        MOTTO,
        MOTTO_LINE,
        squash(f"{demo_plan.place}, ngày tháng năm {demo_plan.year}"),
    ]
    # The school and the motto in bold, the date line in italics; no borders.
    assert all(run.bold for run in left.paragraphs[1].runs)
    assert all(run.bold for p in right.paragraphs[:2] for run in p.runs)
    assert all(run.italic for run in right.paragraphs[-1].runs)
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert {edge.get(qn("w:val")) for edge in borders} == {"nil"}


def test_docx_body_holds_every_line_in_order_with_numbers_as_text(demo_plan, docx_file):
    paragraphs = [p for p in docx_file.paragraphs if p.text.strip()]
    assert [p.text for p in paragraphs] == body_lines(demo_plan)
    by_text = {p.text: p for p in paragraphs}
    for numeral in ("I", "II", "III", "IV"):
        heading = next(p for p in paragraphs if p.text.startswith(numeral + ". "))
        assert all(run.bold for run in heading.runs)
    bullet = next(p for p in paragraphs if p.text.startswith("- "))
    assert not any(run.bold for run in bullet.runs)
    assert by_text[demo_plan.closing].paragraph_format.first_line_indent.mm == pytest.approx(
        12.7, 0.1
    )


def test_docx_ends_with_recipients_beside_the_signature(demo_plan, docx_file):
    body = list(docx_file.element.body.iterchildren())
    tables = [child for child in body if child.tag == qn("w:tbl")]
    assert len(tables) == 2 and body.index(tables[1]) > body.index(tables[0])
    closing = docx_file.tables[1]
    left, right = closing.rows[0].cells
    assert cell_texts(left) == recipient_lines(demo_plan)
    assert cell_texts(right) == signature_lines(demo_plan)
    label = left.paragraphs[0].runs[0]
    assert (label.bold, label.italic, label.font.size.pt) == (True, True, 12)
    assert {run.font.size.pt for p in left.paragraphs[1:] for run in p.runs} == {11}
    assert all(run.bold for p in right.paragraphs for run in p.runs)


def test_docx_numbers_pages_from_the_second(docx_file):
    section = docx_file.sections[0]
    assert section.different_first_page_header_footer
    assert not section.first_page_header.paragraphs[0].text
    fields = section.header._element.findall(".//" + qn("w:fldSimple"))
    assert [field.get(qn("w:instr")).strip() for field in fields] == ["PAGE"]


# Downloads ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("route", "content_type", "magic"), [("pdf", PDF_TYPE, b"%PDF-"), ("docx", DOCX_TYPE, b"PK")]
)
def test_anonymous_download_with_its_type_and_file_names(plan, route, content_type, magic):
    client = Client()
    response = client.get(f"{PLAN_URL}{route}/")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response.content.startswith(magic)
    disposition = response["Content-Disposition"]
    assert disposition.startswith(f'attachment; filename="{plan_2026.SLUG}.{route}"; ')
    encoded = re.search(r"filename\*=UTF-8''(\S+)$", disposition).group(1)
    assert unquote(encoded) == f"{plan.title}.{route}"
    if route == "docx":
        assert zipfile.ZipFile(BytesIO(response.content)).testzip() is None

    # The page cache keeps the file whole: the second reader gets the same bytes from it.
    again = client.get(f"{PLAN_URL}{route}/")
    assert again["X-Page-Cache"] == "hit"
    assert again.content == response.content
    assert again["Content-Type"] == content_type
    assert again["Content-Disposition"] == disposition


def test_the_plan_page_links_to_both_files(plan, client):
    soup = BeautifulSoup(client.get(PLAN_URL).content, "html.parser")
    links = {a["href"]: a for a in soup.select("main .plan-downloads a")}
    assert set(links) == {PLAN_URL + "pdf/", PLAN_URL + "docx/"}
    assert links[PLAN_URL + "pdf/"]["type"] == PDF_TYPE


def test_a_draft_is_never_exported(plan, client):
    # Changes saved as a draft are not what the public downloads.
    plan.subject = "Bản nháp chưa duyệt"
    plan.save_revision()
    document = Document(BytesIO(client.get(PLAN_URL + "docx/").content))
    texts = [p.text for p in document.paragraphs]
    assert plan_2026.HEADER["subject"] in texts and "Bản nháp chưa duyệt" not in texts


@pytest.mark.parametrize("route", ["pdf", "docx"])
def test_an_unpublished_plan_is_not_found(plan, client, route):
    plan.unpublish()
    assert client.get(PLAN_URL).status_code == 404
    assert client.get(f"{PLAN_URL}{route}/").status_code == 404


@pytest.mark.parametrize("route", ["pdf", "docx"])
def test_a_restricted_plan_asks_for_a_sign_in_as_its_page_does(plan, client, route):
    PageViewRestriction.objects.create(page=plan, restriction_type=PageViewRestriction.LOGIN)
    page = client.get(PLAN_URL)
    download = client.get(f"{PLAN_URL}{route}/")
    assert page.status_code == download.status_code == 302
    assert download["Location"].startswith("/_util/login/?next=")
    assert f"{route}/" in unquote(download["Location"])
    assert not download.content.startswith((b"%PDF", b"PK"))


def test_a_plan_never_published_is_not_found(plan_index, client):
    draft = make_plan(plan_index, live=False)
    for route in ("", "pdf/", "docx/"):
        assert client.get(f"/ke-hoach/{draft.slug}/{route}").status_code == 404


def test_a_numbered_signed_plan_with_awkward_text_downloads_as_written(plan_page, client):
    # Markup characters, a line break and a pasted control character (which XML cannot hold).
    plan_page.preamble = "Căn cứ <b>tình hình</b> & nhu cầu;\nCụ thể\x0c như sau:"
    plan_page.save_revision().publish()
    url = plan_page.url
    docx = client.get(url + "docx/")
    pdf = client.get(url + "pdf/")
    assert docx.status_code == pdf.status_code == 200

    document = Document(BytesIO(docx.content))
    left, right = document.tables[0].rows[0].cells
    assert cell_texts(left)[-1] == "Số: 125/KH-THPTST"
    # Appendix I: the day with a leading zero, March without.
    assert cell_texts(right)[-1] == f"{plan_page.place}, ngày 02 tháng 3 năm 2026"
    assert "Căn cứ <b>tình hình</b> & nhu cầu;\nCụ thể như sau:" in [
        p.text for p in document.paragraphs
    ]
    text = run_tool("pdftotext", "-enc", "UTF-8", data=pdf.content)
    assert_in_order(
        text,
        [
            "Số: 125/KH-THPTST",
            f"{plan_page.place}, ngày 02 tháng 3 năm 2026",
            "Căn cứ <b>tình hình</b> & nhu cầu;",
            "Cụ thể như sau:",
        ],
    )
