"""The editorial workflow's rules that Wagtail does not enforce by itself.

- Only the workflow publishes: nobody but a site administrator can press Publish, publish in bulk,
  publish a copy or a reverted revision; the final review approval publishes (or schedules) the
  page through ``publish_approved``, Wagtail's ``WAGTAIL_FINISH_WORKFLOW_ACTION``.
- An administrator's direct publish is marked in the page's history.
- A change to a page after an approval withdraws the approvals of that review, which then starts
  again from the first step.
"""

import contextvars

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Wagtail imports this module while its models load (WAGTAIL_FINISH_WORKFLOW_ACTION): Wagtail's
# models are imported inside the functions.

# The page whose approved revision the workflow is publishing right now, if any.
publishing_reviewed = contextvars.ContextVar("publishing_reviewed", default=None)

RESTART_ACTION = "cms.workflow.restart"
DIRECT_PUBLISH_ACTION = "cms.publish_without_review"


def publish_approved(workflow_state, user=None):
    """Publish the revision both review steps approved: now, or at its go-live time."""
    page = workflow_state.content_object.specific
    token = publishing_reviewed.set(page.pk)
    try:
        page.get_latest_revision().publish(user=user)
    finally:
        publishing_reviewed.reset(token)


def schedule_revision(page, go_live_at):
    """Set the go-live time the final approver chose on the revision about to be published."""
    if go_live_at is None:
        return
    revision = page.get_latest_revision()
    revision.content["go_live_at"] = go_live_at.isoformat()
    revision._schedule_only = True  # not a content change: keeps the approvals
    revision.save(update_fields=["content"])


def first_unapproved_task(workflow_state):
    """The first active step of the workflow that this review has not approved yet."""
    from wagtail.models import TaskState

    approved = workflow_state.task_states.filter(status=TaskState.STATUS_APPROVED).values("task_id")
    return (
        workflow_state.workflow.tasks.filter(active=True)
        .exclude(pk__in=approved)
        .order_by("workflow_tasks__sort_order")
        .first()
    )


def withdraw_approvals_after_change(sender, instance, created, update_fields=None, **kwargs):
    """A new or rewritten page revision during review withdraws the review's approvals, and
    a review in progress starts again from its first step."""
    if getattr(instance, "_schedule_only", False):
        return
    if update_fields is not None and "content" not in update_fields:
        return
    from wagtail.log_actions import log
    from wagtail.models import Page, TaskState, WorkflowState

    page = instance.content_object
    if not isinstance(page, Page):
        return
    state = (
        WorkflowState.objects.active()
        .filter(base_content_type_id=instance.base_content_type_id, object_id=instance.object_id)
        .select_related("current_task_state")
        .first()
    )
    if state is None:
        return
    withdrawn = state.task_states.filter(status=TaskState.STATUS_APPROVED).update(
        status=TaskState.STATUS_CANCELLED
    )
    if not withdrawn:
        return
    log(
        instance=page.specific,
        action=RESTART_ACTION,
        revision=instance,
        user=instance.user,
        data={"workflow": {"id": state.workflow_id, "title": state.workflow.name}},
    )
    if state.status == WorkflowState.STATUS_IN_PROGRESS:
        current = state.current_task_state
        if current and current.status == TaskState.STATUS_IN_PROGRESS:
            current.status = TaskState.STATUS_CANCELLED
            current.finished_at = timezone.now()
            current.save(update_fields=["status", "finished_at"])
        state.current_task_state = None
        state.save(update_fields=["current_task_state"])
        state.update(user=instance.user)


def mark_direct_publish(sender, instance, created, **kwargs):
    """Record in the page's history that a site administrator published without review."""
    if not created or instance.action != "wagtail.publish" or instance.user_id is None:
        return
    if publishing_reviewed.get() == instance.page_id:
        return
    from wagtail.log_actions import log

    log(
        instance=instance.page.specific,
        action=DIRECT_PUBLISH_ACTION,
        user=instance.user,
        revision=instance.revision,
    )


LOG_ACTIONS = [
    (
        RESTART_ACTION,
        _("Review restarted"),
        _("Review restarted: the page changed after an approval"),
    ),
    (
        DIRECT_PUBLISH_ACTION,
        _("Published without review"),
        _("Published directly by a site administrator, without review"),
    ),
]
