"""``{% cardcache %}``: a list card (campaign, news, plan) rendered once per version of what it
shows, kept in the process's memory.

A page of a list or the home page renders ten to twenty cards; each is the same HTML for every
reader until the page, its picture or its address changes. The key is made of everything the
card's HTML is built from, so there is nothing to invalidate: a publish (a new
``last_published_at`` and live revision), a new title, a move or a renamed parent (another URL),
an edited picture (file, focal point, alternative text) or new renditions, another language or
another day (``is_running``, given as a vary value) each give another key, and the next render
builds and keeps the new HTML; unused entries fall out of the bounded store. A card whose
picture's renditions were not fetched with the list (``cms/models/renditions.py``) is rendered
as before, never stored: its key could not name them without a query.

The public page cache (cms/cache.py) keeps whole pages; this keeps cards across the pages and
the publishes that empty it. ``CARD_CACHE_ENABLED = False`` in the settings renders every card.
"""

from django import template
from django.conf import settings
from django.utils import translation

from cms.lru import LRUStore
from cms.models.renditions import card_image

register = template.Library()

#: The most cards kept per process (a card is about 1 KB of HTML).
MAX_CARDS = 4096


cards = LRUStore(MAX_CARDS)


def image_version(image):
    """What a card's picture renders from: the image's file, size, focal point and texts, and
    its prefetched renditions; None when they were not prefetched (the card is not stored)."""
    if image is None:
        return ()
    renditions = getattr(image, "prefetched_renditions", None)
    if renditions is None:
        return None
    return (
        image.pk,
        image.file.name,
        image.width,
        image.height,
        image.focal_point_x,
        image.focal_point_y,
        image.focal_point_width,
        image.focal_point_height,
        image.title,
        image.description,
        tuple(
            sorted(
                (r.filter_spec, r.focal_point_key, r.file.name, r.width, r.height)
                for r in renditions
            )
        ),
    )


def card_key(node, page, request, vary):
    """The key of ``page``'s card as ``node`` renders it, or None when it is not to be stored."""
    picture = image_version(card_image(page))
    if picture is None:
        return None
    return (
        node.identity,  # the template's own node: another template, another card
        translation.get_language(),
        page.pk,
        page.get_url(request),
        page.title,
        page.last_published_at,
        page.live_revision_id,
        picture,
        *vary,
    )


class CardCacheNode(template.Node):
    def __init__(self, nodelist, page, vary):
        # Unique to this compiled node for as long as a key holds it (unlike its id(), which a
        # template compiled again after an edit could reuse).
        self.identity = object()
        self.nodelist = nodelist
        self.page = page
        self.vary = vary

    def render(self, context):
        page = self.page.resolve(context)
        if page is None or not getattr(settings, "CARD_CACHE_ENABLED", True):
            return self.nodelist.render(context)
        vary = [value.resolve(context) for value in self.vary]
        key = card_key(self, page, context.get("request"), vary)
        if key is None:
            return self.nodelist.render(context)
        html = cards.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cards.set(key, html)
        return html


@register.tag
def cardcache(parser, token):
    """``{% cardcache page [vary …] %}…{% endcardcache %}``: the enclosed card of ``page``,
    rendered once per version of what it shows (see the module); the vary values are what else
    the card shows (heading level, eager loading, whether a campaign is running)."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs the page the card shows")
    nodelist = parser.parse(("endcardcache",))
    parser.delete_first_token()
    return CardCacheNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )
