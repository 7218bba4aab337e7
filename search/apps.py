from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Public search over plans, campaigns and news, and the Vietnamese-folding search backends."""

    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from . import caching
        from .backends import register_sqlite_fold

        # SQLite's FTS5 triggers call cms_fold() (search/backends/); every connection needs it,
        # migrations' included.
        connection_created.connect(register_sqlite_fold, dispatch_uid="search.cms_fold")
        # Anonymous readers' searches are kept in the page cache (search/caching.py).
        caching.register()
