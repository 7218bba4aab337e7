"""A real browser for the end-to-end suite: Debian's Chromium driven by Playwright, reading the site
from pytest-django's ``live_server`` (the test database, served in a thread of the test process,
static and media files included).

Playwright never downloads a browser here: it starts ``/usr/bin/chromium`` (``make browser``
installs it). Without it the suite fails on CI (``CI=true``) and skips, saying why, elsewhere; the
story test also needs Redis, found as the integration suite finds it (its fixtures are reused).
"""

import contextlib
import io
import os
from pathlib import Path

import pytest
import redis
from django.core.management import call_command
from django.db import connections
from wagtail.models import Locale

from home.models import HomePage

from ..ci import unavailable

# The integration suite's real processes (a Celery worker and beat on the test database, sending
# and receiving through Redis), imported so that the story test can ask for them by name.
from ..integration.conftest import broker, processes, redis_url  # noqa: F401

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",  # root in a container has no user namespaces for Chromium's sandbox
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Generous for a busy 2-core machine, but bounded: every wait in the suite has an end.
TIMEOUT_MS = 30_000
DEMO_PASSWORD = "demo-mat-khau-e2e-2026"


def need(condition, message):
    """Fail on CI, skip elsewhere, when something the suite needs is missing."""
    if not condition:
        unavailable(message, "the browser suite", "run `make browser` to install it")


@pytest.fixture(autouse=True)
def chromium():
    """Chromium, checked before anything slow is set up."""
    need(CHROMIUM.exists(), f"Chromium is not installed at {CHROMIUM}")
    return CHROMIUM


@pytest.fixture(scope="session")
def redis_client():
    """Redis, reachable (the integration suite's ``broker`` fixture uses this one here)."""
    client = redis.Redis.from_url(redis_url(), socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        client.close()
        unavailable(
            f"Redis is unreachable at {redis_url()} ({error})",
            "the browser suite's story test",
            "start redis-server or set REDIS_URL to run the story test",
        )
    yield client
    client.close()


@pytest.fixture
def browser(chromium, transactional_db, live_server):
    """Chromium, headless, for one test, started after the test database is set up and stopped
    before it is flushed.

    Playwright's sync API runs its event loop in this thread and gives the test code a context
    of its own: Django then refuses ORM calls ("async context", lifted below for the test's
    duration only) and hands out other connection objects, which lack what the next test's
    serialized rollback needs. So Playwright lives inside one test, and the connections opened
    meanwhile are closed before it stops.
    """
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)  # assertions wait as long as actions do

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    finally:
        connections.close_all()
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keeps each phase's report on the test item, for the screenshots of a failed test."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def new_page(browser, request, tmp_path):
    """Opens a page in a fresh browser context (its own cookies: one person), phone or desktop
    sized, Vietnamese; closes every context at the end of the test. When the test failed, each
    page's last screen is saved and its path printed."""
    contexts = []

    def open_page(width=1366, height=900, locale="vi-VN"):
        context = browser.new_context(viewport={"width": width, "height": height}, locale=locale)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    report = getattr(request.node, "report_call", None)
    for number, context in enumerate(contexts):
        if report is not None and report.failed:
            for page in context.pages:
                path = tmp_path / f"failure-{number}.png"
                with contextlib.suppress(Exception):
                    page.screenshot(path=path, full_page=True)
                    print(f"screenshot of {page.url}: {path}")
        context.close()


@pytest.fixture(autouse=True)
def media_on_disk(settings, tmp_path):
    """Uploaded images as files, which the live server serves under MEDIA_URL (the test settings
    keep them in memory, where no browser could load them)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


@pytest.fixture
def demo(transactional_db, settings):
    """The demo site as `make run` builds it, Vietnamese and English, committed for the server."""
    settings.DEMO_PASSWORD = DEMO_PASSWORD
    call_command("load_demo", stdout=io.StringIO())
    assert HomePage.objects.filter(locale__language_code="en", live=True).exists()
    return Locale.objects.get(language_code="en")
