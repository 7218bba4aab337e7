"""Admin hooks of the search: the popular-searches report for those who manage promotions."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem


class PromotionManagersMenuItem(MenuItem):
    """Shown to whoever may add search promotions (the report's own check is the same)."""

    def is_shown(self, request):
        return request.user.has_perm("wagtailsearchpromotions.add_searchpromotion")


@hooks.register("register_admin_urls")
def register_popular_searches_urls():
    from .views import PopularSearchesView

    return [
        path("tim-kiem-pho-bien/", PopularSearchesView.as_view(), name="search_popular"),
        path(
            "tim-kiem-pho-bien/results/",
            PopularSearchesView.as_view(results_only=True),
            name="search_popular_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_popular_searches_menu_item():
    return PromotionManagersMenuItem(
        _("Popular searches"),
        reverse("search_popular"),
        name="popular-searches",
        icon_name="search",
        order=1300,
    )


@hooks.register("construct_reports_menu")
def hide_wagtail_search_terms(request, menu_items):
    # Wagtail's administrators-only "Search terms" shows the same figures as "Popular searches".
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]
