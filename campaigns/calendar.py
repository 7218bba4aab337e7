"""The observance calendar: the year's observances and campaigns month by month, for the
calendar page, and the iCalendar (RFC 5545) feed of campaigns and their activities that phones
subscribe to."""

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext

from .observances import ObservanceDate, observances_in

# The years the calendar page shows. A year outside them, or no number at all, shows the current
# year: links from the page never lead further, so crawlers stop at the bounds.
FIRST_YEAR = 2000
LAST_YEAR = 2100

# How often subscribed calendars should fetch the feed again (RFC 7986, and the older X- form
# Outlook and Apple Calendar read).
REFRESH_INTERVAL = datetime.timedelta(hours=12)

PRODID = "-//Truong THPT Soc Trang//Binh dang gioi//VI"


def calendar_year(value, today: datetime.date | None = None) -> int:
    """The year a ``?year=`` value asks for, or the current year when it is missing, not a
    number or outside ``FIRST_YEAR``–``LAST_YEAR``."""
    today = today or timezone.localdate()
    try:
        year = int(value)
    except (TypeError, ValueError):
        return today.year
    return year if FIRST_YEAR <= year <= LAST_YEAR else today.year


@dataclass
class CalendarMonth:
    """One month of the calendar page: the observances and campaigns that touch it."""

    start: datetime.date
    end: datetime.date
    observances: list[ObservanceDate] = field(default_factory=list)
    campaigns: list = field(default_factory=list)

    def overlaps(self, start: datetime.date, end: datetime.date) -> bool:
        return start <= self.end and end >= self.start

    @property
    def is_empty(self) -> bool:
        return not self.observances and not self.campaigns


def year_months(year: int, campaigns) -> list[CalendarMonth]:
    """The twelve months of ``year``, each with the observances and the ``campaigns`` (pages with
    ``start_date`` and ``end_date``, in the order given) whose dates overlap it. A period that
    spans two months, like the Action Month (15/11–15/12), is listed in both."""
    months = []
    for number in range(1, 13):
        start = datetime.date(year, number, 1)
        following = datetime.date(year + (number == 12), number % 12 + 1, 1)
        months.append(CalendarMonth(start, following - datetime.timedelta(days=1)))
    observances = observances_in(year)
    campaigns = list(campaigns)
    for month in months:
        month.observances = [o for o in observances if month.overlaps(o.start, o.end)]
        month.campaigns = [c for c in campaigns if month.overlaps(c.start_date, c.end_date)]
    return months


def _stamp(page) -> datetime.datetime:
    """When the page last changed, in UTC, for DTSTAMP and LAST-MODIFIED. Calendars compare it
    to decide whether to update an event, so it must not move between two fetches: pages made
    in code before any publication fall back to their last revision, then to now."""
    moment = page.last_published_at or page.latest_revision_created_at or timezone.now()
    return moment.astimezone(datetime.UTC)


def _uid(page, *parts) -> str:
    # The translation key stays the same when the title, slug or dates change, and the block id
    # of an activity when it is edited or moved: a subscribed phone updates the event it has
    # instead of adding a second one. The language keeps the Vietnamese and English events apart.
    return ".".join([str(page.translation_key), page.locale.language_code, *parts])


def _campaign_event(campaign, url: str) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", _uid(campaign, "campaign"))
    event.add("dtstamp", _stamp(campaign))
    event.add("last-modified", _stamp(campaign))
    event.add("summary", campaign.title)
    # All-day dates; DTEND is exclusive (RFC 5545 3.6.1): the day after the last day.
    event.add("dtstart", campaign.start_date)
    event.add("dtend", campaign.end_date + datetime.timedelta(days=1))
    event.add("description", campaign.get_listing_summary())
    event.add("url", url)
    event.add("categories", [str(campaign.get_observance_display())])
    # A campaign lasts weeks: it should not mark the reader's days as busy.
    event.add("transp", "TRANSPARENT")
    return event


def _activity_event(campaign, activity, url: str, tz: ZoneInfo) -> icalendar.Event:
    value = activity.value
    event = icalendar.Event()
    event.add("uid", _uid(campaign, "activity", str(activity.id)))
    event.add("dtstamp", _stamp(campaign))
    event.add("last-modified", _stamp(campaign))
    event.add("summary", value["title"])
    if value.get("time"):
        # The school gives a start time and no end: RFC 5545 lets such an event end when it
        # starts, rather than the feed inventing a duration.
        event.add("dtstart", datetime.datetime.combine(value["date"], value["time"], tzinfo=tz))
    else:
        event.add("dtstart", value["date"])
        event.add("dtend", value["date"] + datetime.timedelta(days=1))
    if value.get("place"):
        event.add("location", value["place"])
    lines = [value.get("description") or ""]
    if value.get("audience"):
        lines.append(gettext("Audience: %(audience)s") % {"audience": value["audience"]})
    lines.append(gettext("Campaign: %(title)s") % {"title": campaign.title})
    event.add("description", "\n".join(line for line in lines if line))
    event.add("url", url)
    event.add("related-to", _uid(campaign, "campaign"))
    return event


def build_calendar(*, name: str, url: str, campaigns, request) -> bytes:
    """The iCalendar file of ``campaigns`` (live, public pages of one language, in order): one
    all-day event per campaign and one per activity, each linking to the campaign's page.

    ``name`` is the calendar's name as phones show it, ``url`` the calendar page's full URL.
    """
    tz = ZoneInfo(settings.TIME_ZONE)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    cal.add("url", url)
    cal.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    # An X- property is text to the library: the duration is written in RFC 5545 form here.
    cal.add("x-published-ttl", icalendar.vDuration(REFRESH_INTERVAL).to_ical().decode())
    timed = False
    for campaign in campaigns:
        page_url = campaign.get_full_url(request)
        cal.add_component(_campaign_event(campaign, page_url))
        for activity in campaign.activities:
            timed = timed or bool(activity.value.get("time"))
            cal.add_component(_activity_event(campaign, activity, page_url, tz))
    if timed:
        # Timed activities name Asia/Ho_Chi_Minh; its definition travels with them. Vietnam has
        # kept UTC+7 without daylight saving since 1975, so one rule from 2000 on is exact.
        cal.add_missing_timezones(first_date=datetime.date(FIRST_YEAR, 1, 1))
        for definition in cal.walk("VTIMEZONE"):
            # The library notes the span it computed rules for (to 2038); with no change of
            # offset since 1975 the one rule holds after it, and the note would only mislead.
            definition.pop("COMMENT", None)
    return cal.to_ical()
