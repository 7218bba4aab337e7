"""The review step of the editorial workflow: a group approval that enforces four eyes, asks
for a reason when changes are requested, and lets the final step set the go-live time."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.models import AbstractGroupApprovalTask, TaskState


class RequestChangesForm(forms.Form):
    """Sending a page back always says why."""

    comment = forms.CharField(
        label=_("What needs to change"),
        widget=forms.Textarea({"rows": 3}),
        error_messages={"required": _("Say what needs to change: the comment is required.")},
    )


class ApproveForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea({"rows": 2})
    )


class FinalApproveForm(ApproveForm):
    """The final approval publishes now, or at the go-live time when one is given."""

    go_live_at = forms.DateTimeField(
        label=_("Publish at"),
        required=False,
        widget=AdminDateTimeInput,
        help_text=_("Leave empty to publish as soon as you approve."),
    )

    def clean_go_live_at(self):
        value = self.cleaned_data.get("go_live_at")
        if value and value <= timezone.now():
            raise ValidationError(_("The publication time must be in the future."))
        return value


class ReviewTask(AbstractGroupApprovalTask):
    """A review step done by the members of its groups.

    Four eyes: nobody approves a page they submitted, and nobody approves two steps of the same
    review, whatever groups they are in (superusers included).
    """

    is_final = models.BooleanField(
        _("final step"),
        default=False,
        help_text=_("Approving the final step publishes the page, or schedules it."),
    )

    admin_form_fields = [*AbstractGroupApprovalTask.admin_form_fields, "is_final"]

    class Meta:
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")

    def may_review(self, obj, user) -> bool:
        """Whether ``user`` may approve or send back ``obj`` at this step now."""
        if not (user.is_active and (user.is_superuser or self._user_in_groups(user))):
            return False
        state = obj.current_workflow_state
        if state is None:
            return False
        if state.requested_by_id == user.pk:
            return False
        approved_other_step = (
            state.task_states.filter(status=TaskState.STATUS_APPROVED, finished_by=user)
            .exclude(task_id=self.pk)
            .exists()
        )
        return not approved_other_step

    def get_actions(self, obj, user):
        if not self.may_review(obj, user):
            return []
        if self.is_final:
            return [
                ("reject", _("Request changes"), True),
                ("approve", _("Approve and publish"), True),
            ]
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Approve"), False),
            ("approve", _("Approve with comment"), True),
        ]

    def get_form_for_action(self, action):
        if action == "reject":
            return RequestChangesForm
        return FinalApproveForm if self.is_final else ApproveForm

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        # What the user may not act on does not wait for them (the same rules as may_review).
        approved_by_user = TaskState.objects.filter(
            status=TaskState.STATUS_APPROVED, finished_by=user
        ).values("workflow_state")
        return states.exclude(workflow_state__requested_by=user).exclude(
            workflow_state__in=approved_by_user
        )

    def start(self, workflow_state, user=None):
        from cms.workflow import first_unapproved_task

        # Resuming after changes were requested goes back to the step that asked for them;
        # when an earlier step's approval was withdrawn by the changes, start there instead.
        first = first_unapproved_task(workflow_state)
        if first is not None and first.pk != self.pk:
            return first.specific.start(workflow_state, user=user)
        return super().start(workflow_state, user=user)

    def on_action(self, task_state, user, action_name, **kwargs):
        from cms.workflow import schedule_revision

        # The edit view may hold a stale task state, and posts its modal data unvalidated.
        task_state = TaskState.objects.get(pk=task_state.pk).specific
        if task_state.status != TaskState.STATUS_IN_PROGRESS:
            return
        page = task_state.workflow_state.content_object
        if action_name not in {name for name, _label, _modal in self.get_actions(page, user)}:
            raise PermissionDenied
        form = self.get_form_for_action(action_name)(data=kwargs)
        if not form.is_valid():
            raise PermissionDenied(form.errors.as_text())
        data = form.cleaned_data
        if action_name == "approve" and self.is_final:
            schedule_revision(page, data.get("go_live_at"))
        super().on_action(task_state, user, action_name, comment=data.get("comment", ""))
