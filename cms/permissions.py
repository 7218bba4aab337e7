"""Page permissions under which only the review workflow publishes."""

from functools import wraps

from wagtail.models import PagePermissionTester

from cms.workflow import publishing_reviewed


class ReviewedPagePermissionTester(PagePermissionTester):
    """Page permissions under which publishing needs both approvals (administrators aside)."""

    def _holds_publish(self):
        return self.user.is_active and (self.user.is_superuser or "publish" in self.permissions)

    def can_publish(self):
        if not super().can_publish():
            return False
        return self.user.is_superuser or publishing_reviewed.get() == self.page.pk

    def can_publish_subpage(self):
        # Creating or copying a page straight to live skips review.
        return self.user.is_superuser and super().can_publish_subpage()

    def can_unschedule(self):
        # Taking a scheduled revision off the schedule never makes anything public.
        return not self.page_is_root and self._holds_publish()

    def can_set_view_restrictions(self):
        return not self.page_is_root and self._holds_publish()


# Side views Wagtail 8.0.1 leaves open to anyone with admin access (the permission sweep,
# tests/security/test_permission_sweep.py), closed through hooks in cms/wagtail_hooks.py.


def refuse_move_without_permission(request, page_to_move, destination):
    """``before_move_page``: Wagtail's move confirmation checks nothing on GET, so anyone in the
    admin could read any page's title and destination by id; only who may make that move may."""
    from wagtail.admin.auth import permission_denied

    if not page_to_move.permissions_for_user(request.user).can_move_to(destination):
        return permission_denied(request)
    return None


def may_manage_promotions(user):
    """Whether ``user`` adds or changes search promotions (search/migrations/0002)."""
    return user.has_perm("wagtailsearchpromotions.add_searchpromotion") or user.has_perm(
        "wagtailsearchpromotions.change_searchpromotion"
    )


def promotion_managers_only(view):
    """Wagtail's search query chooser lists what readers searched for to anyone in the admin;
    the popular-searches report (search/views.py) shows the same only to promotion managers."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        from wagtail.admin.auth import permission_denied

        if not may_manage_promotions(request.user):
            return permission_denied(request)
        return view(request, *args, **kwargs)

    return guarded
