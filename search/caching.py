"""The search page in the page cache (cms/cache.py): what of a search's address decides its page.

A search's page depends on four things only, once the view has read them its way
(:class:`SearchParameters`): the query as the search reads it (``service.clean_query``: NFC, no
control or format characters, single spaces, at most 200 characters), the type filter, the year
filter and the page number. The view answers every address with the page of those four, its
links (pagination, language switcher, filters) included: it rewrites the request's query string
to their canonical form before it renders. So the page cache keys a search on those four (with
the language, through the path: ``/search/`` and ``/en/search/``), and addresses that differ
only in how they say the same thing share one copy: NFD or NFC, spaces, parameters' order,
tracking parameters, an unknown type or a year that is not one.

Queries that differ in anything the page shows have their own copies: ``Bình`` and ``bình``
find the same pages, but the search box and the result count quote the query as typed.

Not kept: queries longer than ``MAX_CACHED_QUERY_LENGTH`` characters, queries that look like
someone's details (an e-mail address or a phone number, never counted either), and addresses
with a parameter the search does not know or one given twice. Copies live
``SEARCH_CACHE_SECONDS`` (10 minutes) at most, against an unbounded number of queries; a
publication empties them at once, like every page.

A search served from the cache is still counted for *Popular searches*: the copy says which
query it counts (``data["count"]``), and the cache's hook counts it (:mod:`search.hits`).
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.http import QueryDict

from cms.cache import is_tracking_parameter

from . import hits, service

#: The query parameters the search reads.
PARAMETERS = frozenset({"q", "type", "year", "page"})
#: Longer queries are searched but not kept (a reader's question, not a shared search).
MAX_CACHED_QUERY_LENGTH = 100
#: Page numbers beyond this show the last page, as any number beyond the last does.
MAX_PAGE_NUMBER = 99_999
YEAR_RE = re.compile(r"\d{4}")


def _page_number(text) -> int:
    """The page number asked for: not a number, 0 or less is the first page (the view then
    shows the nearest page that exists)."""
    try:
        number = int(text)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGE_NUMBER)


@dataclass(frozen=True)
class SearchParameters:
    """What of a search's address decides its page, as the search reads it."""

    query: str
    page_type: str | None = None
    year: int | None = None
    page: int = 1

    @classmethod
    def from_querydict(cls, get) -> "SearchParameters":
        """Read ``request.GET`` the calm way: an unknown type or year is no filter, a page
        number that is not one is the first page."""
        page_type = get.get("type")
        year_text = get.get("year", "")
        return cls(
            query=service.clean_query(get.get("q", "")),
            page_type=page_type if page_type in service.PAGE_TYPES else None,
            year=(int(year_text) or None) if YEAR_RE.fullmatch(year_text) else None,
            page=_page_number(get.get("page")),
        )

    def querydict(self) -> QueryDict:
        """The canonical query string: what the page's own links carry."""
        canonical = QueryDict(mutable=True)
        if self.query:
            canonical["q"] = self.query
        if self.page_type:
            canonical["type"] = self.page_type
        if self.year:
            canonical["year"] = f"{self.year:04d}"
        if self.page != 1:
            canonical["page"] = str(self.page)
        canonical._mutable = False
        return canonical

    @property
    def counted(self) -> bool:
        """A search is counted once: its first page, without a filter (not each page turned or
        filter tried)."""
        return self.page == 1 and not (self.page_type or self.year)


def canonicalise(request) -> SearchParameters:
    """Read the search's parameters and make the request say them canonically (``GET`` and
    ``QUERY_STRING``), so that the links the page renders from the request — pagination, the
    language switcher — are the same for every address that asks the same search."""
    parameters = SearchParameters.from_querydict(request.GET)
    request.GET = parameters.querydict()
    request.META["QUERY_STRING"] = request.GET.urlencode()
    return parameters


def cache_key(request) -> str | None:
    """The page cache's key for a search (``CachedView.key``): the canonical query string, or
    ``None`` for a search that is not kept (see the module's docstring)."""
    get = request.GET
    for name in get:
        if is_tracking_parameter(name):
            continue
        if name not in PARAMETERS or len(get.getlist(name)) > 1:
            return None
    parameters = SearchParameters.from_querydict(get)
    if len(parameters.query) > MAX_CACHED_QUERY_LENGTH or service.looks_personal(parameters.query):
        return None
    return parameters.querydict().urlencode()


def count_cached_search(data: dict) -> None:
    """The page cache's hook (``CachedView.on_hit``): a search served from the cache counts as
    one, as the view would have counted it."""
    if data.get("count"):
        hits.count(data["count"])


def seconds() -> int:
    return settings.SEARCH_CACHE_SECONDS


def register() -> None:
    """Let the page cache keep the search's pages (``SearchConfig.ready``)."""
    from cms.cache import CachedView, register_view

    register_view(
        CachedView(url_name="search", key=cache_key, seconds=seconds(), on_hit=count_cached_search)
    )
