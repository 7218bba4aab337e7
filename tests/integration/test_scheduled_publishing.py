"""Scheduled publishing and expiry with real processes: a Celery worker and beat on Redis, on the
test database. Pages are scheduled as the final approval schedules them
(``page.go_live_at = …; page.save_revision().publish()``); the test polls the database.

Each test prints what it measured (``pytest -s`` shows it)."""

import datetime
import re
import signal
import time

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Revision, Workflow, WorkflowState

from cms import scheduling
from cms.models import ScheduledAction
from cms.tasks import publish_scheduled_revision
from home.models import NewsPage

from ..factories import make_news
from .conftest import SWEEP_SECONDS, wait_until

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ON_TIME = datetime.timedelta(seconds=2)
TOLERANCE = datetime.timedelta(milliseconds=1)  # clocks of one machine; database rounding


def seconds(delta):
    return delta.total_seconds()


def news(parent, index, live=False):
    return make_news(parent, title=f"Tin hẹn giờ {index}", slug=f"tin-hen-gio-{index}", live=live)


def schedule(page, go_live_at):
    """What the final approval with a go-live time does: the revision is published, scheduled."""
    page.go_live_at = go_live_at
    revision = page.save_revision()
    revision.publish()
    revision.refresh_from_db()
    assert revision.approved_go_live_at == go_live_at
    return revision


def set_expiry(page, expire_at):
    """A live page given an expiry time, published again as it would be after review."""
    page.expire_at = expire_at
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.live and page.expire_at == expire_at


def publish_logs(page_id):
    return PageLogEntry.objects.filter(page_id=page_id, action="wagtail.publish.scheduled")


def task_ids(log, task="publish_scheduled_revision"):
    """The ids of the ``task`` messages the worker's log says it received."""
    return set(re.findall(rf"Task cms\.{task}\[([^]]+)\] received", log))


def received(log, task):
    """How many messages of ``task`` the worker's log says it received."""
    return len(re.findall(rf"Task cms\.{task}\[[^]]+\] received", log))


def live_states(page_ids):
    return dict(Page.objects.filter(pk__in=page_ids).values_list("pk", "live"))


def watch(page_ids, until, want_live, due):
    """Poll until every page in ``page_ids`` is live (or not, with ``want_live`` False) or
    ``until`` passes; fail at once if a page changes before its ``due`` time."""
    seen = {}
    while timezone.now() < until and len(seen) < len(page_ids):
        moment = timezone.now()
        for page_id, live in live_states(page_ids).items():
            if live == want_live and page_id not in seen:
                assert moment >= due[page_id] - TOLERANCE, f"page {page_id} changed before its time"
                seen[page_id] = moment
        time.sleep(0.05)
    return seen


def test_twenty_pages_go_live_and_twenty_expire_on_time(processes, news_index):
    """20 go-lives and 20 expiries over ~30 s: each within 2 s after its time, never before."""
    processes.start_worker()
    processes.start_beat()
    to_publish = [news(news_index, i) for i in range(20)]
    to_expire = [news(news_index, 100 + i, live=True) for i in range(20)]
    # Scheduling 40 pages takes a few seconds on a busy 2-core machine; the first time must
    # still lie ahead when the last schedule is set.
    start = timezone.now() + datetime.timedelta(seconds=10)
    go_live = {}
    expire = {}
    for i, (page, expiring) in enumerate(zip(to_publish, to_expire, strict=True)):
        step = datetime.timedelta(seconds=1.5 * i)
        go_live[page.pk] = start + step
        expire[expiring.pk] = start + step + datetime.timedelta(seconds=0.75)
    for page, expiring in zip(to_publish, to_expire, strict=True):
        schedule(page, go_live[page.pk])
        set_expiry(expiring, expire[expiring.pk])
    assert timezone.now() < start, "scheduling took longer than the lead time"

    # Watch both sets together, so neither is missed while waiting for the other.
    end = max(expire.values()) + datetime.timedelta(seconds=10)
    due = {**go_live, **expire}
    seen_live, seen_expired = {}, {}
    while timezone.now() < end and (len(seen_live) < 20 or len(seen_expired) < 20):
        moment = timezone.now()
        states = live_states(list(due))
        for page_id, when in go_live.items():
            if states[page_id] and page_id not in seen_live:
                assert moment >= when - TOLERANCE, f"page {page_id} went live before its time"
                seen_live[page_id] = moment
        for page_id, when in expire.items():
            if not states[page_id] and page_id not in seen_expired:
                assert moment >= when - TOLERANCE, f"page {page_id} expired before its time"
                seen_expired[page_id] = moment
        time.sleep(0.05)
    assert len(seen_live) == 20, processes.log("worker")[-3000:]
    assert len(seen_expired) == 20, processes.log("worker")[-3000:]

    # The database's own moments: last_published_at, and the expiry's log entry.
    published_at = dict(
        NewsPage.objects.filter(pk__in=list(go_live)).values_list("pk", "last_published_at")
    )
    publish_delays = [seconds(published_at[pk] - go_live[pk]) for pk in go_live]
    expired_at = dict(
        PageLogEntry.objects.filter(
            page_id__in=list(expire), action="wagtail.unpublish.scheduled"
        ).values_list("page_id", "timestamp")
    )
    expiry_delays = [seconds(expired_at[pk] - expire[pk]) for pk in expire]
    print(
        f"\ngo-live delays (s): min {min(publish_delays):.3f} max {max(publish_delays):.3f}; "
        f"expiry delays (s): min {min(expiry_delays):.3f} max {max(expiry_delays):.3f}"
    )
    assert all(0 <= delay <= seconds(ON_TIME) for delay in publish_delays), publish_delays
    assert all(0 <= delay <= seconds(ON_TIME) for delay in expiry_delays), expiry_delays
    assert not NewsPage.objects.filter(pk__in=list(expire), expired=False).exists()
    assert ScheduledAction.objects.filter(action="publish").count() == 20
    assert ScheduledAction.objects.filter(action="expire").count() == 20
    processes.assert_no_errors()


def test_a_worker_killed_holding_eta_tasks_loses_nothing_and_doubles_nothing(processes, news_index):
    """SIGKILL the worker (and its pool) while it holds the pages' ETA tasks; start another after
    some of the go-live times have passed: every page goes live, once. The killed worker's
    unacknowledged messages come back (a short visibility timeout here) and find nothing to do."""
    fast_redelivery = {"CELERY_VISIBILITY_TIMEOUT": 4}
    processes.start_worker(**fast_redelivery)
    processes.start_beat()
    pages = [news(news_index, i) for i in range(8)]
    start = timezone.now() + datetime.timedelta(seconds=5)
    due = {page.pk: start + datetime.timedelta(seconds=2 * i) for i, page in enumerate(pages)}
    for page in pages:
        schedule(page, due[page.pk])

    def held():
        return len(task_ids(processes.log("worker"))) >= len(pages)

    assert wait_until(held, timeout=5), processes.log("worker")[-3000:]
    processes.kill("worker", signal.SIGKILL)
    killed_at = timezone.now()
    # Down past the first go-live times, which must wait for a worker.
    time.sleep(max(0, seconds(start - timezone.now())) + 2.5)
    assert not any(live_states(list(due)).values()), "published while no worker ran"
    processes.start_worker(name="worker-2", **fast_redelivery)
    restarted_at = timezone.now()

    seen = watch(list(due), max(due.values()) + datetime.timedelta(seconds=8), True, due)
    assert len(seen) == len(pages), processes.log("worker-2")[-3000:]
    # Give the killed worker's messages time to come back (kombu restores them every 10 s).
    held_by_killed = task_ids(processes.log("worker"))
    redelivered = wait_until(
        lambda: held_by_killed & task_ids(processes.log("worker-2")), timeout=15, interval=0.5
    )
    time.sleep(1)  # and to run
    for page_id in due:
        assert publish_logs(page_id).count() == 1
    assert ScheduledAction.objects.filter(action="publish").count() == len(pages)
    published_at = dict(
        NewsPage.objects.filter(pk__in=list(due)).values_list("pk", "last_published_at")
    )
    delays = {pk: seconds(published_at[pk] - due[pk]) for pk in due}
    assert all(delay >= 0 for delay in delays.values())
    # Due after the new worker was up: on time; due while no worker ran: within a sweep of it.
    for page_id in delays:
        limit = max(
            due[page_id] + ON_TIME, restarted_at + datetime.timedelta(seconds=SWEEP_SECONDS + 1)
        )
        assert published_at[page_id] <= limit, delays
    processes.assert_no_errors()
    print(
        f"\nkilled {seconds(killed_at - start):+.1f} s from the first go-live, back "
        f"{seconds(restarted_at - start):+.1f} s; delays (s): "
        + ", ".join(f"{delay:.2f}" for delay in delays.values())
        + f"; killed worker's messages redelivered and run again: {len(redelivered or ())}; "
        + f"done by: {sorted(ScheduledAction.objects.values_list('done_by', flat=True))}"
    )


def test_a_flushed_redis_delays_a_page_by_one_sweep_at_most(processes, news_index, redis_client):
    """The pages' messages are lost: FLUSHALL while they wait in Redis (no worker has fetched
    them). The database still says what is scheduled: a page due once a worker is back goes live
    on time (the sweep sends its task again), one due while none was running goes live within
    one sweep interval of the worker's return."""
    processes.start_beat()
    early, late = news(news_index, 1), news(news_index, 2)
    due = {
        early.pk: timezone.now() + datetime.timedelta(seconds=3),
        late.pk: timezone.now() + datetime.timedelta(seconds=14),
    }
    schedule(early, due[early.pk])
    schedule(late, due[late.pk])
    assert redis_client.keys(f"{processes.prefix}*"), "the messages should wait in Redis"
    redis_client.flushall()
    assert not redis_client.keys(f"{processes.prefix}*")
    time.sleep(max(0, seconds(due[early.pk] - timezone.now())) + 0.5)
    processes.start_worker()
    back_at = timezone.now()
    assert back_at < due[late.pk]
    seen = watch(list(due), due[late.pk] + datetime.timedelta(seconds=SWEEP_SECONDS + 4), True, due)
    assert len(seen) == 2, processes.log("worker")[-3000:]
    published_at = dict(
        NewsPage.objects.filter(pk__in=list(due)).values_list("pk", "last_published_at")
    )
    after_return = seconds(published_at[early.pk] - back_at)
    delay = seconds(published_at[late.pk] - due[late.pk])
    done_by = dict(ScheduledAction.objects.values_list("page_id", "done_by"))
    print(
        f"\nafter FLUSHALL: the page due before the worker was back went live {after_return:.2f} s "
        f"after its return (by the {done_by[early.pk]}); the other {delay:.2f} s after its time "
        f"(by the {done_by[late.pk]})"
    )
    assert published_at[early.pk] >= due[early.pk]
    # Measured from when the test saw the worker's "ready", a little after it started consuming.
    assert after_return <= SWEEP_SECONDS + 1
    assert 0 <= delay <= SWEEP_SECONDS + 1
    for page_id in due:
        assert publish_logs(page_id).count() == 1
    processes.assert_no_errors()


def approved_review(page, submitter):
    """The review that approved ``page`` (its submitter hears of the go-live)."""
    return WorkflowState.objects.create(
        content_type=page.content_type,
        base_content_type=page.get_base_content_type(),
        object_id=str(page.pk),
        workflow=Workflow.objects.filter(active=True).first(),
        status=WorkflowState.STATUS_APPROVED,
        requested_by=submitter,
    )


def test_two_beats_and_duplicate_deliveries_publish_log_and_email_once(processes, news_index):
    """Two beats sweep at once, the page's task is delivered three times, and a page overdue with
    no task at all is found by both beats' sweeps: each page is published, logged and announced
    by email once."""
    processes.start_worker(concurrency=4)
    processes.start_beat(name="beat-1")
    processes.start_beat(name="beat-2")
    submitter = get_user_model().objects.create_user(
        username="nguoigui", email="nguoigui@thptsoctrang.edu.vn", password="x"
    )
    scheduled, overdue = news(news_index, 1), news(news_index, 2)
    for page in (scheduled, overdue):
        approved_review(page, submitter)
    due = timezone.now() + datetime.timedelta(seconds=4)
    revision = schedule(scheduled, due)
    for _ in range(2):  # the same message twice more: a redelivery, a second sender
        publish_scheduled_revision.apply_async(args=[revision.pk], eta=due)
    # Scheduled in the database only (its message lost): overdue at once.
    late = overdue.save_revision()
    Revision.objects.filter(pk=late.pk).update(approved_go_live_at=timezone.now())

    ids = [scheduled.pk, overdue.pk]
    watch(
        ids,
        due + datetime.timedelta(seconds=SWEEP_SECONDS + 4),
        True,
        {scheduled.pk: due, overdue.pk: late.created_at},
    )
    assert all(live_states(ids).values()), processes.log("worker")[-3000:]
    assert wait_until(lambda: len(processes.emails()) >= 2, timeout=5)
    time.sleep(2 * SWEEP_SECONDS)  # more sweeps from both beats, the duplicates all done
    for page in (scheduled, overdue):
        assert publish_logs(page.pk).count() == 1
    assert ScheduledAction.objects.count() == 2
    emails = processes.emails()
    assert len(emails) == 2, emails
    assert {to for to, _ in emails} == {submitter.email}
    processes.assert_no_errors()
    log = processes.log("worker")
    runs = received(log, "publish_scheduled_revision")
    sweeps = received(log, "sweep_schedule")
    print(
        f"\npublish task deliveries: {runs}, sweeps received: {sweeps}; publications: "
        f"{ScheduledAction.objects.count()}, log entries: 2, emails: {len(emails)}; "
        f"done by: {sorted(ScheduledAction.objects.values_list('done_by', flat=True))}"
    )


def test_a_changed_cancelled_edited_or_deleted_schedule_never_publishes_the_old_revision(
    processes, news_index
):
    """After scheduling: a newer revision scheduled later, the same revision moved later by the
    vice principal, the schedule cancelled, the page edited, the page deleted. At the old time
    nothing goes live; the two new times are honoured."""
    processes.start_worker()
    processes.start_beat()
    changed, moved, cancelled, edited, deleted = (news(news_index, i) for i in range(5))
    first = timezone.now() + datetime.timedelta(seconds=5)
    later = first + datetime.timedelta(seconds=3)
    old = {page.pk: schedule(page, first) for page in (changed, moved, cancelled, edited, deleted)}

    changed = NewsPage.objects.get(pk=changed.pk)
    changed.title = "Tin hẹn giờ, giờ mới"
    new = schedule(changed, later)  # a newer revision, approved and scheduled later
    scheduling.reschedule(old[moved.pk].pk, later, None)  # Lịch xuất bản: same revision, later
    old[cancelled.pk].approved_go_live_at = None  # Wagtail's "cancel scheduled publish"
    old[cancelled.pk].save(update_fields=["approved_go_live_at"])
    edited_page = NewsPage.objects.get(pk=edited.pk)
    edited_page.title = "Sửa sau khi duyệt"
    edited_page.save_revision()  # a new draft: the approved revision is outdated
    deleted_id = deleted.pk
    Page.objects.get(pk=deleted_id).delete()
    assert timezone.now() < first

    moving = [changed.pk, moved.pk]
    seen = watch(moving, later + datetime.timedelta(seconds=4), True, dict.fromkeys(moving, later))
    time.sleep(SWEEP_SECONDS + 1)  # a sweep after the old time, for anything left over
    assert len(seen) == 2, processes.log("worker")[-3000:]
    changed.refresh_from_db()
    assert changed.live_revision_id == new.pk and changed.title == "Tin hẹn giờ, giờ mới"
    moved.refresh_from_db()
    assert moved.live_revision_id == old[moved.pk].pk
    delays = [seconds(page.last_published_at - later) for page in (changed, moved)]
    assert all(0 <= delay <= 2 for delay in delays), delays
    for page in (changed, moved):
        assert publish_logs(page.pk).count() == 1
    assert not NewsPage.objects.get(pk=cancelled.pk).live
    assert not NewsPage.objects.get(pk=edited.pk).live
    assert not Page.objects.filter(pk=deleted_id).exists()
    done = set(ScheduledAction.objects.values_list("revision_id", flat=True))
    assert done == {new.pk, old[moved.pk].pk}, "an outdated revision was published"
    processes.assert_no_errors()
    print(
        "\nat their new time: the newer revision live "
        f"{delays[0]:.2f} s after it, the moved one {delays[1]:.2f} s; nothing else published"
    )
