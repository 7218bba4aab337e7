"""The beat task that publishes scheduled pages and unpublishes expired ones."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from cms.tasks import publish_due_pages
from home.models import NewsPage


@pytest.fixture
def news_item(news_index):
    page = NewsPage(
        title="Tin hẹn giờ",
        slug="tin-hen-gio",
        summary="Tóm tắt",
        body=[("paragraph", "<p>Nội dung</p>")],
        live=False,
    )
    news_index.add_child(instance=page)
    return page


@pytest.mark.django_db
def test_a_revision_whose_time_has_come_is_published(news_item):
    news_item.go_live_at = timezone.now() + datetime.timedelta(minutes=10)
    news_item.save_revision().publish()  # a future go-live only schedules the revision
    news_item.refresh_from_db()
    assert not news_item.live

    with time_machine.travel(datetime.timedelta(minutes=11)):
        publish_due_pages()

    news_item.refresh_from_db()
    assert news_item.live


@pytest.mark.django_db
def test_a_revision_scheduled_later_stays_unpublished(news_item):
    news_item.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    news_item.save_revision().publish()

    publish_due_pages()

    news_item.refresh_from_db()
    assert not news_item.live


@pytest.mark.django_db
def test_an_expired_page_is_unpublished(news_item):
    news_item.save_revision().publish()
    NewsPage.objects.filter(pk=news_item.pk).update(
        expire_at=timezone.now() - datetime.timedelta(seconds=1)
    )

    publish_due_pages()

    news_item.refresh_from_db()
    assert not news_item.live
    assert news_item.expired
