"""Plan page types: where they may live, that the Youth Union can draft a plan in the admin, and
that plans render once published."""

import datetime

from django.urls import reverse

from home.models import HomePage
from plans.models import PlanIndexPage, PlanPage

from ..factories import add_page_url, index_form_data, make_plan, plan_form_data


def test_plan_index_lives_under_the_home_page_and_holds_plans_only():
    assert PlanIndexPage.allowed_parent_page_models() == [HomePage]
    assert PlanIndexPage.allowed_subpage_models() == [PlanPage]


def test_plan_lives_under_the_plan_index_and_has_no_children():
    assert PlanPage.allowed_parent_page_models() == [PlanIndexPage]
    assert PlanPage.allowed_subpage_models() == []


def test_plan_cannot_be_created_outside_the_plan_index(home_page, news_index, plan_index):
    assert PlanPage.can_create_at(plan_index)
    assert not PlanPage.can_create_at(home_page)
    assert not PlanPage.can_create_at(news_index)


def test_only_one_plan_index_per_home_page(home_page):
    assert PlanIndexPage.can_create_at(home_page)

    home_page.add_child(instance=PlanIndexPage(title="Kế hoạch"))

    assert not PlanIndexPage.can_create_at(home_page)


def test_admin_refuses_a_second_plan_index(client, superuser, home_page, plan_index):
    client.force_login(superuser)

    response = client.post(
        add_page_url(home_page, PlanIndexPage), index_form_data("Kế hoạch khác", "ke-hoach-khac")
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert PlanIndexPage.objects.child_of(home_page).count() == 1


def test_superuser_can_create_plan_index_in_admin(client, superuser, home_page):
    client.force_login(superuser)

    response = client.post(
        add_page_url(home_page, PlanIndexPage), index_form_data("Kế hoạch", "ke-hoach")
    )

    index = PlanIndexPage.objects.child_of(home_page).get()
    assert response.status_code == 302
    assert (index.title, index.slug, index.live) == ("Kế hoạch", "ke-hoach", False)


def test_youth_union_can_create_plan_in_admin(youth_union_client, youth_union_user, plan_index):
    data = plan_form_data(
        "Kế hoạch thực hiện công tác bình đẳng giới năm 2026",
        document_number="125",
        issued_on="02/03/2026",
    )

    response = youth_union_client.post(add_page_url(plan_index, PlanPage), data)

    plan = PlanPage.objects.child_of(plan_index).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=(plan.id,))
    assert plan.live is False
    assert plan.owner == youth_union_user
    assert plan.slug == "ke-hoach-thuc-hien-cong-tac-binh-dang-gioi-nam-2026"
    draft = plan.get_latest_revision_as_object()
    assert draft.year == 2026
    assert draft.document_number == "125"
    assert draft.document_reference == "125/KH-THPTST"
    assert draft.issued_on == datetime.date(2026, 3, 2)
    assert draft.place == "Mỹ Xuyên"
    assert draft.signer_name == "Nguyễn Thị Lan"
    assert [basis.value for basis in draft.legal_bases] == [
        "Căn cứ Luật Bình đẳng giới ngày 29 tháng 11 năm 2006;"
    ]
    assert [recipient.value for recipient in draft.recipients] == ["Lưu: VT"]
    [section] = draft.sections
    assert section.value["heading"] == "NỘI DUNG THỰC HIỆN"
    [item] = section.value["content"]
    assert item.value["title"] == "Tăng cường công tác tuyên truyền"
    [bullets] = item.value["content"]
    assert list(bullets.value) == [
        "Tuyên truyền chủ trương của Đảng.",
        "Phòng, chống bạo lực giới.",
    ]
    assert [str(plan_item) for plan_item in draft.get_items()] == [
        "I.1. Tăng cường công tác tuyên truyền"
    ]


def test_plan_items_are_numbered_from_their_order(plan_page):
    assert [str(item) for item in plan_page.get_items()] == [
        "II.1. Tăng cường công tác tuyên truyền",
        "II.2. Tổ chức các hoạt động hưởng ứng",
        "IV.1. BCH Đoàn trường",
        "IV.2. Giáo viên chủ nhiệm",
    ]
    item = plan_page.get_items()[1]
    assert plan_page.get_item(item.block_id) == item
    assert plan_page.get_item("not-an-item") is None


def test_published_plan_index_renders(client, plan_index):
    plan_index.save_revision().publish()

    response = client.get(plan_index.url)

    assert response.status_code == 200
    assert "Kế hoạch" in response.content.decode()


def test_published_plan_renders(client, plan_index):
    plan = make_plan(plan_index, year=2026, title="Kế hoạch bình đẳng giới năm 2026")
    plan.save_revision().publish()

    response = client.get(plan.url)

    assert response.status_code == 200
    assert "Kế hoạch bình đẳng giới năm 2026" in response.content.decode()


def test_draft_plan_is_not_public(client, plan_index):
    plan = make_plan(plan_index, year=2026, live=False)

    response = client.get(plan.url)

    assert response.status_code == 404
