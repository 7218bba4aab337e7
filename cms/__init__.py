"""The CMS machinery every app leans on: settings, URLs, the Celery app, the base page, shared
blocks and Vietnamese text helpers."""

from .celery import app as celery_app

__all__ = ("celery_app",)
