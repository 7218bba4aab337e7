"""Wagtail hooks of the CMS machinery: workflow history entries, dashboard panels, the
publishing schedule and translations through the review."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms import cache, permissions, translation
from cms.dashboard import OutdatedTranslationsPanel, ScheduledPagesPanel
from cms.workflow import LOG_ACTIONS


@hooks.register("register_log_actions")
def register_workflow_log_actions(actions):
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)


@hooks.register("construct_homepage_panels")
def add_scheduled_pages_panel(request, panels):
    panels.append(ScheduledPagesPanel())


@hooks.register("register_admin_urls")
def register_publishing_schedule_url():
    from cms.views import publishing_schedule, reschedule

    # Wagtail wraps admin URLs in its admin-access check: every editorial group and superusers.
    return [
        path("lich-xuat-ban/", publishing_schedule, name="cms_publishing_schedule"),
        path("lich-xuat-ban/<int:revision_id>/doi-gio/", reschedule, name="cms_reschedule"),
    ]


@hooks.register("register_admin_menu_item")
def register_publishing_schedule_menu_item():
    return MenuItem(
        _("Publishing schedule"),
        reverse("cms_publishing_schedule"),
        name="publishing-schedule",
        icon_name="calendar-alt",
        order=250,
    )


# Translations through the review (cms/translation.py) --------------------------------------------


@hooks.register("register_log_actions")
def register_translation_log_actions(actions):
    for action, label, message in translation.LOG_ACTIONS:
        actions.register_action(action, label, message)


@hooks.register("construct_homepage_panels")
def add_outdated_translations_panel(request, panels):
    panels.append(OutdatedTranslationsPanel())


@hooks.register("register_admin_urls")
def register_translation_urls():
    # The same paths as wagtail-localize's own views, registered first (cms precedes
    # wagtail_localize in INSTALLED_APPS), so that these take their place with the review's
    # rules; wagtail-localize's URL names still resolve to these paths.
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            translation.ReviewedSubmitTranslationView.as_view(),
            name="cms_submit_page_translation",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            translation.ReviewedUpdateTranslationsView.as_view(),
            name="cms_update_translations",
        ),
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            translation.convert_to_alias,
            name="cms_convert_to_alias",
        ),
        path(
            "ban-dich/<int:page_id>/gui-duyet/",
            translation.submit_translation_for_review,
            name="cms_submit_translation",
        ),
    ]


hooks.register("register_page_header_buttons", translation.page_buttons)
hooks.register("register_page_listing_more_buttons", translation.page_buttons)

# Anonymous readers' views of live pages may be kept in the page cache (cms/cache.py).
hooks.register("before_serve_page", cache.mark_page_response)

# Side views that Wagtail leaves open to anyone in the admin (cms/permissions.py) ------------------

hooks.register("before_move_page", permissions.refuse_move_without_permission)


@hooks.register("register_admin_urls")
def register_guarded_search_query_chooser():
    # The same paths as Wagtail's search query chooser, registered first (cms precedes
    # wagtail.contrib.search_promotions in INSTALLED_APPS), so that these take their place.
    from wagtail.contrib.search_promotions.views import settings as promotions

    return [
        path(
            "searchpicks/queries/chooser/",
            permissions.promotion_managers_only(promotions.chooser),
            name="cms_search_query_chooser",
        ),
        path(
            "searchpicks/queries/chooser/results/",
            permissions.promotion_managers_only(promotions.chooserresults),
            name="cms_search_query_chooser_results",
        ),
    ]


# Two-step verification (cms/two_factor.py) ------------------------------------------------------


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    from cms import two_factor

    return [
        path("xac-thuc-hai-buoc/", two_factor.setup, name=two_factor.SETUP_URL_NAME),
        path("xac-thuc-hai-buoc/nhap-ma/", two_factor.verify, name=two_factor.VERIFY_URL_NAME),
    ]


@hooks.register("register_account_menu_item")
def register_two_factor_account_item(request):
    from cms import two_factor

    return two_factor.account_menu_item(request)
