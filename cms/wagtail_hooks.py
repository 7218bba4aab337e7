"""Wagtail hooks of the CMS machinery: workflow history entries and dashboard panels."""

from wagtail import hooks

from cms.dashboard import ScheduledPagesPanel
from cms.workflow import LOG_ACTIONS


@hooks.register("register_log_actions")
def register_workflow_log_actions(actions):
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)


@hooks.register("construct_homepage_panels")
def add_scheduled_pages_panel(request, panels):
    panels.append(ScheduledPagesPanel())
