"""The review workflow's emails, in Vietnamese, replacing Wagtail's own.

| event (Wagtail signal) | who gets an email |
| --- | --- |
| a review step starts (``task_submitted``) | the members of the step's groups who may act on it |
| changes requested (``task_rejected``) | the submitter; at step 2 also the earlier step's group |
| final approval (``workflow_approved``) | the submitter and the earlier steps' groups |
| a step waits more than ``REVIEW_REMINDER_DAYS`` days (beat) | its group, at most once a day |

The signal handlers only enqueue ``cms.tasks.send_workflow_email`` with ids once the transaction
commits; the task calls the functions below, which read the state again and send nothing when the
email no longer applies (the workflow may start a step and cancel it within one request). Every
email goes to one person (inactive users and users without an address get none), has a plain-text
and an HTML part, and links to the admin screen where the person acts.
"""

import datetime
import logging
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from wagtail.models import AbstractGroupApprovalTask, TaskState, WorkflowState

from cms.models import ReviewReminder

logger = logging.getLogger(__name__)

LANGUAGE = "vi"  # the reviewers' and editors' language, whatever the request's
LOCAL_TIME = ZoneInfo("Asia/Ho_Chi_Minh")
DATETIME_FORMAT = "%d/%m/%Y %H:%M"

REVIEW_REQUESTED = "review_requested"
CHANGES_REQUESTED = "changes_requested"
REVIEW_APPROVED = "review_approved"


# Wagtail's four default workflow emails (wagtail/admin/signal_handlers.py), by dispatch_uid.
WAGTAIL_EMAIL_RECEIVERS = [
    ("task_submitted", TaskState, "group_approval_task_submitted_email_notification"),
    ("workflow_submitted", WorkflowState, "workflow_state_submitted_email_notification"),
    ("workflow_rejected", WorkflowState, "workflow_state_rejected_email_notification"),
    ("workflow_approved", WorkflowState, "workflow_state_approved_email_notification"),
]


# Signal handlers -------------------------------------------------------------------------------


def connect():
    """Connect the project's emails and switch Wagtail's off (called from ``CmsConfig.ready``).

    Wagtail connects its emails in ``wagtail.admin``'s ``ready()``, which runs after ours ("cms" is
    first in INSTALLED_APPS), so disconnecting them here would come too early. They are
    disconnected lazily instead, just before the first task or workflow state is saved: Wagtail
    saves one before every workflow signal it sends, and by then every app is ready. This holds
    whatever the order of INSTALLED_APPS and needs no extra app; on later saves the disconnection
    finds nothing to do.
    """
    from django.db.models.signals import pre_save
    from wagtail import signals

    signals.task_submitted.connect(on_task_submitted, dispatch_uid="cms_review_requested_email")
    signals.task_rejected.connect(on_task_rejected, dispatch_uid="cms_changes_requested_email")
    signals.workflow_approved.connect(
        on_workflow_approved, dispatch_uid="cms_review_approved_email"
    )
    for model in (TaskState, WorkflowState):
        pre_save.connect(
            disconnect_wagtail_emails,
            sender=model,
            dispatch_uid=f"cms_disconnect_wagtail_emails_{model.__name__}",
        )
    disconnect_wagtail_emails()  # in case wagtail.admin is ready already


def disconnect_wagtail_emails(**kwargs):
    from wagtail import signals

    for signal_name, sender, dispatch_uid in WAGTAIL_EMAIL_RECEIVERS:
        getattr(signals, signal_name).disconnect(sender=sender, dispatch_uid=dispatch_uid)


def _deliver(task, send_here, *args):
    """Send ``task`` to the worker; when the broker cannot be reached (``ResilientTask`` gives
    None, cms/faults.py), run ``send_here`` in this process instead: slower for the one request,
    but the reviewer still hears of the page while Redis is down."""
    if task.delay(*args) is not None:
        return
    logger.warning("Broker unreachable: sending the %s email from this process", task.name)
    try:
        send_here(*args)
    except Exception:  # the request that caused the email has committed; never fail it now
        logger.exception("Could not send the %s email from this process either", task.name)


def enqueue(event, object_id, actor_id=None):
    """Send the email from a Celery task once the change is committed (ids, never objects)."""
    from cms import tasks

    transaction.on_commit(
        lambda: _deliver(tasks.send_workflow_email, send_workflow_email, event, object_id, actor_id)
    )


def is_group_review(task_state):
    return isinstance(task_state.task.specific, AbstractGroupApprovalTask)


def on_task_submitted(sender, instance, user=None, **kwargs):
    if is_group_review(instance):
        enqueue(REVIEW_REQUESTED, instance.pk, getattr(user, "pk", None))


def on_task_rejected(sender, instance, user=None, **kwargs):
    if is_group_review(instance):
        enqueue(CHANGES_REQUESTED, instance.pk, getattr(user, "pk", None))


def on_workflow_approved(sender, instance, user=None, **kwargs):
    enqueue(REVIEW_APPROVED, instance.pk, getattr(user, "pk", None))


# Helpers ---------------------------------------------------------------------------------------


def display_name(user):
    """A person as Vietnamese writes them: family name first (Trần Minh), else the username."""
    if user is None:
        return ""
    name = " ".join(part for part in (user.last_name, user.first_name) if part).strip()
    return name or user.get_username()


def local_time(value):
    return timezone.localtime(value, LOCAL_TIME).strftime(DATETIME_FORMAT)


def admin_url(name, *args):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name, args=args)


def edit_url(page):
    return admin_url("wagtailadmin_pages:edit", page.pk)


def reachable(users):
    """The users an email can reach: active, with an address; each once, in a stable order."""
    seen = {}
    for user in users:
        if user is not None and user.is_active and user.email and user.pk not in seen:
            seen[user.pk] = user
    return sorted(seen.values(), key=lambda user: user.pk)


def group_members(tasks):
    """The active members of the groups of ``tasks``."""
    groups = [group for task in tasks for group in task.specific.groups.all()]
    return get_user_model().objects.filter(groups__in=groups, is_active=True).distinct()


def reviewers(task_state):
    """The members of the step's groups who may act on it now: never the submitter, nor someone
    who approved another step of the same review (``ReviewTask.may_review``)."""
    task = task_state.task.specific
    workflow_state = task_state.workflow_state
    page = workflow_state.content_object
    candidates = group_members([task])
    if hasattr(task, "may_review"):
        return [user for user in candidates if task.may_review(page, user)]
    return [user for user in candidates if user.pk != workflow_state.requested_by_id]


def earlier_steps(task_state):
    """The active steps of the workflow before ``task_state``'s (for two steps: the committee)."""
    tasks = list(task_state.workflow_state.workflow.tasks.filter(active=True))
    ids = [task.pk for task in tasks]
    if task_state.task_id not in ids:
        return []
    return tasks[: ids.index(task_state.task_id)]


def all_but_last_steps(workflow_state):
    return list(workflow_state.workflow.tasks.filter(active=True))[:-1]


def link_for(page, user):
    """The admin screen a person can open: the page's editor when they may open it (the submitter,
    the reviewers of the current step), else their dashboard (an earlier step's reviewers, whose
    turn has passed)."""
    if page.permissions_for_user(user).can_edit():
        return {"url": edit_url(page), "on_dashboard": False}
    return {"url": admin_url("wagtailadmin_home"), "on_dashboard": True}


def send(kind, recipients, subject, context, page=None, extra=None):
    """One email per recipient, rendered in Vietnamese from ``emails/<kind>.txt`` and ``.html``.

    With ``page``, each recipient's link goes to the admin screen they can open (``link_for``);
    ``extra(user)`` adds what depends on the recipient.
    """
    sent = 0
    with translation.override(LANGUAGE), get_connection() as connection:
        for user in recipients:
            data = {
                **context,
                "subject": subject,
                "recipient": user,
                "greeting_name": display_name(user),
            }
            if page is not None:
                data.update(link_for(page, user))
            if extra is not None:
                data.update(extra(user))
            message = EmailMultiAlternatives(
                subject=subject,
                body=render_to_string(f"emails/{kind}.txt", data).strip() + "\n",
                to=[user.email],
                connection=connection,
            )
            message.attach_alternative(render_to_string(f"emails/{kind}.html", data), "text/html")
            try:
                message.send()
            except Exception:
                logger.exception("Could not send the %s email to %s", kind, user.email)
            else:
                sent += 1
    return sent


def get_task_state(task_state_id):
    task_state = (
        TaskState.objects.filter(pk=task_state_id)
        .select_related("workflow_state", "task", "finished_by")
        .first()
    )
    return task_state.specific if task_state is not None else None


def get_user(user_id):
    if user_id is None:
        return None
    return get_user_model().objects.filter(pk=user_id).first()


# The emails ------------------------------------------------------------------------------------


def send_review_requested(task_state_id, actor_id=None):
    """A review step started: its reviewers are asked to review. Returns the number sent."""
    task_state = get_task_state(task_state_id)
    if task_state is None or task_state.status != TaskState.STATUS_IN_PROGRESS:
        return 0  # cancelled (e.g. the review restarted in the same request) or already done
    workflow_state = task_state.workflow_state
    if (
        workflow_state.status != WorkflowState.STATUS_IN_PROGRESS
        or workflow_state.current_task_state_id != task_state.pk
    ):
        return 0
    page = workflow_state.content_object.specific
    actor = get_user(actor_id) or workflow_state.requested_by
    # When the person who started this step approved the previous one, their comment goes along.
    previous = (
        workflow_state.task_states.filter(status=TaskState.STATUS_APPROVED, finished_by=actor)
        .exclude(pk=task_state.pk)
        .order_by("-finished_at")
        .first()
        if actor is not None
        else None
    )
    with translation.override(LANGUAGE):
        subject = _("Page awaiting your review: %(title)s") % {"title": page.title}
        if previous is not None:
            lead = _(
                "%(name)s approved the step “%(previous_step)s” of the page “%(title)s”. "
                "The page now awaits your review at the step “%(step)s”."
            ) % {
                "name": display_name(actor),
                "previous_step": previous.task.name,
                "title": page.title,
                "step": task_state.task.name,
            }
        else:
            lead = _(
                "%(name)s submitted the page “%(title)s” for review. "
                "It awaits your review at the step “%(step)s”."
            ) % {"name": display_name(actor), "title": page.title, "step": task_state.task.name}
    return send(
        REVIEW_REQUESTED,
        reachable(reviewers(task_state)),
        subject,
        {
            "lead": lead,
            "page": page,
            "step": task_state.task.name,
            "actor": display_name(actor),
            "submitter": display_name(workflow_state.requested_by),
            "comment": previous.comment if previous is not None else "",
        },
        page=page,
    )


def send_changes_requested(task_state_id, actor_id=None):
    """A reviewer requested changes: the submitter, and the earlier steps' reviewers, hear why."""
    task_state = get_task_state(task_state_id)
    if task_state is None or task_state.status != TaskState.STATUS_REJECTED:
        return 0
    workflow_state = task_state.workflow_state
    if (
        workflow_state.status != WorkflowState.STATUS_NEEDS_CHANGES
        or workflow_state.current_task_state_id != task_state.pk
    ):
        return 0  # resubmitted or cancelled meanwhile: the email would be out of date
    page = workflow_state.content_object.specific
    actor = task_state.finished_by or get_user(actor_id)
    recipients = [workflow_state.requested_by]
    # Changes asked at a later step concern those who approved the earlier ones too.
    recipients += list(group_members(earlier_steps(task_state)))
    recipients = [user for user in reachable(recipients) if actor is None or user.pk != actor.pk]
    with translation.override(LANGUAGE):
        subject = _("Changes requested: %(title)s") % {"title": page.title}
        lead = _("%(name)s requested changes to the page “%(title)s” at the step “%(step)s”.") % {
            "name": display_name(actor),
            "title": page.title,
            "step": task_state.task.name,
        }
    return send(
        CHANGES_REQUESTED,
        recipients,
        subject,
        {
            "lead": lead,
            "page": page,
            "step": task_state.task.name,
            "actor": display_name(actor),
            "submitter": display_name(workflow_state.requested_by),
            "comment": task_state.comment,
        },
        page=page,
        # The earlier steps' reviewers review the changed page again (ReviewTask.start).
        extra=lambda user: {"reviews_again": user.pk != workflow_state.requested_by_id},
    )


def go_live_time(final_state):
    """When the approved revision goes live, if the final approval scheduled it, else None."""
    revision = final_state.revision
    go_live_at = revision.approved_go_live_at
    if go_live_at is None and revision.content.get("go_live_at"):
        # Already published by beat since: the time the approval set still answers.
        go_live_at = parse_datetime(revision.content["go_live_at"])
    if go_live_at is None or go_live_at <= (final_state.finished_at or timezone.now()):
        return None
    return go_live_at


def send_review_approved(workflow_state_id, actor_id=None):
    """The final approval: the submitter and the earlier steps' reviewers hear it is published,
    or scheduled for its go-live time."""
    workflow_state = (
        WorkflowState.objects.filter(pk=workflow_state_id).select_related("requested_by").first()
    )
    if workflow_state is None or workflow_state.status != WorkflowState.STATUS_APPROVED:
        return 0
    final_state = (
        workflow_state.task_states.filter(status=TaskState.STATUS_APPROVED)
        .select_related("task", "revision", "finished_by")
        .order_by("-finished_at", "-pk")
        .first()
    )
    if final_state is None:
        return 0
    page = workflow_state.content_object.specific
    actor = final_state.finished_by or get_user(actor_id)
    recipients = [workflow_state.requested_by]
    recipients += list(group_members(all_but_last_steps(workflow_state)))
    recipients = [user for user in reachable(recipients) if actor is None or user.pk != actor.pk]
    go_live_at = go_live_time(final_state)
    with translation.override(LANGUAGE):
        values = {"name": display_name(actor), "title": page.title}
        if go_live_at is not None:
            values["time"] = local_time(go_live_at)
            subject = _("Scheduled for %(time)s: %(title)s") % values
            lead = (
                _(
                    "%(name)s gave the final approval to the page “%(title)s”: "
                    "it is scheduled to be published at %(time)s."
                )
                % values
            )
        else:
            subject = _("Published: %(title)s") % values
            lead = (
                _("%(name)s gave the final approval to the page “%(title)s”: it is published.")
                % values
            )
    return send(
        REVIEW_APPROVED,
        recipients,
        subject,
        {
            "lead": lead,
            "page": page,
            "step": final_state.task.name,
            "actor": display_name(actor),
            "submitter": display_name(workflow_state.requested_by),
            "comment": final_state.comment,
            "go_live_at": local_time(go_live_at) if go_live_at is not None else "",
        },
        page=page,
    )


EMAILS = {
    REVIEW_REQUESTED: send_review_requested,
    CHANGES_REQUESTED: send_changes_requested,
    REVIEW_APPROVED: send_review_approved,
}


def send_workflow_email(event, object_id, actor_id=None):
    return EMAILS[event](object_id, actor_id)


# Reminders -------------------------------------------------------------------------------------


def claim_reminder(task_state, now):
    """Record that a reminder goes out now, unless one went out less than a day ago.

    The claim is one conditional write, so two runs at once (a redelivered task) send one email.
    """
    since = now - datetime.timedelta(days=1)
    claimed = ReviewReminder.objects.filter(task_state=task_state, last_sent_at__lte=since).update(
        last_sent_at=now
    )
    if claimed:
        return True
    try:
        with transaction.atomic():
            _reminder, created = ReviewReminder.objects.get_or_create(
                task_state=task_state, defaults={"last_sent_at": now}
            )
    except IntegrityError:
        return False
    return created


def send_review_reminders(now=None):
    """Remind the reviewers of every step waiting more than ``REVIEW_REMINDER_DAYS`` days, at
    most once a day per step. Returns the number of emails sent."""
    now = now or timezone.now()
    days = settings.REVIEW_REMINDER_DAYS
    waiting = (
        TaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
            started_at__lt=now - datetime.timedelta(days=days),
        )
        .select_related("workflow_state", "task")
        .order_by("started_at")
    )
    dashboard = admin_url("wagtailadmin_home")
    sent = 0
    for task_state in waiting:
        task_state = task_state.specific
        if task_state.workflow_state.current_task_state_id != task_state.pk:
            continue
        if not is_group_review(task_state):
            continue
        recipients = reachable(reviewers(task_state))
        if not recipients or not claim_reminder(task_state, now):
            continue
        page = task_state.workflow_state.content_object.specific
        waited = (now - task_state.started_at).days
        with translation.override(LANGUAGE):
            values = {"title": page.title, "step": task_state.task.name, "days": waited}
            subject = _("Reminder: still awaiting review: %(title)s") % values
            lead = (
                _(
                    "The page “%(title)s” has been waiting for your review at the step "
                    "“%(step)s” for %(days)s days."
                )
                % values
            )
        sent += send(
            "review_reminder",
            recipients,
            subject,
            {
                "lead": lead,
                "page": page,
                "step": task_state.task.name,
                "submitter": display_name(task_state.workflow_state.requested_by),
                "waiting_since": local_time(task_state.started_at),
                "url": dashboard,
                "on_dashboard": True,
            },
        )
    return sent


# Scheduled publishing --------------------------------------------------------------------------

SCHEDULE_PUBLISHED = "published"
SCHEDULE_EXPIRED = "expired"


def enqueue_schedule_email(action_id):
    """Tell the people of the review that a scheduled page went live or expired (Celery)."""
    from cms import tasks

    _deliver(tasks.send_schedule_email, send_schedule_email, action_id)


def send_schedule_email(action_id):
    """The submitter of the page's last review, the committee and the vice principal hear that
    the page went live at its scheduled time, or expired. Sent once per ``ScheduledAction``: the
    email is claimed in the same transaction that sends it, so a redelivered task sends nothing,
    and a mail server that cannot be reached gives the claim back for the task's retry."""
    with transaction.atomic():
        return _send_schedule_email(action_id)


def _send_schedule_email(action_id):
    from wagtail.models import Page

    from cms.models import ScheduledAction

    claimed = ScheduledAction.objects.filter(pk=action_id, notified_at__isnull=True).update(
        notified_at=timezone.now()
    )
    if not claimed:
        return 0
    action = ScheduledAction.objects.get(pk=action_id)
    event = SCHEDULE_PUBLISHED if action.action == ScheduledAction.PUBLISH else SCHEDULE_EXPIRED
    page = Page.objects.filter(pk=action.page_id).first()
    if page is None:
        return 0
    page = page.specific
    if (event == SCHEDULE_PUBLISHED) != page.live:
        return 0  # taken down or published again since: the news is out of date
    review = (
        WorkflowState.objects.filter(
            base_content_type_id=page.get_base_content_type().pk,
            object_id=str(page.pk),
            status=WorkflowState.STATUS_APPROVED,
        )
        .select_related("requested_by", "workflow")
        .order_by("-created_at")
        .first()
    )
    recipients = [review.requested_by] if review else []
    if review:
        recipients += list(group_members(review.workflow.tasks.filter(active=True)))
    recipients = reachable(recipients)
    with translation.override(LANGUAGE):
        values = {"title": page.title}
        if event == SCHEDULE_PUBLISHED:
            values["time"] = local_time(page.last_published_at or timezone.now())
            subject = _("Now live: %(title)s") % values
            lead = _("The page “%(title)s” went live at its scheduled time, %(time)s.") % values
        else:
            values["time"] = local_time(page.expire_at or timezone.now())
            subject = _("Expired: %(title)s") % values
            lead = (
                _(
                    "The page “%(title)s” reached its expiry time, %(time)s, "
                    "and is no longer public."
                )
                % values
            )
    return send(
        "schedule_event",
        recipients,
        subject,
        {
            "lead": lead,
            "page": page,
            "step": review.workflow.name if review else "",
            "submitter": display_name(review.requested_by) if review else "",
        },
        page=page,
    )
