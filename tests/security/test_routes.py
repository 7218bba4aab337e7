"""What the site answers outside the Wagtail admin and its pages: an explicit list, so that no
route appears unnoticed (an API, Django's own admin, a debug view). Django's admin and Wagtail's
API are not installed, and their usual addresses answer the site's 404 page."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

# (route, view) of every URL outside /admin/. The page tree itself is Wagtail's catch-all.
ALLOWED = {
    # For monitors: JSON, no login, no secrets (docs/scheduling.md).
    ("health/schedule/", "cms.views.schedule_health"),
    ("sitemap.xml", "cms.seo.sitemap"),
    ("robots.txt", "cms.seo.robots_txt"),
    # Documents linked from pages, served by Django after the collection's privacy check.
    ("documents/^(\\d+)/(.*)$", "wagtail.documents.views.serve.serve"),
    (
        "documents/authenticate_with_password/<int:restriction_id>/",
        "wagtail.documents.views.serve.authenticate_with_password",
    ),
    ("search/", "search.views.search"),
    # The password and sign-in forms of pages with a view restriction (Wagtail's page privacy).
    (
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        "wagtail.views.authenticate_with_password",
    ),
    ("_util/login/", "django.contrib.auth.views.LoginView"),
    # The pages, in both languages (i18n_patterns: /en/ prefix for English).
    ("^((?:[\\w\\-]+/)*)$", "wagtail.views.serve"),
}


def routes(patterns, prefix=""):
    """Every (route, view) the URL configuration resolves, nested includes flattened."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            assert isinstance(pattern, URLPattern)
            yield prefix + str(pattern.pattern), pattern.lookup_str


def test_only_the_listed_routes_answer_outside_the_admin():
    # i18n_patterns' prefix is that of the active language: read the routes as Vietnamese (no
    # prefix), whatever language an earlier test left active.
    with translation.override("vi"):
        served = {
            (route, view)
            for route, view in routes(get_resolver().url_patterns)
            if not route.startswith("admin/")
        }

    assert served == ALLOWED


def test_neither_djangos_admin_nor_an_api_is_installed():
    assert "django.contrib.admin" not in settings.INSTALLED_APPS
    assert "wagtail.api" not in settings.INSTALLED_APPS
    assert "rest_framework" not in settings.INSTALLED_APPS


@pytest.mark.parametrize(
    "url",
    [
        "/django-admin/",
        "/django-admin/login/",
        "/api/",
        "/api/v2/pages/",
        "/api/v2/images/",
        "/api/v2/documents/",
        "/en/api/v2/pages/",
    ],
)
def test_usual_admin_and_api_addresses_answer_the_sites_404_page(db, url):
    response = Client().get(url)

    assert response.status_code == 404
    assert "404.html" in [template.name for template in response.templates]


@pytest.mark.parametrize(
    "url",
    [
        "/admin/auth/user/",
        "/admin/auth/group/",
        "/admin/auth/user/add/",
        "/admin/sessions/session/",
    ],
)
def test_djangos_admin_pages_are_not_found_in_wagtails_admin(superuser, url):
    client = Client()
    client.force_login(superuser)

    response = client.get(url)

    assert response.status_code == 404


def test_unknown_admin_addresses_send_visitors_to_wagtails_sign_in_only(db):
    response = Client().get("/admin/auth/user/")

    # Wagtail asks for a sign-in before it says whether an admin URL exists; its own sign-in page.
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/auth/user/"
