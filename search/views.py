"""The public search page, and the editors' report of popular searches."""

import re

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.views.reports import SearchTermsReportView
from wagtail.models import Locale

from cms.models.tree import page_tree_for

from . import service

RESULTS_PER_PAGE = 10
YEAR_RE = re.compile(r"\d{4}")


def _choice(value, allowed):
    return value if value in allowed else None


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
    (:func:`search.service.clean_query`).
    """
    locale = _active_locale(request)
    page_type = _choice(request.GET.get("type"), service.PAGE_TYPES)
    year_text = request.GET.get("year", "")
    year = int(year_text) if YEAR_RE.fullmatch(year_text) else None
    outcome = service.search_pages(
        request.GET.get("q", ""), locale=locale, page_type=page_type, year=year
    )
    paginator = Paginator(outcome.results, RESULTS_PER_PAGE)
    if outcome.total is not None:
        paginator.count = outcome.total  # counted with the types: no counting query
    results = _nearest_page(paginator, request.GET.get("page"))
    hits = service.hits(results, outcome.parsed)
    picks = []
    if outcome.parsed:
        picks = service.promotions(outcome.query, locale)
        promoted = {p.page_id for p in picks}
        hits = [hit for hit in hits if hit.page.pk not in promoted]
        if request.GET.get("page", "1") in ("", "1") and not (page_type or year):
            # Counted once per search, not per page turned or filter tried.
            service.record_query(outcome.query)
    years = service.available_years(locale)
    counts = service.type_counts(outcome, locale)
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
            "selected_type": page_type,
            "selected_year": year,
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
