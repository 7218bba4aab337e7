"""Builders for the pages and admin form data the tests need, and a reader of admin responses.

Pages are built in Python with StreamField raw data shaped like the school's 2026 plan; admin
form data is built with Wagtail's ``form_data`` helpers in the shape its own tests post.
"""

import datetime
import html
import json
import uuid

from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils.text import slugify
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from campaigns.models import CampaignPage
from home.models import NewsPage
from plans.models import PlanPage

ADMIN_DATE_FORMAT = "%d/%m/%Y"  # WAGTAIL_DATE_FORMAT: what the admin's date inputs send


def admin_date(value: datetime.date) -> str:
    """A date as the admin's date picker posts it: ``25/11/2026``."""
    return value.strftime(ADMIN_DATE_FORMAT)


def block_id() -> str:
    return str(uuid.uuid4())


def plan_sections(
    items=("Tăng cường công tác tuyên truyền", "Tổ chức các hoạt động hưởng ứng"),
    parties=("BCH Đoàn trường", "Giáo viên chủ nhiệm"),
):
    """Raw ``sections`` data: I. purposes (paragraph and bullets), II. numbered ``items``,
    III. funding (a paragraph), IV. one responsibility per party in ``parties``."""
    return [
        {
            "type": "section",
            "id": block_id(),
            "value": {
                "heading": "MỤC ĐÍCH, YÊU CẦU",
                "content": [
                    {
                        "type": "paragraph",
                        "id": block_id(),
                        "value": "Nâng cao nhận thức về bình đẳng giới trong nhà trường.",
                    },
                    {
                        "type": "bullets",
                        "id": block_id(),
                        "value": [
                            "Tuyên truyền chủ trương, đường lối của Đảng về bình đẳng giới.",
                            "Phòng, chống bạo lực trên cơ sở giới.",
                        ],
                    },
                ],
            },
        },
        {
            "type": "section",
            "id": block_id(),
            "value": {
                "heading": "NỘI DUNG THỰC HIỆN",
                "content": [
                    {
                        "type": "item",
                        "id": block_id(),
                        "value": {
                            "title": title,
                            "content": [
                                {
                                    "type": "paragraph",
                                    "id": block_id(),
                                    "value": f"Nội dung của mục “{title}”.",
                                }
                            ],
                        },
                    }
                    for title in items
                ],
            },
        },
        {
            "type": "section",
            "id": block_id(),
            "value": {
                "heading": "KINH PHÍ THỰC HIỆN",
                "content": [
                    {
                        "type": "paragraph",
                        "id": block_id(),
                        "value": "Kinh phí thực hiện kế hoạch từ nguồn ngân sách được cấp.",
                    }
                ],
            },
        },
        {
            "type": "section",
            "id": block_id(),
            "value": {
                "heading": "TỔ CHỨC THỰC HIỆN",
                "content": [
                    {
                        "type": "responsibility",
                        "id": block_id(),
                        "value": {
                            "party": party,
                            "duties": [
                                {
                                    "type": "paragraph",
                                    "id": block_id(),
                                    "value": f"{party} triển khai kế hoạch.",
                                }
                            ],
                        },
                    }
                    for party in parties
                ],
            },
        },
    ]


def make_plan(parent, *, year=2026, title=None, document_number="", issued_on=None, **kwargs):
    """A plan under ``parent`` (a PlanIndexPage) with sections I–IV, saved and live."""
    plan = PlanPage(
        title=title or f"Kế hoạch thực hiện công tác bình đẳng giới năm {year}",
        year=year,
        subject=f"Thực hiện công tác vì sự tiến bộ của phụ nữ và bình đẳng giới năm {year}",
        document_number=document_number,
        issued_on=issued_on,
        legal_bases=[
            {
                "type": "basis",
                "id": block_id(),
                "value": "Căn cứ Luật Bình đẳng giới ngày 29 tháng 11 năm 2006;",
            }
        ],
        sections=kwargs.pop("sections", None) or plan_sections(),
        recipients=[
            {"type": "recipient", "id": block_id(), "value": "Sở GD&ĐT (để báo cáo)"},
            {"type": "recipient", "id": block_id(), "value": "Lưu: VT"},
        ],
        signer_name="Nguyễn Thị Lan",
        **kwargs,
    )
    parent.add_child(instance=plan)
    return plan


def make_campaign(parent, *, title="Tháng hành động vì bình đẳng giới 2026", **kwargs):
    """A campaign under ``parent`` (a CampaignIndexPage), saved and live."""
    fields = {
        "observance": "action-month",
        "start_date": datetime.date(2026, 11, 15),
        "end_date": datetime.date(2026, 12, 15),
        "summary": "Các hoạt động hưởng ứng Tháng hành động vì bình đẳng giới.",
        **kwargs,
    }
    campaign = CampaignPage(title=title, **fields)
    parent.add_child(instance=campaign)
    return campaign


def make_news(parent, *, title="Sinh hoạt dưới cờ về bình đẳng giới", **kwargs):
    """A news item under ``parent`` (a NewsIndexPage), saved and live."""
    fields = {
        "date": datetime.date(2026, 11, 25),
        "summary": "Toàn trường sinh hoạt dưới cờ về phòng, chống bạo lực trên cơ sở giới.",
        "body": [
            {
                "type": "paragraph",
                "id": block_id(),
                "value": "<p>Đoàn trường tổ chức buổi sinh hoạt dưới cờ.</p>",
            }
        ],
        **kwargs,
    }
    news = NewsPage(title=title, **fields)
    parent.add_child(instance=news)
    return news


def publish_translations(language_code, pages_and_fields):
    """Translate each page into ``language_code`` with the given fields (title, slug…) and
    publish it, as a reviewed translation is: ``[(page, {field: value}), …]``, parents first."""
    from wagtail.models import Locale

    locale = Locale.objects.get(language_code=language_code)
    for page, fields in pages_and_fields:
        translation = page.copy_for_translation(locale).specific
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.save()
        translation.save_revision().publish()


def listblock(values):
    """ListBlock form data: ``prefix-count``, ``prefix-0-value``, …"""
    data = {
        str(index): {"value": value, "deleted": "", "order": str(index)}
        for index, value in enumerate(values)
    }
    data["count"] = str(len(values))
    return data


def base_page_data(title, slug=None):
    """What every page's add form posts besides its own fields: title, promote and settings tabs,
    and the (empty) comments formset. Without ``slug``, the Unicode slug the admin's script fills
    in from the title (WAGTAIL_ALLOW_UNICODE_SLUGS is on)."""
    return {
        "title": title,
        "slug": slugify(title, allow_unicode=True) if slug is None else slug,
        "seo_title": "",
        "search_description": "",
        "listing_summary": "",
        "listing_image": "",
        "go_live_at": "",
        "expire_at": "",
        "comments": inline_formset([]),
    }


def news_form_data(title, slug=None, **fields):
    return nested_form_data(
        {
            **base_page_data(title, slug),
            "date": "25/11/2026",
            "related_campaign": "",
            "tags": "",
            "summary": "Toàn trường sinh hoạt dưới cờ về phòng, chống bạo lực trên cơ sở giới.",
            "image": "",
            "body": streamfield(
                [("paragraph", rich_text("<p>Đoàn trường tổ chức buổi sinh hoạt dưới cờ.</p>"))]
            ),
            **fields,
        }
    )


def index_form_data(title, slug=None, **fields):
    return nested_form_data(
        {**base_page_data(title, slug), "intro": rich_text("<p>Giới thiệu.</p>"), **fields}
    )


def campaign_form_data(title, slug=None, **fields):
    return nested_form_data(
        {
            **base_page_data(title, slug),
            "observance": "action-month",
            "start_date": "15/11/2026",
            "end_date": "15/12/2026",
            "responsible_unit": "BCH Đoàn trường",
            "plan": "",
            "plan_item": "",
            "summary": "Các hoạt động hưởng ứng Tháng hành động vì bình đẳng giới.",
            "activities": streamfield([]),
            "body": streamfield([]),
            "gallery": streamfield([]),
            **fields,
        }
    )


def activity(date, title="Sinh hoạt dưới cờ", place="Sân trường", audience="Toàn trường"):
    """One ``activity`` block of the campaign form, dated ``date`` (a ``dd/mm/yyyy`` string)."""
    return (
        "activity",
        {
            "date": date,
            "time": "",
            "title": title,
            "place": place,
            "audience": audience,
            "description": "",
        },
    )


def plan_form_data(title, slug=None, **fields):
    return nested_form_data(
        {
            **base_page_data(title, slug),
            "issuing_authority": "SỞ GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ CẦN THƠ",
            "issuer": "TRƯỜNG THPT SÓC TRĂNG",
            "document_number": "",
            "document_code": "KH-THPTST",
            "place": "Mỹ Xuyên",
            "issued_on": "",
            "year": "2026",
            "subject": "Thực hiện công tác vì sự tiến bộ của phụ nữ và bình đẳng giới năm 2026",
            "legal_bases": streamfield(
                [("basis", "Căn cứ Luật Bình đẳng giới ngày 29 tháng 11 năm 2006;")]
            ),
            "preamble": "Trường THPT Sóc Trăng xây dựng kế hoạch. Cụ thể như sau:",
            "sections": streamfield(
                [
                    (
                        "section",
                        {
                            "heading": "NỘI DUNG THỰC HIỆN",
                            "content": streamfield(
                                [
                                    (
                                        "item",
                                        {
                                            "title": "Tăng cường công tác tuyên truyền",
                                            "content": streamfield(
                                                [
                                                    (
                                                        "bullets",
                                                        listblock(
                                                            [
                                                                "Tuyên truyền chủ trương của Đảng.",
                                                                "Phòng, chống bạo lực giới.",
                                                            ]
                                                        ),
                                                    )
                                                ]
                                            ),
                                        },
                                    )
                                ]
                            ),
                        },
                    )
                ]
            ),
            "closing": "Trên đây là Kế hoạch thực hiện công tác bình đẳng giới năm 2026./.",
            "recipients": streamfield([("recipient", "Lưu: VT")]),
            "signature_authority": "KT. HIỆU TRƯỞNG",
            "signer_title": "PHÓ HIỆU TRƯỞNG",
            "signer_name": "Nguyễn Thị Lan",
            **fields,
        }
    )


def add_page_url(parent, model):
    """The admin's add form for a ``model`` page under ``parent``."""
    return reverse(
        "wagtailadmin_pages:add",
        args=(model._meta.app_label, model._meta.model_name, parent.id),
    )


def shown_text(response) -> str:
    """What an editor reads on an admin page: its text, plus the values and error messages of
    its stream fields, which the admin's script draws from JSON in ``data-w-block-arguments-value``
    attributes (Vietnamese there is ``\\u``-escaped, so it is decoded here)."""
    content = response.content.decode()
    parts = [html.unescape(content)]
    for tag in BeautifulSoup(content, "html.parser").select("[data-w-block-arguments-value]"):
        arguments = json.loads(tag["data-w-block-arguments-value"])
        parts.append(json.dumps(arguments, ensure_ascii=False))
    return "\n".join(parts)
