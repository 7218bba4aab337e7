"""The public site in two languages, as a reader gets it: Vietnamese at /, English under /en/, a
language switcher between a page and its translation, hreflang alternates, the right lang
attributes, English interface strings and dd/mm/yyyy dates on English pages.

The English pages are made here as an editor makes them: Wagtail's copy for translation (what
wagtail-localize's "Translate" does), then the English text and publication."""

import datetime

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale, Page

from home.models import NewsPage

from ..factories import make_campaign

VI_NEWS = "/tin-tuc/ky-niem-ngay-8-3/"
EN_NEWS = "/en/news/womens-day/"
BASE = "http://localhost"  # the default site's root URL in the tests


@pytest.fixture
def english(db):
    return Locale.objects.get(language_code="en")


def translate(page, locale, *, publish=True, **fields):
    """The page's translation into ``locale``, copied as wagtail-localize copies it, with
    ``fields`` (the English title, slug…) written in; published unless ``publish`` is False."""
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale)
    translation = translation.specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    revision = translation.save_revision()
    if publish:
        revision.publish()
    return translation


def add_news(index, title, slug, date):
    page = NewsPage(
        title=title,
        slug=slug,
        date=date,
        summary="Tóm tắt",
        body=[("paragraph", "<p>Nội dung</p>")],
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def site(home_page, news_index, english):
    """A Vietnamese home page and news list with one news item translated into English (all
    three live in English), one not translated and one whose translation is still a draft."""
    women_day = add_news(
        news_index, "Kỷ niệm Ngày Quốc tế Phụ nữ 8/3", "ky-niem-ngay-8-3", datetime.date(2026, 3, 8)
    )
    add_news(news_index, "Tọa đàm về bạo lực giới", "toa-dam", datetime.date(2026, 11, 20))
    drafted = add_news(news_index, "Hội thi vẽ tranh", "hoi-thi", datetime.date(2026, 4, 2))
    translate(home_page, english, title="Home")
    translate(news_index, english, title="News", slug="news")
    translate(women_day, english, title="International Women's Day", slug="womens-day")
    translate(drafted, english, publish=False, title="Drawing contest", slug="drawing-contest")
    return home_page


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return BeautifulSoup(response.content, "html.parser")


def switcher_links(soup):
    nav = soup.find("nav", class_="language-switcher")
    assert nav is not None, "no language switcher"
    return nav.find_all("a")


def alternates(soup):
    return {
        link["hreflang"]: link["href"]
        for link in soup.find_all("link", rel="alternate", hreflang=True)
    }


def test_a_vietnamese_page_links_to_its_english_translation(site, client):
    soup = get(client, VI_NEWS)
    assert soup.html["lang"] == "vi"
    [link] = switcher_links(soup)
    assert link["href"] == EN_NEWS
    assert link["hreflang"] == "en" and link["lang"] == "en"
    assert link.get_text(strip=True) == "English"


def test_an_english_page_links_back_to_the_vietnamese_page(site, client):
    soup = get(client, EN_NEWS)
    assert soup.html["lang"] == "en"
    assert soup.find("h1").get_text(strip=True) == "International Women's Day"
    [link] = switcher_links(soup)
    assert link["href"] == VI_NEWS
    assert link["hreflang"] == "vi" and link["lang"] == "vi"
    assert link.get_text(strip=True) == "Tiếng Việt"


def test_the_home_pages_link_to_each_other(site, client):
    [to_english] = switcher_links(get(client, "/"))
    assert to_english["href"] == "/en/"
    english_home = get(client, "/en/")
    assert english_home.html["lang"] == "en"
    [to_vietnamese] = switcher_links(english_home)
    assert to_vietnamese["href"] == "/"


@pytest.mark.parametrize("url", ["/tin-tuc/toa-dam/", "/tin-tuc/hoi-thi/"])
def test_a_page_without_a_live_translation_links_to_the_english_home_page(site, client, url):
    # The second one has an English translation, but only as a draft.
    soup = get(client, url)
    [link] = switcher_links(soup)
    assert link["href"] == "/en/"
    assert link["lang"] == "en"
    # Said to screen readers, in the language of the link.
    assert link.find(class_="visually-hidden").get_text(strip=True) == "(home page)"
    assert alternates(soup) == {}
    assert "drawing-contest" not in str(soup)


def test_no_switcher_link_to_a_language_whose_home_page_is_not_live(
    home_page, news_index, english, client
):
    # A first install: the English home page is a draft waiting for review. /en/ would serve the
    # Vietnamese pages, so the switcher offers no "English".
    item = add_news(news_index, "Tọa đàm về bạo lực giới", "toa-dam", datetime.date(2026, 11, 20))
    translate(home_page, english, publish=False, title="Home")
    for url in ("/", "/tin-tuc/toa-dam/", "/khong-co-trang-nay/"):
        soup = get(client, url, status=404 if "khong-co" in url else 200)
        assert soup.find("nav", class_="language-switcher") is None, url
        assert not soup.select('a[hreflang="en"]'), url
    # Once it is approved, the switcher leads there.
    Page.objects.get(
        pk=home_page.get_translation(english).pk
    ).specific.get_latest_revision().publish()
    [link] = switcher_links(get(client, item.url))
    assert link["href"] == "/en/"


def test_an_english_page_whose_vietnamese_page_was_withdrawn_links_to_the_vietnamese_home(
    site, client
):
    NewsPage.objects.get(slug="ky-niem-ngay-8-3").unpublish()
    soup = get(client, EN_NEWS)
    [link] = switcher_links(soup)
    assert link["href"] == "/" and link["lang"] == "vi"
    assert link.find(class_="visually-hidden").get_text(strip=True) == "(trang chủ)"
    assert alternates(soup) == {}


def test_the_draft_translation_is_not_public(site, client):
    get(client, "/en/news/drawing-contest/", status=404)


def test_translated_pages_announce_each_other_with_full_urls(site, client):
    expected = {
        "vi": BASE + VI_NEWS,
        "en": BASE + EN_NEWS,
        "x-default": BASE + VI_NEWS,
    }
    assert alternates(get(client, VI_NEWS)) == expected
    assert alternates(get(client, EN_NEWS)) == expected


def test_english_pages_speak_english(site, client):
    soup = get(client, EN_NEWS)
    assert soup.find("a", class_="skip-link").get_text(strip=True) == "Skip to main content"
    crumbs = soup.find("nav", attrs={"aria-label": "Breadcrumb"}).find_all("a")
    assert [(a.get_text(strip=True), a["href"]) for a in crumbs] == [
        ("Home", "/en/"),
        ("News", "/en/news/"),
        ("International Women's Day", EN_NEWS),
    ]
    assert soup.find("nav", class_="language-switcher")["aria-label"] == "Language"
    # The search form sends English readers to the English search.
    assert soup.find("form", role="search")["action"] == "/en/search/"


def test_vietnamese_pages_keep_vietnamese_interface_strings(site, client):
    soup = get(client, VI_NEWS)
    assert soup.find("a", class_="skip-link").get_text(strip=True) == "Chuyển đến nội dung chính"
    assert soup.find("nav", class_="language-switcher")["aria-label"] == "Ngôn ngữ"
    assert soup.find("form", role="search")["action"] == "/search/"


def test_english_pages_live_under_en_only(site, client):
    get(client, "/news/womens-day/", status=404)
    get(client, "/en/tin-tuc/ky-niem-ngay-8-3/", status=404)


def test_dates_read_dd_mm_yyyy_in_both_languages(site, client):
    for url in (VI_NEWS, EN_NEWS):
        time = get(client, url).find("article").find("time")
        assert time.get_text(strip=True) == "08/03/2026", url
        assert time["datetime"] == "2026-03-08"
    # Lists too: the English news list shows its one live item with the same date.
    cards = get(client, "/en/news/").select("main article")
    assert [card.find("time").get_text(strip=True) for card in cards] == ["08/03/2026"]


def test_the_search_page_links_to_the_same_search_in_the_other_language(site, client):
    vietnamese = get(client, "/search/?q=ph%E1%BB%A5+n%E1%BB%AF")
    assert vietnamese.html["lang"] == "vi"
    [to_english] = switcher_links(vietnamese)
    assert to_english["href"] == "/en/search/?q=ph%E1%BB%A5+n%E1%BB%AF"

    english = get(client, "/en/search/?q=women")
    assert english.html["lang"] == "en"
    assert english.find("a", class_="skip-link").get_text(strip=True) == "Skip to main content"
    [to_vietnamese] = switcher_links(english)
    assert to_vietnamese["href"] == "/search/?q=women"
    assert to_vietnamese["lang"] == "vi"
    assert alternates(english) == {
        "vi": BASE + "/search/",
        "en": BASE + "/en/search/",
        "x-default": BASE + "/search/",
    }


def test_the_switcher_does_not_echo_a_huge_query(site, client):
    soup = get(client, "/search/?q=" + "a" * 5000)
    [to_english] = switcher_links(soup)
    # The search reads (and the page names) the first 200 characters only.
    assert to_english["href"] == "/en/search/?q=" + "a" * 200


def test_a_missing_english_page_offers_the_vietnamese_home_page(site, client):
    soup = get(client, "/en/no-such-page/", status=404)
    assert soup.html["lang"] == "en"
    assert "Page not found" in soup.get_text()
    [link] = switcher_links(soup)
    assert link["href"] == "/" and link["lang"] == "vi"


def test_a_missing_vietnamese_page_offers_the_english_home_page(site, client):
    soup = get(client, "/khong-co-trang-nay/", status=404)
    assert soup.html["lang"] == "vi"
    [link] = switcher_links(soup)
    assert link["href"] == "/en/" and link["lang"] == "en"


@pytest.fixture
def every_type_in_english(site, english, plan_index, plan_page, campaign_index):
    """The plan and campaign sections translated too: every public page type in English."""
    translate(plan_index, english, title="Plans", slug="plans")
    translate(plan_page, english, title="Gender equality plan 2026", slug="plan-2026")
    translate(campaign_index, english, title="Campaigns", slug="campaigns")
    campaign = make_campaign(campaign_index, slug="thang-hanh-dong-2026")
    translate(campaign, english, title="Action Month 2026", slug="action-month-2026")
    return {
        "/en/": "/",
        "/en/news/": "/tin-tuc/",
        EN_NEWS: VI_NEWS,
        "/en/plans/": "/ke-hoach/",
        "/en/plans/plan-2026/": plan_page.url,
        "/en/campaigns/": "/chien-dich/",
        "/en/campaigns/action-month-2026/": "/chien-dich/thang-hanh-dong-2026/",
    }


def test_every_page_type_has_english_urls_lang_switcher_and_alternates(
    every_type_in_english, client
):
    for english_url, vietnamese_url in every_type_in_english.items():
        soup = get(client, english_url)
        assert soup.html["lang"] == "en", english_url
        [back] = switcher_links(soup)
        assert back["href"] == vietnamese_url, english_url
        assert alternates(soup) == {
            "vi": BASE + vietnamese_url,
            "en": BASE + english_url,
            "x-default": BASE + vietnamese_url,
        }
        # Every link into the site from an English page stays in English.
        for link in soup.select("header a[href^='/'], main a[href^='/']"):
            assert link["href"].startswith("/en/"), (english_url, link)
        [forward] = switcher_links(get(client, vietnamese_url))
        assert forward["href"] == english_url, vietnamese_url
