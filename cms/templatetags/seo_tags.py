"""Template tags for what link previews and search engines read in every page's ``<head>``
(the logic is in cms/seo.py)."""

from django import template
from wagtail.models import Page

from cms.models.tree import page_tree_for
from cms.seo import share_data

register = template.Library()


@register.simple_tag(takes_context=True)
def share_meta(context):
    """``{% share_meta as share %}``: the Open Graph data of the current page
    (:class:`cms.seo.ShareData`), or None on views that are not pages (search, 404)."""
    page = context.get("page")
    if not isinstance(page, Page):
        return None
    return share_data(page.specific, context.get("request"), page_tree_for(context))
