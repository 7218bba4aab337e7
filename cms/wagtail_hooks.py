"""Wagtail hooks of the CMS machinery: workflow history entries, dashboard panels and the
publishing schedule."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.dashboard import ScheduledPagesPanel
from cms.workflow import LOG_ACTIONS


@hooks.register("register_log_actions")
def register_workflow_log_actions(actions):
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)


@hooks.register("construct_homepage_panels")
def add_scheduled_pages_panel(request, panels):
    panels.append(ScheduledPagesPanel())


@hooks.register("register_admin_urls")
def register_publishing_schedule_url():
    from cms.views import publishing_schedule, reschedule

    # Wagtail wraps admin URLs in its admin-access check: every editorial group and superusers.
    return [
        path("lich-xuat-ban/", publishing_schedule, name="cms_publishing_schedule"),
        path("lich-xuat-ban/<int:revision_id>/doi-gio/", reschedule, name="cms_reschedule"),
    ]


@hooks.register("register_admin_menu_item")
def register_publishing_schedule_menu_item():
    return MenuItem(
        _("Publishing schedule"),
        reverse("cms_publishing_schedule"),
        name="publishing-schedule",
        icon_name="calendar-alt",
        order=250,
    )
