"""Scheduled publishing and expiry, on time and exactly once.

Wagtail marks an approved revision with a future go-live time (``approved_go_live_at``) and a live
page with an expiry time (``expire_at``), but publishes or unpublishes only when someone runs its
``publish_scheduled`` command. Here:

- the database is the record of what is scheduled: nothing is kept only in a message;
- a Celery task with an ETA publishes each revision on its second; tasks are enqueued only for
  what is due within ``SCHEDULE_HORIZON`` (so no message waits in Redis long enough to be
  redelivered), by the moment of scheduling or by the sweep;
- the sweep, sent by beat every ``SCHEDULE_SWEEP_SECONDS``, publishes whatever is overdue (a worker
  that was down, a flushed Redis, a lost message) and enqueues what comes due soon; a lock in the
  database lets only one sweep run at a time, however many beats or workers;
- every publication and expiry is claimed by inserting a ``ScheduledAction`` with a unique key in
  the same transaction: a duplicate delivery publishes once, logs once and notifies once;
- nothing is published before its time: the due time is read again from the database, under lock,
  when the task runs;
- changing or cancelling the schedule, editing, unpublishing or deleting the page changes or
  clears ``approved_go_live_at``, so a task for an outdated revision finds nothing to do.
"""

import contextlib
import datetime
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, Revision, get_default_page_content_type

from cms.models import ScheduledAction, SchedulerState

logger = logging.getLogger(__name__)

PUBLISHED = "published"
EXPIRED = "expired"
NOT_YET = "not-yet"
NOTHING = "nothing"  # cancelled, outdated, deleted, or already done


def sweep_interval() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.SCHEDULE_SWEEP_SECONDS)


def horizon() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.SCHEDULE_HORIZON_SECONDS)


def _page_revisions():
    return Revision.objects.filter(base_content_type=get_default_page_content_type())


def scheduled_revisions():
    """Approved page revisions waiting for their go-live time, soonest first."""
    return (
        _page_revisions().filter(approved_go_live_at__isnull=False).order_by("approved_go_live_at")
    )


def expiring_pages():
    """Live pages with an expiry time, soonest first."""
    return Page.objects.live().filter(expire_at__isnull=False).order_by("expire_at")


def overdue_count(now=None, grace=None) -> int:
    """How many publications and expiries are later than ``grace`` past their time."""
    now = now or timezone.now()
    limit = now - (grace if grace is not None else 2 * sweep_interval())
    return (
        scheduled_revisions().filter(approved_go_live_at__lt=limit).count()
        + expiring_pages().filter(expire_at__lt=limit).count()
    )


# Carrying out one item -------------------------------------------------------------------------


def publish_due_revision(revision_id, *, done_by="task", now=None) -> str:
    """Publish the scheduled revision ``revision_id`` if its time has come; exactly once."""
    with transaction.atomic():
        revision = _page_revisions().select_for_update().filter(pk=revision_id).first()
        if revision is None or revision.approved_go_live_at is None:
            return NOTHING
        due_at = revision.approved_go_live_at
        if due_at > (now or timezone.now()):
            return NOT_YET
        page = Page.objects.filter(pk=revision.object_id).first()
        if page is None:
            return NOTHING
        action = _claim(page.pk, revision.pk, ScheduledAction.PUBLISH, due_at, done_by)
        if action is None:
            return NOTHING
        revision.publish(log_action="wagtail.publish.scheduled")
        _notify(action)
    logger.info("Published page %s revision %s due %s (%s)", page.pk, revision_id, due_at, done_by)
    return PUBLISHED


def expire_due_page(page_id, *, done_by="task", now=None) -> str:
    """Unpublish the live page ``page_id`` if its expiry time has come; exactly once."""
    with transaction.atomic():
        page = Page.objects.select_for_update().filter(pk=page_id).first()
        if page is None or not page.live or page.expire_at is None:
            return NOTHING
        due_at = page.expire_at
        if due_at > (now or timezone.now()):
            return NOT_YET
        action = _claim(page.pk, None, ScheduledAction.EXPIRE, due_at, done_by)
        if action is None:
            return NOTHING
        page.specific.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
        _notify(action)
    logger.info("Expired page %s due %s (%s)", page_id, due_at, done_by)
    return EXPIRED


def _claim(page_id, revision_id, action, due_at, done_by):
    """The new ``ScheduledAction`` for this item and time, or None when it is already taken."""
    try:
        with transaction.atomic():
            return ScheduledAction.objects.create(
                page_id=page_id,
                revision_id=revision_id,
                action=action,
                due_at=due_at,
                done_by=done_by,
            )
    except IntegrityError:
        return None


def _notify(action):
    from cms import notifications

    action_id = action.pk
    transaction.on_commit(lambda: notifications.enqueue_schedule_email(action_id))


def retry_publication(revision_id):
    """Re-send the task of a revision whose time has not come yet (a clock a little behind)."""
    from cms.tasks import publish_scheduled_revision

    due_at = (
        _page_revisions()
        .filter(pk=revision_id)
        .values_list("approved_go_live_at", flat=True)
        .first()
    )
    if due_at is not None and due_at - timezone.now() <= horizon():
        publish_scheduled_revision.apply_async(args=[revision_id], eta=due_at)


def retry_expiry(page_id):
    from cms.tasks import expire_scheduled_page

    due_at = Page.objects.filter(pk=page_id).values_list("expire_at", flat=True).first()
    if due_at is not None and due_at - timezone.now() <= horizon():
        expire_scheduled_page.apply_async(args=[page_id], eta=due_at)


# Enqueueing ------------------------------------------------------------------------------------


def enqueue_publication(revision_id, due_at, now=None):
    """Send the ETA task that publishes ``revision_id`` at ``due_at``, if that is soon."""
    from cms.tasks import publish_scheduled_revision

    now = now or timezone.now()
    if due_at - now > horizon():
        return False  # the sweep will send it when it comes near
    # One message per item and due time is enough; duplicates would be harmless.
    if not cache.add(f"cms:schedule:publish:{revision_id}:{due_at.timestamp()}", 1, 3600):
        return False
    publish_scheduled_revision.apply_async(args=[revision_id], eta=max(due_at, now))
    return True


def enqueue_expiry(page_id, due_at, now=None):
    """Send the ETA task that unpublishes ``page_id`` at ``due_at``, if that is soon."""
    from cms.tasks import expire_scheduled_page

    now = now or timezone.now()
    if due_at - now > horizon():
        return False
    if not cache.add(f"cms:schedule:expire:{page_id}:{due_at.timestamp()}", 1, 3600):
        return False
    expire_scheduled_page.apply_async(args=[page_id], eta=max(due_at, now))
    return True


def on_revision_saved(sender, instance, created, update_fields=None, **kwargs):
    """A revision that has just been scheduled gets its ETA task once the transaction commits;
    a new revision of a page outdates the page's scheduled one, whose schedule is cancelled."""
    if instance.base_content_type_id != get_default_page_content_type().id:
        return
    if instance.approved_go_live_at is not None and (
        created or update_fields is None or ("approved_go_live_at" in update_fields)
    ):
        revision_id, due_at = instance.pk, instance.approved_go_live_at
        transaction.on_commit(lambda: enqueue_publication(revision_id, due_at))
    elif created:
        cancel_outdated_schedule(instance)


def cancel_outdated_schedule(new_revision):
    """Editing a scheduled page makes the scheduled revision outdated: it must not go live.

    The new draft goes through the review again, whose final approval schedules it anew.
    """
    outdated = _page_revisions().filter(
        object_id=new_revision.object_id,
        approved_go_live_at__isnull=False,
        created_at__lt=new_revision.created_at,
    )
    for revision in outdated:
        revision.approved_go_live_at = None
        revision.save(update_fields=["approved_go_live_at"])
        from wagtail.log_actions import log

        page = Page.objects.get(pk=new_revision.object_id).specific
        log(
            instance=page,
            action="wagtail.schedule.cancel",
            user=new_revision.user,
            revision=revision,
            data={"revision": {"id": revision.id, "has_live_version": page.live}},
        )


def on_page_published(sender, instance, revision=None, **kwargs):
    """A live page with an expiry time gets its ETA task once the transaction commits."""
    if instance.expire_at is not None:
        page_id, due_at = instance.pk, instance.expire_at
        transaction.on_commit(lambda: enqueue_expiry(page_id, due_at))


# The sweep ------------------------------------------------------------------------------------


def _acquire_lock(now) -> bool:
    with contextlib.suppress(IntegrityError):  # another sweep created it at the same moment
        SchedulerState.objects.get_or_create(pk=1)
    # Held at most three periods, so a sweep killed in the middle delays the next ones by that
    # much at worst. A sweep that runs longer may overlap the next one: the claims keep every
    # publication single even then.
    lock_for = 3 * sweep_interval()
    return bool(
        SchedulerState.objects.filter(pk=1)
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now))
        .update(locked_until=now + lock_for)
    )


def sweep(now=None):
    """Publish and expire whatever is overdue, and enqueue what comes due soon.

    Returns ``None`` when another sweep holds the lock, else a summary dict.
    """
    now = now or timezone.now()
    if not _acquire_lock(now):
        return None
    summary = {"published": 0, "expired": 0, "enqueued": 0}
    try:
        for revision_id in (
            scheduled_revisions().filter(approved_go_live_at__lte=now).values_list("pk", flat=True)
        ):
            if publish_due_revision(revision_id, done_by="sweep", now=now) == PUBLISHED:
                summary["published"] += 1
        for page_id in expiring_pages().filter(expire_at__lte=now).values_list("pk", flat=True):
            if expire_due_page(page_id, done_by="sweep", now=now) == EXPIRED:
                summary["expired"] += 1
        soon = now + horizon()
        for revision_id, due_at in (
            scheduled_revisions()
            .filter(approved_go_live_at__gt=now, approved_go_live_at__lte=soon)
            .values_list("pk", "approved_go_live_at")
        ):
            summary["enqueued"] += enqueue_publication(revision_id, due_at, now)
        for page_id, due_at in (
            expiring_pages()
            .filter(expire_at__gt=now, expire_at__lte=soon)
            .values_list("pk", "expire_at")
        ):
            summary["enqueued"] += enqueue_expiry(page_id, due_at, now)
    finally:
        SchedulerState.objects.filter(pk=1).update(last_sweep_at=timezone.now(), locked_until=None)
    if summary["published"] or summary["expired"]:
        logger.warning("Sweep caught up overdue items: %s", summary)
    return summary


def last_sweep_at():
    state = SchedulerState.objects.filter(pk=1).first()
    return state.last_sweep_at if state else None


# Rescheduling ---------------------------------------------------------------------------------


def reschedule(revision_id, go_live_at, user):
    """Move an approved, scheduled revision to a new go-live time (the vice principal's call).

    The content stays the one both steps approved; only its time changes, so the review is not
    restarted. The task for the old time finds the revision due later and does nothing.
    """
    from wagtail.log_actions import log

    with transaction.atomic():
        revision = scheduled_revisions().select_for_update().get(pk=revision_id)
        revision.approved_go_live_at = go_live_at
        revision.content["go_live_at"] = go_live_at.isoformat()
        revision._schedule_only = True  # not a content change: keeps approvals and schedule
        revision.save(update_fields=["approved_go_live_at", "content"])
        page = Page.objects.get(pk=revision.object_id).specific
        Page.objects.filter(pk=page.pk).update(go_live_at=go_live_at)
        log(
            instance=page,
            action="wagtail.publish.schedule",
            user=user,
            revision=revision,
            data={
                "revision": {
                    "id": revision.id,
                    "created": revision.created_at.isoformat(),
                    "go_live_at": go_live_at.isoformat(),
                    "has_live_version": page.live,
                }
            },
        )
    return revision
