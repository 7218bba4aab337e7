"""Which children of a served list page readers may see, as a condition its queries can use
cheaply.

``public_q`` (cms/models/tree.py) decides for each row whether one of its ancestors is
restricted or unpublished: two ``NOT EXISTS`` per row, a few index probes each. The children of
a list page share their ancestors — the list page and its own — and the page tree the list page
was served from already says whether those are public and live. What is left to ask of each
child is its own view restriction: one index look-up.

Serving a request with the site snapshot (cms/snapshot.py), ``public_q()`` is cheaper still (a
few path prefixes, or nothing): both conditions below use it then.
"""

from django.db.models import Exists, OuterRef, Q
from wagtail.models import PageViewRestriction

from cms import snapshot as site_snapshot

from .tree import public_q, taken_down


def _not_restricted_q():
    """No view restriction on the page itself (its ancestors are known to be public)."""
    if site_snapshot.current() is not None:
        return public_q()
    return ~Exists(PageViewRestriction.objects.filter(page_id=OuterRef("pk")))


def children_public_q(parent):
    """The condition a live child of ``parent`` must meet to be shown to readers: the same as
    ``public_q()``, decided for the ancestors from ``parent``'s page tree when it holds them
    (no restriction, all live), else ``public_q()`` itself."""
    tree = getattr(parent, "_page_tree", None)
    public = tree.is_public(parent) if tree is not None else None
    if public is None:
        return public_q()
    if not public or taken_down(parent):
        return Q(pk__in=[])  # the children of a private or taken-down page are hidden
    return _not_restricted_q()


def section_pages_q(home, model):
    """The condition for pages of type ``model`` that sit directly under one of ``home``'s
    sections (its live, public children of the page types ``model`` may be created under: the
    campaign list for campaigns…) and that readers may see; None when ``home``'s page tree does
    not hold its sections (the caller then uses ``public_q()``).

    The home page lists the latest campaigns, news and plan from its own sections: their
    ancestors are the section and the home page's own, which the page tree already knows to be
    public and live, so what is left to ask of each page is its own view restriction.
    """
    tree = getattr(home, "_page_tree", None)
    sections = tree.children_of_type(home, *model.allowed_parent_page_models()) if tree else None
    if sections is None:
        return None
    if not sections:
        return Q(pk__in=[])
    under = Q()
    for section in sections:
        under |= Q(path__startswith=section.path, depth=section.depth + 1)
    return under & _not_restricted_q()
