"""Settings of the ``restore`` and snapshot subprocesses of the restore drill (tests/backups/):
the test settings, with media as files in the ``MEDIA_ROOT`` the drill passes (the test settings
keep media in memory, which no other process could read). DATABASE_URL names the restored copy."""

from cms.settings.test import *  # noqa: F403
from cms.settings.test import STORAGES, env

MEDIA_ROOT = env.path("MEDIA_ROOT")
STORAGES = {
    **STORAGES,
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
}
