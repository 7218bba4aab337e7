"""What every public page needs of the site and what changes only with a publication, kept in each
process's memory for one page cache generation (issue 8: uncached renders).

Serving a page, Wagtail looks up the ``Site`` of the request's host (a query), the locale of the
active language (a query), the home page in that language as its own page type (one or two); the
page tree around the path (cms/models/tree.py) is one more query, and the header and footer read
the school's settings (one more). None of these change unless something the public sees changes,
and then the page cache's *generation* moves (cms/cache.py: publishing, unpublishing, moving, a
view restriction, the site, a language, the school's settings or a search promotion changing).

A :class:`SiteSnapshot` holds them for one generation: the sites, the locales, the school's
settings, every page's row of Wagtail's page table (with whether it carries a view restriction of
its own), the site roots' rows as their own page types and Wagtail's site root paths; it
remembers the page URLs it gives (:func:`memoise_url_parts`) and what else is derived from the
pages alone (:meth:`SiteSnapshot.memo`: the search's years and promoted queries). Which pages are
hidden (restricted, or under a list taken down) it knows too: ``public_q()`` becomes a few path
prefixes (:meth:`SiteSnapshot.public_q`). :class:`SiteSnapshotMiddleware` finds
the snapshot of the generation in force for each request — the one in memory, or a new one built
by the first request after a change (five queries: ~40 ms for 2,200 pages) — and the request
takes from it, each as a fresh instance of its own (routing and templates set attributes on
them): its ``Site`` with the home page, the school's settings and its page tree, built in Python
from the rows. What the snapshot does not hold is read from the database as before: a path it
does not know (a page created behind Wagtail's back since, a feed's or calendar's sub-path), a
request with no snapshot (the cache cannot be read: Redis down).

Only values that cannot be changed in place are kept (text, numbers, dates, UUIDs): a root whose
row holds another kind (a StreamField) is read from the database each time. A snapshot is rebuilt
after ``SITE_SNAPSHOT_SECONDS`` at most, so a change made without Wagtail's signals (a script
writing the tables) shows within that time; ``SITE_SNAPSHOT_ENABLED = False`` reads the database
on every request.
"""

import datetime
import decimal
import itertools
import logging
import threading
import time
import uuid
from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant

logger = logging.getLogger(__name__)

#: The most distinct hosts a snapshot remembers the site of (the Host header is the client's).
MAX_HOSTS = 64

_IMMUTABLE = (
    str,
    int,
    float,
    bool,
    type(None),
    datetime.date,
    datetime.time,
    datetime.timedelta,
    decimal.Decimal,
    uuid.UUID,
)

_current: ContextVar = ContextVar("site_snapshot", default=None)
_lock = threading.Lock()
_latest = None
_serials = itertools.count()


def _immutable(values) -> bool:
    return all(isinstance(value, _IMMUTABLE) for value in values)


def _attnames(model):
    return [field.attname for field in model._meta.concrete_fields]


class SiteSnapshot:
    """The site's sites, locales, school settings and page rows at one generation (see the
    module). Read-only once built: every request gets fresh instances made from it."""

    def __init__(self, generation):
        from wagtail.models import Locale, Page, PageViewRestriction, Site

        from cms.models import SchoolSettings

        self.generation = generation
        #: Unique to this snapshot in the process (a generation could come again after the
        #: cache lost it): what keys built from it name.
        self.serial = next(_serials)
        self.built = time.monotonic()
        self.locale_codes = dict(Locale.objects.values_list("pk", "language_code"))
        self.locale_ids = {code: pk for pk, code in self.locale_codes.items()}

        self.page_fields = _attnames(Page)
        field = {name: i for i, name in enumerate(self.page_fields)}
        self._pk, self._path = field["id"], field["path"]
        self._depth, self._url_path = field["depth"], field["url_path"]
        self._key, self._locale = field["translation_key"], field["locale_id"]
        self.restricted = frozenset(PageViewRestriction.objects.values_list("page_id", flat=True))
        self.rows = {}  # path: the page's values, in page_fields' order
        self.by_key = defaultdict(list)  # translation key: paths
        self.by_url_path = defaultdict(list)  # URL path: paths
        self.children = defaultdict(list)  # a page's path: its children's paths
        step = Page.steplen
        for values in Page.objects.order_by("path").values_list(*self.page_fields):
            if not _immutable(values):
                raise ValueError("a page row holds a mutable value")
            path = values[self._path]
            self.rows[path] = values
            self.by_key[values[self._key]].append(path)
            self.by_url_path[values[self._url_path]].append(path)
            self.children[path[:-step]].append(path)
        # Plain dicts from here on: requests only read them (a missing key must not add one).
        self.by_key, self.by_url_path = dict(self.by_key), dict(self.by_url_path)
        self.children = dict(self.children)

        # What hides pages from readers (cms/models/tree.py: public_q): a view restriction hides
        # the page and everything under it; a list taken down (published once, not live now)
        # hides the pages under it.
        live, published = field["live"], field["first_published_at"]
        self.hidden = tuple(
            (path, len(path) // step)
            for path, values in self.rows.items()
            if values[self._pk] in self.restricted
            or (not values[live] and values[published] is not None and path in self.children)
        )

        self.site_fields = _attnames(Site)
        self.sites = {values[0]: values for values in Site.objects.values_list(*self.site_fields)}
        self.site_of_host = {}

        # The site roots and their translations as their own page types: routing starts there.
        self.specific = {}
        root = self.site_fields.index("root_page_id")
        root_ids = {values[root] for values in self.sites.values()}
        keys = Page.objects.filter(pk__in=root_ids).values("translation_key")
        for page in Page.objects.filter(translation_key__in=keys).specific(defer=False):
            names = _attnames(type(page))
            values = tuple(getattr(page, name) for name in names)
            if _immutable(values):
                self.specific[page.pk] = (type(page), names, values)

        # Wagtail's site root paths (what page URLs are made from), and the URLs made from them.
        self.site_root_paths = Site.get_site_root_paths()
        self.url_parts = {}
        self._memo = {}

        self.school_fields = _attnames(SchoolSettings)
        self.school = {
            values[self.school_fields.index("site_id")]: values
            for values in SchoolSettings.objects.values_list(*self.school_fields)
        }

    def memo(self, key, compute):
        """``compute()``, once for this snapshot per ``key``: for what is derived from the pages
        and changes only with them (the years the search offers). ``compute`` must return a value
        that cannot be changed in place."""
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = compute()
            return value

    def hidden_prefixes(self):
        """The paths of the pages that hide what is under them (see :meth:`public_q`), sorted:
        ``search.service.hidden_prefixes`` as this generation's rows say."""
        return tuple(sorted(path for path, _depth in self.hidden))

    def is_current(self, generation) -> bool:
        age = time.monotonic() - self.built
        return self.generation == generation and age < settings.SITE_SNAPSHOT_SECONDS

    # Fresh instances ---------------------------------------------------------------------------

    def locales(self):
        """A fresh ``Locale`` for each locale id, for one request."""
        from wagtail.models import Locale

        return {
            pk: Locale.from_db(DEFAULT_DB_ALIAS, ["id", "language_code"], (pk, code))
            for pk, code in self.locale_codes.items()
        }

    def page(self, path, locales):
        """A fresh ``Page`` of the row at ``path``, its locale and ``restricted`` set as the page
        tree's query sets them."""
        from wagtail.models import Page

        values = self.rows[path]
        page = Page.from_db(DEFAULT_DB_ALIAS, self.page_fields, values)
        page.restricted = values[self._pk] in self.restricted
        Page.locale.field.set_cached_value(page, locales[values[self._locale]])
        return page

    def specific_page(self, pk):
        """A fresh instance of a site root (or a translation of one) as its own page type, or
        None when the snapshot does not hold it."""
        kept = self.specific.get(pk)
        if kept is None:
            return None
        model, names, values = kept
        return model.from_db(DEFAULT_DB_ALIAS, names, values)

    def site_for_request(self, request):
        """A fresh ``Site`` for the request's host, its home page as its own page type; None
        when no site answers the host; ``False`` when the snapshot cannot tell (ask Wagtail)."""
        from wagtail.models import Site
        from wagtail.models.sites import get_site_for_hostname

        hostname = split_domain_port(request._get_raw_host())[0]
        host = (hostname, request.get_port())
        if host not in self.site_of_host:
            # Wagtail's own matching (exact host and port, host and default, the default), once
            # per host: a query, then memory.
            try:
                site_id = get_site_for_hostname(*host).pk
            except Site.DoesNotExist:
                site_id = None
            if len(self.site_of_host) >= MAX_HOSTS:
                return False
            self.site_of_host[host] = site_id
        site_id = self.site_of_host[host]
        if site_id is None:
            return None
        values = self.sites.get(site_id)
        if values is None:
            return False
        site = Site.from_db(DEFAULT_DB_ALIAS, self.site_fields, values)
        root = self.specific_page(site.root_page_id)
        if root is not None:
            Site.root_page.field.set_cached_value(site, root)
        return site

    def school_settings(self, site, request):
        """The school's settings of ``site`` (fresh). A site without them yet gets them made
        with the defaults (as Wagtail's ``for_site`` does on the first page view), kept from
        then on."""
        from cms.models import SchoolSettings

        values = self.school.get(site.pk)
        if values is None:
            made = SchoolSettings.for_site(site)
            values = tuple(getattr(made, name) for name in self.school_fields)
            self.school[site.pk] = values
        school = SchoolSettings.from_db(DEFAULT_DB_ALIAS, self.school_fields, values)
        school._request = request  # as Wagtail's for_request leaves it
        return school

    # What routing and the page tree ask ------------------------------------------------------

    def active_locale_id(self):
        """The id of the active language's locale (Wagtail's ``Locale.get_active``), or None
        when the snapshot cannot tell."""
        try:
            code = get_supported_content_language_variant(translation.get_language())
        except LookupError:
            return None
        return self.locale_ids.get(code)

    def localized_draft(self, page):
        """Wagtail's ``page.localized_draft`` for a site root: itself in the active language,
        drafts included, else itself; None when the snapshot cannot tell."""
        if page.pk not in self.specific or not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            return None
        locale_id = self.active_locale_id()
        if locale_id is None:
            return None
        if locale_id == page.locale_id:
            return page
        for path in self.by_key.get(page.translation_key, ()):
            values = self.rows[path]
            if values[self._locale] == locale_id:
                return self.specific_page(values[self._pk])
        return page

    def public_q(self):
        """``cms.models.tree.public_q`` as this generation's rows decide it: not under a
        restricted page (itself included) nor under a page taken down — a few path prefixes, or
        no condition at all, instead of two correlated conditions per row."""
        hidden = Q()
        for path, depth in self.hidden:
            if self.rows[path][self._pk] in self.restricted:
                hidden |= Q(path__startswith=path)
            else:
                hidden |= Q(path__startswith=path, depth__gt=depth)
        return ~hidden if hidden else Q()

    def tree_pages(self, root, url_paths):
        """The pages ``PageTree.fetch`` selects for ``root`` and ``url_paths``, as its query
        returns them (path order, locale and ``restricted`` set), or None when the snapshot does
        not hold them all (a root or a path it does not know)."""
        if root.path not in self.rows:
            return None
        step = len(root.path) // root.depth
        paths = {root.path[:end] for end in range(step, len(root.path) + 1, step)}
        paths &= self.rows.keys()
        translations = self.by_key.get(root.translation_key, ())
        homes = [path for path in translations if len(path) == len(root.path)]
        paths.update(translations)
        for home in homes:
            paths.update(self.children.get(home, ()))
        keys = set()
        for url_path in url_paths:
            found = [
                path
                for path in self.by_url_path.get(url_path, ())
                if path.startswith(root.path) and len(path) > len(root.path)
            ]
            if not found:
                return None
            paths.update(found)
            keys.update(self.rows[path][self._key] for path in found)
        for key in keys:
            paths.update(self.by_key.get(key, ()))
        locales = self.locales()
        return [self.page(path, locales) for path in sorted(paths)]


#: The most page URLs a snapshot remembers (two languages of every page of a large school site).
MAX_URLS = 20000


def memoise_url_parts():
    """Make Wagtail's ``Page.get_url_parts`` remember, for the snapshot in use, the URL of each
    page path in each language and site: a page's URL is asked for a dozen times a render (menu,
    breadcrumbs, language switcher, cards, link previews), each time with a language switch and
    a ``reverse()``. What it gives depends only on the page's URL path, the active language, the
    request's site, the site root paths and the URL configuration — all in the key but the root
    paths, which are the snapshot's own (given to each request it serves). Called once, from
    ``CmsConfig.ready``."""
    from django.urls import get_urlconf
    from wagtail.models import Page

    original = Page.get_url_parts
    if getattr(original, "memoised", False):
        return

    def get_url_parts(self, request=None):
        snapshot = _current.get()
        site = getattr(request, "_wagtail_site", None)
        if snapshot is None or request is None or site is None:
            return original(self, request)
        root_paths = getattr(request, "_wagtail_cached_site_root_paths", None)
        if root_paths is not snapshot.site_root_paths:
            return original(self, request)
        key = (self.url_path, translation.get_language(), site.pk, get_urlconf())
        parts = snapshot.url_parts.get(key)
        if parts is None:
            parts = original(self, request)
            if len(snapshot.url_parts) < MAX_URLS:
                snapshot.url_parts[key] = parts
        return parts

    get_url_parts.memoised = True
    get_url_parts.__doc__ = original.__doc__
    Page.get_url_parts = get_url_parts


def _enabled() -> bool:
    return getattr(settings, "SITE_SNAPSHOT_ENABLED", True)


def snapshot_for(generation):
    """The snapshot of ``generation``: the one in memory, or a new one (built by one thread at
    a time; the others wait for it rather than build it too)."""
    global _latest
    snapshot = _latest
    if snapshot is not None and snapshot.is_current(generation):
        return snapshot
    with _lock:
        snapshot = _latest
        if snapshot is None or not snapshot.is_current(generation):
            snapshot = _latest = SiteSnapshot(generation)
        return snapshot


def current():
    """The snapshot the request being served uses, or None (read the database)."""
    return _current.get()


def key(*parts):
    """A key for cms/compiled.py naming ``parts`` and the snapshot in use — for a queryset
    whose conditions come from the snapshot (the sections, which pages are hidden) — or None
    without a snapshot (the queryset is then built as usual)."""
    snapshot = _current.get()
    return None if snapshot is None else ("snapshot", snapshot.serial, *parts)


@contextmanager
def using(snapshot):
    """Serve what runs inside from ``snapshot`` (:func:`current` returns it)."""
    token = _current.set(snapshot)
    try:
        yield snapshot
    finally:
        _current.reset(token)


def clear():
    """Forget the snapshot in memory (tests: each starts with another database)."""
    global _latest
    with _lock:
        _latest = None


class SiteSnapshotMiddleware:
    """Give each request the snapshot of the generation in force (see the module): its site,
    the school's settings, and, for the page tree and routing, :func:`current`. Placed right
    after the page cache's middleware, which has read the generation already for anonymous
    readers; for the others it is one more cache read. Without a readable generation (the cache
    is down) or with the snapshot switched off, nothing changes: the request reads the
    database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        snapshot = self._snapshot(request) if _enabled() else None
        if snapshot is None:
            return self.get_response(request)
        with using(snapshot):
            self._prepare(snapshot, request)
            return self.get_response(request)

    @staticmethod
    def _snapshot(request):
        from cms.cache import GENERATION_ATTRIBUTE, current_generation

        try:
            generation = getattr(request, GENERATION_ATTRIBUTE, None)
            if generation is None:
                generation = current_generation()
            return snapshot_for(generation)
        except Exception:  # noqa: BLE001 - the cache or the database is down: read as before
            logger.warning("Site snapshot unavailable; reading the database", exc_info=True)
            return None

    @staticmethod
    def _prepare(snapshot, request):
        from cms.models import SchoolSettings

        site = snapshot.site_for_request(request)
        if site is False:
            return
        request._wagtail_site = site  # Wagtail's Site.find_for_request reads it from here
        # Page.get_url_parts reads them from here (else from the cache, a round trip).
        request._wagtail_cached_site_root_paths = snapshot.site_root_paths
        if site is not None:
            school = snapshot.school_settings(site, request)
            setattr(request, SchoolSettings.get_cache_attr_name(), school)
