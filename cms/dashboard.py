"""Dashboard panels of the admin beyond Wagtail's own "awaiting your review" and "your pages in a
workflow": what is scheduled to go live or to expire."""

from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page, Revision, get_default_page_content_type

PANEL_SIZE = 10


def scheduled_publications(limit=PANEL_SIZE):
    """``(page, go-live time)`` of the approved revisions waiting for their time, soonest first."""
    revisions = (
        Revision.objects.filter(
            base_content_type=get_default_page_content_type(),
            approved_go_live_at__gt=timezone.now(),
        )
        .order_by("approved_go_live_at")
        .defer("content")[:limit]
    )
    pages = Page.objects.in_bulk([int(r.object_id) for r in revisions])
    return [
        (pages[int(r.object_id)].specific_deferred, r.approved_go_live_at)
        for r in revisions
        if int(r.object_id) in pages
    ]


def scheduled_expiries(limit=PANEL_SIZE):
    """``(page, expiry time)`` of live pages that will be taken off the site, soonest first."""
    pages = Page.objects.live().filter(expire_at__gt=timezone.now()).order_by("expire_at")
    return [(page.specific_deferred, page.expire_at) for page in pages[:limit]]


class ScheduledPagesPanel(Component):
    """Everyone in the chain sees what goes live or expires next."""

    name = "scheduled_pages"
    template_name = "components/admin-scheduled-pages.html"
    order = 220

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["publications"] = scheduled_publications()
        context["expiries"] = scheduled_expiries()
        return context
