"""Celery tasks of the CMS machinery. Tasks stay thin: they call plain functions tests can call."""

from celery import shared_task
from django.core.management import call_command


@shared_task(name="cms.publish_due_pages")
def publish_due_pages():
    """Publish the revisions whose go-live time has passed and unpublish expired pages.

    Beat runs it every minute (``CELERY_BEAT_SCHEDULE``), so a scheduled page goes live within a
    minute of its time without anyone running Wagtail's ``publish_scheduled`` by hand.
    """
    call_command("publish_scheduled")


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
