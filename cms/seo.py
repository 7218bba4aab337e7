"""What search engines and link previews read: the sitemap of both languages with their hreflang
alternates, robots.txt, the public address the site's full URLs are built from, and the Open
Graph / Twitter-card data of each page (docs/sharing.md)."""

import functools
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.db.models import Q
from django.http import HttpResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap_view
from wagtail.images.models import Filter
from wagtail.models import Page, Site

from cms.models import SchoolSettings
from cms.models.tree import public_q

# The shipped picture link previews use when a page has none of its own (a 1200 × 630 PNG).
DEFAULT_SHARE_IMAGE = "cms/img/share.png"
DEFAULT_SHARE_IMAGE_SIZE = (1200, 630)
# Facebook, Zalo and X crop previews to about 1.91:1; JPEG, which every one of them reads.
SHARE_RENDITION = "fill-1200x630|format-jpeg"
# Page types that are articles to Open Graph (the rest are "website").
ARTICLE_TYPES = frozenset({"home.newspage", "campaigns.campaignpage", "plans.planpage"})
# Open Graph names locales language_TERRITORY.
OG_LOCALES = {"vi": "vi_VN", "en": "en_US"}
# Query parameters that make a different page of content (a list's page, a tag): the canonical
# URL keeps them, and drops everything else (tracking parameters, search filters).
CANONICAL_QUERY = ("tag", "page")
MAX_DESCRIPTION = 300


# --- The public address -----------------------------------------------------------------------


def site_address(url: str) -> tuple[str, int]:
    """``(hostname, port)`` for a Wagtail Site serving ``url`` (``https://host`` → port 443).

    Wagtail builds a Site's full URLs from these two alone: port 443 means https, 80 means http
    without a port, any other port http with it.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(
            gettext("PUBLIC_URL must be an http(s) address, not %(url)s.") % {"url": url}
        )
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if (parts.scheme == "https") != (port == 443):
        raise ValueError(
            gettext("PUBLIC_URL %(url)s: Wagtail serves https on port 443 only, http on others.")
            % {"url": url}
        )
    return parts.hostname, port


def apply_public_url(url: str | None = None) -> Site | None:
    """Point the default Site at ``url`` (``settings.PUBLIC_URL`` by default), so that every full
    URL (sitemap, canonical, hreflang, link previews, emails' page links) names the real address.
    Returns the Site when it was changed, None when it already matched."""
    hostname, port = site_address(url or settings.PUBLIC_URL)
    site = Site.objects.get(is_default_site=True)
    if (site.hostname, site.port) == (hostname, port):
        return None
    site.hostname, site.port = hostname, port
    site.save()
    return site


def _root_url(request) -> str:
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site is not None else settings.PUBLIC_URL.rstrip("/")


def _absolute(url: str, root_url: str) -> str:
    return url if urlsplit(url).scheme else root_url + url


# --- Sitemap ------------------------------------------------------------------------------------


class LocalizedSitemap(Sitemap):
    """Every live, public page of the site in every language, each with its hreflang alternates.

    Wagtail's own sitemap lists the descendants of the site's root page alone, i.e. the
    Vietnamese tree: the English home page is a sibling of it (its translation), not a child.
    Aliases (a page shown in another language's tree without being translated) are left out: they
    are the Vietnamese text under an English address.
    """

    def get_roots(self):
        """The site's home page in each language it has been translated to."""
        return self.get_wagtail_site().root_page.get_translations(inclusive=True)

    def items(self):
        in_trees = Q()
        for root in self.get_roots():
            in_trees |= Q(path__startswith=root.path)
        return (
            Page.objects.filter(in_trees)
            .live()
            .filter(public_q())  # unpublished lists hide their pages too (cms/models/tree.py)
            .filter(alias_of__isnull=True)
            .select_related("locale")
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _alternates_by_key(self):
        """``{translation_key: [(language, full URL), …]}`` over all listed pages, built once."""
        if not hasattr(self, "_alternates"):
            alternates = {}
            for page in self.items():
                url = page.get_full_url(self.request)
                if url:
                    alternates.setdefault(page.translation_key, []).append(
                        (page.locale.language_code, url)
                    )
            self._alternates = alternates
        return self._alternates

    def alternates_for(self, page):
        """Google's ``xhtml:link`` alternates of ``page``: one per live language and
        ``x-default`` (the Vietnamese); none when the page lives in one language only."""
        versions = sorted(self._alternates_by_key().get(page.translation_key, []))
        if len(versions) < 2:
            return []
        alternates = [{"lang_code": code, "location": url} for code, url in versions]
        default = dict(versions).get(settings.LANGUAGE_CODE)
        if default:
            alternates.append({"lang_code": "x-default", "location": default})
        return alternates

    def _urls(self, page, protocol, domain):
        urls = []
        last_mods = set()
        for item in self.paginator.page(page).object_list:
            location = item.get_full_url(self.request)
            if not location:
                continue  # outside every site: no address to list
            for url_info in item.get_sitemap_urls(self.request):
                # Routes of a routable page (feeds, calendars) keep Wagtail's plain entry.
                if url_info.get("location") == location:
                    url_info = {**url_info, "alternates": self.alternates_for(item)}
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


@require_GET
@cache_control(max_age=3600, public=True)
def sitemap(request):
    """``/sitemap.xml``: the pages of both languages with their alternates (Google's format)."""
    return wagtail_sitemap_view(request, sitemaps={"pages": LocalizedSitemap})


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """``/robots.txt``: the whole site open to crawlers but the admin and the search results
    (endless query combinations, ``noindex`` anyway), and where the sitemap is."""
    lines = ["User-agent: *", "Allow: /", "Disallow: /admin/"]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            lines.append(f"Disallow: {reverse('search')}")
    lines += ["", f"Sitemap: {_root_url(request)}{reverse('sitemap')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


# --- Link previews ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ShareImage:
    """The picture of a link preview, with its full URL and size."""

    url: str
    width: int
    height: int
    alt: str
    mime_type: str


@dataclass(frozen=True)
class ShareData:
    """What ``base.html`` tells link previews and search engines about a page."""

    title: str
    site_name: str
    description: str
    type: str
    url: str
    image: ShareImage
    locale: str
    locale_alternates: tuple[str, ...]
    published: object = None
    modified: object = None


def site_name_for(request) -> str:
    """``Gender equality – Trường THPT Sóc Trăng``: the site's name in the active language."""
    if request is not None and Site.find_for_request(request) is not None:
        school = SchoolSettings.for_request(request).school_name  # cached on the request
    else:
        site = Site.objects.filter(is_default_site=True).first()
        school = SchoolSettings.for_site(site).school_name if site is not None else ""
    return " – ".join(part for part in (gettext("Gender equality"), school) if part)


def share_image_of(page):
    """The Wagtail image a page is previewed with: its listing image (chosen for lists and link
    previews), else its own main image (a news item's image, a campaign's first photo)."""
    image = getattr(page, "listing_image", None) or getattr(page, "image", None)
    if image is None:
        for block in getattr(page, "gallery", None) or []:
            candidate = block.value.get("image") if hasattr(block.value, "get") else None
            if candidate is not None:
                return candidate
    return image


def share_description(page) -> str:
    """One or two sentences about the page: its listing summary or search description, else its
    own summary, subject or introduction."""
    text = ""
    if hasattr(page, "get_listing_summary"):
        text = page.get_listing_summary()
    text = (
        text
        or page.search_description
        or getattr(page, "summary", "")
        or getattr(page, "subject", "")
        or strip_tags(getattr(page, "intro", "") or "")
    )
    return Truncator(" ".join(str(text).split())).chars(MAX_DESCRIPTION)


def canonical_url(page, request, root_url: str) -> str:
    """The page's full URL, plus the sub-path of a routable page's route and the query parameters
    that change the content (a list's page number, a tag)."""
    url = page.get_full_url(request) or ""
    if request is None:
        return url
    relative = page.get_url(request) or ""
    path = request.path
    relative_path = urlsplit(relative).path if relative else ""
    if relative_path and path.startswith(relative_path) and path != relative_path:
        url = url.rstrip("/") + "/" + path[len(relative_path) :].lstrip("/")
    query = [(key, request.GET[key]) for key in CANONICAL_QUERY if request.GET.get(key)]
    query = [(key, value) for key, value in query if not (key == "page" and value == "1")]
    if not url:
        return root_url + path
    return url + (f"?{urlencode(query)}" if query else "")


def _live_translation_languages(page, tree=None) -> list[str]:
    """The languages of the page's live, public translations (not aliases), sorted: read from
    the page tree (cms/models/tree.py) when it holds them, which costs no query."""
    versions = tree.versions(page) if tree is not None else None
    if versions is not None:
        others = [p for p in versions.values() if p.pk != page.pk]
        public = [tree.is_public(p) for p in others]
        if None not in public:
            return sorted(
                p.locale.language_code
                for p, is_public in zip(others, public, strict=True)
                if is_public and p.live and p.alias_of_id is None
            )
    return sorted(
        page.get_translations()
        .live()
        .filter(public_q())
        .filter(alias_of__isnull=True)
        .values_list("locale__language_code", flat=True)
    )


@functools.cache
def _share_filter():
    """The link previews' rendition filter, parsed once per process: Wagtail parses a spec
    given as a string again on every call (its operations, the hooks that register them)."""
    return Filter(spec=SHARE_RENDITION)


def share_data(page, request, tree=None) -> ShareData:
    """The Open Graph data of a Wagtail page (docs/sharing.md); ``tree``, the page tree it was
    served from (cms/models/tree.py), spares the query for its translations."""
    root_url = _root_url(request)
    site_name = site_name_for(request)
    image = share_image_of(page)
    if image is not None:
        rendition = image.get_rendition(_share_filter())
        share_image = ShareImage(
            url=_absolute(rendition.url, root_url),
            width=rendition.width,
            height=rendition.height,
            alt=image.default_alt_text,
            mime_type="image/jpeg",
        )
    else:
        share_image = default_share_image(root_url, site_name)
    language = page.locale.language_code if page.locale_id else settings.LANGUAGE_CODE
    return ShareData(
        title=page.seo_title or page.title,
        site_name=site_name,
        description=share_description(page),
        type="article" if page._meta.label_lower in ARTICLE_TYPES else "website",
        url=canonical_url(page, request, root_url),
        image=share_image,
        locale=OG_LOCALES.get(language, language),
        locale_alternates=tuple(
            OG_LOCALES.get(code, code)
            for code in _live_translation_languages(page, tree)
            if code != language
        ),
        published=page.first_published_at,
        modified=page.last_published_at,
    )


def default_share_image(root_url: str, site_name: str) -> ShareImage:
    """The site's own preview picture, for pages without an image: the site's name on the
    school's colour (cms/static/cms/img/share.png)."""
    width, height = DEFAULT_SHARE_IMAGE_SIZE
    return ShareImage(
        url=_absolute(static(DEFAULT_SHARE_IMAGE), root_url),
        width=width,
        height=height,
        alt=site_name,
        mime_type="image/png",
    )
