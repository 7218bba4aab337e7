"""The public search page, and the editors' report of popular searches."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.views.reports import SearchTermsReportView
from wagtail.models import Locale

from cms.cache import mark_view_response
from cms.models.tree import page_tree_for

from . import caching, service
from . import hits as search_hits

RESULTS_PER_PAGE = 10


def _nearest_page(paginator, number):
    """The page named by ``number``, or the nearest one: "abc", 0 and -1 give the first page,
    99999 the last, where a listing would answer 404."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        number = 1
    return paginator.page(min(max(number, 1), paginator.num_pages))


def _active_locale(request):
    """Wagtail's ``Locale.get_active()``, read from the site's page tree (which the page's menu
    and language switcher need anyway: cms/models/tree.py) when it holds a home page in the
    active language."""
    tree = page_tree_for({"request": request})
    locale = tree.locale_for(translation.get_language()) if tree is not None else None
    return locale or Locale.get_active()


def search(request):
    """Search the live plans, campaigns and news of the reader's language.

    Whatever arrives in the query string gives a calm page: an unknown type or year is ignored,
    a page number out of range shows the nearest page, a long or odd query is cleaned
    (:func:`search.service.clean_query`). The request is first made to say its search
    canonically (:func:`search.caching.canonicalise`): every address asking the same search
    gets the same page, which the page cache keeps for anonymous readers (search/caching.py).
    """
    parameters = caching.canonicalise(request)
    locale = _active_locale(request)
    outcome = service.search_pages(
        parameters.query, locale=locale, page_type=parameters.page_type, year=parameters.year
    )
    paginator = Paginator(outcome.results, RESULTS_PER_PAGE)
    if outcome.total is not None:
        paginator.count = outcome.total  # counted with the types: no counting query
    results = _nearest_page(paginator, parameters.page)
    hits = service.hits(results, outcome.parsed)
    picks = []
    counted = None
    if outcome.parsed:
        picks = service.promotions(outcome.query, locale, outcome.hidden)
        promoted = {p.page_id for p in picks}
        hits = [hit for hit in hits if hit.page.pk not in promoted]
        if parameters.counted and search_hits.count(outcome.query):
            # Counted once per search, not per page turned or filter tried; a copy served
            # from the page cache counts it again (caching.count_cached_search).
            counted = outcome.query
    years = service.available_years(locale, outcome.hidden)
    counts = service.type_counts(outcome, locale)
    mark_view_response(request, {"count": counted} if counted else None)
    return TemplateResponse(
        request,
        "pages/search_results.html",
        {
            "search_query": outcome.query,
            "outcome": outcome,
            "many_results": service.MANY_RESULTS,
            "results": results,
            "hits": hits,
            "promotions": picks,
            "type_options": [
                (key, model._meta.verbose_name_plural, counts.get(key))
                for key, model in service.PAGE_TYPES.items()
            ],
            "years": years,
            "selected_type": parameters.page_type,
            "selected_year": parameters.year,
            "page_title": _("Search"),
        },
    )


class PopularSearchesView(SearchTermsReportView):
    """Wagtail's report of search terms by number of searches, open to whoever manages search
    promotions (Wagtail's own is for administrators only): the terms readers use most are the
    ones worth a promotion. It holds the query text and a daily count, nothing about who
    searched."""

    page_title = gettext_lazy("Popular searches")
    index_url_name = "search_popular"
    index_results_url_name = "search_popular_results"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("wagtailsearchpromotions.add_searchpromotion"):
            return permission_denied(request)
        # Skip Wagtail's superuser-only check in SearchTermsReportView.dispatch.
        return ReportView.dispatch(self, request, *args, **kwargs)
