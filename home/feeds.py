"""The RSS and Atom feeds of a news list, served by its routes (``rss/`` and ``atom/``,
``NewsIndexPage``), in the list's language (docs/feeds.md)."""

import datetime
import uuid
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext

from cms.models import SchoolSettings

# How many news items a feed carries: the latest, as the news list orders them.
FEED_LENGTH = 20


class NewsRssFeed(Feed):
    """RSS 2.0 feed of one news list: its latest live, public items, newest first.

    Built per request for one ``NewsIndexPage`` (``NewsRssFeed(index)(request)``); the feed's
    language is the list's, ``vi`` or ``en``.
    """

    feed_type = Rss201rev2Feed
    route_name = "rss"

    def __init__(self, index):
        self.index = index
        self.language = index.locale.language_code
        self.request = None

    def __call__(self, request, *args, **kwargs):
        # The channel's words are in the list's language even where /en/ serves the Vietnamese
        # tree (before the English home page exists).
        with translation.override(self.language):
            return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index

    def title(self, index):
        school = SchoolSettings.for_request(self.request).school_name
        return f"{index.title} – {school}"

    def link(self, index):
        return index.get_full_url(self.request)

    def feed_url(self, index):
        return index.get_full_url(self.request) + index.reverse_subpage(self.route_name)

    def description(self, index):
        school = SchoolSettings.for_request(self.request).school_name
        return index.get_listing_summary() or gettext(
            "News of the gender equality work of %(school)s."
        ) % {"school": school}

    subtitle = description

    def items(self, index):
        return index.get_news().prefetch_related("tags")[:FEED_LENGTH]

    def item_title(self, item):
        # Written once as text: the XML writer escapes it (Django's default escapes it twice).
        return item.title

    def item_description(self, item):
        # RSS descriptions and Atom summaries (type="html") are read as HTML: the plain summary
        # is escaped so that a "<" in it stays a character.
        return escape(item.get_listing_summary())

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        # Stable across title and slug changes (the link is not), and distinct per language:
        # the English version of a news item is another entry for readers.
        return uuid.uuid5(item.translation_key, self.language).urn

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        """The news item's date (when the activity took place), at midnight in Vietnam: the date
        readers see on the page and the order of the list, whereas the publication time can be
        days later or reset by a translation."""
        return datetime.datetime.combine(item.date, datetime.time(), ZoneInfo(settings.TIME_ZONE))

    def item_updateddate(self, item):
        """When the item was last published, so that readers see corrections; never before its
        date."""
        published = self.item_pubdate(item)
        if item.last_published_at is None:
            return published
        return max(published, item.last_published_at)

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class NewsAtomFeed(NewsRssFeed):
    """Atom 1.0 feed of one news list, with the same items as its RSS feed."""

    feed_type = Atom1Feed
    route_name = "atom"
