"""The benchmark's URLs (``cms.settings.bench``): the project's own, plus the floor.

The floor is the least a Django page can cost on this stack: a view returning a constant HTML
page of ``size`` bytes, through the same gunicorn, the same middleware (sessions, locale, CSRF,
authentication, messages, …) and the same URL resolution as the real pages, with no template,
query or cache. ``bench/pages.py`` measures each page against a floor of the page's own size.
"""

import functools

from django.http import HttpResponse
from django.urls import path

from cms.urls import urlpatterns as cms_urlpatterns

HEAD = b'<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"><title>floor</title></head>'
TAIL = b"</p></body></html>\n"


@functools.cache
def floor_body(size):
    """A valid HTML page of exactly ``size`` bytes (at least the markup around the text)."""
    filler = max(size - len(HEAD) - len(TAIL) - len(b"<body><p>"), 0)
    words = (b"binh dang gioi " * (filler // 15 + 1))[:filler]
    return HEAD + b"<body><p>" + words + TAIL


def floor(request, size):
    return HttpResponse(floor_body(min(size, 1_000_000)), content_type="text/html; charset=utf-8")


urlpatterns = [path("__floor__/<int:size>/", floor, name="bench_floor"), *cms_urlpatterns]
