"""What the workflow emails need to remember: when a review step was last reminded."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewReminder(models.Model):
    """The last reminder sent for a review step that waits too long (``cms.notifications``).

    One row per task state; the database, not the worker's memory, is the record of what was sent,
    so a beat restarted or a task delivered twice does not remind twice in a day.
    """

    task_state = models.OneToOneField(
        "wagtailcore.TaskState",
        on_delete=models.CASCADE,
        related_name="review_reminder",
        verbose_name=_("task state"),
    )
    last_sent_at = models.DateTimeField(_("last sent at"))

    class Meta:
        verbose_name = _("review reminder")
        verbose_name_plural = _("review reminders")

    def __str__(self):
        return f"{self.task_state_id}: {self.last_sent_at:%Y-%m-%d %H:%M}"
