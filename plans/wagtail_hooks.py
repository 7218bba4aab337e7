"""Wagtail hooks of plans: the "Import from Word" action on the plan list (plans/views.py) and the
history entry of an imported plan."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter

IMPORT_ACTION = "plans.import"


@hooks.register("register_admin_urls")
def register_import_urls():
    from plans import views

    # Wagtail wraps admin URLs in its admin-access check; the views check page permissions.
    return [
        path("plans/import/<int:parent_id>/", views.plan_import, name="plans_import"),
        path(
            "plans/import/<int:parent_id>/create/",
            views.plan_import_create,
            name="plans_import_create",
        ),
    ]


def import_buttons(page, user, view_name=None, next_url=None):
    """ "Import from Word" in the plan list's header menu and in its row of the page listing,
    for those who may add a plan there."""
    from plans.models import PlanIndexPage
    from plans.views import may_import

    if page.specific_class is not PlanIndexPage or not may_import(user, page.specific):
        return
    yield Button(
        _("Import from Word"),
        reverse("plans_import", args=(page.pk,)),
        icon_name="upload",
        priority=16,
    )


hooks.register("register_page_header_buttons", import_buttons)
hooks.register("register_page_listing_more_buttons", import_buttons)


@hooks.register("register_log_actions")
def register_import_log_action(actions):
    @actions.register_action(IMPORT_ACTION)
    class ImportedFromFile(LogFormatter):
        label = _("Import from a file")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            count = data.get("notes", 0)
            return ngettext(
                "Imported from the file “%(file)s”; the import report had %(count)s note",
                "Imported from the file “%(file)s”; the import report had %(count)s notes",
                count,
            ) % {"file": data.get("file", ""), "count": count}
