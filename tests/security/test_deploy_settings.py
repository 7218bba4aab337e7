"""Production settings, as the server starts them: Django's deployment checks pass with the
environment a real deployment has, and the values behind the security headers and cookies are
the ones docs/security.md promises (HSTS, HTTPS-only cookies, the proxy's scheme, framing, CSP).

Each case starts ``cms.settings.production`` in a subprocess (it reads the environment at import
and refuses to start without it), with nothing inherited from this process but PATH."""

import json
import secrets

import pytest

from tests.production import production_env as shared_production_env
from tests.production import run_python

ONE_YEAR = 365 * 24 * 3600

# The settings read back from a production start-up, as JSON.
DUMP = """
import json
import django
django.setup()
from django.conf import settings as s
names = [
    "DEBUG", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT", "SECURE_PROXY_SSL_HEADER", "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_SAMESITE", "LANGUAGE_COOKIE_SECURE", "LANGUAGE_COOKIE_HTTPONLY",
    "LANGUAGE_COOKIE_SAMESITE", "X_FRAME_OPTIONS", "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY", "SECURE_CROSS_ORIGIN_OPENER_POLICY", "MIDDLEWARE",
    "INSTALLED_APPS", "CONTENT_SECURITY_POLICY", "CMS_ADMIN_CONTENT_SECURITY_POLICY",
    "PERMISSIONS_POLICY",
]
print(json.dumps({name: getattr(s, name) for name in names}))
"""


def production_env():
    return {**shared_production_env(), "DJANGO_SETTINGS_MODULE": "cms.settings.production"}


run = run_python


@pytest.fixture(scope="module")
def production():
    """The production settings' values, read from a real start-up."""
    result = run(["-c", DUMP], production_env())
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_check_deploy_identifies_no_issues_with_a_real_environment():
    result = run(["manage.py", "check", "--deploy"], production_env())
    output = result.stdout + result.stderr

    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in output
    assert "WARNINGS" not in output


def test_debug_is_off(production):
    assert production["DEBUG"] is False


def test_hsts_for_a_year_with_subdomains_and_preload(production):
    assert production["SECURE_HSTS_SECONDS"] >= ONE_YEAR
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production["SECURE_HSTS_PRELOAD"] is True


def test_plain_http_is_redirected_and_the_proxys_scheme_trusted(production):
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_cookies_are_secure_httponly_and_same_site(production):
    assert production["SESSION_COOKIE_SECURE"] is True
    assert production["SESSION_COOKIE_HTTPONLY"] is True
    assert production["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert production["CSRF_COOKIE_SECURE"] is True
    assert production["CSRF_COOKIE_SAMESITE"] == "Lax"
    assert production["LANGUAGE_COOKIE_SECURE"] is True
    assert production["LANGUAGE_COOKIE_HTTPONLY"] is True
    assert production["LANGUAGE_COOKIE_SAMESITE"] == "Lax"


def test_framing_sniffing_referrer_and_opener_are_locked_down(production):
    assert production["X_FRAME_OPTIONS"] == "DENY"
    assert production["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert production["SECURE_REFERRER_POLICY"] == "same-origin"
    assert production["SECURE_CROSS_ORIGIN_OPENER_POLICY"] == "same-origin"


def test_public_policy_allows_only_this_site_and_no_inline_code(production):
    directives = production["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]

    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    every_source = {source for sources in directives.values() for source in sources}
    assert not every_source & {"'unsafe-inline'", "'unsafe-eval'", "*", "https:", "http:"}


def test_admin_policy_is_looser_but_never_leaves_the_site(production):
    directives = production["CMS_ADMIN_CONTENT_SECURITY_POLICY"]["DIRECTIVES"]

    assert "'unsafe-inline'" in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    every_source = {source for sources in directives.values() for source in sources}
    assert every_source <= {"'self'", "'none'", "'unsafe-inline'", "data:", "blob:"}


def test_camera_microphone_and_geolocation_are_off(production):
    for feature in ("camera", "microphone", "geolocation"):
        assert production["PERMISSIONS_POLICY"][feature] == []


def test_headers_are_added_before_the_page_cache_answers(production):
    middleware = production["MIDDLEWARE"]
    cache = middleware.index("cms.cache.PageCacheMiddleware")

    assert middleware[0] == "django.middleware.security.SecurityMiddleware"
    assert middleware.index("cms.headers.ContentSecurityPolicyMiddleware") < cache
    assert middleware.index("django_permissions_policy.PermissionsPolicyMiddleware") < cache


def test_neither_djangos_admin_nor_wagtails_api_is_installed(production):
    assert "django.contrib.admin" not in production["INSTALLED_APPS"]
    assert "wagtail.api" not in production["INSTALLED_APPS"]
    assert "rest_framework" not in production["INSTALLED_APPS"]


@pytest.mark.parametrize(
    "secret_key",
    [
        pytest.param(secrets.token_urlsafe(24), id="too-short"),
        pytest.param("ab" * 40, id="too-few-different-characters"),
        pytest.param("django-insecure-" + secrets.token_urlsafe(50), id="django-development-key"),
    ],
)
def test_production_refuses_a_weak_secret_key(secret_key):
    result = run(
        ["-c", "import django; django.setup()"], {**production_env(), "SECRET_KEY": secret_key}
    )

    assert result.returncode != 0
    message = result.stderr.strip().splitlines()[-1]
    assert "ImproperlyConfigured" in message
    assert "SECRET_KEY is too weak for production" in message
    assert secret_key not in result.stderr  # the key itself is never printed
