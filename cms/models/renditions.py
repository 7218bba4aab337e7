"""Image renditions fetched together: one query for the pictures of a whole list, where Wagtail
looks each picture's renditions up one by one (in the cache, then the database)."""

import copy
from collections import defaultdict

from wagtail.images import get_image_model

from cms import compiled

#: The renditions of a card's picture (templates/components/card-image.html): ``srcset_image``
#: with ``fill-{400x225,800x450} format-webp`` asks for these two.
CARD_RENDITIONS = ("fill-400x225|format-webp", "fill-800x450|format-webp")


def card_image(page):
    """The picture a card shows for ``page``: its listing image, else its own (a news item's)."""
    return getattr(page, "listing_image", None) or getattr(page, "image", None)


def prefetch_renditions(images, specs=CARD_RENDITIONS):
    """Fetch the renditions ``specs`` of every image in ``images`` in one query and give each
    image its own (Wagtail's ``prefetched_renditions``), so that ``{% image %}`` and
    ``{% srcset_image %}`` ask nothing more for them. A rendition not made yet is made on first
    use, as without prefetching. Empty entries are skipped; returns the images."""
    images = [image for image in images if image is not None]
    if not images:
        return images
    Rendition = get_image_model().get_rendition_model()
    by_image = defaultdict(list)
    ids = tuple(sorted({image.pk for image in images}))
    renditions = compiled.rows(
        ("renditions", ids, tuple(specs)),
        lambda: Rendition.objects.filter(image_id__in=ids, filter_spec__in=specs),
    )
    for rendition in renditions:
        by_image[rendition.image_id].append(rendition)
    for image in images:
        own = []
        for rendition in by_image[image.pk]:
            # Each picture its own copy: a rendition reads its alternative text from its image.
            rendition = copy.copy(rendition)
            rendition.image = image
            own.append(rendition)
        image.prefetched_renditions = own
    return images


def prefetch_card_renditions(pages):
    """The renditions of the cards of ``pages`` (a list), in one query; returns ``pages``."""
    prefetch_renditions(card_image(page) for page in pages)
    return pages
