"""Wagtail's ``{% srcset_image %}``, its filter specs parsed once per template instead of on
every render.

Wagtail's node expands its specs (``fill-{400x225,800x450} format-webp``) into new ``Filter``
objects each time it renders, and each new ``Filter`` parses its operations again (reading the
image-operation hooks, inspecting the operations' signatures) to find the renditions: about half
of what a card costs. Templates are compiled once per process (the cached loader), so the node
can keep its filters; what it renders is the same HTML. Load this library after
``wagtailimages_tags``, or instead of it, to use this ``srcset_image``.
"""

from django import template
from wagtail.images.templatetags.wagtailimages_tags import SrcsetImageNode
from wagtail.images.templatetags.wagtailimages_tags import image as parse_image_tag

register = template.Library()


class ParsedOnceSrcsetImageNode(SrcsetImageNode):
    """``SrcsetImageNode`` keeping the ``Filter`` objects of its specs (and with them their
    parsed operations) between renders. Threads may race to set them: each computes the same
    filters, and the last one kept is as good as the first."""

    _filters = None

    def get_filters(self):
        if self._filters is None:
            self._filters = super().get_filters()
        return self._filters


@register.tag("srcset_image")
def srcset_image(parser, token):
    """``{% srcset_image picture fill-{400x225,800x450} format-webp sizes="…" … %}``, as
    Wagtail's (the same arguments, the same HTML)."""
    node = parse_image_tag(parser, token)
    return ParsedOnceSrcsetImageNode(
        node.image_expr, node.filter_specs, output_var_name=node.output_var_name, attrs=node.attrs
    )
