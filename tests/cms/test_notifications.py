"""The review workflow's emails, driven through the admin by the real roles: who gets which email,
in Vietnamese (subject, plain text and HTML), with a link each recipient can open."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail import signals
from wagtail.models import TaskState, WorkflowState

from cms import celery_app, notifications
from cms.models import ReviewReminder
from cms.tasks import send_review_reminders
from home.models import NewsPage

from ..admin_client import AdminUser
from ..conftest import COMMITTEE, PASSWORD
from ..factories import add_page_url, news_form_data

TITLE = "Sinh hoạt dưới cờ về bình đẳng giới"
SLUG = "sinh-hoat-duoi-co"
COMMITTEE_STEP = "Ban Vì sự tiến bộ phụ nữ duyệt"
FINAL_STEP = "Phó Hiệu trưởng phê duyệt"
DASHBOARD = "http://testserver/admin/"


@pytest.fixture(autouse=True)
def eager_celery(settings):
    """Celery runs the tasks in the test's process, at ``.delay()``, raising their errors."""
    # Celery's conf reads Django's settings live; what is set on it directly overrides them until
    # taken out again, so the fixture takes its keys out rather than setting them back: a value
    # set back would pin eager mode, or its absence, for every later test.
    keys = ("task_always_eager", "task_eager_propagates")
    changes = celery_app.conf.changes
    previous = {key: changes[key] for key in keys if key in changes}
    settings.CELERY_TASK_ALWAYS_EAGER = True
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    for key in keys:
        changes.pop(key, None)
    changes.update(previous)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the request queued for after its commit (the email tasks), like production."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


def make_user(django_user_model, username, group_name, **extra):
    user = django_user_model.objects.create_user(
        username=username,
        email=extra.pop("email", f"{username}@thptsoctrang.edu.vn"),
        password=PASSWORD,
        **extra,
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def second_committee_user(django_user_model):
    return make_user(django_user_model, "banvstbpn2", COMMITTEE, first_name="Thu", last_name="Phạm")


@pytest.fixture
def unreachable_committee_users(django_user_model):
    """A committee member who left (inactive) and one without an email address."""
    return [
        make_user(django_user_model, "banvstbpn-cu", COMMITTEE, is_active=False),
        make_user(django_user_model, "banvstbpn-khong-email", COMMITTEE, email=""),
    ]


@pytest.fixture
def submitted(
    youth,
    news_index,
    committed,
    committee_user,
    second_committee_user,
    unreachable_committee_users,
    vice_principal_user,
):
    """A news item the Youth Union drafted and submitted for review in one go; the outbox then
    holds the review requests of that submission."""
    data = news_form_data(TITLE, SLUG)
    data["action-submit"] = "1"
    with committed():
        response = youth.client.post(add_page_url(news_index, NewsPage), data)
    assert response.status_code == 302
    return NewsPage.objects.get(slug=SLUG)


def edit_link(page):
    return "http://testserver" + reverse("wagtailadmin_pages:edit", args=(page.pk,))


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def addresses(*users):
    return sorted(user.email for user in users)


def email_to(user):
    [message] = [message for message in mail.outbox if message.to == [user.email]]
    return message


def parts(message):
    """The plain-text and the HTML part of an email."""
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return message.body, html


def assert_email(message, user, subject, link, *texts):
    """One recipient, the Vietnamese subject, Vietnamese in both parts holding ``texts``, and a
    link the recipient, logged in, can follow."""
    assert message.to == [user.email]
    assert message.cc == [] and message.bcc == []
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.subject == subject
    text, html = parts(message)
    for part in (text, html):
        assert "Kính gửi" in part  # Vietnamese, whatever language the request was in
        assert link in part
        for expected in texts:
            assert expected in part
    assert f'href="{link}"' in html
    assert '<html lang="vi">' in html
    assert AdminUser(user).client.get(link).status_code == 200


def clear_outbox():
    mail.outbox.clear()


# 1. A review step starts ------------------------------------------------------------------------


def test_a_submission_emails_the_committee_only(
    submitted, committee_user, second_committee_user, youth_union_user, vice_principal_user
):
    assert recipients() == addresses(committee_user, second_committee_user)
    for user in (committee_user, second_committee_user):
        assert_email(
            email_to(user),
            user,
            f"Trang chờ duyệt: {TITLE}",
            edit_link(submitted),
            f"Trần Minh đã gửi duyệt trang “{TITLE}”",
            COMMITTEE_STEP,
        )


def test_the_committee_approval_emails_the_vice_principal_only(
    submitted, committee, vice_principal_user, committed
):
    clear_outbox()
    with committed():
        assert committee.approve(submitted, comment="Nội dung tốt, ảnh rõ.").status_code == 302
    assert recipients() == addresses(vice_principal_user)
    assert_email(
        email_to(vice_principal_user),
        vice_principal_user,
        f"Trang chờ duyệt: {TITLE}",
        edit_link(submitted),
        f"Lê Hoa đã duyệt bước “{COMMITTEE_STEP}”",
        FINAL_STEP,
        "Nội dung tốt, ảnh rõ.",
    )


def test_nobody_is_asked_to_review_what_they_may_not_act_on(
    news_index, youth_union_user, committee_user, vice_principal_user, committed
):
    # The submitter also sits on the committee; a committee member is also a vice principal.
    youth_union_user.groups.add(Group.objects.get(name=COMMITTEE))
    committee_user.groups.add(vice_principal_user.groups.first())
    data = news_form_data(TITLE, SLUG)
    data["action-submit"] = "1"
    with committed():
        AdminUser(youth_union_user).client.post(add_page_url(news_index, NewsPage), data)
    assert recipients() == addresses(committee_user)  # not the submitter

    clear_outbox()
    page = NewsPage.objects.get(slug=SLUG)
    with committed():
        AdminUser(committee_user).approve(page)
    assert recipients() == addresses(vice_principal_user)  # not who approved step 1


def test_an_edit_after_an_approval_asks_the_committee_again(
    submitted, committee, vice_principal, committee_user, second_committee_user, committed
):
    with committed():
        committee.approve(submitted)
    final_step = TaskState.objects.get(
        workflow_state__object_id=str(submitted.pk), task__name=FINAL_STEP
    )
    clear_outbox()
    with committed():
        vice_principal.save(submitted, news_form_data(TITLE, SLUG, summary="Tóm tắt mới."))
    # The vice principal's step was cancelled in that request: its review request would be stale.
    assert notifications.send_review_requested(final_step.pk) == 0
    assert recipients() == addresses(committee_user, second_committee_user)
    assert_email(
        email_to(committee_user),
        committee_user,
        f"Trang chờ duyệt: {TITLE}",
        edit_link(submitted),
        COMMITTEE_STEP,
    )


# 2. Changes requested ---------------------------------------------------------------------------


def test_changes_requested_by_the_committee_reach_the_submitter(
    submitted, committee, youth_union_user, committed
):
    clear_outbox()
    with committed():
        committee.request_changes(submitted, comment="Thêm ảnh <b>buổi sinh hoạt</b> & chú thích.")
    assert recipients() == addresses(youth_union_user)
    message = email_to(youth_union_user)
    assert_email(
        message,
        youth_union_user,
        f"Yêu cầu chỉnh sửa: {TITLE}",
        edit_link(submitted),
        f"Lê Hoa đã yêu cầu chỉnh sửa trang “{TITLE}” ở bước “{COMMITTEE_STEP}”",
        "Nội dung cần chỉnh sửa",
    )
    text, html = parts(message)
    assert "Thêm ảnh <b>buổi sinh hoạt</b> & chú thích." in text
    assert "Thêm ảnh &lt;b&gt;buổi sinh hoạt&lt;/b&gt; &amp; chú thích." in html


def test_changes_requested_at_the_final_step_reach_the_submitter_and_the_committee(
    submitted,
    committee,
    vice_principal,
    youth_union_user,
    committee_user,
    second_committee_user,
    committed,
):
    with committed():
        committee.approve(submitted)
    clear_outbox()
    with committed():
        vice_principal.request_changes(submitted, comment="Sửa lại ngày tổ chức.")
    assert recipients() == addresses(youth_union_user, committee_user, second_committee_user)
    subject = f"Yêu cầu chỉnh sửa: {TITLE}"
    said = f"Nguyễn Lan đã yêu cầu chỉnh sửa trang “{TITLE}” ở bước “{FINAL_STEP}”"
    assert_email(
        email_to(youth_union_user),
        youth_union_user,
        subject,
        edit_link(submitted),
        said,
        "Sửa lại ngày tổ chức.",
    )
    # The committee's turn has passed: the page's editor is closed to it, its dashboard is not,
    # and the page comes back to it once changed.
    for user in (committee_user, second_committee_user):
        assert_email(
            email_to(user),
            user,
            subject,
            DASHBOARD,
            said,
            "Sửa lại ngày tổ chức.",
            "trang sẽ được gửi lại bước của anh/chị để duyệt",
        )


# 3. Final approval ------------------------------------------------------------------------------


def test_the_final_approval_tells_the_submitter_and_the_committee_it_is_published(
    submitted,
    committee,
    vice_principal,
    youth_union_user,
    committee_user,
    second_committee_user,
    committed,
):
    with committed():
        committee.approve(submitted)
    clear_outbox()
    with committed():
        vice_principal.approve(submitted, comment="Đồng ý đăng.")
    assert NewsPage.objects.get(pk=submitted.pk).live
    assert recipients() == addresses(youth_union_user, committee_user, second_committee_user)
    said = f"Nguyễn Lan đã phê duyệt trang “{TITLE}”: trang đã xuất bản."
    subject = f"Đã xuất bản: {TITLE}"
    assert_email(
        email_to(youth_union_user),
        youth_union_user,
        subject,
        edit_link(submitted),
        said,
        "đã xuất bản",
        "Đồng ý đăng.",
    )
    for user in (committee_user, second_committee_user):
        assert_email(email_to(user), user, subject, DASHBOARD, said, "đã xuất bản")


def test_a_scheduled_final_approval_gives_the_go_live_time(
    submitted, committee, vice_principal, youth_union_user, committee_user, committed
):
    with committed():
        committee.approve(submitted)
    go_live = (timezone.localtime() + datetime.timedelta(days=2)).replace(
        hour=7, minute=30, second=0, microsecond=0
    )
    clear_outbox()
    with committed():
        vice_principal.approve(submitted, go_live_at=go_live.strftime("%d/%m/%Y %H:%M"))
    assert not NewsPage.objects.get(pk=submitted.pk).live
    shown = go_live.strftime("%d/%m/%Y 07:30")  # Asia/Ho_Chi_Minh, dd/mm/yyyy HH:MM
    for user in (youth_union_user, committee_user):
        message = email_to(user)
        assert_email(
            message,
            user,
            f"Hẹn giờ xuất bản lúc {shown}: {TITLE}",
            edit_link(submitted) if user == youth_union_user else DASHBOARD,
            f"trang được hẹn giờ xuất bản lúc {shown}.",
        )
        assert "trang đã xuất bản" not in message.body


# 4. Reminders -----------------------------------------------------------------------------------


def test_a_review_waiting_too_long_reminds_its_reviewers_once_a_day(
    submitted, committee_user, second_committee_user, settings
):
    assert settings.REVIEW_REMINDER_DAYS == 3
    assert settings.CELERY_BEAT_SCHEDULE["send-review-reminders"]["task"] == (
        "cms.send_review_reminders"
    )
    start = timezone.now()
    clear_outbox()
    with time_machine.travel(start + datetime.timedelta(days=2, hours=23)):
        send_review_reminders()
    assert mail.outbox == []  # not yet three days

    with time_machine.travel(start + datetime.timedelta(days=4)):
        send_review_reminders()
        assert recipients() == addresses(committee_user, second_committee_user)
        for user in (committee_user, second_committee_user):
            assert_email(
                email_to(user),
                user,
                f"Nhắc việc: trang vẫn chờ duyệt: {TITLE}",
                DASHBOARD,
                f"Trang “{TITLE}” đã chờ duyệt ở bước “{COMMITTEE_STEP}” 4 ngày.",
            )

    clear_outbox()
    with time_machine.travel(start + datetime.timedelta(days=4, hours=5)):
        send_review_reminders()
    assert mail.outbox == []  # not twice the same day

    with time_machine.travel(start + datetime.timedelta(days=5, minutes=1)):
        send_review_reminders()
    assert recipients() == addresses(committee_user, second_committee_user)
    assert ReviewReminder.objects.count() == 1


def test_no_reminder_once_the_step_is_done(submitted, committee, committed):
    with committed():
        committee.approve(submitted)
    clear_outbox()
    # The vice principal's step has just started: only the committee's, now done, is old.
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=1)):
        assert notifications.send_review_reminders() == 0
    assert mail.outbox == []


# Wagtail's own emails and the "no longer applies" branches ---------------------------------------


def test_wagtails_default_workflow_emails_are_not_sent(
    submitted, youth, committee, vice_principal, committed
):
    for step in (
        lambda: committee.approve(submitted),
        lambda: vice_principal.request_changes(submitted, comment="Sửa tiêu đề."),
        lambda: youth.submit(submitted, news_form_data(TITLE, SLUG, summary="Đã sửa.")),
        lambda: committee.approve(submitted),
        lambda: vice_principal.approve(submitted),
    ):
        with committed():
            assert step().status_code == 302
    assert NewsPage.objects.get(pk=submitted.pk).live
    ours = ("Trang chờ duyệt: ", "Yêu cầu chỉnh sửa: ", "Đã xuất bản: ")
    assert mail.outbox
    assert all(message.subject.startswith(ours) for message in mail.outbox)
    assert all(message.alternatives for message in mail.outbox)
    # 2 review requests at submission, 1 to the vice principal, 3 for the changes, 2 + 1 again,
    # 3 for the publication: nothing else (Wagtail's would add submitted/approved/rejected mails).
    assert len(mail.outbox) == 12
    for signal_name, _sender, dispatch_uid in notifications.WAGTAIL_EMAIL_RECEIVERS:
        receivers = getattr(signals, signal_name).receivers
        assert not any(key[0] == dispatch_uid for key, *_rest in receivers)


def test_an_email_that_no_longer_applies_is_not_sent(submitted, youth, committee, committed):
    state = NewsPage.objects.get(pk=submitted.pk).current_workflow_state
    first_step = state.current_task_state
    # Not approved yet, in progress: the review request still applies, nothing else does.
    assert notifications.send_review_approved(state.pk) == 0
    assert notifications.send_changes_requested(first_step.pk) == 0

    with committed():
        committee.request_changes(submitted, comment="Thêm ảnh.")
    assert notifications.send_review_requested(first_step.pk) == 0  # done: sent back
    clear_outbox()
    youth.submit(submitted, news_form_data(TITLE, SLUG, summary="Đã thêm ảnh."))
    # Resubmitted before the task ran: the request for changes is out of date.
    assert notifications.send_changes_requested(first_step.pk) == 0

    assert notifications.send_review_requested(0) == 0
    assert notifications.send_changes_requested(0) == 0
    assert notifications.send_review_approved(0) == 0
    assert WorkflowState.objects.get(pk=state.pk).status == WorkflowState.STATUS_IN_PROGRESS
    assert mail.outbox == []
