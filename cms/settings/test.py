"""Test settings: fast and isolated. DATABASE_URL and REDIS_URL still apply, so CI runs the same
suite on PostgreSQL and Redis."""

import atexit
import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES

SECRET_KEY = "test-only-key-not-secret"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

# Unsalted MD5 makes creating users in tests fast; never used outside tests.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# In memory, emptied before every test (tests/conftest.py); the integration suite's worker
# shares Redis with the test instead (tests/integration/conftest.py).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Tasks sent by the code under test stay in memory; the integration suite starts real workers on
# Redis (tests/integration/).
CELERY_BROKER_URL = "memory://"
# Every reused SQL (cms/compiled.py) is checked against the queryset built again: a key that
# leaves out something the query depends on fails the test that meets it.
COMPILED_QUERIES_VERIFY = True
CELERY_BROKER_TRANSPORT_OPTIONS: dict = {}

# The integration suite's worker and beat are other processes: on SQLite the test database must
# be a file they can open (Django's default is in memory), passed to them in DATABASE_URL. One
# file per test run, so two runs at once never delete each other's; like the in-memory database
# it replaces, it is made anew each run and removed when the run ends.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    _TEST_DB = Path(tempfile.gettempdir()) / f"cms-test-{os.getpid()}.sqlite3"
    DATABASES["default"]["TEST"] = {"NAME": str(_TEST_DB)}

    @atexit.register
    def _remove_test_db():
        for suffix in ("", "-journal", "-wal", "-shm"):
            _TEST_DB.with_name(_TEST_DB.name + suffix).unlink(missing_ok=True)
