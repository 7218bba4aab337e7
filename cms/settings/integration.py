"""Settings of the Celery worker and beat the integration suite starts (tests/integration/).

The test settings (fast hashers, no outside calls) with what a real deployment has instead of
their in-process stand-ins: Redis as the broker (``REDIS_URL``, required), the test database
named by ``DATABASE_URL`` (a file on SQLite), and emails written as files to
``EMAIL_FILE_PATH`` so the test can count them. ``CELERY_BROKER_KEYPREFIX`` keeps one test
run's messages apart from another's on a shared Redis.
"""

from .base import env
from .test import *  # noqa: F403

CELERY_BROKER_URL = env("REDIS_URL")
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # As in production (base.py); the fault tests shorten it to see a lost message come back.
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=600),
    "global_keyprefix": env("CELERY_BROKER_KEYPREFIX", default=""),
}
# The public page cache on the same Redis, as in production, so that a page the worker publishes
# empties the copies the test process keeps (tests/integration/test_page_cache.py).
CACHES = {
    **CACHES,  # noqa: F405
    "pages": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env("REDIS_URL"),
        "KEY_PREFIX": "cms-pages-" + env("CELERY_BROKER_KEYPREFIX", default=""),
    },
}
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH")
