"""*Nhập từ Word* in the admin (plans/views.py): the Youth Union uploads the school's plan as a Word
document, reviews what was read and creates a draft with the demo plan's structure; who may not
add plans is refused; a changed review form and bad files create nothing."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signing import Signer
from django.test import Client
from django.urls import reverse
from wagtail.models import PageLogEntry

from plans.models import PlanPage

from ..factories import shown_text
from .docx_builder import build_plan_docx
from .test_import import SEED_TEXT, demo_fields


def import_url(index):
    return reverse("plans_import", args=(index.pk,))


def create_url(index):
    return reverse("plans_import_create", args=(index.pk,))


def upload(client, index, data, name="ke-hoach-2026.docx"):
    return client.post(import_url(index), {"file": SimpleUploadedFile(name, data)})


def payload_of(response) -> str:
    return BeautifulSoup(response.content, "html.parser").find("input", {"name": "payload"})[
        "value"
    ]


def plain(stream) -> list:
    """A StreamField's value as the (type, value) pairs load_demo passes in."""
    result = []
    for block in stream:
        value = block.value
        if block.block_type == "section":
            value = {"heading": value["heading"], "content": plain(value["content"])}
        elif block.block_type == "item":
            value = {"title": value["title"], "content": plain(value["content"])}
        elif block.block_type == "responsibility":
            value = {"party": value["party"], "duties": plain(value["duties"])}
        elif block.block_type == "bullets":
            value = list(value)
        result.append((block.block_type, value))
    return result


def page_fields(page) -> dict:
    fields = {name: getattr(page, name) for name in demo_fields()}
    for name in ("legal_bases", "sections", "recipients"):
        fields[name] = plain(fields[name])
    return fields


@pytest.fixture
def seed_docx():
    return build_plan_docx(SEED_TEXT)


def test_youth_union_imports_the_plan_as_a_draft(youth, plan_index, seed_docx):
    # The action is offered on the plan list.
    explore = youth.client.get(reverse("wagtailadmin_explore", args=(plan_index.pk,)))
    assert import_url(plan_index) in explore.content.decode()
    form = youth.client.get(import_url(plan_index))
    assert form.status_code == 200
    assert "Nhập từ Word" in form.content.decode()

    review = upload(youth.client, plan_index, seed_docx)

    assert review.status_code == 200
    text = shown_text(review)
    for part in [
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ CẦN THƠ",
        "Thực hiện công tác vì sự tiến bộ phụ nữ và bình đẳng giới năm 2026",
        "Căn cứ Công văn số 1582/BGDĐT-NGCBQLGD",
        "Cụ thể như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "IV. TỔ CHỨC THỰC HIỆN",
        "1. Tăng cường công tác tuyên truyền",
        "3. BCH Đoàn trường",
        "<li>Chú trọng công tác quy hoạch, bổ nhiệm, đào tạo, bồi dưỡng đảm bảo cơ cấu,",
        "<li>Lưu: VT</li>",
        "KT. HIỆU TRƯỞNG",
        "Quách Tố San",
        "phụ nữ của nhà trường.",  # the report: the broken bullet, joined
        "Tạo bản nháp",
        "Hủy",
    ]:
        assert part in text, part
    assert not PlanPage.objects.exists()  # nothing saved before the review is confirmed

    created = youth.client.post(create_url(plan_index), {"payload": payload_of(review)})

    page = PlanPage.objects.child_of(plan_index).get()
    assert created.status_code == 302
    assert created["Location"] == reverse("wagtailadmin_pages:edit", args=(page.pk,))
    assert page_fields(page) == demo_fields()
    assert not page.live
    assert page.has_unpublished_changes
    assert page.owner == youth.user
    assert page.revisions.count() == 1
    assert page.latest_revision.user == youth.user
    actions = set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
    assert actions == {"wagtail.create", "plans.import"}
    editor = youth.client.get(created["Location"])
    assert editor.status_code == 200
    assert "Báo cáo nhập có 1 ghi chú" in editor.content.decode()
    history = youth.client.get(reverse("wagtailadmin_pages:history", args=(page.pk,)))
    assert "Nhập từ tệp “ke-hoach-2026.docx”; báo cáo nhập có 1 ghi chú" in shown_text(history)


def test_a_text_file_is_imported_too(youth, plan_index):
    review = upload(youth.client, plan_index, SEED_TEXT.encode(), name="ke-hoach.txt")
    youth.client.post(create_url(plan_index), {"payload": payload_of(review)})

    assert page_fields(PlanPage.objects.get()) == demo_fields()


def test_review_highlights_missing_and_stray_parts(youth, plan_index):
    data = build_plan_docx(
        SEED_TEXT, recipients=False, signature=False, extras={"I. MỤC ĐÍCH, YÊU CẦU": ["Đoạn lạ."]}
    )

    review = upload(youth.client, plan_index, data)

    soup = BeautifulSoup(review.content, "html.parser")
    warnings = [
        row.get_text(" ", strip=True)
        for row in soup.select("#plan-import-report-section tr.plan-import-note--warning")
    ]
    assert any("Đoạn lạ." in row and "trong lời mở đầu" in row for row in warnings)
    assert any("Không tìm thấy nơi nhận" in row for row in warnings)
    assert any("Không tìm thấy họ tên người ký" in row for row in warnings)
    assert "3 ghi chú cần bạn chú ý" in soup.get_text()


def test_anonymous_is_sent_to_the_login(client, plan_index, seed_docx):
    response = client.get(import_url(plan_index))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))

    response = client.post(create_url(plan_index), {"payload": "x"})
    assert response.status_code == 302
    assert not PlanPage.objects.exists()


def test_roles_that_cannot_add_plans_are_refused(
    committee, vice_principal, youth, plan_index, seed_docx
):
    # A payload the Youth Union got honestly, replayed by others.
    payload = payload_of(upload(youth.client, plan_index, seed_docx))
    explore = vice_principal.client.get(reverse("wagtailadmin_explore", args=(plan_index.pk,)))
    assert explore.status_code == 200
    assert import_url(plan_index) not in explore.content.decode()

    for role in (committee, vice_principal):
        assert role.client.get(import_url(plan_index)).status_code == 403
        assert upload(role.client, plan_index, seed_docx).status_code == 403
        assert role.client.post(create_url(plan_index), {"payload": payload}).status_code == 403
    assert not PlanPage.objects.exists()


def test_only_a_plan_list_takes_imports(youth, home_page, news_index):
    assert youth.client.get(reverse("plans_import", args=(news_index.pk,))).status_code == 404
    assert youth.client.get(reverse("plans_import", args=(999999,))).status_code == 404


def test_a_changed_review_creates_nothing(youth, plan_index, seed_docx, superuser):
    payload = payload_of(upload(youth.client, plan_index, seed_docx))
    value, signature = payload.rsplit(":", 1)
    forged = [
        payload[:-3] + ("AAA" if not payload.endswith("AAA") else "BBB"),  # changed signature
        f"{value[:-4]}abcd:{signature}",  # changed data
        Signer(salt="plans.import").sign("[]"),  # signed with another salt's format
        "",
    ]
    for bad in forged:
        response = youth.client.post(create_url(plan_index), {"payload": bad})
        assert response.status_code == 400
        assert "Không kiểm tra được dữ liệu nhập đã xem lại" in response.content.decode()

    # Another editor's honest review is not this editor's to confirm.
    admin = Client()
    admin.force_login(superuser)
    response = admin.post(create_url(plan_index), {"payload": payload})
    assert response.status_code == 400
    assert not PlanPage.objects.exists()
    assert youth.client.get(create_url(plan_index)).status_code == 405


def test_a_bad_file_gets_a_vietnamese_error_on_the_form(youth, plan_index, seed_docx):
    cases = {
        "ke-hoach.docx": (b"not a zip at all", "không phải là tài liệu Word (.docx)"),
        "hong.docx": (seed_docx[: len(seed_docx) // 3], "hoặc đã bị hỏng"),
        "trong.docx": (b"", "Tệp trống."),
        "ke-hoach.pdf": (b"%PDF-1.7", "Hãy tải lên tài liệu Word (.docx) hoặc tệp văn bản (.txt)."),
    }
    for name, (data, message) in cases.items():
        response = upload(youth.client, plan_index, data, name=name)
        assert response.status_code == 400, name
        assert message in shown_text(response), name
    assert not PlanPage.objects.exists()


def test_a_file_over_the_limit_is_refused(youth, plan_index, settings):
    data = io.BytesIO(b"PK" + b"\0" * (10 * 1024 * 1024))
    response = upload(youth.client, plan_index, data.getvalue())
    assert response.status_code == 400
    assert "Tệp lớn hơn 10 MB." in shown_text(response)


def test_a_number_clash_is_shown_on_the_review_and_nothing_is_saved(youth, plan_index, plan_page):
    # plan_page holds number 125 for 2026.
    text = SEED_TEXT.replace("Số: /KH-THPTST", "Số: 125/KH-THPTST")
    review = upload(youth.client, plan_index, build_plan_docx(text))

    response = youth.client.post(create_url(plan_index), {"payload": payload_of(review)})

    assert response.status_code == 400
    assert "Không tạo được bản nháp" in shown_text(response)
    assert plan_page.title in shown_text(response)
    assert payload_of(response)  # the review stays, to go back and fix the file
    assert PlanPage.objects.count() == 1


def test_a_plan_missing_required_parts_becomes_a_draft_to_complete(youth, plan_index):
    """No subject and no signer: the draft is created with them empty, as the admin's own "Save
    draft" allows, for the editor to fill in (the report said so)."""
    text = SEED_TEXT.replace(
        "Thực hiện công tác vì sự tiến bộ phụ nữ và bình đẳng giới năm 2026\n", ""
    ).replace("Quách Tố San", "")
    review = upload(youth.client, plan_index, text.encode(), name="thieu.txt")
    assert "Không tìm thấy trích yếu" in shown_text(review)

    created = youth.client.post(create_url(plan_index), {"payload": payload_of(review)})

    page = PlanPage.objects.get()
    assert created.status_code == 302
    assert (page.subject, page.signer_name, page.title) == ("", "", "Kế hoạch")
    assert not page.live
    assert len(page.sections) == 4
