"""A person using the Wagtail admin through real HTTP requests: the forms a browser posts."""

from django.test import Client
from django.urls import reverse
from wagtail.models import Page


class AdminUser:
    """One logged-in admin user (one browser session)."""

    def __init__(self, user):
        self.user = user
        self.client = Client()
        self.client.force_login(user)

    def edit_url(self, page):
        return reverse("wagtailadmin_pages:edit", args=(page.pk,))

    def post_edit(self, page, data, action=None):
        """Post the edit form with ``data`` (the whole form, as the browser sends it; StreamField
        data is built by the admin's JavaScript, so tests build it with Wagtail's form_data)."""
        data = dict(data)
        if action:
            data[action] = "1"
        return self.client.post(self.edit_url(page), data)

    def save(self, page, data):
        return self.post_edit(page, data)

    def submit(self, page, data):
        return self.post_edit(page, data, "action-submit")

    def publish(self, page, data):
        return self.post_edit(page, data, "action-publish")

    def act(self, page, action, **form):
        """Approve or request changes from the dashboard's workflow modal."""
        state = Page.objects.get(pk=page.pk).specific.current_workflow_task_state
        assert state is not None, "the page is not in review"
        url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, state.pk))
        return self.client.post(url, form)

    def approve(self, page, **form):
        return self.act(page, "approve", **form)

    def request_changes(self, page, comment=""):
        return self.act(page, "reject", comment=comment)
