"""The search page in the public page cache (search/caching.py, search/hits.py, cms/cache.py), as
readers and the roles meet it: a repeated search comes from the cache, addresses that say the
same search share a copy and others never do, a publication shows in the very next search,
editors are never served a copy, and every search is still counted for *Popular searches* —
at once without Redis, through Redis and the beat task with it, directly when Redis is down."""

import datetime
import os
import unicodedata
import uuid
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
import redis
import time_machine
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from home.models import NewsPage
from search import hits
from search.tasks import flush_query_hits

from ..ci import unavailable
from ..cms.test_page_cache import (  # the page cache's own suite: its news item and readers
    NEW_TITLE,
    SLUG,
    TITLE,
    cached,
    news,  # noqa: F401 - the live news item every test here searches for
    read,
    through_review,
)
from .helpers import SearchPage

pytestmark = pytest.mark.usefixtures("news")

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
QUERY = "sinh hoạt"


def search_url(query=QUERY, path="/search/", **params):
    return f"{path}?q={quote(query)}" + "".join(f"&{k}={quote(str(v))}" for k, v in params.items())


def titles(response):
    return SearchPage(response).titles


def popularity(query_string):
    """How many searches *Popular searches* holds for ``query_string``."""
    return sum(
        QueryDailyHits.objects.filter(query__query_string=query_string).values_list(
            "hits", flat=True
        )
    )


# Served from the cache -------------------------------------------------------------------------


def test_a_repeated_search_comes_from_the_cache_without_a_query(django_assert_num_queries):
    first = read(search_url())
    assert first.status_code == 200 and cached(first) == "miss"
    assert titles(first) == [TITLE]
    # Without Redis the hit is counted in the database at once: one statement, nothing else.
    with django_assert_num_queries(1):
        second = read(search_url())
    assert cached(second) == "hit" and second.content == first.content
    assert second["Content-Language"] == "vi"
    assert read(search_url(), HTTP_IF_NONE_MATCH=second["ETag"]).status_code == 304


def test_addresses_that_say_the_same_search_share_one_copy(subtests):
    first = read(search_url())
    assert cached(first) == "miss"
    nfd = unicodedata.normalize("NFD", QUERY)
    assert nfd != QUERY
    for url in (
        search_url(nfd),  # macOS, some Unikey settings
        search_url("  sinh \t hoạt  "),  # spaces, a tab
        search_url("sinh\u202ehoạt"),  # a right-to-left override pasted from a chat
        search_url(utm_source="zalo", zarsrc="30", fbclid="abc"),  # a shared link
        search_url(type="unknown", year="20x6", page="1"),  # ignored, as the page ignores them
        f"/search/?page=1&q={quote(QUERY)}",  # another order
    ):
        with subtests.test(url=url):
            response = read(url)
            assert cached(response) == "hit"
            assert response.content == first.content


def test_the_page_links_carry_the_search_as_the_search_read_it():
    """Pagination and the language switcher render from the request: the view makes it say the
    search canonically first, which is what lets the addresses above share a copy."""
    html = read(search_url("  sinh   hoạt ", utm_source="zalo", type="nope")).content.decode()
    assert "utm_source" not in html and "type=nope" not in html
    assert f'href="/en/search/?q={quote(QUERY).replace("%20", "+")}"' in html


def test_searches_that_show_something_else_have_their_own_copies(subtests):
    assert cached(read(search_url())) == "miss"
    for url in (
        search_url("Sinh hoạt"),  # the search box and the count quote the query as typed
        search_url("sinh hoat"),
        search_url("sinh hoạt dưới cờ"),
        search_url(page=2),
        search_url(type="news"),
        search_url(year=2026),
        search_url(path="/en/search/"),
    ):
        with subtests.test(url=url):
            response = read(url)
            assert response.status_code == 200 and cached(response) == "miss"
    assert "Sinh hoạt" in read(search_url("Sinh hoạt")).content.decode()


def test_odd_long_and_personal_searches_are_never_kept(subtests):
    for url in (
        search_url(foo="1"),  # a parameter the search does not know
        search_url() + "&q=other",  # a parameter given twice
        search_url("bình đẳng giới " * 8),  # longer than MAX_CACHED_QUERY_LENGTH
        search_url("0912345678"),  # a phone number
        search_url("lan.nguyen@thptsoctrang.edu.vn"),
    ):
        with subtests.test(url=url):
            for _ in range(2):
                response = read(url)
                assert response.status_code == 200 and cached(response) is None


def test_a_kept_search_is_rendered_again_after_ten_minutes():
    noon = datetime.datetime(2026, 11, 24, 12, 0, tzinfo=HCM)
    with time_machine.travel(noon, tick=False):
        assert cached(read(search_url())) == "miss"
    with time_machine.travel(noon + datetime.timedelta(minutes=9), tick=False):
        assert cached(read(search_url())) == "hit"
    with time_machine.travel(noon + datetime.timedelta(minutes=11), tick=False):
        assert cached(read(search_url())) == "miss"


# A publication shows at once --------------------------------------------------------------------


def test_a_publication_and_an_unpublication_show_in_the_very_next_search(
    youth, committee, vice_principal
):
    url = search_url("nói không")
    assert cached(read(url)) == "miss"
    before = read(url)
    assert cached(before) == "hit" and titles(before) == []

    page = NewsPage.objects.get(slug=SLUG)
    through_review(page, youth, committee, vice_principal)  # the new title says "nói không"
    published = read(url)
    assert cached(published) == "miss" and titles(published) == [NEW_TITLE]
    assert cached(read(url)) == "hit"

    vice_principal.client.post(reverse("wagtailadmin_pages:unpublish", args=(page.pk,)))
    gone = read(url)
    assert cached(gone) == "miss" and titles(gone) == []


def test_editors_are_never_served_a_kept_search_nor_stored(youth):
    assert cached(read(search_url())) == "miss"
    editor_view = youth.client.get(search_url())
    assert editor_view.status_code == 200 and cached(editor_view) is None
    assert "private" in editor_view["Cache-Control"]
    # An editor's search stores nothing either.
    youth.client.get(search_url("dưới cờ"))
    assert cached(read(search_url("dưới cờ"))) == "miss"


# Counted ---------------------------------------------------------------------------------------


def test_searches_served_from_the_cache_are_counted_without_redis():
    for _ in range(4):
        read(search_url())
    assert cached(read(search_url())) == "hit"
    assert popularity(QUERY) == 5
    # Page turns and filters are not counted, kept or not.
    for _ in range(2):
        read(search_url(page=2))
        read(search_url(type="news"))
    assert popularity(QUERY) == 5


@pytest.fixture
def redis_pages_cache(settings):
    """The page cache on Redis (``REDIS_URL``, else database 15, as the integration suite), as in
    production, under a key prefix of this test's own; its keys are removed afterwards."""
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"
    client = redis.Redis.from_url(url, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        unavailable(
            f"Redis is not reachable at {url} ({error})",
            "the search cache's Redis tests",
            "start redis-server or set REDIS_URL",
        )
    prefix = f"test-search-cache-{uuid.uuid4().hex}"
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
        },
    }
    yield client
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)


def test_searches_served_from_redis_are_counted_by_the_beat_task(redis_pages_cache):
    searches = 6
    for _ in range(searches):
        response = read(search_url())
    assert cached(response) == "hit"
    # Counted in Redis, off the database: Popular searches has them after the flush.
    assert popularity(QUERY) == 0 and hits.pending() == searches
    assert flush_query_hits() == searches
    assert popularity(QUERY) == searches and hits.pending() == 0
    assert Query.objects.get(query_string=QUERY).hits == searches
    # A flush with nothing new adds nothing; the next searches add to the same day.
    assert flush_query_hits() == 0
    read(search_url())
    read(search_url("Sinh hoạt"))  # counted under the same normalised text
    flush_query_hits()
    assert popularity(QUERY) == searches + 2
    assert QueryDailyHits.objects.filter(query__query_string=QUERY).count() == 1


def test_the_beat_schedule_runs_the_flush_every_minute(settings):
    from cms.celery import app

    app.loader.import_default_modules()
    entries = [
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "search.flush_query_hits"
    ]
    assert len(entries) == 1 and entries[0]["schedule"] <= 60
    assert app.tasks["search.flush_query_hits"].name == flush_query_hits.name


def test_searches_work_and_are_counted_when_redis_is_down(settings):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens on the discard port
        },
    }
    for _ in range(3):
        response = read(search_url())
        assert response.status_code == 200 and cached(response) is None
        assert titles(response) == [TITLE]
    assert popularity(QUERY) == 3  # straight into the database, as before the cache
    assert flush_query_hits() == 0  # nothing to flush, and no error
