"""Blocks of a campaign: its dated activities."""

import datetime

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class ActivityBlock(blocks.StructBlock):
    """One activity of a campaign: when, where, for whom and what."""

    date = blocks.DateBlock(label=_("Date"))
    time = blocks.TimeBlock(label=_("Time"), required=False)
    title = blocks.CharBlock(label=_("Activity"), max_length=200)
    place = blocks.CharBlock(
        label=_("Place"), max_length=200, help_text=_("e.g. Sân trường, Hội trường A.")
    )
    audience = blocks.CharBlock(
        label=_("Audience"), max_length=200, help_text=_("e.g. Học sinh khối 10, toàn trường.")
    )
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "date"
        label = _("Activity")
        template = "components/streamfield/campaign-activity.html"
        preview_value = {
            "date": datetime.date(2026, 11, 25),
            "title": "Sinh hoạt dưới cờ chủ đề phòng, chống bạo lực trên cơ sở giới",
            "place": "Sân trường",
            "audience": "Toàn trường",
        }
