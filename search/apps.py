from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Public search over plans, campaigns and news."""

    name = "search"
    verbose_name = _("Search")
