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
