"""Celery tasks of the CMS machinery. Tasks stay thin: they call plain functions tests can call."""

from celery import shared_task


@shared_task(name="cms.sweep_schedule")
def sweep_schedule():
    """Publish and expire what is overdue, enqueue what comes due soon (beat, every few seconds)."""
    from cms import scheduling

    return scheduling.sweep()


@shared_task(name="cms.publish_scheduled_revision")
def publish_scheduled_revision(revision_id):
    """Publish a scheduled revision at its go-live time (sent with that time as ETA)."""
    from cms import scheduling

    result = scheduling.publish_due_revision(revision_id)
    if result == scheduling.NOT_YET:
        scheduling.retry_publication(revision_id)
    return result


@shared_task(name="cms.expire_scheduled_page")
def expire_scheduled_page(page_id):
    """Unpublish a live page at its expiry time (sent with that time as ETA)."""
    from cms import scheduling

    result = scheduling.expire_due_page(page_id)
    if result == scheduling.NOT_YET:
        scheduling.retry_expiry(page_id)
    return result


@shared_task(
    name="cms.send_workflow_email",
    # Only a connection that cannot be opened escapes cms.notifications.send (each message's own
    # failure is logged there): nothing was sent then, so retrying sends no duplicate.
    autoretry_for=(OSError,),
    retry_backoff=60,
    max_retries=5,
)
def send_workflow_email(event, object_id, actor_id=None):
    """Send one review workflow email (``cms.notifications``) if it still applies when it runs."""
    from cms import notifications

    return notifications.send_workflow_email(event, object_id, actor_id)


@shared_task(name="cms.send_review_reminders")
def send_review_reminders():
    """Remind reviewers of pages waiting more than ``REVIEW_REMINDER_DAYS`` days (beat, hourly)."""
    from cms import notifications

    return notifications.send_review_reminders()


@shared_task(
    name="cms.send_schedule_email", autoretry_for=(OSError,), retry_backoff=60, max_retries=5
)
def send_schedule_email(action_id):
    """Tell the review's people that a scheduled page went live or expired (once per action)."""
    from cms import notifications

    return notifications.send_schedule_email(action_id)
