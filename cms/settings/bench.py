"""Settings of ``make bench`` (bench/pages.py): production's, unchanged, with the benchmark's
URLs (bench/urls.py: the project's plus the floor, a minimal view measured through the same
stack) and STATIC_ROOT from the environment (a temporary directory).

bench/pages.py fills the variables production requires (SECRET_KEY, DATABASE_URL, REDIS_URL,
ALLOWED_HOSTS, EMAIL_URL, WAGTAILADMIN_BASE_URL) and SECURE_SSL_REDIRECT=false (plain HTTP on
loopback); production's settings stop at start-up naming any that is missing. Never deploy these.
"""

from .production import *  # noqa: F403
from .production import STATIC_ROOT, env

ROOT_URLCONF = "bench.urls"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(STATIC_ROOT))
