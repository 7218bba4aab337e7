"""The public page cache (cms/cache.py), as readers and the roles meet it: anonymous readers get
pages from the cache, every change the public sees is there on the very next request, editors
and previews are never cached, browsers revalidate with ETag / Last-Modified."""

import datetime
import http.server
import threading
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from cms.tasks import sweep_schedule
from home.models import NewsIndexPage, NewsPage

from ..admin_client import AdminUser
from ..factories import news_form_data, publish_translations

TITLE = "Sinh hoạt dưới cờ về bình đẳng giới"
NEW_TITLE = "Sinh hoạt dưới cờ: nói không với bạo lực giới"
SLUG = "sinh-hoat-duoi-co"
NEWS_URL = f"/tin-tuc/{SLUG}/"
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def news(news_index):
    """A live news item, published as the review publishes (a revision, then publish)."""
    page = NewsPage(
        title=TITLE,
        slug=SLUG,
        date=datetime.date(2026, 11, 20),
        summary="Toàn trường sinh hoạt dưới cờ.",
        body=[("paragraph", "<p>Đoàn trường tổ chức buổi sinh hoạt dưới cờ.</p>")],
    )
    news_index.add_child(instance=page)
    page.save_revision().publish()
    return page


def read(url, **headers):
    """An anonymous reader's request: a new browser, no cookies."""
    return Client().get(url, **headers)


def cached(response):
    return response.get("X-Page-Cache")


def through_review(page, youth, committee, vice_principal, **form):
    """The Youth Union edits ``page`` and submits it; the committee and the vice principal
    approve (the last approval publishes, or schedules with ``go_live_at``)."""
    response = youth.submit(page, news_form_data(NEW_TITLE, SLUG))
    assert response.status_code == 302
    assert committee.approve(page).status_code == 302
    assert vice_principal.approve(page, **form).status_code == 302


def test_the_second_anonymous_read_comes_from_the_cache_without_a_query(
    news, django_assert_num_queries
):
    first = read(NEWS_URL)
    assert first.status_code == 200 and cached(first) == "miss"
    with django_assert_num_queries(0):
        second = read(NEWS_URL)
    assert cached(second) == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Language"] == "vi"


def test_anonymous_pages_tell_browsers_to_revalidate_and_304s_work(news):
    first = read(NEWS_URL)
    assert set(first["Cache-Control"].replace(" ", "").split(",")) == {
        "public",
        "max-age=0",
        "must-revalidate",
    }
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"') and last_modified.endswith("GMT")

    for response in (
        read(NEWS_URL, HTTP_IF_NONE_MATCH=etag),
        read(NEWS_URL, HTTP_IF_MODIFIED_SINCE=last_modified),
    ):
        assert response.status_code == 304 and response.content == b""
        assert response["ETag"] == etag
    assert read(NEWS_URL, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_a_publication_through_the_review_is_visible_on_the_very_next_request(
    news, youth, committee, vice_principal
):
    before = {url: read(url) for url in ("/", "/tin-tuc/", NEWS_URL)}
    assert all(TITLE in r.content.decode() for r in before.values())
    assert all(cached(read(url)) == "hit" for url in before)

    through_review(news, youth, committee, vice_principal)

    for url, old in before.items():
        response = read(url)
        assert response.status_code == 200
        assert NEW_TITLE in response.content.decode(), url
        assert cached(response) == "miss"
        # The browser's copy is out of date too.
        assert read(url, HTTP_IF_NONE_MATCH=old["ETag"]).status_code == 200
        assert read(url, HTTP_IF_MODIFIED_SINCE=old["Last-Modified"]).status_code == 200


def test_an_unpublished_page_is_gone_on_the_very_next_request(news, vice_principal):
    assert read(NEWS_URL).status_code == 200 and TITLE in read("/").content.decode()
    vice_principal.client.post(reverse("wagtailadmin_pages:unpublish", args=(news.pk,)))
    assert read(NEWS_URL).status_code == 404
    assert TITLE not in read("/").content.decode()
    assert TITLE not in read("/tin-tuc/").content.decode()


def test_a_deleted_page_is_gone_on_the_very_next_request(news, superuser):
    assert TITLE in read("/tin-tuc/").content.decode()
    AdminUser(superuser).client.post(reverse("wagtailadmin_pages:delete", args=(news.pk,)))
    assert not Page.objects.filter(pk=news.pk).exists()
    assert read(NEWS_URL).status_code == 404
    assert TITLE not in read("/tin-tuc/").content.decode()
    assert TITLE not in read("/").content.decode()


def test_a_moved_page_answers_at_its_new_address_at_once(news, home_page, superuser):
    archive = NewsIndexPage(title="Lưu trữ", slug="luu-tru")
    home_page.add_child(instance=archive)
    assert read(NEWS_URL).status_code == 200
    assert TITLE in read("/tin-tuc/").content.decode()

    url = reverse("wagtailadmin_pages:move_confirm", args=(news.pk, archive.pk))
    AdminUser(superuser).client.post(url)

    # Wagtail leaves a redirect from the old address; the new one answers, the old list moves on.
    old_address = read(NEWS_URL)
    assert old_address.status_code == 301 and old_address["Location"] == f"/luu-tru/{SLUG}/"
    assert TITLE not in read("/tin-tuc/").content.decode()
    assert TITLE in read(f"/luu-tru/{SLUG}/").content.decode()


def test_a_scheduled_publication_by_the_worker_is_visible_on_the_next_request(
    news, youth, committee, vice_principal
):
    go_live = timezone.now() + datetime.timedelta(hours=2)
    assert TITLE in read(NEWS_URL).content.decode()
    through_review(
        news,
        youth,
        committee,
        vice_principal,
        go_live_at=go_live.astimezone(HCM).strftime("%d/%m/%Y %H:%M"),
    )
    # Scheduled, not yet published: the cached page is still the right one.
    assert cached(read(NEWS_URL)) == "hit" and TITLE in read(NEWS_URL).content.decode()

    with time_machine.travel(go_live + datetime.timedelta(minutes=1)):
        sweep_schedule()  # what Celery beat's sweep runs in the worker
        response = read(NEWS_URL)
    assert NEW_TITLE in response.content.decode()


def test_an_expired_page_is_gone_on_the_next_request(news):
    expire_at = timezone.now() + datetime.timedelta(hours=1)
    Page.objects.filter(pk=news.pk).update(expire_at=expire_at)
    assert read(NEWS_URL).status_code == 200
    with time_machine.travel(expire_at + datetime.timedelta(minutes=1)):
        sweep_schedule()
        assert read(NEWS_URL).status_code == 404


def test_logged_in_editors_are_never_served_from_the_cache_nor_stored(news, youth):
    assert cached(read(NEWS_URL)) == "miss"
    editor_view = youth.client.get(NEWS_URL)
    assert editor_view.status_code == 200
    assert cached(editor_view) is None
    assert "private" in editor_view["Cache-Control"]
    assert "wagtail-userbar" in editor_view.content.decode()
    anonymous = read(NEWS_URL)
    assert cached(anonymous) == "hit"
    assert "wagtail-userbar" not in anonymous.content.decode()


def test_a_draft_and_its_preview_never_reach_anonymous_readers(news, youth):
    assert cached(read(NEWS_URL)) == "miss"
    draft = news_form_data("Bản nháp chưa duyệt", SLUG)
    assert youth.save(news, draft).status_code == 302
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(news.pk,))
    youth.client.post(preview_url, draft)
    preview = youth.client.get(preview_url)
    assert "Bản nháp chưa duyệt" in preview.content.decode()
    assert cached(preview) is None

    for url in (NEWS_URL, "/tin-tuc/", "/"):
        response = read(url)
        assert "Bản nháp chưa duyệt" not in response.content.decode(), url


def test_each_language_has_its_own_copy(news, news_index, home_page):
    publish_translations(
        "en",
        [
            (home_page, {"title": "Home"}),
            (news_index, {"title": "News", "slug": "news"}),
            (news, {"title": "Flag ceremony on gender equality", "slug": "flag-ceremony"}),
        ],
    )

    for _ in range(2):
        vietnamese, english_page = read(NEWS_URL), read("/en/news/flag-ceremony/")
        assert TITLE in vietnamese.content.decode()
        assert "Flag ceremony on gender equality" in english_page.content.decode()
        assert english_page["Content-Language"] == "en"
    assert cached(vietnamese) == cached(english_page) == "hit"


def test_restricted_pages_are_never_stored_and_a_new_restriction_applies_at_once(
    news, vice_principal
):
    assert cached(read(NEWS_URL)) == "miss" and cached(read(NEWS_URL)) == "hit"
    url = reverse("wagtailadmin_pages:set_privacy", args=(news.pk,))
    vice_principal.client.post(url, {"restriction_type": "password", "password": "bi-mat-2026"})
    assert PageViewRestriction.objects.filter(page=news).exists()

    for _ in range(2):
        response = read(NEWS_URL)
        assert "Đoàn trường tổ chức buổi sinh hoạt dưới cờ." not in response.content.decode()
        assert cached(response) != "hit"


def test_searches_are_stored_under_their_own_key(news):
    """The search registers itself with the page cache (search/caching.py; its own suite:
    tests/search/test_search_cache.py)."""
    assert cached(read("/search/?q=sinh+hoat")) == "miss"
    second = read("/search/?q=sinh+hoat")
    assert cached(second) == "hit" and f'data-page-id="{news.pk}"' in second.content.decode()


def test_links_shared_with_tracking_parameters_share_one_copy(news, news_index):
    assert cached(read(NEWS_URL)) == "miss"
    assert cached(read(NEWS_URL + "?utm_source=zalo&zarsrc=30&fbclid=abc")) == "hit"
    # Parameters that change the page have their own copy.
    assert cached(read("/tin-tuc/")) == "miss"
    assert cached(read("/tin-tuc/?page=1")) == "miss"


def test_a_new_day_renders_every_page_afresh(news):
    """The home page shows what runs *today*: yesterday's copy is not served after midnight."""
    evening = datetime.datetime(2026, 11, 24, 23, 59, tzinfo=HCM)
    with time_machine.travel(evening, tick=False):
        assert cached(read("/")) == "miss" and cached(read("/")) == "hit"
    with time_machine.travel(evening + datetime.timedelta(minutes=2), tick=False):
        assert cached(read("/")) == "miss"


def test_a_changed_school_name_shows_on_the_next_request(news, superuser):
    from cms.models import SchoolSettings

    assert "Trường THPT Sóc Trăng" in read(NEWS_URL).content.decode()
    settings_row = SchoolSettings.for_site(news.get_site())
    settings_row.school_name = "Trường THPT chuyên Sóc Trăng"
    settings_row.save()
    assert "Trường THPT chuyên Sóc Trăng" in read(NEWS_URL).content.decode()


def test_the_site_serves_and_publishes_without_the_cache_when_the_cache_server_is_down(
    news, settings, youth, committee, vice_principal
):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens on the discard port
        },
    }
    response = read(NEWS_URL)
    assert response.status_code == 200 and TITLE in response.content.decode()
    assert cached(response) is None
    # The review still publishes: the failed invalidation is logged, not raised.
    through_review(news, youth, committee, vice_principal)
    assert NewsPage.objects.get(pk=news.pk).title == NEW_TITLE
    assert NEW_TITLE in read(NEWS_URL).content.decode()


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    """nginx's purge endpoint, played by a real HTTP server on loopback: it records each PURGE."""

    received: list = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.received.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server():
    PurgeRecorder.received = []
    server = http.server.HTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_a_publication_purges_the_page_its_lists_and_the_home_page_from_nginx(
    news,
    youth,
    committee,
    vice_principal,
    settings,
    purge_server,
    django_capture_on_commit_callbacks,
):
    host, port = purge_server.server_address
    settings.WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://{host}:{port}",
        }
    }
    with django_capture_on_commit_callbacks(execute=True):
        through_review(news, youth, committee, vice_principal)
    paths = {path for _host, path in PurgeRecorder.received}
    assert {NEWS_URL, "/tin-tuc/", "/", "/tin-tuc/rss/", "/tin-tuc/atom/", "/sitemap.xml"} <= paths
    # The Host header carries the site's name, which is what nginx keys its copies on.
    assert {purge_host for purge_host, _path in PurgeRecorder.received} == {"localhost"}


def test_nothing_is_purged_when_nothing_public_changed(
    news, youth, settings, purge_server, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://{}:{}".format(*purge_server.server_address),
        }
    }
    assert cached(read(NEWS_URL)) == "miss"
    with django_capture_on_commit_callbacks(execute=True):
        youth.save(news, news_form_data("Chỉ là bản nháp", SLUG))
    assert PurgeRecorder.received == []
    assert cached(read(NEWS_URL)) == "hit"
