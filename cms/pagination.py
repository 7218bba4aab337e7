"""One pagination helper for every listing: a bad or out-of-range page number is a 404, not a
silently different page."""

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.http import Http404

from cms import compiled


def paginate(request, items, per_page: int, key=None) -> Page:
    """Return the page of ``items`` named by ``?page=`` (the first one when absent).

    With ``key`` (cms/compiled.py: naming everything the list depends on), ``items`` may be a
    function that builds the queryset: the count and the page's rows run SQL built once per
    key and page number, and the queryset is built only when they are not kept yet."""
    if key is None:
        items = items() if callable(items) else items
        paginator = Paginator(items, per_page)
    else:
        build = items if callable(items) else lambda: items
        paginator = Paginator(_Deferred(build), per_page)
        paginator.count = compiled.count(key, build)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (EmptyPage, PageNotAnInteger) as exc:
        raise Http404 from exc
    if key is not None:
        bottom, top = page.object_list.bounds
        page.object_list = compiled.rows((key, bottom, top), lambda: build()[bottom:top])
    return page


class _Deferred:
    """The list a keyed paginator slices: the slice's bounds, the queryset left unbuilt."""

    def __init__(self, build):
        self.build = build

    def __getitem__(self, bounds):
        return _Slice((bounds.start or 0, bounds.stop))


class _Slice:
    def __init__(self, bounds):
        self.bounds = bounds

    def __len__(self):
        return self.bounds[1] - self.bounds[0]
