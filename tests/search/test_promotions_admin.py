"""Editors manage search promotions and read the popular searches, through the admin as their
roles; readers see the promotion first, and old daily counts are forgotten."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from search.tasks import forget_old_query_hits
from tests.admin_client import AdminUser
from tests.factories import make_news


def promotion_form(query_string, page):
    """The add form as the admin posts it: one promoted page."""
    return {
        "query_string": query_string,
        "editors_picks-TOTAL_FORMS": 1,
        "editors_picks-INITIAL_FORMS": 0,
        "editors_picks-MAX_NUM_FORMS": 1000,
        "editors_picks-0-DELETE": "",
        "editors_picks-0-ORDER": 0,
        "editors_picks-0-page": page.pk,
        "editors_picks-0-description": "Bài viết nên đọc trước",
    }


def result_ids(response, css_class):
    html = response.content.decode()
    marker = f'<li class="{css_class}" data-page-id="'
    return [int(part.split('"', 1)[0]) for part in html.split(marker)[1:]]


@pytest.mark.django_db
def test_youth_union_promotes_a_page_that_readers_see_first_even_without_tone_marks(
    youth_union_user, news_index
):
    promoted = make_news(news_index, title="Góc hỏi đáp về bình đẳng giới", live=True)
    other = make_news(news_index, title="Bình đẳng giới trong lớp học", live=True)
    response = AdminUser(youth_union_user).client.post(
        reverse("wagtailsearchpromotions:add"), promotion_form("bình đẳng giới", promoted)
    )
    assert response.status_code == 302
    assert Query.get("bình đẳng giới").editors_picks.filter(page=promoted).exists()

    reader = Client()
    for typed in ("bình đẳng giới", "binh dang gioi", "BINH DANG GIOI"):
        response = reader.get("/search/", {"q": typed})
        assert result_ids(response, "search-promotion") == [promoted.pk], typed
        # The promoted page is not listed twice; the other result still is.
        assert promoted.pk not in result_ids(response, "search-result")
        assert other.pk in result_ids(response, "search-result")


@pytest.mark.django_db
def test_a_new_promotion_shows_on_the_very_next_search(youth_union_user, news_index):
    """The search is kept in the page cache and its promoted queries with the site snapshot:
    adding a promotion empties both (cms/cache.py), as removing it does."""
    promoted = make_news(news_index, title="Góc hỏi đáp về bình đẳng giới", live=True)
    reader = Client()
    for _ in range(2):  # rendered, then served from the page cache
        assert result_ids(reader.get("/search/", {"q": "bình đẳng giới"}), "search-promotion") == []
    editor = AdminUser(youth_union_user).client
    editor.post(reverse("wagtailsearchpromotions:add"), promotion_form("bình đẳng giới", promoted))
    response = reader.get("/search/", {"q": "bình đẳng giới"})
    assert result_ids(response, "search-promotion") == [promoted.pk]

    query = Query.get("bình đẳng giới")
    editor.post(reverse("wagtailsearchpromotions:delete", args=(query.pk,)))
    assert not query.editors_picks.exists()
    response = reader.get("/search/", {"q": "bình đẳng giới"})
    assert result_ids(response, "search-promotion") == []


@pytest.mark.django_db
def test_a_promotion_of_a_page_taken_down_is_not_shown(youth_union_user, news_index):
    promoted = make_news(news_index, title="Thông báo cũ về bình đẳng giới", live=True)
    AdminUser(youth_union_user).client.post(
        reverse("wagtailsearchpromotions:add"), promotion_form("bình đẳng giới", promoted)
    )
    promoted.unpublish()
    response = Client().get("/search/", {"q": "binh dang gioi"})
    assert result_ids(response, "search-promotion") == []


@pytest.mark.django_db
def test_the_committee_cannot_manage_promotions(committee_user, news_index):
    page = make_news(news_index, title="Bình đẳng giới", live=True)
    client = AdminUser(committee_user).client
    response = client.post(
        reverse("wagtailsearchpromotions:add"), promotion_form("bình đẳng giới", page)
    )
    assert response.status_code in (302, 403)
    assert not Query.objects.filter(editors_picks__isnull=False).exists()
    assert client.get(reverse("wagtailsearchpromotions:index")).status_code in (302, 403)


@pytest.mark.django_db
def test_popular_searches_report_counts_what_readers_searched(
    youth_union_user, vice_principal_user, committee_user, news_index
):
    make_news(news_index, title="Bình đẳng giới", live=True)
    reader = Client()
    for typed in ("bình đẳng giới", "Bình  đẳng giới", "bình đẳng giới", "bạo lực học đường"):
        reader.get("/search/", {"q": typed})
    # Turning pages and filtering are the same search: not counted again.
    reader.get("/search/", {"q": "bình đẳng giới", "page": "2"})
    reader.get("/search/", {"q": "bình đẳng giới", "type": "news"})

    url = reverse("search_popular")
    for user in (youth_union_user, vice_principal_user):
        response = AdminUser(user).client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert html.index("bình đẳng giới") < html.index("bạo lực học đường")
    hits = {
        q.query_string: sum(h.hits for h in q.daily_hits.all())
        for q in Query.objects.filter(daily_hits__isnull=False).distinct()
    }
    assert hits == {"bình đẳng giới": 3, "bạo lực học đường": 1}

    # The committee does not manage promotions: no report, no menu entry.
    response = AdminUser(committee_user).client.get(url)
    assert response.status_code in (302, 403)
    home = reverse("wagtailadmin_home")
    assert url not in AdminUser(committee_user).client.get(home).content.decode()
    assert url in AdminUser(youth_union_user).client.get(home).content.decode()


@pytest.mark.django_db
def test_daily_counts_older_than_the_limit_are_forgotten(settings, news_index):
    settings.WAGTAILSEARCH_HITS_MAX_AGE = 90
    today = timezone.now().date()
    query = Query.get("bình đẳng giới")
    query.add_hit(date=today)
    query.add_hit(date=today - datetime.timedelta(days=90))
    query.add_hit(date=today - datetime.timedelta(days=91))
    Query.get("tìm một lần từ lâu").add_hit(date=today - datetime.timedelta(days=200))
    promoted = Query.get("bạo lực học đường")
    promoted.add_hit(date=today - datetime.timedelta(days=200))
    promoted.editors_picks.create(page=make_news(news_index, title="Bạo lực học đường"))

    forget_old_query_hits()

    assert sorted(QueryDailyHits.objects.values_list("date", flat=True)) == [
        today - datetime.timedelta(days=90),
        today,
    ]
    # A query no one searched for 90 days goes too, unless editors promote pages for it.
    assert set(Query.objects.values_list("query_string", flat=True)) == {
        "bình đẳng giới",
        "bạo lực học đường",
    }
