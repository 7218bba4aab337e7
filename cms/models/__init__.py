"""Models every app builds on: the abstract base page and the site-wide settings."""

from .base import BasePage, BasePageForm
from .settings import SchoolSettings

__all__ = ["BasePage", "BasePageForm", "SchoolSettings"]
