"""The observance calendar and the iCalendar feed of campaigns, as readers and their phones get
them over HTTP, in both languages.

The feed is read back with two independent parsers, ``icalendar`` (which also writes it) and
``ics``, as two different calendar apps would read it.
"""

import datetime
import re
from zoneinfo import ZoneInfo

import icalendar
import ics
import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from wagtail.models import Locale, PageViewRestriction

from campaigns.models import CampaignPage

from ..factories import block_id, make_campaign

BASE = "http://localhost"  # the default site's root URL in the tests
VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime.datetime(2026, 11, 24, 9, 0, tzinfo=VN)

ACTION_MONTH = "Tháng hành động vì bình đẳng giới 2026"
WOMENS_DAY = "Kỷ niệm Ngày Quốc tế Phụ nữ 8/3/2026"
WOMENS_DAY_EN = "International Women's Day 2026"
LAST_YEAR = "Hưởng ứng Ngày Phụ nữ Việt Nam 20/10/2025"
DRAFT = "Chiến dịch còn là bản nháp"
PRIVATE = "Chiến dịch nội bộ của Ban chấp hành"
FLAG_CEREMONY = "Sinh hoạt dưới cờ chủ đề phòng, chống bạo lực trên cơ sở giới"
FORUM = "Diễn đàn “Tiếng nói học sinh”"


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(page, locale, **fields):
    """The page's translation into ``locale`` as wagtail-localize copies it, with ``fields``
    written in, published."""
    translation = page.get_translation_or_none(locale) or page.copy_for_translation(locale)
    translation = translation.specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return publish(translation)


@pytest.fixture
def english(db):
    return Locale.objects.get(language_code="en")


@pytest.fixture
def site(home_page, campaign_index, english):
    """Two live Vietnamese campaigns of 2026 (the Action Month with a timed and an all-day
    activity, 8 March), one of 2025, a draft and a private one; in English the home page, the
    campaign list and the 8 March campaign."""
    action_month = publish(
        make_campaign(
            campaign_index,
            title=ACTION_MONTH,
            slug="thang-hanh-dong-2026",
            activities=[
                {
                    "type": "activity",
                    "id": block_id(),
                    "value": {
                        "date": "2026-11-25",
                        "time": "07:00:00",
                        "title": FLAG_CEREMONY,
                        "place": "Sân trường",
                        "audience": "Toàn trường",
                        "description": "Đoàn trường phát động Tháng hành động.",
                    },
                },
                {
                    "type": "activity",
                    "id": block_id(),
                    "value": {
                        "date": "2026-12-01",
                        "time": None,
                        "title": FORUM,
                        "place": "Hội trường A",
                        "audience": "Học sinh khối 11, 12",
                        "description": "",
                    },
                },
            ],
        )
    )
    womens_day = publish(
        make_campaign(
            campaign_index,
            title=WOMENS_DAY,
            slug="ngay-8-3-2026",
            observance="international-womens-day",
            start_date=datetime.date(2026, 3, 1),
            end_date=datetime.date(2026, 3, 8),
            summary="Chuỗi hoạt động chào mừng Ngày Quốc tế Phụ nữ.",
        )
    )
    publish(
        make_campaign(
            campaign_index,
            title=LAST_YEAR,
            slug="ngay-20-10-2025",
            observance="vietnamese-womens-day",
            start_date=datetime.date(2025, 10, 13),
            end_date=datetime.date(2025, 10, 20),
        )
    )
    draft = make_campaign(campaign_index, title=DRAFT, slug="ban-nhap", live=False)
    draft.save_revision()
    private = publish(make_campaign(campaign_index, title=PRIVATE, slug="noi-bo"))
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="bi-mat"
    )
    translate(home_page, english, title="Home")
    translate(campaign_index, english, title="Campaigns", slug="campaigns")
    translate(
        womens_day,
        english,
        title=WOMENS_DAY_EN,
        slug="womens-day-2026",
        summary="Activities for International Women's Day.",
    )
    return {"action_month": action_month, "womens_day": womens_day}


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def month(soup, number):
    """The text of one month's section of the calendar page, and the section itself."""
    section = soup.find("section", attrs={"aria-labelledby": f"month-{number:02d}"})
    assert section is not None, f"no section for month {number}"
    return section.get_text(" ", strip=True), section


def campaign_links(section):
    return {a.get_text(strip=True): a["href"] for a in section.select("ul.campaigns a")}


# The calendar page


def test_the_calendar_lists_each_months_observances_and_campaigns(site, client, frozen):
    soup = soup_of(get(client, "/chien-dich/calendar/?year=2026"))
    assert soup.html["lang"] == "vi"
    assert "2026" in soup.find("h1").get_text()
    headings = [h.get_text(strip=True) for h in soup.select("section.calendar-month h2")]
    assert headings == [f"Tháng {n}" for n in range(1, 13)]

    march, section = month(soup, 3)
    assert "08/03/2026 Ngày Quốc tế Phụ nữ (8/3)" in march
    assert "20/03/2026" in march
    assert campaign_links(section) == {WOMENS_DAY: "/chien-dich/ngay-8-3-2026/"}
    assert "01/03/2026 – 08/03/2026" in march

    # The Action Month spans two months: it is in both, as observance and as campaign.
    for number in (11, 12):
        text, section = month(soup, number)
        assert "15/11/2026 – 15/12/2026" in text
        assert campaign_links(section) == {ACTION_MONTH: "/chien-dich/thang-hanh-dong-2026/"}
    november, _section = month(soup, 11)
    assert "25/11/2026" in november

    # A month with nothing says so instead of showing empty lists.
    _text, july = month(soup, 7)
    assert not july.select("ul") and july.select("p.empty")

    page = soup.get_text()
    for absent in (DRAFT, PRIVATE, LAST_YEAR, WOMENS_DAY_EN):
        assert absent not in page


def test_another_year_shows_that_years_campaigns(site, client, frozen):
    soup = soup_of(get(client, "/chien-dich/calendar/?year=2025"))
    assert "2025" in soup.find("h1").get_text()
    _text, october = month(soup, 10)
    assert campaign_links(october) == {LAST_YEAR: "/chien-dich/ngay-20-10-2025/"}
    assert "20/10/2025" in _text
    assert ACTION_MONTH not in soup.get_text() and WOMENS_DAY not in soup.get_text()
    # The year links go on from the year shown.
    assert soup.find("a", rel="prev")["href"] == "?year=2024"
    assert soup.find("a", rel="next")["href"] == "?year=2026"


@pytest.mark.parametrize(
    "year", ["abc", "-1", "99999", "1999", "2101", "", "20.26", "1e3", "9" * 5000]
)
def test_a_bad_year_shows_the_current_year(site, client, frozen, year):
    soup = soup_of(get(client, f"/chien-dich/calendar/?year={year}"))
    assert "2026" in soup.find("h1").get_text()
    _text, november = month(soup, 11)
    assert ACTION_MONTH in campaign_links(november)


def test_without_a_year_the_calendar_shows_the_current_year(site, client, frozen):
    soup = soup_of(get(client, "/chien-dich/calendar/"))
    assert "2026" in soup.find("h1").get_text()


def test_the_english_calendar_lists_only_english_campaigns(site, client, frozen):
    soup = soup_of(get(client, "/en/campaigns/calendar/?year=2026"))
    assert soup.html["lang"] == "en"
    assert soup.find("h1").get_text(strip=True) == "Calendar of observances and campaigns 2026"
    headings = [h.get_text(strip=True) for h in soup.select("section.calendar-month h2")]
    assert headings[:3] == ["January", "February", "March"]
    march, section = month(soup, 3)
    assert campaign_links(section) == {WOMENS_DAY_EN: "/en/campaigns/womens-day-2026/"}
    # dd/mm/yyyy on English pages too.
    assert "01/03/2026 – 08/03/2026" in march
    assert "08/03/2026 International Women's Day (8/3)" in march
    page = soup.get_text()
    for absent in (ACTION_MONTH, WOMENS_DAY, DRAFT, PRIVATE):
        assert absent not in page


def test_the_campaign_list_links_to_the_calendar_and_its_feed(site, client):
    soup = soup_of(get(client, "/chien-dich/"))
    hrefs = {a["href"] for a in soup.select("p.subscribe a")}
    assert hrefs == {
        "/chien-dich/calendar/",
        "/chien-dich/calendar/ics/",
        "webcal://localhost/chien-dich/calendar/ics/",
    }
    english = soup_of(get(client, "/en/campaigns/"))
    assert "/en/campaigns/calendar/ics/" in {a["href"] for a in english.select("p.subscribe a")}


def test_the_calendar_page_links_to_its_feed_and_the_campaign_list(site, client, frozen):
    soup = soup_of(get(client, "/chien-dich/calendar/"))
    hrefs = {a["href"] for a in soup.select("p.subscribe a")}
    assert {"/chien-dich/calendar/ics/", "/chien-dich/"} <= hrefs
    crumbs = soup.select("nav.breadcrumbs a")
    assert crumbs[-1]["aria-current"] == "page" and crumbs[-2]["href"] == "/chien-dich/"


def test_every_page_announces_the_calendar_of_its_language(site, client):
    def announced(url):
        soup = soup_of(get(client, url))
        return [link["href"] for link in soup.find_all("link", type="text/calendar")]

    assert announced("/") == [f"{BASE}/chien-dich/calendar/ics/"]
    assert announced("/chien-dich/ngay-8-3-2026/") == [f"{BASE}/chien-dich/calendar/ics/"]
    assert announced("/en/") == [f"{BASE}/en/campaigns/calendar/ics/"]
    assert announced("/search/?q=8/3") == [f"{BASE}/chien-dich/calendar/ics/"]
    assert announced("/en/search/?q=8/3") == [f"{BASE}/en/campaigns/calendar/ics/"]


def test_no_calendar_is_announced_when_the_list_is_not_live(site, client, campaign_index):
    campaign_index.unpublish()
    assert get(client, "/").content.count(b"text/calendar") == 0
    get(client, "/chien-dich/calendar/", status=404)
    get(client, "/chien-dich/calendar/ics/", status=404)


# The iCalendar feed


def fetch_ics(client, url):
    response = get(client, url)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content


def events_by_summary(calendar):
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert len(events) == len(calendar.walk("VEVENT")), "two events with the same summary"
    return events


def test_the_feed_has_one_event_per_campaign_and_activity(site, client):
    body = fetch_ics(client, "/chien-dich/calendar/ics/")
    calendar = icalendar.Calendar.from_ical(body)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]).endswith("Trường THPT Sóc Trăng")
    assert str(calendar["X-WR-TIMEZONE"]) == "Asia/Ho_Chi_Minh"
    # Subscribed phones are told to fetch it again twice a day.
    assert calendar.decoded("REFRESH-INTERVAL") == datetime.timedelta(hours=12)
    assert str(calendar["X-PUBLISHED-TTL"]) == "PT12H"
    events = events_by_summary(calendar)
    assert set(events) == {ACTION_MONTH, WOMENS_DAY, LAST_YEAR, FLAG_CEREMONY, FORUM}
    assert len({str(e["UID"]) for e in events.values()}) == 5

    # Campaigns: all-day, the end exclusive (the day after the last day).
    action_month = events[ACTION_MONTH]
    assert action_month.decoded("DTSTART") == datetime.date(2026, 11, 15)
    assert action_month.decoded("DTEND") == datetime.date(2026, 12, 16)
    assert str(action_month["URL"]) == f"{BASE}/chien-dich/thang-hanh-dong-2026/"
    assert str(action_month["DESCRIPTION"]) == (
        "Các hoạt động hưởng ứng Tháng hành động vì bình đẳng giới."
    )
    womens_day = events[WOMENS_DAY]
    assert womens_day.decoded("DTSTART") == datetime.date(2026, 3, 1)
    assert womens_day.decoded("DTEND") == datetime.date(2026, 3, 9)
    published = site["action_month"].last_published_at.astimezone(datetime.UTC)
    assert action_month.decoded("DTSTAMP") == published.replace(microsecond=0)

    # A timed activity starts at its time in Vietnam, whose zone travels with the feed.
    ceremony = events[FLAG_CEREMONY]
    assert ceremony.decoded("DTSTART") == datetime.datetime(2026, 11, 25, 7, 0, tzinfo=VN)
    assert ceremony["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    assert str(ceremony["LOCATION"]) == "Sân trường"
    assert str(ceremony["URL"]) == f"{BASE}/chien-dich/thang-hanh-dong-2026/"
    assert "Toàn trường" in str(ceremony["DESCRIPTION"])
    # An activity without a time is an all-day event.
    forum = events[FORUM]
    assert forum.decoded("DTSTART") == datetime.date(2026, 12, 1)
    assert forum.decoded("DTEND") == datetime.date(2026, 12, 2)
    assert str(forum["LOCATION"]) == "Hội trường A"


def test_a_second_parser_reads_the_same_events(site, client):
    body = fetch_ics(client, "/chien-dich/calendar/ics/").decode()
    calendar = ics.Calendar(body)
    events = {event.name: event for event in calendar.events}
    assert set(events) == {ACTION_MONTH, WOMENS_DAY, LAST_YEAR, FLAG_CEREMONY, FORUM}

    action_month = events[ACTION_MONTH]
    assert action_month.all_day
    assert action_month.begin.date() == datetime.date(2026, 11, 15)
    assert action_month.end.date() == datetime.date(2026, 12, 16)  # exclusive
    assert action_month.url == f"{BASE}/chien-dich/thang-hanh-dong-2026/"
    assert events[WOMENS_DAY].url == f"{BASE}/chien-dich/ngay-8-3-2026/"

    ceremony = events[FLAG_CEREMONY]
    assert not ceremony.all_day
    assert ceremony.begin.datetime == datetime.datetime(2026, 11, 25, 0, 0, tzinfo=datetime.UTC)
    assert ceremony.location == "Sân trường"
    forum = events[FORUM]
    assert forum.all_day and forum.begin.date() == datetime.date(2026, 12, 1)


def test_the_english_feed_has_only_english_events(site, client):
    body = fetch_ics(client, "/en/campaigns/calendar/ics/")
    events = events_by_summary(icalendar.Calendar.from_ical(body))
    assert set(events) == {WOMENS_DAY_EN}
    event = events[WOMENS_DAY_EN]
    assert str(event["URL"]) == f"{BASE}/en/campaigns/womens-day-2026/"
    assert str(event["DESCRIPTION"]) == "Activities for International Women's Day."
    assert [e.name for e in ics.Calendar(body.decode()).events] == [WOMENS_DAY_EN]

    vietnamese = events_by_summary(
        icalendar.Calendar.from_ical(fetch_ics(client, "/chien-dich/calendar/ics/"))
    )
    # The translation is another event for a phone subscribed to both.
    assert str(event["UID"]) != str(vietnamese[WOMENS_DAY]["UID"])


def test_a_phone_fetching_again_gets_the_same_events_and_edits_keep_their_uid(site, client):
    url = "/chien-dich/calendar/ics/"
    first = fetch_ics(client, url)
    assert fetch_ics(client, url) == first
    uids = {
        str(e["SUMMARY"]): str(e["UID"]) for e in icalendar.Calendar.from_ical(first).walk("VEVENT")
    }

    campaign = site["womens_day"]
    campaign.title = "Chào mừng Ngày Quốc tế Phụ nữ 8/3/2026"
    campaign.slug = "chao-mung-8-3-2026"
    publish(campaign)
    events = events_by_summary(icalendar.Calendar.from_ical(fetch_ics(client, url)))
    renamed = events["Chào mừng Ngày Quốc tế Phụ nữ 8/3/2026"]
    assert str(renamed["UID"]) == uids[WOMENS_DAY]
    assert str(renamed["URL"]) == f"{BASE}/chien-dich/chao-mung-8-3-2026/"
    assert WOMENS_DAY not in events


def test_an_unpublished_campaign_leaves_the_feed(site, client):
    site["action_month"].unpublish()
    events = events_by_summary(
        icalendar.Calendar.from_ical(fetch_ics(client, "/chien-dich/calendar/ics/"))
    )
    # Its activities leave with it.
    assert set(events) == {WOMENS_DAY, LAST_YEAR}
    # No timed event left: no time zone definition either.
    assert not icalendar.Calendar.from_ical(fetch_ics(client, "/chien-dich/calendar/ics/")).walk(
        "VTIMEZONE"
    )


def test_a_campaign_cannot_take_the_calendars_address(campaign_index):
    campaign = CampaignPage(
        title="Lịch",
        slug="calendar",
        observance="other",
        start_date=datetime.date(2026, 5, 1),
        end_date=datetime.date(2026, 5, 2),
        summary="Tóm tắt.",
    )
    with pytest.raises(ValidationError) as error:
        campaign_index.add_child(instance=campaign)
    assert "slug" in error.value.message_dict


def test_the_feed_is_valid_icalendar_line_by_line(site, client):
    # RFC 5545 3.1: CRLF line ends, lines folded at 75 octets.
    body = fetch_ics(client, "/chien-dich/calendar/ics/")
    lines = body.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-2] == b"END:VCALENDAR" and lines[-1] == b""
    assert all(len(line) <= 75 for line in lines)
    assert not re.search(rb"[^\r]\n", body)


def test_the_demo_sites_calendars_carry_its_campaigns_in_each_language(demo_site, client):
    for prefix, language in (("/chien-dich/", "vi"), ("/en/campaigns/", "en")):
        campaigns = CampaignPage.objects.live().public().filter(locale__language_code=language)
        expected = {c.title for c in campaigns}
        activities = sum(len(c.activities) for c in campaigns)
        assert expected, language
        body = fetch_ics(client, f"{prefix}calendar/ics/")
        events = icalendar.Calendar.from_ical(body).walk("VEVENT")
        assert {str(e["SUMMARY"]) for e in events if "RELATED-TO" not in e} == expected
        assert len(events) == len(expected) + activities
        assert len(ics.Calendar(body.decode()).events) == len(events)
        soup = soup_of(get(client, f"{prefix}calendar/?year=2026"))
        listed = {a.get_text(strip=True) for a in soup.select("ul.campaigns a")}
        assert listed == {c.title for c in campaigns if c.start_date.year == 2026}
