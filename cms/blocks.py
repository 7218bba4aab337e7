"""Blocks shared by every page type: rich paragraphs, captioned images, quotes, and the body stream
built from them."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

# Editors get the formatting a school report needs, nothing that breaks the layout.
RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


class CaptionedImageBlock(blocks.StructBlock):
    """An image with its alternative text (required unless decorative) and an optional caption."""

    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(
        required=False,
        max_length=250,
        label=_("Caption"),
        help_text=_("Shown under the image, e.g. what the photo shows and who took it."),
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "components/streamfield/captioned-image.html"


class QuoteBlock(blocks.StructBlock):
    """A quotation with who said it."""

    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(required=False, max_length=200, label=_("Who said it"))

    class Meta:
        icon = "openquote"
        label = _("Quotation")
        template = "components/streamfield/quote.html"
        preview_value = {
            "text": "Bình đẳng giới bắt đầu từ những việc nhỏ trong lớp học.",
            "attribution": "Học sinh lớp 11A1",
        }


class BodyBlock(blocks.StreamBlock):
    """The free-form body of campaigns and news."""

    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("Paragraph"),
        icon="pilcrow",
        template="components/streamfield/paragraph.html",
        preview_value="<p>Đoàn trường tổ chức buổi sinh hoạt dưới cờ về bình đẳng giới.</p>",
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()

    class Meta:
        template = "components/streamfield/body.html"
