"""The database's record of scheduled publishing: what was carried out, and the sweep's state."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduledAction(models.Model):
    """A scheduled publication or expiry that was carried out.

    Its unique key is the claim that makes publishing idempotent: whichever worker, sweep or
    duplicate delivery inserts it first publishes (or unpublishes), logs and notifies; the others
    find it taken and do nothing.
    """

    PUBLISH = "publish"
    EXPIRE = "expire"
    ACTIONS = [(PUBLISH, _("publish")), (EXPIRE, _("expire"))]

    page_id = models.BigIntegerField(_("page"))
    revision_id = models.BigIntegerField(_("revision"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=10, choices=ACTIONS)
    due_at = models.DateTimeField(_("due at"))
    done_at = models.DateTimeField(_("done at"), auto_now_add=True)
    done_by = models.CharField(_("done by"), max_length=20)  # "task" or "sweep"
    # Set when the email about it is sent: claimed like the action, so it is sent once.
    notified_at = models.DateTimeField(_("notified at"), null=True, blank=True)

    class Meta:
        verbose_name = _("scheduled action")
        verbose_name_plural = _("scheduled actions")
        constraints = [
            models.UniqueConstraint(
                fields=["page_id", "action", "due_at"], name="one_scheduled_action_per_time"
            )
        ]

    def __str__(self):
        return f"{self.action} page {self.page_id} due {self.due_at:%Y-%m-%d %H:%M:%S}"


class SchedulerState(models.Model):
    """One row: when the last sweep ran, and the lock that lets only one sweep run at a time."""

    last_sweep_at = models.DateTimeField(_("last sweep"), null=True, blank=True)
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)

    class Meta:
        verbose_name = _("scheduler state")

    def __str__(self):
        return f"last sweep {self.last_sweep_at}"
