"""Blocks that hold the body of an official plan (*Kế hoạch*): sections with Roman numerals, their
numbered items and responsible parties, paragraphs and bullets.

Numbers are never typed: they follow from the order of the blocks, as in the document, so moving an
item renumbers the plan.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class ParagraphBlock(blocks.TextBlock):
    """A plain paragraph of the document."""

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = "components/streamfield/plan-paragraph.html"
        preview_value = "Kinh phí thực hiện kế hoạch từ nguồn ngân sách được cấp."


class BulletsBlock(blocks.ListBlock):
    """A list of bullet points (the document's "- …" lines)."""

    def __init__(self, **kwargs):
        super().__init__(blocks.TextBlock(label=_("Bullet")), **kwargs)

    class Meta:
        icon = "list-ul"
        label = _("Bullets")
        template = "components/streamfield/plan-bullets.html"
        preview_value = [
            "Tuyên truyền chủ trương, đường lối của Đảng về bình đẳng giới.",
            "Tăng cường tuyên truyền vai trò, trách nhiệm trong lãnh đạo, quản lý.",
        ]


class ContentBlock(blocks.StreamBlock):
    """What an item or a party's duties consist of: paragraphs and bullets."""

    paragraph = ParagraphBlock()
    bullets = BulletsBlock()

    class Meta:
        required = False


class ItemBlock(blocks.StructBlock):
    """A numbered item of a section (``1. Tăng cường công tác tuyên truyền``)."""

    title = blocks.CharBlock(
        max_length=300,
        label=_("Item title"),
        help_text=_("Without its number: numbers follow the order of the items."),
    )
    content = ContentBlock(label=_("Content"))

    class Meta:
        icon = "list-ol"
        label = _("Numbered item")
        template = "components/streamfield/plan-item.html"
        preview_value = {
            "title": "Tăng cường công tác tuyên truyền",
            "content": [("bullets", ["Tuyên truyền chủ trương, đường lối của Đảng."])],
        }


class ResponsibilityBlock(blocks.StructBlock):
    """A responsible party and its duties, numbered like an item (section IV of a plan)."""

    party = blocks.CharBlock(
        max_length=300,
        label=_("Responsible party"),
        help_text=_("For example: BCH Đoàn trường."),
    )
    duties = ContentBlock(label=_("Duties"))

    class Meta:
        icon = "group"
        label = _("Responsible party")
        template = "components/streamfield/plan-responsibility.html"
        preview_value = {
            "party": "BCH Đoàn trường",
            "duties": [("paragraph", "Tổ chức các hoạt động tuyên truyền về bình đẳng giới.")],
        }


NUMBERED_BLOCK_TYPES = ("item", "responsibility")


class SectionValue(blocks.StructValue):
    """A section's value, which knows the number of each of its items."""

    def numbered_content(self):
        """``(number, child)`` for each child block; paragraphs and bullets have no number."""
        number = 0
        result = []
        for child in self["content"]:
            if child.block_type in NUMBERED_BLOCK_TYPES:
                number += 1
                result.append((number, child))
            else:
                result.append((None, child))
        return result


class SectionBlock(blocks.StructBlock):
    """A section of the plan (``I. MỤC ĐÍCH, YÊU CẦU``); its Roman numeral follows its position."""

    heading = blocks.CharBlock(
        max_length=200,
        label=_("Section heading"),
        help_text=_("Without its Roman numeral, e.g. MỤC ĐÍCH, YÊU CẦU."),
    )
    content = blocks.StreamBlock(
        [
            ("paragraph", ParagraphBlock()),
            ("bullets", BulletsBlock()),
            ("item", ItemBlock()),
            ("responsibility", ResponsibilityBlock()),
        ],
        label=_("Content"),
        required=False,
    )

    class Meta:
        icon = "doc-full"
        label = _("Section")
        value_class = SectionValue
        template = "components/streamfield/plan-section.html"
        preview_value = {
            "heading": "KINH PHÍ THỰC HIỆN",
            "content": [("paragraph", "Kinh phí thực hiện kế hoạch từ nguồn ngân sách được cấp.")],
        }
