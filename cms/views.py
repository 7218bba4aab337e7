"""Views of the CMS machinery: the admin's publishing schedule and the health URL for monitors."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.models import Page

from cms import monitoring, scheduling


class PublishingScheduleView(WagtailAdminTemplateMixin, TemplateView):
    """*Lịch xuất bản*: what goes live and what expires next, what is overdue, and when the sweep
    last ran. Open to everyone with admin access (registered through ``register_admin_urls``)."""

    page_title = _("Publishing schedule")
    header_icon = "calendar-alt"
    template_name = "components/admin-publishing-schedule.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        publications = monitoring.publications(now)
        expiries = monitoring.expiries(now)
        for item in publications:
            item.can_reschedule = item.page.permissions_for_user(self.request.user).can_unschedule()
        last_sweep = scheduling.last_sweep_at()
        context.update(
            {
                "publications": publications,
                "expiries": expiries,
                "overdue": sum(item.overdue for item in publications + expiries),
                "last_sweep": (
                    monitoring.local_time(last_sweep, "%d/%m/%Y %H:%M:%S") if last_sweep else None
                ),
                "sweep_is_stale": monitoring.sweep_is_stale(now),
                "sweep_seconds": int(scheduling.sweep_interval().total_seconds()),
            }
        )
        return context


publishing_schedule = PublishingScheduleView.as_view()


class RescheduleForm(forms.Form):
    """A new go-live time for an approved, scheduled revision."""

    go_live_at = forms.DateTimeField(label=_("New go-live time"), widget=AdminDateTimeInput)

    def clean_go_live_at(self):
        value = self.cleaned_data["go_live_at"]
        if value <= timezone.now():
            raise ValidationError(_("The publication time must be in the future."))
        return value


@require_POST
def reschedule(request, revision_id):
    """Move a scheduled publication to another time: for those who may cancel a schedule (the vice
    principal, site administrators), without another review since the content is unchanged."""
    revision = get_object_or_404(scheduling.scheduled_revisions(), pk=revision_id)
    page = get_object_or_404(Page, pk=revision.object_id).specific
    if not page.permissions_for_user(request.user).can_unschedule():
        raise PermissionDenied
    form = RescheduleForm(request.POST)
    if form.is_valid():
        scheduling.reschedule(revision.pk, form.cleaned_data["go_live_at"], request.user)
        messages.success(
            request,
            _("“%(title)s” will go live at %(time)s.")
            % {
                "title": page.get_admin_display_title(),
                "time": monitoring.local_time(form.cleaned_data["go_live_at"]),
            },
        )
    else:
        messages.error(request, " ".join(form.errors["go_live_at"]))
    return redirect("cms_publishing_schedule")


@require_GET
@never_cache
def schedule_health(request):
    """``/health/schedule/`` for a monitor: JSON, 200 when all is well, 503 otherwise.

    Open without login, so it says nothing a stranger could use: no broker address, no password,
    no page titles — only states, a time and counts.
    """
    report, healthy = monitoring.health()
    return JsonResponse(report, status=200 if healthy else 503)  # never_cache: no-store
