"""One pagination helper for every listing: a bad or out-of-range page number is a 404, not a
silently different page."""

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.http import Http404


def paginate(request, items, per_page: int) -> Page:
    """Return the page of ``items`` named by ``?page=`` (the first one when absent)."""
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(request.GET.get("page", 1))
    except (EmptyPage, PageNotAnInteger) as exc:
        raise Http404 from exc
