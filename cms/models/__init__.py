"""Models every app builds on: the abstract base page, site settings, the review workflow and the
record of scheduled publishing."""

from .base import BaseIndexPage, BasePage, BasePageForm
from .notifications import ReviewReminder
from .scheduling import ScheduledAction, SchedulerState
from .settings import SchoolSettings
from .workflow import ReviewTask

__all__ = [
    "BaseIndexPage",
    "BasePage",
    "BasePageForm",
    "ReviewReminder",
    "ReviewTask",
    "ScheduledAction",
    "SchedulerState",
    "SchoolSettings",
]
