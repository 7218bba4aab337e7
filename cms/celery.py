"""The Celery app. Settings come from Django's under the ``CELERY_`` namespace; tasks are found in
each app's ``tasks`` module."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

# A task that cannot be sent while Redis is down is logged, not raised (cms/faults.py).
app = Celery("cms", task_cls="cms.faults:ResilientTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
