"""Template tags for feed autodiscovery: where the current language's news feeds and campaign
calendar are, for the ``<link rel="alternate">`` of every page's head
(``components/feed-links.html``)."""

from dataclasses import dataclass

from django import template
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from wagtail.models import Page, Site

from campaigns.models import CampaignIndexPage
from cms.models.tree import page_tree_for, public_q
from home.models import NewsIndexPage

register = template.Library()


@dataclass(frozen=True)
class FeedLinks:
    """The full URLs of one language's feeds, and the titles of the lists they come from; an
    URL is None when its list is missing, not live or private."""

    news_title: str = ""
    rss: str | None = None
    atom: str | None = None
    campaigns_title: str = ""
    ics: str | None = None


def _site_root_paths(request):
    """``Site.get_site_root_paths()``, read once per request: kept on the request where
    Wagtail's own page URLs keep them (``Page._get_site_root_paths``), so the page's links and
    these share one cache read."""
    if request is None:
        return Site.get_site_root_paths()
    try:
        return request._wagtail_cached_site_root_paths
    except AttributeError:
        request._wagtail_cached_site_root_paths = Site.get_site_root_paths()
        return request._wagtail_cached_site_root_paths


def _root_path(request, page):
    """The ``url_path`` of the home page whose tree the current page or view belongs to.

    Read from Wagtail's cached site root paths (one entry per site and language), so that it
    costs no query once the cache is warm: a page is under one of them; a view that is not a
    page (search, a 404) takes the home page of the current site in the active language.
    """
    root_paths = _site_root_paths(request)
    if isinstance(page, Page) and page.url_path:
        # Most specific first: the first root path the page is under is its home page.
        under = (r.root_path for r in root_paths if page.url_path.startswith(r.root_path))
        return next(under, None)
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return None
    language = translation.get_language()
    candidates = [r for r in root_paths if r.site_id == site.pk]
    match = next((r for r in candidates if r.language_code == language), None)
    # Before the English home page exists, /en/ serves the Vietnamese tree: so do its feeds.
    match = match or next((r for r in candidates if r.root_path == site.root_page.url_path), None)
    return match.root_path if match else None


@register.simple_tag(takes_context=True)
def feed_links(context):
    """``{% feed_links as feeds %}``: the news feeds and the campaign calendar of the current
    page's language (or, off the page tree, of the active language), as ``FeedLinks``.

    No query where the page tree (cms/models/tree.py) holds the home page's children; else one:
    the live, public news and campaign lists under the home page (the section pages are only
    allowed directly under it).
    """
    request = context.get("request")
    root_path = _root_path(request, context.get("page"))
    if request is None or root_path is None:
        return FeedLinks()
    types = ContentType.objects.get_for_models(NewsIndexPage, CampaignIndexPage)
    # The sections are the home page's children: the page tree holds them (no query).
    tree = page_tree_for(context)
    home = tree.home_at(root_path) if tree is not None else None
    indexes = tree.children(home) if home is not None else None
    if indexes is None:
        indexes = (
            Page.objects.live()
            .filter(public_q(), url_path__startswith=root_path, content_type__in=types.values())
            .order_by("path")
        )
    else:
        wanted = {t.pk for t in types.values()}
        indexes = [index for index in indexes if index.content_type_id in wanted]
    found = {}
    for index in indexes:
        found.setdefault(index.content_type_id, index)
    links = {}
    news = found.get(types[NewsIndexPage].pk)
    if news is not None and (url := news.get_full_url(request)):
        links.update(
            news_title=news.title,
            rss=url + NewsIndexPage.get_resolver().reverse("rss"),
            atom=url + NewsIndexPage.get_resolver().reverse("atom"),
        )
    campaigns = found.get(types[CampaignIndexPage].pk)
    if campaigns is not None and (url := campaigns.get_full_url(request)):
        links.update(
            campaigns_title=campaigns.title,
            ics=url + CampaignIndexPage.get_resolver().reverse("calendar_ics"),
        )
    return FeedLinks(**links)
