"""The public search page: live plans, campaigns and news in the reader's language."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from cms.pagination import paginate

MAX_QUERY_LENGTH = 200


def search(request):
    """Search live pages of the reader's language; an empty or odd query gives a calm page."""
    # Control characters and overlong input are cut rather than refused: a reader's typo is
    # never an error.
    query = "".join(ch for ch in request.GET.get("q", "") if ch.isprintable())
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    results = Page.objects.none()
    if query:
        # The reader's language, and only pages under a home page (not the tree's bare root).
        pages = (
            Page.objects.live().public().filter(locale=Locale.get_active(), depth__gt=1).specific()
        )
        results = pages.search(query)
    return TemplateResponse(
        request,
        "pages/search_results.html",
        {
            "search_query": query,
            "results": paginate(request, results, per_page=10),
            "page_title": _("Search"),
        },
    )
