"""The public page cache: anonymous readers get published pages from a cache, and any change to
what the public sees empties it at once.

How it works (docs/caching.md; the nginx micro-cache in docs/deploy.md):

* ``PageCacheMiddleware`` sits after Django's security middleware and the CSP and
  Permissions-Policy middleware (so hits carry those headers). A GET or HEAD without a
  session cookie (never an editor: every logged-in user has one) is answered from the ``pages``
  cache when a copy made since the last change is there, before sessions, languages or URL
  routing run. Otherwise the request goes on, and a 200 answer of a Wagtail page (marked by the
  ``before_serve_page`` hook below) that sets no cookie and has no view restriction is stored.
  A few other views register themselves (:func:`register_view`: the search) with their own key,
  built from what of the request decides the answer, and their own, shorter, lifetime. Previews,
  the admin and everything else are never stored.
* One *generation* stamp (whole seconds, rising at every change) says which copies are current:
  a copy carries the generation it was rendered under and is served only while that is still the
  generation. Publishing, unpublishing (expiry and deletion included), moving, a view restriction,
  an image, a document, the site or its settings changing, a search promotion added, changed or
  removed bump it — after the transaction commits,
  so a reader never gets the old page again from a copy rendered just before. The home page lists
  campaigns and news, lists page through their children, every page carries the language switcher:
  emptying everything is the only rule that is always right, and publications are few.
* Readers' browsers revalidate every time (``Cache-Control: public, max-age=0, must-revalidate``)
  with the ``ETag`` (a hash of the body) or ``Last-Modified`` (the generation), and get a 304
  when nothing changed.
* With ``FRONTEND_CACHE_PURGE_URL`` set, the same changes purge the nginx micro-cache through
  Wagtail's frontend cache (``PURGE`` of the page, its translations, its ancestors and their
  sub-pages such as feeds and calendars); what is not purged there ages out within the
  micro-cache's few seconds.
"""

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

logger = logging.getLogger(__name__)

CACHE_ALIAS = "pages"
GENERATION_KEY = "generation"
# Query parameters that tell where a reader came from (Zalo, Facebook, Google, newsletters) and
# never change the page: left out of the cache key, so a shared link fills one copy, not one each.
TRACKING_PARAMETERS = frozenset({"fbclid", "gclid", "zarsrc", "zalo_source", "_ga"})
REQUEST_PAGE_ATTRIBUTE = "_page_cache_page"
REQUEST_VIEW_ATTRIBUTE = "_page_cache_view_data"
#: The generation read for this request (cms/snapshot.py takes it rather than read it again).
GENERATION_ATTRIBUTE = "_page_cache_generation"


def is_tracking_parameter(name: str) -> bool:
    """Whether a query parameter only tells where the reader came from (left out of keys)."""
    return name in TRACKING_PARAMETERS or name.startswith("utm_")


def _cache():
    return caches[CACHE_ALIAS]


def _enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_ENABLED", True)


def current_generation() -> int:
    """The generation in force; a new one (now) when the cache lost it, which empties it too."""
    cache = _cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, int(time.time()), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def bump_generation() -> int:
    """Start a new generation: every stored copy is out of date from now on.

    Whole seconds, and always above the last one, so that ``Last-Modified`` (second precision)
    changes with every change, even two in the same second."""
    cache = _cache()
    previous = cache.get(GENERATION_KEY) or 0
    generation = max(int(time.time()), previous + 1)
    cache.set(GENERATION_KEY, generation, timeout=None)
    return generation


def _today():
    """The school's date and the timestamp of its midnight: pages show what runs *today*."""
    now = timezone.localtime()
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return now.date(), int(midnight.timestamp())


def cache_key(request, today) -> str:
    """One copy per day, scheme, host, path and query (tracking parameters left out). The day
    is in the key because the home page and the calendar show what runs today: at midnight every
    page is rendered afresh."""
    query = [
        (name, value)
        for name, value in parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
        if not is_tracking_parameter(name)
    ]
    return _key(request, today, urlencode(sorted(query)))


def _key(request, today, query: str) -> str:
    url = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    return f"page:{today.isoformat()}:" + hashlib.sha256(url.encode()).hexdigest()


# Views other than pages --------------------------------------------------------------------


@dataclass(frozen=True)
class CachedView:
    """A view other than a Wagtail page whose anonymous answers the page cache keeps too.

    - ``url_name``: the view's URL name; its address in every language is looked up;
    - ``key(request)``: what of the request decides the answer, as a string (the key is that,
      the scheme, host, path and day), or ``None`` when this answer must not be kept: the
      request then goes to the view as if there were no cache;
    - ``seconds``: how long a copy is kept at most (``PAGE_CACHE_SECONDS`` if longer); a change
      the public sees empties it at once, like every page;
    - ``on_hit(data)``: called when a copy is served, with what the view gave
      :func:`mark_view_response` (the search counts the search).

    The view marks each answer that may be kept with :func:`mark_view_response`, and must give
    the same answer to every request with the same key."""

    url_name: str
    key: Callable
    seconds: int
    on_hit: Callable | None = None


_cached_views: dict[str, CachedView] = {}
_view_paths_memo: dict = {}


def register_view(view: CachedView) -> None:
    """Let the page cache keep ``view``'s anonymous answers (called from an app's ``ready``)."""
    _cached_views[view.url_name] = view
    _view_paths_memo.clear()


def _view_paths() -> dict[str, CachedView]:
    """The registered views by path, in every language (``/search/``, ``/en/search/``), looked
    up once per URL configuration."""
    urlconf = settings.ROOT_URLCONF
    paths = _view_paths_memo.get(urlconf)
    if paths is None:
        paths = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                for view in _cached_views.values():
                    try:
                        paths[reverse(view.url_name)] = view
                    except NoReverseMatch:
                        continue
        _view_paths_memo[urlconf] = paths
    return paths


def mark_view_response(request, data=None) -> None:
    """Called by a registered view (:class:`CachedView`): this answer may be kept; ``data`` (a
    small dict) is kept with it and given to the view's ``on_hit`` when the copy is served."""
    setattr(request, REQUEST_VIEW_ATTRIBUTE, data or {})


def _is_anonymous_read(request) -> bool:
    return request.method in ("GET", "HEAD") and (
        settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def _etag(content: bytes) -> str:
    """The body's hash: the same page rendered again keeps its ETag."""
    return '"' + hashlib.sha1(content, usedforsecurity=False).hexdigest() + '"'


def _add_public_headers(response, etag: str, last_modified: int) -> None:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)


class PageCacheMiddleware:
    """Serve anonymous readers' page views from the ``pages`` cache (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _enabled():
            return self.get_response(request)
        if not _is_anonymous_read(request):
            response = self.get_response(request)
            if (
                getattr(request, REQUEST_PAGE_ATTRIBUTE, None) is not None
                or getattr(request, REQUEST_VIEW_ATTRIBUTE, None) is not None
            ):
                # An editor's view of a page (with the user bar) or a form sent: kept by no one.
                patch_cache_control(response, private=True, no_cache=True)
            return response

        today, midnight = _today()
        view = _view_paths().get(request.path)
        try:
            if view is None:
                key = cache_key(request, today)
            else:
                view_key = view.key(request)
                if view_key is None:  # an answer the view does not want kept
                    return self.get_response(request)
                key = _key(request, today, view_key)
        except Exception:  # noqa: BLE001 - a host Django refuses (DisallowedHost) is its to answer
            return self.get_response(request)

        cache = _cache()
        try:
            stored = cache.get_many([GENERATION_KEY, key])
            generation = stored.get(GENERATION_KEY)
            if generation is None:
                generation = current_generation()
        except Exception:  # noqa: BLE001 - the cache is down: readers still get the page
            logger.warning("Page cache unavailable; serving without it", exc_info=True)
            return self.get_response(request)
        setattr(request, GENERATION_ATTRIBUTE, generation)
        entry = stored.get(key)
        if entry is not None and entry["generation"] == generation:
            if view is not None and view.on_hit is not None:
                try:
                    view.on_hit(entry.get("data") or {})
                except Exception:  # noqa: BLE001 - the reader gets the answer all the same
                    logger.exception("The page cache's hit hook of %s failed", view.url_name)
            return self._from_entry(request, entry)

        response = self.get_response(request)
        data = None
        if view is None:
            page = getattr(request, REQUEST_PAGE_ATTRIBUTE, None)
            if page is None or not self._storable(request, response, page):
                return response
            seconds = settings.PAGE_CACHE_SECONDS
        else:
            data = getattr(request, REQUEST_VIEW_ATTRIBUTE, None)
            if data is None or not self._storable(request, response):
                return response
            seconds = min(view.seconds, settings.PAGE_CACHE_SECONDS)

        # Last-Modified: the last change the page could show (the generation, or midnight).
        etag, last_modified = _etag(response.content), max(generation, midnight)
        _add_public_headers(response, etag, last_modified)
        self._store(
            cache,
            key,
            {
                "generation": generation,
                "status": response.status_code,
                "headers": list(response.items()),
                "content": response.content,
                "etag": etag,
                "last_modified": last_modified,
                "data": data,
            },
            seconds,
        )
        response["X-Page-Cache"] = "miss"
        return get_conditional_response(
            request, etag=etag, last_modified=last_modified, response=response
        )

    @staticmethod
    def _store(cache, key, entry, seconds) -> None:
        try:
            cache.set(key, entry, timeout=seconds)
        except Exception:  # noqa: BLE001 - not kept this time; the reader has the page anyway
            logger.warning("Page cache unavailable; page not stored", exc_info=True)

    @staticmethod
    def _storable(request, response, page=None) -> bool:
        if request.method != "GET" or response.status_code != 200 or response.streaming:
            return False
        if response.cookies:
            return False
        cache_control = response.get("Cache-Control", "")
        if "private" in cache_control or "no-store" in cache_control:
            return False
        # A restricted page (password, login or groups) is never shared, whatever it answered.
        return page is None or not page.get_view_restrictions().exists()

    @staticmethod
    def _from_entry(request, entry):
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return get_conditional_response(
            request, etag=entry["etag"], last_modified=entry["last_modified"], response=response
        )


def mark_page_response(page, request, serve_args, serve_kwargs):
    """``before_serve_page`` hook: this request shows a public page, so its answer may be kept."""
    setattr(request, REQUEST_PAGE_ATTRIBUTE, page)


# Invalidation ------------------------------------------------------------------------------


def invalidate(pages=()) -> None:
    """Everything the public sees may have changed: start a new generation and purge the
    front-end cache for ``pages``.

    Inside a transaction the generation moves at once, so that this process's next read sees the
    change (and a test's, whose transaction never commits), and again once it commits, since a
    reader whose render began before the commit may have stored the old page under a generation
    started before it; the purge waits for the commit. Several changes in one transaction (a
    subtree deleted, a locale synchronised) are purged together by the first commit hook to run.
    Never raises: a cache that is down must not fail a publication."""
    connection = transaction.get_connection()
    _bump_quietly()
    if not connection.in_atomic_block:
        purge_frontend_cache(list(pages))
        return
    if not getattr(connection, "page_cache_dirty", False):
        connection.page_cache_dirty, connection.page_cache_pending = True, []
    connection.page_cache_pending.extend(pages)
    transaction.on_commit(_on_commit, robust=True)


def _on_commit() -> None:
    connection = transaction.get_connection()
    if not getattr(connection, "page_cache_dirty", False):
        return  # an earlier hook of the same transaction did it all
    pages = connection.page_cache_pending
    connection.page_cache_dirty, connection.page_cache_pending = False, []
    _bump_quietly()
    purge_frontend_cache(pages)


def _bump_quietly() -> None:
    try:
        bump_generation()
    except Exception:  # noqa: BLE001 - logged; copies then age out (PAGE_CACHE_SECONDS)
        logger.exception("Could not start a new page cache generation")


def purge_frontend_cache(pages) -> None:
    """Purge the changed pages, their translations, their ancestors (lists, the home page) and
    the site-wide files from the nginx micro-cache, when one is configured."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None) or not pages:
        return
    try:
        _purge(pages)
    except Exception:  # noqa: BLE001 - a purge that fails must not undo the publication
        logger.exception("Purging the front-end cache failed")


def _purge(pages) -> None:
    from wagtail.contrib.frontend_cache.utils import PurgeBatch
    from wagtail.models import Page

    ids = set()
    for page in pages:
        ids.add(page.pk)
        ids.update(page.get_ancestors().filter(depth__gt=1).values_list("pk", flat=True))
        ids.update(
            Page.objects.filter(translation_key=page.translation_key).values_list("pk", flat=True)
        )
    batch = PurgeBatch()
    roots = set()
    for page in Page.objects.filter(pk__in=ids).live().specific():
        url = page.get_full_url()
        if url is None:
            continue
        batch.add_url(url)
        # A routable page's own sub-pages without parameters: the news feeds, the calendar.
        for pattern in getattr(page, "get_subpage_urls", list)():
            if pattern.name and not pattern.pattern.regex.groups:
                batch.add_url(url + page.reverse_subpage(pattern.name).lstrip("/"))
        site = page.get_site()
        if site is not None:
            roots.add(site.root_url)
    batch.add_urls(f"{root}/sitemap.xml" for root in roots)
    batch.purge()


def _page_changed(sender, instance, **kwargs):
    invalidate([instance])


def _restriction_changed(sender, instance, **kwargs):
    invalidate([instance.page])


def _promotions_changed(sender, **kwargs):
    # The search shows editors' promotions: a new, changed or removed one changes its pages.
    invalidate()


def _something_changed(sender, created=False, **kwargs):
    # Something new (a picture uploaded, the school's settings made on the first page view with
    # the defaults every page already showed) changes no page until a page is published with it.
    if not created:
        invalidate()


def connect() -> None:
    """Connect the changes that alter what the public sees (called from ``CmsConfig.ready``, so
    that a Celery worker publishing a scheduled page empties the cache too)."""
    from wagtail.contrib.search_promotions.models import SearchPromotion
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Locale, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from cms.models import SchoolSettings

    # Unpublishing covers expiry and deletion (Wagtail unpublishes a live page before deleting it).
    page_published.connect(_page_changed, dispatch_uid="page_cache_published")
    page_unpublished.connect(_page_changed, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(_page_changed, dispatch_uid="page_cache_moved")
    for signal in (post_save, post_delete):
        signal.connect(
            _restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"page_cache_restriction_{signal is post_save}",
        )
        signal.connect(
            _promotions_changed,
            sender=SearchPromotion,
            dispatch_uid=f"page_cache_search_promotion_{signal is post_save}",
        )
        # A replaced picture or document, the site's address, a language, the school's details.
        for model in (get_image_model(), get_document_model(), Site, Locale, SchoolSettings):
            signal.connect(
                _something_changed,
                sender=model,
                dispatch_uid=f"page_cache_{model._meta.label_lower}_{signal is post_save}",
            )
