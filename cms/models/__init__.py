"""Models every app builds on: the abstract base page and the site-wide settings."""

from .base import BasePage, BasePageForm
from .notifications import ReviewReminder
from .settings import SchoolSettings
from .workflow import ReviewTask

__all__ = ["BasePage", "BasePageForm", "ReviewReminder", "ReviewTask", "SchoolSettings"]
