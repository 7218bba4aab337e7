"""Template tags of the public site: the main navigation, the home page of the current site,
list pages found by type, page-type labels and elided pagination ranges."""

from django import template
from django.apps import apps
from django.utils import translation
from django.utils.text import capfirst
from wagtail.models import Page, Site

from cms.models.tree import page_tree_for, public_q

register = template.Library()


def _site_home(context):
    """The current site's home page in the active language, or None without a request or site.

    Read from the page tree (cms/models/tree.py) where it holds the home page's translations,
    which costs no query."""
    request = context.get("request")
    if request is None:
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    tree = page_tree_for(context)
    home = tree.localized(site.root_page, translation.get_language()) if tree else None
    return home if home is not None else site.root_page.localized


@register.simple_tag(takes_context=True)
def site_home(context):
    """``{% site_home as home %}``: the home page of the current site, in the active language."""
    return _site_home(context)


@register.inclusion_tag("components/main-nav.html", takes_context=True)
def main_nav(context):
    """The home page and its live, public children shown in menus, in the active language.

    Each item says whether it is the current page (``"page"``) or an ancestor of it (``"true"``),
    for ``aria-current``.
    """
    request = context.get("request")
    home = _site_home(context)
    current = context.get("page")
    current_path = current.path if isinstance(current, Page) else None
    items = []
    if home is not None:
        tree = page_tree_for(context)
        children = tree.children(home) if tree is not None else None
        if children is None:
            children = home.get_children().live().filter(public_q())
        for child in children:
            if not child.show_in_menus:
                continue
            state = None
            if current_path == child.path:
                state = "page"
            elif current_path and current_path.startswith(child.path):
                state = "true"
            items.append({"page": child, "current": state})
    return {
        "request": request,
        "home": home,
        "home_current": home is not None and current_path == home.path,
        "items": items,
    }


@register.simple_tag(takes_context=True)
def child_page(context, parent, model_label):
    """``{% child_page page "campaigns.CampaignIndexPage" as index %}``: the first live, public
    child of ``parent`` of that page type (a plain ``Page``, enough for ``pageurl``), or None.

    Read from the page tree (cms/models/tree.py) where it holds the children, which costs no
    query."""
    if not isinstance(parent, Page):
        return None
    try:
        model = apps.get_model(model_label)
    except (LookupError, ValueError):
        return None
    tree = page_tree_for(context)
    children = tree.children_of_type(parent, model) if tree is not None else None
    if children is None:
        return parent.get_children().live().filter(public_q()).type(model).first()
    return children[0] if children else None


@register.filter
def page_type_label(page):
    """The page's type as readers see it: "Campaign", "News item", "Plan"…"""
    model = getattr(page, "specific_class", None) or type(page)
    return capfirst(model._meta.verbose_name)


@register.simple_tag
def page_range(page_obj, on_each_side=2, on_ends=1):
    """``{% page_range page_obj as numbers %}``: page numbers around the current one, with
    ``paginator.ELLIPSIS`` where numbers are left out."""
    return page_obj.paginator.get_elided_page_range(
        page_obj.number, on_each_side=on_each_side, on_ends=on_ends
    )
