"""Views of the CMS machinery: the admin's publishing schedule and the health URL for monitors."""

from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

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


@require_GET
@never_cache
def schedule_health(request):
    """``/health/schedule/`` for a monitor: JSON, 200 when all is well, 503 otherwise.

    Open without login, so it says nothing a stranger could use: no broker address, no password,
    no page titles — only states, a time and counts.
    """
    report, healthy = monitoring.health()
    return JsonResponse(report, status=200 if healthy else 503)  # never_cache: no-store
