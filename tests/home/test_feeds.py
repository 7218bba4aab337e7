"""The RSS and Atom feeds of the news, per language, as feed readers get them over HTTP and read
them with feedparser, and their announcement in every page's head."""

import datetime
import html
import time
import uuid

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Locale, Page, PageViewRestriction

from home.feeds import FEED_LENGTH

from ..factories import make_news

BASE = "http://localhost"  # the default site's root URL in the tests

TALK = "Tọa đàm “Nhận diện bạo lực trên cơ sở giới” cho học sinh khối 11 & 12"
TALK_SUMMARY = "Học sinh nhận diện các hành vi bạo lực <giới> & cách ứng phó."
LAUNCH = "Phát động Tháng hành động vì bình đẳng giới năm 2026"
LETTERS = "Thư cảm ơn nhân Ngày Quốc tế Phụ nữ 8/3"
LETTERS_EN = "Thank-you letters for International Women's Day"
DRAFT = "Tin còn là bản nháp"
PRIVATE = "Tin nội bộ của chi đoàn"


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(page, locale, **fields):
    """The page's translation into ``locale`` as wagtail-localize copies it, with ``fields``
    written in, published."""
    translation_ = page.get_translation_or_none(locale) or page.copy_for_translation(locale)
    translation_ = translation_.specific
    for name, value in fields.items():
        setattr(translation_, name, value)
    translation_.save()
    return publish(translation_)


@pytest.fixture
def english(db):
    return Locale.objects.get(language_code="en")


@pytest.fixture
def site(home_page, news_index, english):
    """Three live Vietnamese news items (25/11, 15/11 and 08/03/2026; the first tagged), a draft
    and a private one; in English the home page, the news list and the 8 March item."""
    talk = make_news(
        news_index,
        title=TALK,
        slug="toa-dam",
        date=datetime.date(2026, 11, 25),
        summary=TALK_SUMMARY,
    )
    talk.tags.add("bạo lực giới", "Tháng hành động")
    publish(talk)
    launch = publish(
        make_news(news_index, title=LAUNCH, slug="phat-dong", date=datetime.date(2026, 11, 15))
    )
    letters = publish(
        make_news(news_index, title=LETTERS, slug="thu-cam-on", date=datetime.date(2026, 3, 8))
    )
    draft = make_news(news_index, title=DRAFT, slug="ban-nhap", live=False)
    draft.save_revision()
    private = publish(make_news(news_index, title=PRIVATE, slug="noi-bo"))
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="bi-mat"
    )
    translate(home_page, english, title="Home")
    translate(news_index, english, title="News", slug="news")
    letters_en = translate(
        letters,
        english,
        title=LETTERS_EN,
        slug="thank-you-letters",
        summary="Students wrote to the women teachers of the school.",
    )
    return {"talk": talk, "launch": launch, "letters": letters, "letters_en": letters_en}


def fetch(client, url, content_type):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == f"{content_type}; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def rss(client, url):
    feed = fetch(client, url, "application/rss+xml")
    assert feed.version == "rss20"
    return feed


def atom(client, url):
    feed = fetch(client, url, "application/atom+xml")
    assert feed.version == "atom10"
    return feed


def vietnam_midnight_in_utc(date):
    """``date`` at 00:00 in Vietnam (UTC+7), as feedparser gives it: a UTC struct_time."""
    moment = datetime.datetime.combine(date, datetime.time(), datetime.UTC)
    return (moment - datetime.timedelta(hours=7)).timetuple()[:6]


@pytest.mark.parametrize("read", [rss, atom])
def test_the_vietnamese_feeds_carry_the_live_public_news_newest_first(site, client, read):
    kind = read.__name__
    feed = read(client, f"/tin-tuc/{kind}/")
    assert feed.feed.language == "vi"
    assert feed.feed.title == "Tin tức – Trường THPT Sóc Trăng"
    assert feed.feed.link == f"{BASE}/tin-tuc/"
    assert [entry.title for entry in feed.entries] == [TALK, LAUNCH, LETTERS]
    talk = feed.entries[0]
    assert talk.link == f"{BASE}/tin-tuc/toa-dam/"
    # The summary is HTML in the feed: a reader shows "<giới> &" as typed.
    assert html.unescape(talk.summary) == TALK_SUMMARY
    # Dated by the activity, at midnight in Vietnam.
    assert tuple(talk.published_parsed)[:6] == vietnam_midnight_in_utc(datetime.date(2026, 11, 25))
    assert talk.id == uuid.uuid5(site["talk"].translation_key, "vi").urn
    assert {tag.term for tag in talk.tags} == {"bạo lực giới", "Tháng hành động"}
    assert [entry.link for entry in feed.entries[1:]] == [
        f"{BASE}/tin-tuc/phat-dong/",
        f"{BASE}/tin-tuc/thu-cam-on/",
    ]


def test_the_atom_feed_names_itself_and_its_updates(site, client):
    feed = atom(client, "/tin-tuc/atom/")
    assert {link.rel: link.href for link in feed.feed.links} == {
        "alternate": f"{BASE}/tin-tuc/",
        "self": f"{BASE}/tin-tuc/atom/",
    }
    # An item published after its date says so: it was updated then.
    letters = feed.entries[2]
    assert letters.title == LETTERS
    published = site["letters"].last_published_at.astimezone(datetime.UTC)
    assert tuple(letters.updated_parsed)[:6] == published.timetuple()[:6]
    assert time.mktime(letters.updated_parsed) > time.mktime(letters.published_parsed)


@pytest.mark.parametrize("read", [rss, atom])
def test_the_english_feeds_carry_only_english_news(site, client, read):
    kind = read.__name__
    feed = read(client, f"/en/news/{kind}/")
    assert feed.feed.language == "en"
    assert feed.feed.title == "News – Trường THPT Sóc Trăng"
    assert feed.feed.link == f"{BASE}/en/news/"
    [entry] = feed.entries
    assert entry.title == LETTERS_EN
    assert entry.link == f"{BASE}/en/news/thank-you-letters/"
    assert entry.summary == "Students wrote to the women teachers of the school."
    # Another entry than the Vietnamese one, for a reader following both.
    assert entry.id == uuid.uuid5(site["letters"].translation_key, "en").urn
    assert entry.id != rss(client, "/tin-tuc/rss/").entries[2].id


def test_unpublishing_a_news_item_removes_it_from_the_feeds(site, client):
    site["launch"].unpublish()
    for feed in (rss(client, "/tin-tuc/rss/"), atom(client, "/tin-tuc/atom/")):
        assert [entry.title for entry in feed.entries] == [TALK, LETTERS]


def test_an_edit_keeps_the_entry_id(site, client):
    before = rss(client, "/tin-tuc/rss/").entries[1]
    launch = site["launch"]
    launch.title = "Lễ phát động Tháng hành động 2026"
    launch.slug = "le-phat-dong"
    publish(launch)
    after = rss(client, "/tin-tuc/rss/").entries[1]
    assert after.title == "Lễ phát động Tháng hành động 2026"
    assert after.link == f"{BASE}/tin-tuc/le-phat-dong/"
    assert after.id == before.id


def test_the_feeds_carry_the_latest_twenty(home_page, news_index, client):
    first = datetime.date(2026, 1, 1)
    for number in range(FEED_LENGTH + 2):
        make_news(
            news_index,
            title=f"Tin số {number + 1}",
            slug=f"tin-{number + 1}",
            date=first + datetime.timedelta(days=number),
        )
    expected = [f"Tin số {number}" for number in range(FEED_LENGTH + 2, 2, -1)]
    assert [entry.title for entry in rss(client, "/tin-tuc/rss/").entries] == expected
    assert [entry.title for entry in atom(client, "/tin-tuc/atom/").entries] == expected


def test_an_empty_news_list_has_an_empty_feed(home_page, news_index, client):
    feed = rss(client, "/tin-tuc/rss/")
    assert feed.entries == [] and feed.feed.language == "vi"


def test_a_private_news_list_has_no_public_feed(site, client, news_index):
    PageViewRestriction.objects.create(
        page=news_index, restriction_type=PageViewRestriction.PASSWORD, password="bi-mat"
    )
    for url in ("/tin-tuc/rss/", "/tin-tuc/atom/"):
        response = client.get(url)
        assert response.status_code == 200  # the password form, not the feed
        assert response["Content-Type"].startswith("text/html")
        assert LAUNCH.encode() not in response.content
    assert b"application/rss+xml" not in client.get("/").content


def test_the_news_list_links_to_its_feeds(site, client):
    soup = BeautifulSoup(client.get("/tin-tuc/").content, "html.parser")
    assert [a["href"] for a in soup.select("p.subscribe a")] == ["/tin-tuc/rss/", "/tin-tuc/atom/"]
    soup = BeautifulSoup(client.get("/en/news/").content, "html.parser")
    assert [a["href"] for a in soup.select("p.subscribe a")] == ["/en/news/rss/", "/en/news/atom/"]


# Autodiscovery


def announced(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        link["type"]: link["href"]
        for link in soup.head.find_all("link", rel="alternate")
        if link.get("type") in ("application/rss+xml", "application/atom+xml")
    }


@pytest.mark.parametrize(
    ("url", "prefix"),
    [
        ("/", "/tin-tuc/"),
        ("/tin-tuc/toa-dam/", "/tin-tuc/"),
        ("/search/?q=bình+đẳng", "/tin-tuc/"),
        ("/en/", "/en/news/"),
        ("/en/news/thank-you-letters/", "/en/news/"),
        ("/en/search/?q=women", "/en/news/"),
    ],
)
def test_every_page_announces_the_feeds_of_its_language(site, client, url, prefix):
    assert announced(client, url) == {
        "application/rss+xml": f"{BASE}{prefix}rss/",
        "application/atom+xml": f"{BASE}{prefix}atom/",
    }


def test_announced_feeds_are_the_ones_served(site, client):
    for content_type, href in announced(client, "/en/").items():
        feed = fetch(client, href.removeprefix(BASE), content_type)
        assert feed.feed.language == "en"


def test_no_feed_is_announced_without_a_live_news_list(site, client, news_index):
    news_index.unpublish()
    assert announced(client, "/") == {}
    assert client.get("/tin-tuc/rss/").status_code == 404
    # The English list is still live.
    assert announced(client, "/en/") != {}


def test_the_announcement_costs_at_most_two_queries(site, client, django_assert_max_num_queries):
    template = Template("{% load feed_tags %}{% feed_links as feeds %}{{ feeds.rss }}")
    page = Page.objects.get(pk=site["talk"].pk)
    request = RequestFactory().get("/tin-tuc/toa-dam/")
    client.get("/")  # warms Wagtail's cache of site root paths, as any earlier request does
    Page.objects.first().get_url(request)  # and finds the site for this request
    with translation.override("vi"), django_assert_max_num_queries(2):
        rendered = template.render(Context({"page": page, "request": request}))
    assert rendered == f"{BASE}/tin-tuc/rss/"
