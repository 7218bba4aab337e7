"""Settings of the gunicorn, worker and beat the fault tests start (tests/faults/): production's,
unchanged but for the static files.

Production keeps hashed static file names in a manifest that ``collectstatic`` writes (a minute
of the suite's time); these tests never load a static file, so they use the plain storage, into
a temporary ``STATIC_ROOT``. tests/faults/conftest.py fills the variables production requires and
points DATABASE_URL and REDIS_URL at servers of the test's own. Never deploy these.
"""

from cms.settings.production import *  # noqa: F403
from cms.settings.production import STORAGES, env

STATIC_ROOT = env.path("STATIC_ROOT")
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
