"""Admin template tags for translations through the review (cms/translation.py)."""

from django import template
from django.urls import reverse
from wagtail.models import Page

from cms.translation import may_submit

register = template.Library()


@register.simple_tag(takes_context=True)
def submit_translation_url(context, instance):
    """The "Submit translation for review" address for ``instance`` when the current user may
    send it to review now, else an empty string."""
    request = context.get("request")
    if request is None or not isinstance(instance, Page) or instance.is_root():
        return ""
    if not may_submit(instance, request.user):
        return ""
    return reverse("cms_submit_translation", args=(instance.pk,))
