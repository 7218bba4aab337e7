"""Each role's dashboard shows what waits for them, what they submitted, and what is scheduled."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import Workflow

from ..admin_client import AdminUser
from ..factories import make_news


def dashboard(user):
    response = AdminUser(user).client.get("/admin/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def panel_text(soup, panel_id):
    panel = soup.find(id=f"{panel_id}-section")
    return panel.get_text(" ", strip=True) if panel else ""


@pytest.fixture
def in_review(news_index, youth_union_user):
    page = make_news(news_index, title="Tin chờ Ban duyệt", slug="tin-cho-duyet", live=False)
    page.save_revision(user=youth_union_user)
    Workflow.objects.get(name="Duyệt nội dung").start(page, youth_union_user)
    return page


def test_the_committee_sees_what_awaits_its_review(in_review, committee_user):
    assert "Tin chờ Ban duyệt" in panel_text(dashboard(committee_user), "awaiting-review")


def test_the_vice_principal_does_not_see_it_before_the_committee_approved(
    in_review, vice_principal_user
):
    assert "Tin chờ Ban duyệt" not in panel_text(dashboard(vice_principal_user), "awaiting-review")


def test_the_youth_union_sees_where_its_submission_stands(in_review, youth_union_user):
    text = panel_text(dashboard(youth_union_user), "objects-in-workflow")
    assert "Tin chờ Ban duyệt" in text
    assert "Ban Vì sự tiến bộ phụ nữ duyệt" in text


def test_everyone_sees_what_is_scheduled(news_index, youth_union_user, committee_user):
    page = make_news(news_index, title="Tin hẹn giờ", slug="tin-hen-gio", live=False)
    page.go_live_at = timezone.now() + datetime.timedelta(days=1)
    page.save_revision().publish()  # the final approval of a page with a go-live time
    for user in (youth_union_user, committee_user):
        text = panel_text(dashboard(user), "scheduled-pages")
        assert "Tin hẹn giờ" in text
        assert timezone.localtime(page.go_live_at).strftime("%d/%m/%Y") in text


def test_a_page_sent_back_and_resubmitted_waits_again_for_the_vice_principal(
    news_index, youth_union_user, committee_user, vice_principal_user
):
    from ..admin_client import AdminUser
    from ..factories import news_form_data

    page = make_news(news_index, title="Tin gửi lại", slug="tin-gui-lai", live=False)
    page.save_revision(user=youth_union_user)
    Workflow.objects.get(name="Duyệt nội dung").start(page, youth_union_user)
    committee, vice_principal = AdminUser(committee_user), AdminUser(vice_principal_user)
    committee.approve(page)
    vice_principal.request_changes(page, comment="Sửa ngày.")
    AdminUser(youth_union_user).submit(page, news_form_data("Tin gửi lại", "tin-gui-lai"))
    committee.approve(page)

    assert "Tin gửi lại" in panel_text(dashboard(vice_principal_user), "awaiting-review")
