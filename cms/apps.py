from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    """The shared machinery: base page, blocks, text helpers, roles, workflow and scheduling."""

    name = "cms"
    verbose_name = _("Site machinery")

    def ready(self):
        from pathlib import Path

        from django.conf import settings
        from django.db.models.signals import post_save
        from wagtail.models import PageLogEntry, Revision
        from wagtail.signals import page_published

        from cms import cache, notifications, scheduling, snapshot, translation
        from cms.workflow import mark_direct_publish, withdraw_approvals_after_change

        post_save.connect(withdraw_approvals_after_change, sender=Revision)
        post_save.connect(mark_direct_publish, sender=PageLogEntry)
        # Scheduled revisions and expiring pages get their ETA tasks (cms/scheduling.py).
        post_save.connect(scheduling.on_revision_saved, sender=Revision)
        page_published.connect(scheduling.on_page_published)
        # The review workflow's Vietnamese emails replace Wagtail's (see notifications.connect).
        notifications.connect()
        # Translations: flagged out of date when their source is published again, and never
        # made live by "Translate this page" (cms/translation.py). Here, not in wagtail_hooks, so
        # that a Celery worker publishing a scheduled page flags them too.
        translation.connect()
        # The public page cache empties when what the public sees changes (cms/cache.py).
        cache.connect()
        # Page URLs remembered with the site snapshot (cms/snapshot.py).
        snapshot.memoise_url_parts()

        # The filesystem broker of the embedded default needs its folders before any worker or
        # web process sends a message.
        options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {})
        for key in ("data_folder_in", "data_folder_out", "control_folder"):
            if options.get(key):
                Path(options[key]).mkdir(parents=True, exist_ok=True)
