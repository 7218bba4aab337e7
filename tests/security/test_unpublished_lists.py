"""Taking a list down takes its pages down with it: the vice principal unpublishes the news list
in the admin without ticking "unpublish its sub-pages too", and the news under it, still live
themselves, are gone from the public site at once (their address, the list's feeds, the home page,
search, the sitemap); publishing the list again brings them back, nothing lost."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from tests.factories import make_news


@pytest.fixture
def news(news_index):
    news_index.save_revision().publish()
    item = make_news(news_index, title="Hội thi rung chuông vàng về bình đẳng giới")
    item.save_revision().publish()
    return item


def public_views(client, news):
    """``{address: response}`` for every public place the news item can show up."""
    addresses = [
        news.url,
        "/",
        "/tin-tuc/",
        "/tin-tuc/rss/",
        "/tin-tuc/atom/",
        "/search/?q=rung+chuông+vàng",
        "/sitemap.xml",
    ]
    return {address: client.get(address) for address in addresses}


def shown_in(responses, news):
    """The addresses that show the news item: each links to it (the sitemap and the feeds in
    full, the page itself in its canonical link); search marks the words of the title."""
    return [
        address
        for address, response in responses.items()
        if response.status_code == 200 and news.url in response.content.decode()
    ]


@pytest.mark.django_db
def test_unpublishing_a_list_hides_its_live_pages_until_it_is_published_again(
    client, news, news_index, vice_principal
):
    before = public_views(client, news)
    assert set(shown_in(before, news)) == set(before), "the news item is public to begin with"

    response = vice_principal.client.post(
        reverse("wagtailadmin_pages:unpublish", args=(news_index.pk,))
    )
    assert response.status_code == 302
    assert Page.objects.get(pk=news.pk).live, "the news item itself stays live"
    assert not Page.objects.get(pk=news_index.pk).live

    after = public_views(client, news)
    assert shown_in(after, news) == []
    assert after[news.url].status_code == 404
    assert after["/tin-tuc/rss/"].status_code == 404

    news_index.refresh_from_db()
    news_index.get_latest_revision().publish()  # as a scheduled publish does
    again = public_views(client, news)
    assert set(shown_in(again, news)) == set(again), "publishing the list brings its pages back"
