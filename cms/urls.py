"""URLs: the health check, the sitemap and robots.txt, the admin, then the public site with
Vietnamese at / and English under /en/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import seo
from cms import views as cms_views
from search import views as search_views

# The database unreachable: a clean 503 page, not a 500 (cms/faults.py, docs/operations.md).
handler500 = "cms.faults.server_error"

urlpatterns = [
    # For monitors: JSON, no login, no secrets (docs/scheduling.md). Outside the language prefixes.
    path("health/schedule/", cms_views.schedule_health, name="schedule_health"),
    # One sitemap for both languages, at the root where crawlers look (docs/sharing.md).
    path("sitemap.xml", seo.sitemap, name="sitemap"),
    path("robots.txt", seo.robots_txt, name="robots_txt"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Vietnamese, the default, has no prefix; English lives under /en/ from the start so that no
# public URL changes when the translations arrive.
urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
