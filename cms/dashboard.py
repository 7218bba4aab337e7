"""Dashboard panels of the admin beyond Wagtail's own "awaiting your review" and "your pages in a
workflow": what is scheduled to go live or to expire (read from cms/monitoring.py, as the
*Lịch xuất bản* view is), and which translations are out of date (cms/translation.py)."""

from wagtail.admin.ui.components import Component

from cms import monitoring, translation

PANEL_SIZE = 10


class ScheduledPagesPanel(Component):
    """Everyone in the chain sees what goes live or expires next."""

    name = "scheduled_pages"
    template_name = "components/admin-scheduled-pages.html"
    order = 220

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["publications"] = monitoring.publications()[:PANEL_SIZE]
        context["expiries"] = monitoring.expiries()[:PANEL_SIZE]
        return context


class OutdatedTranslationsPanel(Component):
    """Translations whose Vietnamese page changed since they were synced or approved: for the
    Youth Union to update and for the reviewers to expect (cms/translation.py)."""

    name = "outdated_translations"
    template_name = "components/admin-translation-outdated.html"
    order = 230

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["translations"] = translation.outdated_translations()[:PANEL_SIZE]
        return context
