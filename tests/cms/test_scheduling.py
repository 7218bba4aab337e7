"""Scheduled publishing and expiry, as plain functions (the integration suite runs them on real
Celery workers): on time, never before, exactly once, and never an outdated revision."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from wagtail.models import PageLogEntry

from cms import scheduling
from cms.models import ScheduledAction, SchedulerState
from cms.tasks import sweep_schedule
from home.models import NewsPage

from ..factories import make_news

IN_AN_HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def scheduled(news_index):
    """A news item whose approved revision goes live in an hour."""
    page = make_news(news_index, title="Tin hẹn giờ", slug="tin-hen-gio", live=False)
    page.go_live_at = timezone.now() + IN_AN_HOUR
    revision = page.save_revision()
    revision.publish()
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None
    return revision


def live(revision):
    return NewsPage.objects.get(pk=revision.object_id).live


def later(delta=IN_AN_HOUR + datetime.timedelta(seconds=1)):
    return time_machine.travel(timezone.now() + delta, tick=False)


def test_a_revision_is_not_published_before_its_time(scheduled):
    assert scheduling.publish_due_revision(scheduled.pk) == scheduling.NOT_YET
    assert sweep_schedule() == {"published": 0, "expired": 0, "enqueued": 0}
    assert not live(scheduled)


def test_the_sweep_publishes_what_is_overdue(scheduled):
    with later():
        assert sweep_schedule()["published"] == 1
    assert live(scheduled)
    action = ScheduledAction.objects.get()
    assert (action.action, action.done_by, action.revision_id) == ("publish", "sweep", scheduled.pk)
    assert SchedulerState.objects.get().last_sweep_at is not None


def test_a_duplicate_delivery_publishes_logs_and_notifies_once(
    scheduled, django_capture_on_commit_callbacks, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    with later(), django_capture_on_commit_callbacks(execute=True):
        results = [scheduling.publish_due_revision(scheduled.pk) for _ in range(3)]
        sweep_schedule()
    assert results == [scheduling.PUBLISHED, scheduling.NOTHING, scheduling.NOTHING]
    page_id = int(scheduled.object_id)
    assert (
        PageLogEntry.objects.filter(page_id=page_id, action="wagtail.publish.scheduled").count()
        == 1
    )
    assert ScheduledAction.objects.count() == 1


def test_a_changed_schedule_leaves_the_old_revision_unpublished(scheduled):
    page = NewsPage.objects.get(pk=scheduled.object_id)
    page.go_live_at = timezone.now() + 3 * IN_AN_HOUR
    newer = page.save_revision()
    newer.publish()
    with later():
        assert scheduling.publish_due_revision(scheduled.pk) == scheduling.NOTHING
        assert sweep_schedule()["published"] == 0
    assert not live(scheduled)


def test_a_cancelled_schedule_publishes_nothing(scheduled):
    scheduled.approved_go_live_at = None
    scheduled.save(update_fields=["approved_go_live_at"])
    with later():
        assert scheduling.publish_due_revision(scheduled.pk) == scheduling.NOTHING
    assert not live(scheduled)


def test_editing_a_scheduled_page_cancels_the_outdated_schedule(scheduled):
    page = NewsPage.objects.get(pk=scheduled.object_id)
    page.title = "Tiêu đề sửa sau khi duyệt"
    page.save_revision()
    scheduled.refresh_from_db()
    assert scheduled.approved_go_live_at is None
    with later():
        sweep_schedule()
    assert not live(scheduled)
    assert PageLogEntry.objects.filter(page=page, action="wagtail.schedule.cancel").exists()


def test_a_deleted_page_publishes_nothing(scheduled):
    NewsPage.objects.get(pk=scheduled.object_id).delete()
    with later():
        assert scheduling.publish_due_revision(scheduled.pk) == scheduling.NOTHING
        assert sweep_schedule()["published"] == 0


def test_an_expired_page_is_unpublished_once(news_index):
    page = make_news(news_index, title="Tin hết hạn", slug="tin-het-han")
    page.expire_at = timezone.now() + IN_AN_HOUR
    page.save_revision().publish()
    assert NewsPage.objects.get(pk=page.pk).live
    assert scheduling.expire_due_page(page.pk) == scheduling.NOT_YET
    with later():
        assert scheduling.expire_due_page(page.pk) == scheduling.EXPIRED
        assert scheduling.expire_due_page(page.pk) == scheduling.NOTHING
    page = NewsPage.objects.get(pk=page.pk)
    assert not page.live and page.expired


def test_only_one_sweep_runs_at_a_time(scheduled):
    now = timezone.now()
    assert scheduling._acquire_lock(now)
    assert scheduling.sweep(now) is None  # another sweep holds the lock
    SchedulerState.objects.update(locked_until=None)
    assert scheduling.sweep(now) is not None


def test_a_lock_left_by_a_killed_sweep_runs_out(scheduled):
    now = timezone.now()
    assert scheduling._acquire_lock(now)
    with later():
        assert sweep_schedule()["published"] == 1


def test_overdue_items_are_counted_after_a_grace_period(scheduled):
    assert scheduling.overdue_count() == 0
    with later(IN_AN_HOUR + datetime.timedelta(minutes=5)):
        assert scheduling.overdue_count() == 1


def test_the_people_of_the_review_hear_when_a_scheduled_page_goes_live(
    news_index,
    youth_union_user,
    committee_user,
    vice_principal_user,
    settings,
    django_capture_on_commit_callbacks,
):
    from wagtail.models import Workflow

    settings.CELERY_TASK_ALWAYS_EAGER = True
    page = make_news(news_index, title="Tin hẹn giờ đăng", slug="tin-hen-gio-dang", live=False)
    page.save_revision(user=youth_union_user)
    with django_capture_on_commit_callbacks(execute=True):
        Workflow.objects.get(name="Duyệt nội dung").start(page, youth_union_user)
        page = NewsPage.objects.get(pk=page.pk)
        page.current_workflow_task.on_action(
            page.current_workflow_task_state, committee_user, "approve"
        )
        page = NewsPage.objects.get(pk=page.pk)
        go_live = timezone.localtime() + IN_AN_HOUR
        page.current_workflow_task.on_action(
            page.current_workflow_task_state,
            vice_principal_user,
            "approve",
            go_live_at=go_live.strftime("%d/%m/%Y %H:%M"),
        )
    mail.outbox.clear()
    with later(datetime.timedelta(hours=2)), django_capture_on_commit_callbacks(execute=True):
        sweep_schedule()
    assert NewsPage.objects.get(pk=page.pk).live
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted(
        [youth_union_user.email, committee_user.email, vice_principal_user.email]
    )
    assert all(message.subject.startswith("Đã lên trang:") for message in mail.outbox)


def test_the_go_live_email_is_sent_once_however_often_its_task_runs(
    scheduled, django_capture_on_commit_callbacks
):
    from cms import notifications

    with later(), django_capture_on_commit_callbacks(execute=False):
        sweep_schedule()
    action = ScheduledAction.objects.get()
    notifications.send_schedule_email(action.pk)
    action.refresh_from_db()
    assert action.notified_at is not None
    assert notifications.send_schedule_email(action.pk) == 0
