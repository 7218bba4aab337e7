"""The public page cache with the real Celery worker on Redis: a scheduled publication or expiry
that the worker carries out is on the very next anonymous request after it commits, while the
copy before it keeps being served from the cache."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import Page

from home.models import NewsPage

from ..factories import make_news
from .conftest import SWEEP_SECONDS, wait_until

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LEAD = datetime.timedelta(seconds=4)


def read(url):
    """An anonymous reader: a new browser, no cookies."""
    return Client().get(url)


def published_at(page):
    return Page.objects.filter(pk=page.pk).values_list("last_published_at", flat=True).first()


def test_a_change_the_worker_publishes_is_on_the_next_request(
    processes, shared_page_cache, news_index
):
    page = make_news(news_index, title="Tin trước khi sửa", slug="tin-hen-gio")
    page.save_revision().publish()
    url = page.url
    assert read(url).get("X-Page-Cache") == "miss"
    assert read(url).get("X-Page-Cache") == "hit"

    processes.start_worker()
    processes.start_beat()
    first_published = published_at(page)
    page = NewsPage.objects.get(pk=page.pk)
    page.title = "Tin sau khi sửa"
    page.go_live_at = timezone.now() + LEAD
    page.save_revision().publish()  # scheduled, as the final approval schedules it
    response = read(url)
    assert "Tin trước khi sửa" in response.content.decode()
    assert response.get("X-Page-Cache") == "hit"

    changed = wait_until(
        lambda: published_at(page) != first_published, LEAD.seconds + SWEEP_SECONDS + 10
    )
    assert changed, processes.log("worker")[-3000:]
    response = read(url)
    assert "Tin sau khi sửa" in response.content.decode()
    assert "Tin trước khi sửa" not in response.content.decode()
    assert response.get("X-Page-Cache") == "miss"
    processes.assert_no_errors()


def test_a_page_the_worker_expires_is_gone_on_the_next_request(
    processes, shared_page_cache, news_index
):
    page = make_news(news_index, title="Tin sắp hết hạn", slug="tin-het-han")
    page.expire_at = timezone.now() + LEAD
    page.save_revision().publish()
    url = page.url
    assert read(url).status_code == 200 and read(url).get("X-Page-Cache") == "hit"

    processes.start_worker()
    processes.start_beat()
    expired = wait_until(
        lambda: not Page.objects.filter(pk=page.pk, live=True).exists(),
        LEAD.seconds + SWEEP_SECONDS + 10,
    )
    assert expired, processes.log("worker")[-3000:]
    assert read(url).status_code == 404
    processes.assert_no_errors()
