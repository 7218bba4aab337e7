"""Page permissions under which only the review workflow publishes."""

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
