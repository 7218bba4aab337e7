"""The review workflow driven through the admin by the real roles: Youth Union drafts and
submits, the committee reviews, the vice principal approves and publishes or schedules."""

import datetime

import pytest
import time_machine
from django.utils import timezone
from wagtail.models import PageLogEntry, TaskState, WorkflowState

from cms.tasks import sweep_schedule
from cms.workflow import DIRECT_PUBLISH_ACTION, RESTART_ACTION
from home.models import NewsPage

from ..admin_client import AdminUser
from ..factories import add_page_url, news_form_data

COMMITTEE_STEP = "Ban Vì sự tiến bộ phụ nữ duyệt"
FINAL_STEP = "Phó Hiệu trưởng phê duyệt"


@pytest.fixture
def submitted(youth, news_index):
    """A news item the Youth Union drafted and submitted for review in one go."""
    data = news_form_data(TITLE, SLUG)
    data["action-submit"] = "1"
    response = youth.client.post(add_page_url(news_index, NewsPage), data)
    assert response.status_code == 302
    return NewsPage.objects.get(slug="sinh-hoat-duoi-co")


TITLE = "Sinh hoạt dưới cờ về bình đẳng giới"
SLUG = "sinh-hoat-duoi-co"


def edited(**changes):
    """The news item's edit form as posted after changing ``changes``."""
    return news_form_data(changes.pop("title", TITLE), SLUG, **changes)


def fresh(page):
    return NewsPage.objects.get(pk=page.pk)


def current_step(page):
    state = fresh(page).current_workflow_task_state
    return state.task.name if state else None


def test_happy_path_draft_committee_vice_principal_live(
    submitted, committee, vice_principal, client
):
    assert not fresh(submitted).live
    assert current_step(submitted) == COMMITTEE_STEP
    assert client.get("/tin-tuc/sinh-hoat-duoi-co/").status_code == 404

    assert committee.approve(submitted).status_code == 302
    assert current_step(submitted) == FINAL_STEP
    assert not fresh(submitted).live

    assert vice_principal.approve(submitted, comment="Đồng ý đăng.").status_code == 302
    page = fresh(submitted)
    assert page.live
    assert page.current_workflow_state is None
    assert client.get("/tin-tuc/sinh-hoat-duoi-co/").status_code == 200
    # The history holds both approvals, with who and the comment.
    approvals = PageLogEntry.objects.filter(page=page, action="wagtail.workflow.approve")
    assert {entry.user for entry in approvals} == {committee.user, vice_principal.user}
    assert not PageLogEntry.objects.filter(page=page, action=DIRECT_PUBLISH_ACTION).exists()


def test_final_approval_with_a_go_live_time_schedules_the_page(
    submitted, committee, vice_principal
):
    committee.approve(submitted)
    go_live = timezone.localtime() + datetime.timedelta(hours=2)
    vice_principal.approve(submitted, go_live_at=go_live.strftime("%d/%m/%Y %H:%M"))

    page = fresh(submitted)
    assert not page.live
    revision = page.get_latest_revision()
    assert revision.approved_go_live_at is not None
    assert abs(revision.approved_go_live_at - go_live) < datetime.timedelta(minutes=1)

    sweep_schedule()
    assert not fresh(submitted).live  # not before its time
    with time_machine.travel(go_live + datetime.timedelta(minutes=1)):
        sweep_schedule()
    assert fresh(submitted).live


def test_a_go_live_time_in_the_past_is_refused(submitted, committee, vice_principal):
    committee.approve(submitted)
    past = timezone.localtime() - datetime.timedelta(hours=1)
    vice_principal.approve(submitted, go_live_at=past.strftime("%d/%m/%Y %H:%M"))
    assert current_step(submitted) == FINAL_STEP
    assert not fresh(submitted).live


def test_requesting_changes_needs_a_comment(submitted, committee):
    committee.request_changes(submitted, comment="")
    state = fresh(submitted).current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert current_step(submitted) == COMMITTEE_STEP


def test_changes_requested_by_the_committee_then_resubmitted(submitted, youth, committee):
    committee.request_changes(submitted, comment="Thêm ảnh buổi sinh hoạt.")
    state = fresh(submitted).current_workflow_state
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    rejection = PageLogEntry.objects.get(page=submitted, action="wagtail.workflow.reject")
    assert rejection.user == committee.user
    assert "Thêm ảnh buổi sinh hoạt." in str(rejection.comment)

    youth.submit(submitted, edited(summary="Tóm tắt đã sửa theo góp ý."))
    assert fresh(submitted).current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert current_step(submitted) == COMMITTEE_STEP


def test_changes_requested_at_the_final_step_restart_the_whole_review(
    submitted, youth, committee, vice_principal
):
    committee.approve(submitted)
    vice_principal.request_changes(submitted, comment="Sửa lại ngày.")
    assert fresh(submitted).current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES

    youth.submit(submitted, edited(date="24/11/2026"))
    # The committee approved the old text: it reviews the new one first.
    assert current_step(submitted) == COMMITTEE_STEP
    committee.approve(submitted)
    vice_principal.approve(submitted)
    assert fresh(submitted).live


def test_an_edit_after_an_approval_sends_the_page_through_the_whole_review(
    submitted, committee, vice_principal
):
    committee.approve(submitted)
    response = vice_principal.save(submitted, edited(summary="Phó Hiệu trưởng sửa tóm tắt."))
    assert response.status_code == 302
    assert current_step(submitted) == COMMITTEE_STEP
    assert PageLogEntry.objects.filter(page=submitted, action=RESTART_ACTION).exists()
    assert not fresh(submitted).live


def test_an_edit_to_a_live_page_is_not_live_until_reviewed_again(
    submitted, youth, committee, vice_principal, client
):
    committee.approve(submitted)
    vice_principal.approve(submitted)
    youth.save(submitted, edited(title="Tiêu đề mới chưa duyệt"))
    assert (
        "Tiêu đề mới chưa duyệt" not in client.get("/tin-tuc/sinh-hoat-duoi-co/").content.decode()
    )
    youth.submit(submitted, edited())
    assert current_step(submitted) == COMMITTEE_STEP


def refused(response):
    """The admin answers a forbidden action with 403, or by sending the user back to the
    dashboard with an error message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def test_the_submitter_cannot_approve_their_own_submission(
    news_index, youth_union_user, committee_user
):
    # A Youth Union member who also sits on the committee submits a page of their own.
    youth_union_user.groups.add(committee_user.groups.first())
    author = AdminUser(youth_union_user)
    data = news_form_data("Tin của Bí thư Đoàn", "tin-cua-bi-thu")
    data["action-submit"] = "1"
    author.client.post(add_page_url(news_index, NewsPage), data)
    page = NewsPage.objects.get(slug="tin-cua-bi-thu")

    assert refused(author.approve(page))
    assert current_step(page) == COMMITTEE_STEP


def test_one_person_cannot_approve_both_steps(submitted, committee_user, vice_principal_user):
    committee_user.groups.add(vice_principal_user.groups.first())
    both = AdminUser(committee_user)
    assert both.approve(submitted).status_code == 302
    assert current_step(submitted) == FINAL_STEP
    assert refused(both.approve(submitted))
    assert current_step(submitted) == FINAL_STEP
    assert not fresh(submitted).live


def test_the_vice_principal_cannot_approve_the_committee_step(submitted, vice_principal):
    assert refused(vice_principal.approve(submitted))
    assert current_step(submitted) == COMMITTEE_STEP


def test_the_youth_union_cannot_edit_a_page_in_review(submitted, youth):
    before = fresh(submitted).get_latest_revision().pk
    youth.save(submitted, edited(title="Sửa trộm"))
    assert fresh(submitted).get_latest_revision().pk == before


def test_the_publish_button_does_not_bypass_review(submitted, committee, vice_principal):
    committee.approve(submitted)
    vice_principal.publish(submitted, edited())
    assert not fresh(submitted).live


def test_an_administrator_may_publish_directly_and_it_is_marked(submitted, superuser):
    admin = AdminUser(superuser)
    assert admin.publish(submitted, edited()).status_code == 302
    page = fresh(submitted)
    assert page.live
    entry = PageLogEntry.objects.get(page=page, action=DIRECT_PUBLISH_ACTION)
    assert entry.user == superuser
    assert (
        TaskState.objects.filter(
            workflow_state__object_id=str(page.pk), status=TaskState.STATUS_APPROVED
        ).count()
        == 0
    )
