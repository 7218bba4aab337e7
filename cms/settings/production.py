"""Production settings: everything comes from the environment, and nothing has a default that
could leak into a real deployment. A missing variable stops the start-up with its name."""

import environ
from django.core.exceptions import ImproperlyConfigured

REQUIRED_ENV = (
    "SECRET_KEY",
    "DATABASE_URL",
    "REDIS_URL",
    "ALLOWED_HOSTS",
    "EMAIL_URL",
    "WAGTAILADMIN_BASE_URL",
)
_missing = [name for name in REQUIRED_ENV if not environ.Env().str(name, default="")]
if _missing:
    raise ImproperlyConfigured(
        "Missing required environment variable(s) for production: " + ", ".join(_missing)
    )

from django.core.checks.security.base import (  # noqa: E402 - Django's own rule for W009
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)

from .base import *  # noqa: E402, F403
from .base import env  # noqa: E402

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
# Sessions, password reset links and signed values all rest on this key: a short or guessable one
# stops the start-up instead of being a warning nobody reads (`check --deploy` says the same).
if (
    len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH
    or len(set(SECRET_KEY)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
    or SECRET_KEY.startswith(SECRET_KEY_INSECURE_PREFIX)
):
    raise ImproperlyConfigured(
        f"SECRET_KEY is too weak for production: it needs at least {SECRET_KEY_MIN_LENGTH} "
        f"characters, {SECRET_KEY_MIN_UNIQUE_CHARACTERS} of them different, and must not be "
        "Django's generated development key. Make one with: python -c \"import secrets; "
        'print(secrets.token_urlsafe(50))"'
    )
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database host that does not answer fails the request in 5 s (a clean 503, cms/faults.py)
    # instead of holding a gunicorn thread until the worker is killed (docs/operations.md).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)

# Demo accounts with a shared password must never exist on the real site.
DEMO_USERS_ALLOWED = False

# Hashed file names so browsers can cache static files for ever, compressed ahead of time
# (collectstatic at deploy). WhiteNoise serves them with far-future expiry when gunicorn is
# reached directly; nginx serves the same folder when it is in front (docs/deploy.md).
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
MIDDLEWARE = [
    *MIDDLEWARE[:1],  # noqa: F405 - SecurityMiddleware first, then the static files
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],  # noqa: F405
]

# HTTPS is terminated by the reverse proxy (nginx), which sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# A year of HSTS once the site is on HTTPS; the school's sub-domains are HTTPS-only as well.
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
# The headers every environment sends (CSP, nosniff, referrer, opener, framing) are in base.py.
# Cookies: never sent over plain HTTP (above), the session's out of reach of scripts, none sent
# with another site's POST.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Logins (docs/security.md): nginx is the one proxy in front (deploy/nginx/), so the address it
# saw is the client's for the sign-in lockout. Two-step verification is required of the vice
# principal, who publishes, and of the administrators.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
OTP_REQUIRED_GROUPS = env.list("OTP_REQUIRED_GROUPS", default=["Phó Hiệu trưởng"])
OTP_REQUIRED_FOR_SUPERUSERS = env.bool("OTP_REQUIRED_FOR_SUPERUSERS", default=True)

LOGGING["root"]["level"] = "INFO"  # noqa: F405
