"""Bad input, sent the way people (and attackers) send it: the admin's page, image and document
forms as the real roles, the sign-in and password-reset forms, the public search and listings,
and requests without their CSRF token. Each case gets a clear Vietnamese answer, never a 500,
and nothing half-saved: no new page, revision, image, document or stored file, the live page
unchanged (docs/security.md, *Bad input*).

Messages are compared with the catalogue's Vietnamese: ``vi(msgid)`` is the msgid's gettext
under Vietnamese, for the project's own messages and for Django's and Wagtail's shipped ones.
"""

import datetime
import io
import json
import re
import struct
import zlib

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from PIL import Image as PILImage
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Revision, TaskState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from campaigns.models import CampaignPage
from home.models import NewsIndexPage, NewsPage
from plans.models import PlanPage

from ..conftest import PASSWORD
from ..factories import (
    activity,
    add_page_url,
    campaign_form_data,
    index_form_data,
    make_news,
    news_form_data,
    plan_form_data,
    shown_text,
)

Image = get_image_model()
Document = get_document_model()

XSS = '<script>alert("xss")</script>'
XSS_TITLE = f'Tin {XSS} & <img src=x onerror=alert(1)> "trích dẫn"'
EVIL = "evil.example"
# Where an upload named …/anh.png is stored (Django adds a suffix when the name is taken).
SAFE_ANH = re.compile(r"original_images/anh(_[A-Za-z0-9]{7})?\.png")

# Django's and Wagtail's messages, as their msgids (their Vietnamese ships in locale/ and Django).
GO_LIVE_AFTER_EXPIRY = "Go live date/time must be before expiry date/time"
EXPIRY_IN_PAST = "Expiry date/time must be in the future."
INVALID_DATE = "Enter a valid date."
INVALID_DATETIME = "Enter a valid date/time."
INVALID_TIME = "Enter a valid time."
SLUG_TAKEN = "The slug '%(page_slug)s' is already in use within the parent page."
INVALID_SLUG = (
    "Enter a valid “slug” consisting of Unicode letters, numbers, underscores, or hyphens."
)
MIN_VALUE = "Ensure this value is greater than or equal to %(limit_value)s."
WHOLE_NUMBER = "Enter a whole number."
NOT_AN_IMAGE = (
    "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
)
IMAGE_EXTENSION = "Not a supported image format. Supported formats: %(supported_formats)s."
IMAGE_FORMAT_MISMATCH = (
    "Not a valid .%(extension)s image. The extension does not match the file format "
    "(%(image_format)s)"
)
FILE_TOO_BIG = "This file is too big (%(file_size)s). Maximum filesize %(max_filesize)s."
TOO_MANY_PIXELS = (
    "This file has too many pixels (%(num_pixels)s). Maximum pixels %(max_pixels_count)s."
)
DOC_EXTENSION = (
    "File extension “%(extension)s” is not allowed. Allowed extensions are: %(allowed_extensions)s."
)
NULL_CHARACTERS = "Null characters are not allowed."
NO_PERMISSION = "Sorry, you do not have permission to access this area."
INVALID_EMAIL = "Enter a valid email address."
# The project's own (cms/models/workflow.py, templates/4xx.html).
NOT_IN_FUTURE = "The publication time must be in the future."
CSRF_HEADING = "The form has expired"
CSRF_HELP = (
    "For your safety, the form you sent could not be accepted: it was opened too long ago, or "
    "from another site. Go back, reload the page and send it again."
)
BAD_REQUEST_HEADING = "The request could not be handled"
BAD_REQUEST_HELP = (
    "What was sent is too large or malformed. Go back to the previous page and try again."
)


SHIPPED = [
    GO_LIVE_AFTER_EXPIRY,
    EXPIRY_IN_PAST,
    INVALID_DATE,
    INVALID_DATETIME,
    INVALID_TIME,
    SLUG_TAKEN,
    INVALID_SLUG,
    MIN_VALUE,
    WHOLE_NUMBER,
    NOT_AN_IMAGE,
    IMAGE_EXTENSION,
    IMAGE_FORMAT_MISMATCH,
    FILE_TOO_BIG,
    TOO_MANY_PIXELS,
    DOC_EXTENSION,
    NULL_CHARACTERS,
    NO_PERMISSION,
    INVALID_EMAIL,
    NOT_IN_FUTURE,
]


def test_every_shipped_message_used_here_has_its_vietnamese():
    """The comparisons below are with the Vietnamese: none may fall back to the English."""
    assert [message for message in SHIPPED if vi(message) == message] == []


def vi(message, *plural):
    """The Vietnamese of ``message`` (``plural``: the plural msgid and the count)."""
    with translation.override("vi"):
        return ngettext(message, *plural) if plural else gettext(message)


def head(message):
    """A message's Vietnamese up to its first placeholder: the part that holds no value."""
    return vi(message).split("%(")[0]


def text(response):
    """What the reader or editor reads: the page's text and its stream fields' messages."""
    return " ".join(shown_text(response).split())


def json_text(html):
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def field_errors(response, field):
    return " ".join(str(error) for error in response.context["form"].errors.get(field, []))


def assert_not_500(response):
    assert response.status_code < 500, response.status_code


def revisions(page):
    return Revision.page_revisions.filter(object_id=str(page.pk)).count()


def stored_files(folder=""):
    """Every file in the default storage (in memory in tests), as a set of names."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return set()
    names = {f"{folder}{name}" for name in files}
    for sub in folders:
        names |= stored_files(f"{folder}{sub}/")
    return names


def png_bytes(size=(64, 48)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "#6a1b4d").save(buffer, format="PNG")
    return buffer.getvalue()


def png_claiming(width, height):
    """A tiny PNG whose header claims ``width`` × ``height`` pixels: a decompression bomb's
    shape (Pillow reads the size from the header before any pixel)."""
    data = bytearray(png_bytes((1, 1)))
    # Signature (8 bytes), then the IHDR chunk: length (4), type (4), width, height, …, CRC.
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<script>alert(document.cookie)</script><rect width="10" height="10"/></svg>'
)
HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def upload_file(content, name):
    buffer = io.BytesIO(content)
    buffer.name = name
    return buffer


def multipart(fields, file_field, filename, content):
    """A multipart body sent as a hand-made client would send it: the file name exactly as
    given (Django's test client, like browsers, would keep only its last part)."""
    boundary = "----cmsBadInputBoundary"
    lines = []
    for name, value in fields.items():
        lines += [
            f"--{boundary}".encode(),
            f'Content-Disposition: form-data; name="{name}"'.encode(),
            b"",
            str(value).encode(),
        ]
    lines += [
        f"--{boundary}".encode(),
        f'Content-Disposition: form-data; name="{file_field}"; filename="'.encode()
        + filename.encode("utf-8")
        + b'"',
        b"Content-Type: application/octet-stream",
        b"",
        content,
        f"--{boundary}--".encode(),
        b"",
    ]
    return b"\r\n".join(lines), f"multipart/form-data; boundary={boundary}"


def root_collection():
    return Collection.get_first_root_node().pk


def add_image(client, content, name, **fields):
    data = {
        "title": "Hội thi vẽ tranh",
        "description": "Học sinh lớp 11A1 trình bày tranh về bình đẳng giới",
        "collection": root_collection(),
        "tags": "",
        "file": upload_file(content, name),
        **fields,
    }
    return client.post(reverse("wagtailimages:add"), data)


def add_image_raw(client, filename, content):
    body, content_type = multipart(
        {
            "title": "Hội thi vẽ tranh",
            "description": "Học sinh lớp 11A1 trình bày tranh về bình đẳng giới",
            "collection": root_collection(),
            "tags": "",
        },
        "file",
        filename,
        content,
    )
    return client.post(reverse("wagtailimages:add"), body, content_type=content_type)


def add_images(client, content, name):
    """The multiple uploader's request for one file (what its script posts)."""
    return client.post(
        reverse("wagtailimages:add_multiple"),
        {"collection": root_collection(), "files[]": upload_file(content, name)},
    )


def add_document(client, content, name):
    data = {
        "title": "Kế hoạch năm 2026",
        "collection": root_collection(),
        "tags": "",
        "file": upload_file(content, name),
    }
    return client.post(reverse("wagtaildocs:add"), data)


def add_documents(client, content, name):
    return client.post(
        reverse("wagtaildocs:add_multiple"),
        {"collection": root_collection(), "files[]": upload_file(content, name)},
    )


@pytest.fixture
def news(news_index):
    """A live news item, as the Youth Union's edits find it."""
    return make_news(news_index, title="Sinh hoạt dưới cờ về bình đẳng giới", slug="sinh-hoat")


def edit_news(user, page, **fields):
    data = news_form_data(fields.pop("title", page.title), fields.pop("slug", page.slug), **fields)
    return user.save(page, data)


def assert_edit_refused(response, page, field, message):
    """Re-shown (200) with ``message`` on ``field``; no revision; the live page unchanged."""
    assert response.status_code == 200
    assert field in response.context["form"].errors, response.context["form"].errors
    assert message in field_errors(response, field)
    assert message in text(response)
    live = NewsPage.objects.get(pk=page.pk)
    assert revisions(live) == 0
    assert (live.title, live.slug, live.live) == (page.title, page.slug, True)
    assert not live.has_unpublished_changes


# Dates and times ---------------------------------------------------------------------------------


class TestDates:
    def test_expiry_before_go_live_is_refused(self, youth, news):
        response = edit_news(
            youth, news, go_live_at="20/12/2030 08:00", expire_at="10/12/2030 08:00"
        )
        assert_edit_refused(response, news, "go_live_at", vi(GO_LIVE_AFTER_EXPIRY))

    def test_expiry_in_the_past_is_refused(self, youth, news):
        response = edit_news(youth, news, expire_at="01/01/2020 08:00")
        assert_edit_refused(response, news, "expire_at", vi(EXPIRY_IN_PAST))

    def test_malformed_go_live_time_is_refused(self, youth, news):
        response = edit_news(youth, news, go_live_at="32/13/2030 25:61")
        assert_edit_refused(response, news, "go_live_at", vi(INVALID_DATETIME))

    def test_impossible_calendar_date_is_refused(self, youth, news):
        response = edit_news(youth, news, date="31/02/2026")
        assert_edit_refused(response, news, "date", vi(INVALID_DATE))

    def test_date_in_words_is_refused(self, youth, news):
        response = edit_news(youth, news, date="ngày 25 tháng 11")
        assert_edit_refused(response, news, "date", vi(INVALID_DATE))

    def test_malformed_activity_time_is_refused(self, youth, campaign_index):
        bad = activity("20/11/2026")
        bad[1]["time"] = "25:99"
        data = campaign_form_data("Tháng hành động 2026", activities=streamfield([bad]))
        response = youth.client.post(add_page_url(campaign_index, CampaignPage), data)
        assert response.status_code == 200
        assert "activities" in response.context["form"].errors
        assert vi(INVALID_TIME) in text(response)
        assert not CampaignPage.objects.exists()

    def test_plan_year_before_2000_is_refused(self, youth, plan_index):
        data = plan_form_data("Kế hoạch năm 1999", year="1999")
        response = youth.client.post(add_page_url(plan_index, PlanPage), data)
        assert response.status_code == 200
        assert head(MIN_VALUE) in field_errors(response, "year")
        assert not PlanPage.objects.exists()

    def test_plan_year_in_words_is_refused(self, youth, plan_index):
        data = plan_form_data("Kế hoạch năm nay", year="hai nghìn hai mươi sáu")
        response = youth.client.post(add_page_url(plan_index, PlanPage), data)
        assert response.status_code == 200
        assert vi(WHOLE_NUMBER) in field_errors(response, "year")
        assert not PlanPage.objects.exists()

    def test_approval_with_a_past_go_live_says_why_in_vietnamese(
        self, youth, committee, vice_principal, news_index
    ):
        page = submitted_news(youth, news_index)
        committee.approve(page)
        past = timezone.localtime() - datetime.timedelta(hours=1)
        response = approve_in_modal(
            vice_principal, page, go_live_at=past.strftime("%d/%m/%Y %H:%M")
        )
        assert response.status_code == 200
        assert vi(NOT_IN_FUTURE) in json_text(response.json()["html"])
        assert_still_at_final_step(page)

    def test_approval_with_a_malformed_go_live_is_refused(
        self, youth, committee, vice_principal, news_index
    ):
        page = submitted_news(youth, news_index)
        committee.approve(page)
        response = approve_in_modal(vice_principal, page, go_live_at="mai 8 giờ sáng")
        assert response.status_code == 200
        assert vi(INVALID_DATETIME) in json_text(response.json()["html"])
        assert_still_at_final_step(page)


def approve_in_modal(reviewer, page, **form):
    """The final approval as the dashboard's modal posts it (its script sends the form with
    ``X-Requested-With``, and shows the form again with its errors)."""
    state = NewsPage.objects.get(pk=page.pk).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", state.pk))
    return reviewer.client.post(url, form, HTTP_X_REQUESTED_WITH="XMLHttpRequest")


def submitted_news(youth, news_index):
    data = news_form_data("Tin chờ duyệt", "tin-cho-duyet")
    data["action-submit"] = "1"
    assert youth.client.post(add_page_url(news_index, NewsPage), data).status_code == 302
    return NewsPage.objects.get(slug="tin-cho-duyet")


def assert_still_at_final_step(page):
    page = NewsPage.objects.get(pk=page.pk)
    assert not page.live
    state = page.current_workflow_task_state
    assert state is not None and state.status == TaskState.STATUS_IN_PROGRESS
    assert state.task.specific.is_final
    assert page.get_latest_revision().approved_go_live_at is None


# Titles and slugs --------------------------------------------------------------------------------


class TestTitlesAndSlugs:
    def test_title_over_255_characters_is_refused(self, youth, news):
        response = edit_news(youth, news, title="Bình đẳng giới" * 20)
        message = vi(
            "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
            "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
            255,
        ) % {"limit_value": 255, "show_value": 280}
        assert_edit_refused(response, news, "title", message)

    def test_title_with_a_nul_character_is_refused(self, youth, news):
        response = edit_news(youth, news, title="Sinh hoạt\x00 dưới cờ")
        assert_edit_refused(response, news, "title", vi(NULL_CHARACTERS))

    def test_slug_over_255_characters_is_refused(self, youth, news):
        response = edit_news(youth, news, slug="a" * 300)
        message = vi(
            "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
            "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
            255,
        ) % {"limit_value": 255, "show_value": 300}
        assert_edit_refused(response, news, "slug", message)

    def test_slug_of_punctuation_only_is_refused(self, youth, news):
        response = edit_news(youth, news, slug="???!!!")
        assert_edit_refused(response, news, "slug", vi(INVALID_SLUG))

    def test_slug_with_path_and_markup_is_folded_to_a_safe_slug(self, youth, news_index):
        data = news_form_data("Tin mới", slug="../../admin/<script>?x=1#đẳng giới")
        response = youth.client.post(add_page_url(news_index, NewsPage), data)
        assert response.status_code == 302
        page = NewsPage.objects.child_of(news_index).get()
        assert page.slug == "adminscriptx1dang-gioi"
        assert page.url_path == f"{news_index.url_path}{page.slug}/"

    def test_duplicate_slug_among_siblings_is_refused(self, youth, news_index, news):
        data = news_form_data("Một tin khác", slug=news.slug)
        response = youth.client.post(add_page_url(news_index, NewsPage), data)
        assert response.status_code == 200
        message = vi(SLUG_TAKEN) % {"page_slug": news.slug}
        assert message in field_errors(response, "slug")
        assert message in text(response)
        assert NewsPage.objects.child_of(news_index).count() == 1

    def test_renaming_onto_a_siblings_slug_is_refused(self, youth, news_index, news):
        other = make_news(news_index, title="Tin thứ hai", slug="tin-thu-hai")
        response = edit_news(youth, other, slug=news.slug)
        assert response.status_code == 200
        assert "slug" in response.context["form"].errors
        assert vi(SLUG_TAKEN) % {"page_slug": news.slug} in text(response)
        other.refresh_from_db()
        assert other.slug == "tin-thu-hai" and revisions(other) == 0

    def test_translation_onto_a_taken_english_slug_gets_a_free_one(self, youth, news_index, news):
        english = Locale.objects.get(language_code="en")
        en_index = news_index.copy_for_translation(english, copy_parents=True)
        taken = NewsPage(
            title="Flag ceremony",
            slug=news.slug,
            locale=english,
            date=datetime.date(2026, 11, 25),
            summary="An English page that holds the slug first.",
        )
        en_index.add_child(instance=taken)
        response = youth.client.post(
            reverse("wagtail_localize:submit_page_translation", args=(news.pk,)),
            {"locales": [english.pk]},
        )
        assert_not_500(response)
        assert response.status_code == 302
        translated = NewsPage.objects.get(translation_key=news.translation_key, locale=english)
        assert translated.slug != news.slug
        assert translated.slug.startswith(news.slug)
        assert NewsPage.objects.get(pk=taken.pk).slug == news.slug


# Markup in what editors type ---------------------------------------------------------------------


@pytest.fixture
def xss_news(youth, news_index, superuser):
    """A news item whose title, summary and listing summary carry markup and script, saved
    through the admin by the Youth Union, then published (by IT, to read it everywhere)."""
    data = news_form_data(
        XSS_TITLE,
        slug="tin-co-the",
        summary=f"Tóm tắt {XSS}",
        listing_summary=f"Danh sách {XSS}",
        seo_title=f"SEO {XSS}",
        tags="",
    )
    response = youth.client.post(add_page_url(news_index, NewsPage), data)
    assert response.status_code == 302
    page = NewsPage.objects.get(slug="tin-co-the")
    page.get_latest_revision().publish(user=superuser)
    page.refresh_from_db()
    assert page.title == XSS_TITLE  # stored as the text typed, not cleaned into something else
    return page


def assert_no_script(content):
    """No script or event handler of the editor's reaches the markup: only escaped text."""
    assert "<script>alert" not in content
    soup = BeautifulSoup(content, "html.parser")
    assert [tag for tag in soup.find_all("script") if "alert" in tag.get_text()] == []
    assert not soup.find("img", attrs={"onerror": True})


class TestMarkupInTitles:
    def test_public_page_title_and_link_previews_escape_it(self, client, xss_news):
        response = client.get(xss_news.url)
        assert response.status_code == 200
        content = response.content.decode()
        assert_no_script(content)
        soup = BeautifulSoup(content, "html.parser")
        assert XSS in soup.title.get_text()  # shown as text, escaped in the markup
        og_title = soup.find("meta", property="og:title")
        assert og_title is not None and "<script>" in og_title["content"]
        assert "<script>alert" not in content

    def test_list_and_home_page_escape_it(self, client, xss_news, news_index):
        for url in (news_index.url, "/"):
            response = client.get(url)
            assert response.status_code == 200
            assert "<script>alert" not in response.content.decode()
            assert_no_script(response.content.decode())

    def test_feeds_escape_it(self, client, xss_news, news_index):
        for feed in ("rss/", "atom/"):
            response = client.get(news_index.url + feed)
            assert response.status_code == 200
            content = response.content.decode()
            assert "<script>alert" not in content
            assert "&lt;script&gt;" in content

    def test_search_results_escape_it(self, client, xss_news):
        response = client.get("/search/", {"q": "Tin trích dẫn"})
        assert response.status_code == 200
        content = response.content.decode()
        assert "<script>alert" not in content
        assert_no_script(content)

    def test_admin_listings_escape_it(self, youth, xss_news, news_index):
        for url in (
            reverse("wagtailadmin_explore", args=(news_index.pk,)),
            reverse("wagtailadmin_pages:edit", args=(xss_news.pk,)),
            reverse("wagtailadmin_home"),
        ):
            response = youth.client.get(url)
            assert response.status_code == 200, url
            assert "<script>alert" not in response.content.decode(), url

    def test_sitemap_has_only_the_folded_slug(self, client, xss_news):
        response = client.get("/sitemap.xml")
        assert response.status_code == 200
        content = response.content.decode()
        assert "/tin-tuc/tin-co-the/" in content
        assert "<script" not in content


# Links and blocks in rich text -------------------------------------------------------------------


def paragraph_with_link(url):
    """A Draftail paragraph (contentstate JSON, as the editor's script posts it) whose words
    link to ``url``."""
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "text": "Xem chi tiết tại đây",
                    "type": "unstyled",
                    "depth": 0,
                    "inlineStyleRanges": [],
                    "entityRanges": [{"offset": 0, "length": 20, "key": 0}],
                    "data": {},
                }
            ],
            "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}},
        }
    )


def post_news_with_link(youth, news_index, superuser, url):
    data = news_form_data(
        "Tin có liên kết", slug="tin-lien-ket", body=streamfield([("paragraph", "")])
    )
    data["body-0-value"] = paragraph_with_link(url)
    response = youth.client.post(add_page_url(news_index, NewsPage), data)
    assert response.status_code == 302
    page = NewsPage.objects.get(slug="tin-lien-ket")
    page.get_latest_revision().publish(user=superuser)
    page.refresh_from_db()
    return page


def assert_link_dropped(client, page, scheme):
    stored = str(page.body[0].value.source)
    assert scheme not in stored.lower()
    assert "Xem chi tiết tại đây" in stored  # the words stay; only the link goes
    content = client.get(page.url).content.decode()
    soup = BeautifulSoup(content, "html.parser")
    hrefs = [a.get("href", "") for a in soup.find_all("a")]
    assert not any(scheme in href.lower() for href in hrefs)


class TestRichTextLinks:
    def test_javascript_link_is_dropped(self, client, youth, news_index, superuser):
        page = post_news_with_link(youth, news_index, superuser, "JaVaScRiPt:alert(1)")
        assert_link_dropped(client, page, "javascript:")

    def test_data_link_is_dropped(self, client, youth, news_index, superuser):
        url = "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="
        page = post_news_with_link(youth, news_index, superuser, url)
        assert_link_dropped(client, page, "data:")

    def test_vbscript_link_is_dropped(self, client, youth, news_index, superuser):
        page = post_news_with_link(youth, news_index, superuser, "vbscript:msgbox(1)")
        assert_link_dropped(client, page, "vbscript:")

    def test_javascript_link_in_a_list_introduction_is_dropped(self, youth, news_index):
        # The index pages' introduction is a RichTextField, not a block: the same rule holds.
        data = index_form_data(news_index.title, news_index.slug)
        data["intro"] = paragraph_with_link("javascript:alert(document.cookie)")
        response = youth.save(news_index, data)
        assert response.status_code == 302
        draft = NewsIndexPage.objects.get(pk=news_index.pk).get_latest_revision_as_object()
        assert "Xem chi tiết tại đây" in draft.intro
        assert "javascript:" not in draft.intro.lower()

    def test_raw_html_typed_in_a_paragraph_stays_text(self, client, youth, news_index, superuser):
        data = news_form_data(
            "Tin có mã", slug="tin-co-ma", body=streamfield([("paragraph", rich_text("<p>x</p>"))])
        )
        state = json.loads(data["body-0-value"])
        state["blocks"][0]["text"] = XSS
        data["body-0-value"] = json.dumps(state)
        assert youth.client.post(add_page_url(news_index, NewsPage), data).status_code == 302
        page = NewsPage.objects.get(slug="tin-co-ma")
        page.get_latest_revision().publish(user=superuser)
        content = client.get(page.url).content.decode()
        assert "&lt;script&gt;" in content
        assert "<script>alert" not in content

    def test_nul_in_a_paragraph_is_not_stored(self, youth, news):
        # Pasted from some PDFs; PostgreSQL's JSON refuses \u0000, so it must never reach it.
        data = news_form_data(news.title, news.slug)
        state = json.loads(data["body-0-value"])
        state["blocks"][0]["text"] = "Đoàn trường\x00 tổ chức"
        data["body-0-value"] = json.dumps(state)
        response = youth.save(news, data)
        assert_not_500(response)
        latest = NewsPage.objects.get(pk=news.pk).get_latest_revision_as_object()
        assert "\x00" not in str(latest.body[0].value.source)
        assert "Đoàn trường" in str(latest.body[0].value.source)

    def test_raw_html_block_posted_by_hand_is_dropped(self, youth, news):
        """No block takes raw HTML (cms/blocks.py); one posted anyway is not stored."""
        data = news_form_data(news.title, news.slug)
        data.update(
            {
                "body-count": "1",
                "body-0-type": "raw_html",
                "body-0-value": XSS,
                "body-0-deleted": "",
                "body-0-order": "0",
                "body-0-id": "6a8e9e4c-0000-4000-8000-000000000001",
            }
        )
        response = youth.save(news, data)
        assert response.status_code == 302
        latest = NewsPage.objects.get(pk=news.pk).get_latest_revision_as_object()
        assert [block["type"] for block in latest.body.raw_data] == []
        assert "<script" not in str(latest.body.raw_data)


# Image uploads -----------------------------------------------------------------------------------


@pytest.fixture
def storage_before():
    return stored_files()


def assert_no_image_saved(storage_before):
    assert not Image.objects.exists()
    assert stored_files() - storage_before == set()


class TestImageUploads:
    def test_svg_with_script_is_refused(self, youth, storage_before):
        response = add_image(youth.client, SVG_WITH_SCRIPT, "bieu-do.svg")
        assert response.status_code == 200
        assert head(IMAGE_EXTENSION) in field_errors(response, "file")
        assert head(IMAGE_EXTENSION) in text(response)
        assert_no_image_saved(storage_before)

    def test_svg_named_png_is_refused_by_the_multiple_uploader(self, youth, storage_before):
        response = add_images(youth.client, SVG_WITH_SCRIPT, "bieu-do.png")
        assert response.status_code == 200
        data = response.json()
        assert data["success"] is False
        assert head(IMAGE_FORMAT_MISMATCH) in data["error_message"]
        assert_no_image_saved(storage_before)

    def test_html_renamed_jpg_is_refused(self, youth, storage_before):
        response = add_image(youth.client, HTML_PAGE, "anh-hoat-dong.jpg")
        assert response.status_code == 200
        # Willow reads markup as SVG, which the extension does not match.
        assert head(IMAGE_FORMAT_MISMATCH) in field_errors(response, "file")
        assert_no_image_saved(storage_before)

    def test_real_png_named_html_is_refused(self, youth, storage_before):
        response = add_image(youth.client, png_bytes(), "anh-hoat-dong.html")
        assert response.status_code == 200
        assert head(IMAGE_EXTENSION) in field_errors(response, "file")
        assert_no_image_saved(storage_before)

    def test_real_png_named_svg_is_refused(self, youth, storage_before):
        response = add_image(youth.client, png_bytes(), "bieu-do.svg")
        assert response.status_code == 200
        assert head(IMAGE_EXTENSION) in field_errors(response, "file")
        assert_no_image_saved(storage_before)

    def test_image_over_the_size_limit_is_refused(self, youth, storage_before):
        big = png_bytes() + b"\0" * settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
        response = add_image(youth.client, big, "anh-qua-lon.png")
        assert response.status_code == 200
        assert head(FILE_TOO_BIG) in field_errors(response, "file")
        assert_no_image_saved(storage_before)

    def test_decompression_bomb_is_refused(self, youth, storage_before):
        response = add_image(youth.client, png_claiming(30_000, 30_000), "bom.png")
        assert response.status_code == 200
        assert head(TOO_MANY_PIXELS) in field_errors(response, "file")
        assert_no_image_saved(storage_before)

    def test_image_over_the_pixel_limit_is_refused(self, youth, storage_before):
        # Under Pillow's own bomb limit (2 × 89 million), over the site's: 10 000 × 9 000.
        response = add_images(youth.client, png_claiming(10_000, 9_000), "panorama.png")
        assert response.status_code == 200
        data = response.json()
        assert data["success"] is False
        assert data["error_message"] == vi(TOO_MANY_PIXELS) % {
            "num_pixels": 90_000_000,
            "max_pixels_count": settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS,
        }
        assert_no_image_saved(storage_before)

    def test_truncated_image_is_refused(self, youth, storage_before):
        # A photo cut short (an interrupted copy): its header is sound, its pixels missing.
        response = add_images(youth.client, png_claiming(2_000, 1_000), "anh-bi-cat.png")
        assert response.status_code == 200
        data = response.json()
        assert data["success"] is False
        assert data["error_message"] == vi(NOT_AN_IMAGE)
        assert_no_image_saved(storage_before)

    def test_traversal_in_the_file_name_is_stored_safely(self, youth):
        response = add_image_raw(youth.client, "../../../etc/cron.d/anh.png", png_bytes())
        assert response.status_code == 302
        assert SAFE_ANH.fullmatch(Image.objects.get().file.name)

    def test_windows_absolute_path_in_the_file_name_is_stored_safely(self, youth):
        response = add_image_raw(youth.client, "C:\\Windows\\System32\\anh.png", png_bytes())
        assert response.status_code == 302
        assert SAFE_ANH.fullmatch(Image.objects.get().file.name)

    def test_control_characters_in_the_file_name_are_removed(self, youth):
        response = add_image_raw(youth.client, "a\x01n\x1bh\x7f.png", png_bytes())
        assert_not_500(response)
        assert response.status_code == 302
        name = Image.objects.get().file.name
        assert name.startswith("original_images/") and name.endswith(".png")
        assert name.isprintable() and name.isascii()

    def test_very_long_file_name_is_shortened(self, youth):
        response = add_image(youth.client, png_bytes(), "ảnh-" * 80 + ".png")
        assert response.status_code == 302
        name = Image.objects.get().file.name
        assert len(name) <= 100
        assert name.startswith("original_images/") and name.endswith(".png")


# Document uploads --------------------------------------------------------------------------------


def assert_document_refused(response, extension, storage_before):
    assert response.status_code == 200
    message = vi(DOC_EXTENSION) % {
        "extension": extension,
        "allowed_extensions": ", ".join(settings.WAGTAILDOCS_EXTENSIONS),
    }
    assert message in field_errors(response, "file")
    assert message in text(response)
    assert not Document.objects.exists()
    assert stored_files() - storage_before == set()


class TestDocumentUploads:
    def test_html_document_is_refused(self, youth, storage_before):
        response = add_document(youth.client, HTML_PAGE, "ke-hoach.html")
        assert_document_refused(response, "html", storage_before)

    def test_svg_document_is_refused(self, youth, storage_before):
        response = add_document(youth.client, SVG_WITH_SCRIPT, "so-do.svg")
        assert_document_refused(response, "svg", storage_before)

    def test_javascript_document_is_refused(self, youth, storage_before):
        response = add_document(youth.client, b"alert(document.cookie)", "tien-ich.js")
        assert_document_refused(response, "js", storage_before)

    def test_executable_document_is_refused_by_the_multiple_uploader(self, youth, storage_before):
        response = add_documents(youth.client, b"MZ\x90\x00" + b"\0" * 64, "cai-dat.exe")
        assert response.status_code == 200
        data = response.json()
        assert data["success"] is False
        assert head(DOC_EXTENSION) in data["error_message"]
        assert not Document.objects.exists()
        assert stored_files() - storage_before == set()

    def test_document_over_the_size_limit_is_refused(self, youth, storage_before):
        big = b"%PDF-1.4\n" + b"0" * settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
        response = add_document(youth.client, big, "ke-hoach-quet.pdf")
        assert response.status_code == 200
        assert head(FILE_TOO_BIG) in field_errors(response, "file")
        assert not Document.objects.exists()
        assert stored_files() - storage_before == set()

    def test_traversal_in_a_document_name_is_stored_safely(self, youth):
        body, content_type = multipart(
            {"title": "Kế hoạch", "collection": root_collection(), "tags": ""},
            "file",
            "../../../../srv/cms/settings.pdf",
            b"%PDF-1.4\n",
        )
        response = youth.client.post(reverse("wagtaildocs:add"), body, content_type=content_type)
        assert response.status_code == 302
        assert re.fullmatch(
            r"documents/settings(_[A-Za-z0-9]{7})?\.pdf", Document.objects.get().file.name
        )

    def test_very_long_document_name_is_shortened(self, youth):
        response = add_document(youth.client, b"%PDF-1.4\n", "ke-hoach-" * 40 + ".pdf")
        assert response.status_code == 302
        name = Document.objects.get().file.name
        assert len(name) <= 100
        assert name.startswith("documents/ke-hoach-") and name.endswith(".pdf")

    def test_html_disguised_as_pdf_is_served_as_a_pdf_never_as_html(
        self, youth, client, disk_storage
    ):
        assert add_document(youth.client, HTML_PAGE, "ke-hoach.pdf").status_code == 302
        document = Document.objects.get()
        response = client.get(document.url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"

    def test_text_document_with_script_is_downloaded_as_plain_text(
        self, youth, client, disk_storage
    ):
        assert add_document(youth.client, HTML_PAGE, "ghi-chu.txt").status_code == 302
        response = client.get(Document.objects.get().url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/plain")
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"


# Searches ----------------------------------------------------------------------------------------


class TestSearches:
    def test_public_search_of_a_hundred_thousand_characters(self, client, news):
        response = client.get("/search/", {"q": "bình đẳng " * 10_000})
        assert response.status_code == 200
        assert len(response.content) < 200_000

    def test_admin_page_search_with_nul_and_control_characters(self, youth, news):
        response = youth.client.get(reverse("wagtailadmin_pages:search"), {"q": "bình\x00\x1b"})
        assert response.status_code == 200

    def test_admin_image_search_with_nul(self, youth):
        response = youth.client.get(reverse("wagtailimages:index"), {"q": "ảnh\x00"})
        assert response.status_code == 200

    def test_admin_document_search_with_nul(self, youth):
        response = youth.client.get(reverse("wagtaildocs:index"), {"q": "\x00' OR 1=1 --"})
        assert response.status_code == 200

    def test_admin_search_promotions_search_with_nul(self, superuser):
        client = Client()
        client.force_login(superuser)
        response = client.get(reverse("wagtailsearchpromotions:index"), {"q": "bình\x00"})
        assert response.status_code == 200

    def test_admin_page_search_of_ten_thousand_characters(self, youth, news):
        response = youth.client.get(reverse("wagtailadmin_pages:search"), {"q": "a" * 10_000})
        assert response.status_code == 200

    def test_news_tag_filter_with_nul(self, client, news, news_index):
        for url in (news_index.url, news_index.url + "rss/"):
            response = client.get(url, {"tag": "thang\x00hanh-dong"})
            assert response.status_code == 200, url


# Sign-in, password reset and redirects -----------------------------------------------------------


def sign_in(client, next_url, user):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": user.username, "password": PASSWORD, "next": next_url},
    )


class TestSignInAndRedirects:
    def test_user_name_with_nul_is_refused_in_vietnamese(self, client, youth_union_user):
        response = client.post(
            reverse("wagtailadmin_login"),
            {"username": "doan\x00truong", "password": PASSWORD},
        )
        assert response.status_code == 200
        assert vi(NULL_CHARACTERS) in text(response)
        assert "_auth_user_id" not in client.session

    @pytest.mark.parametrize(
        "next_url",
        [
            f"//{EVIL}/admin/",
            f"https://{EVIL}/",
            f"/\\{EVIL}/",
            "javascript:alert(document.cookie)",
            f"\\\\{EVIL}",
            f"https:{EVIL}",
        ],
        ids=["scheme-relative", "absolute", "backslash", "javascript", "unc", "no-slashes"],
    )
    def test_sign_in_never_redirects_off_site(self, client, youth_union_user, next_url):
        response = sign_in(client, next_url, youth_union_user)
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")

    def test_sign_in_page_does_not_echo_a_hostile_next(self, client, db):
        response = client.get(
            reverse("wagtailadmin_login"), {"next": '"><script>alert(1)</script>'}
        )
        assert response.status_code == 200
        assert "<script>alert(1)" not in response.content.decode()

    def test_sign_out_never_redirects_off_site(self, youth):
        response = youth.client.post(reverse("wagtailadmin_logout"), {"next": f"//{EVIL}/"})
        assert response.status_code == 302
        assert EVIL not in response["Location"]

    def test_password_reset_with_a_malformed_address_is_refused(self, client, db, mailoutbox):
        response = client.post(
            reverse("wagtailadmin_password_reset"), {"email": "doantruong@@\x00" + "a" * 5000}
        )
        assert response.status_code == 200
        shown = text(response)
        assert vi(INVALID_EMAIL) in shown or vi(NULL_CHARACTERS) in shown
        assert mailoutbox == []


# Requests without their CSRF token ---------------------------------------------------------------


@pytest.fixture
def strict_client():
    """A browser whose requests Django checks for the CSRF token, like a real one's."""
    return Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="vi")


def assert_csrf_refused(response):
    assert response.status_code == 403
    shown = text(response)
    assert vi(CSRF_HEADING) in shown
    assert vi(CSRF_HELP) in shown
    assert "CSRF verification failed" not in shown


class TestCsrf:
    def test_page_edit_without_token_is_refused(self, strict_client, youth_union_user, news):
        strict_client.force_login(youth_union_user)
        data = news_form_data("Tiêu đề bị đổi", news.slug)
        response = strict_client.post(reverse("wagtailadmin_pages:edit", args=(news.pk,)), data)
        assert_csrf_refused(response)
        assert revisions(news) == 0
        assert NewsPage.objects.get(pk=news.pk).title == news.title

    def test_sign_in_without_token_is_refused(self, strict_client, youth_union_user):
        response = strict_client.post(
            reverse("wagtailadmin_login"), {"username": "doantruong", "password": PASSWORD}
        )
        assert_csrf_refused(response)
        assert "_auth_user_id" not in strict_client.session

    def test_search_promotion_without_token_is_refused(self, strict_client, superuser, news):
        strict_client.force_login(superuser)
        data = nested_form_data(
            {
                "query_string": "bình đẳng",
                "editors_picks": {
                    "TOTAL_FORMS": "1",
                    "INITIAL_FORMS": "0",
                    "MIN_NUM_FORMS": "0",
                    "MAX_NUM_FORMS": "1000",
                    "0": {"page": str(news.pk), "sort_order": "0", "description": ""},
                },
            }
        )
        response = strict_client.post(reverse("wagtailsearchpromotions:add"), data)
        assert_csrf_refused(response)
        assert not SearchPromotion.objects.exists()
        assert not Query.objects.filter(query_string="bình đẳng").exists()

    def test_workflow_approval_without_token_is_refused(
        self, strict_client, youth, committee_user, news_index
    ):
        page = submitted_news(youth, news_index)
        state = page.current_workflow_task_state
        strict_client.force_login(committee_user)
        url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", state.pk))
        assert_csrf_refused(strict_client.post(url, {"comment": ""}))
        assert TaskState.objects.get(pk=state.pk).status == TaskState.STATUS_IN_PROGRESS

    def test_image_upload_without_token_is_refused(
        self, strict_client, youth_union_user, storage_before
    ):
        strict_client.force_login(youth_union_user)
        response = strict_client.post(
            reverse("wagtailimages:add"),
            {
                "title": "Ảnh",
                "description": "Ảnh hoạt động",
                "collection": root_collection(),
                "file": upload_file(png_bytes(), "anh.png"),
            },
        )
        assert_csrf_refused(response)
        assert_no_image_saved(storage_before)


class TestForgedAdminActions:
    """Actions a role may not take, posted by hand: Wagtail's admin answers with its Vietnamese
    message on the dashboard, and nothing changes."""

    def test_workflow_action_forged_by_the_submitter_is_refused_in_vietnamese(
        self, youth, news_index
    ):
        page = submitted_news(youth, news_index)
        state = page.current_workflow_task_state
        url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", state.pk))
        response = youth.client.post(url, {"comment": "Tự duyệt"}, follow=True)
        assert response.redirect_chain[0] == (reverse("wagtailadmin_home"), 302)
        assert response.status_code == 200
        assert vi(NO_PERMISSION) in text(response)
        assert TaskState.objects.get(pk=state.pk).status == TaskState.STATUS_IN_PROGRESS
        assert not NewsPage.objects.get(pk=page.pk).live

    def test_rescheduling_by_the_youth_union_is_refused_in_vietnamese(
        self, youth, committee, vice_principal, news_index
    ):
        page = submitted_news(youth, news_index)
        committee.approve(page)
        go_live = timezone.localtime() + datetime.timedelta(days=2)
        vice_principal.approve(page, go_live_at=go_live.strftime("%d/%m/%Y %H:%M"))
        revision = NewsPage.objects.get(pk=page.pk).get_latest_revision()
        assert revision.approved_go_live_at is not None
        response = youth.client.post(
            reverse("cms_reschedule", args=(revision.pk,)),
            {"go_live_at": "01/01/2030 08:00"},
            follow=True,
        )
        assert response.redirect_chain[0] == (reverse("wagtailadmin_home"), 302)
        assert vi(NO_PERMISSION) in text(response)
        revision.refresh_from_db()
        assert abs(revision.approved_go_live_at - go_live) < datetime.timedelta(minutes=1)


# Oversized and malformed requests ----------------------------------------------------------------


def assert_bad_request(response):
    assert response.status_code == 400
    shown = text(response)
    assert vi(BAD_REQUEST_HEADING) in shown
    assert vi(BAD_REQUEST_HELP) in shown


class TestMalformedRequests:
    def test_form_body_over_the_memory_limit_is_a_400(self, youth, news):
        data = news_form_data(news.title, news.slug)
        data["summary"] = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
        response = youth.client.post(
            reverse("wagtailadmin_pages:edit", args=(news.pk,)),
            data,
            HTTP_ACCEPT_LANGUAGE="vi",
        )
        assert_bad_request(response)
        assert revisions(news) == 0

    def test_too_many_form_fields_is_a_400(self, client, db):
        fields = "&".join(f"f{i}=1" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
        response = client.post(
            reverse("wagtailadmin_login"),
            fields,
            content_type="application/x-www-form-urlencoded",
            HTTP_ACCEPT_LANGUAGE="vi",
        )
        assert_bad_request(response)

    def test_unknown_host_header_is_a_400(self, client, db):
        response = client.get("/", HTTP_HOST=EVIL, HTTP_ACCEPT_LANGUAGE="vi")
        assert_bad_request(response)

    def test_page_id_out_of_range_is_a_404(self, youth):
        response = youth.client.get(f"/admin/pages/{'9' * 30}/edit/")
        assert response.status_code == 404

    def test_page_id_not_a_number_is_a_404(self, youth):
        response = youth.client.get("/admin/pages/abc/edit/")
        assert response.status_code == 404

    @pytest.mark.parametrize("number", ["abc", "-1", "0", "999999", "1e3", "9" * 40])
    def test_bad_page_numbers_in_public_lists(self, client, news, news_index, number):
        response = client.get(news_index.url, {"page": number})
        assert response.status_code in (200, 404)

    @pytest.mark.parametrize("number", ["abc", "-1", "999999", "9" * 40])
    def test_bad_page_numbers_in_admin_lists(self, youth, news, news_index, number):
        for url in (
            reverse("wagtailadmin_explore", args=(news_index.pk,)),
            reverse("wagtailimages:index"),
            reverse("wagtaildocs:index"),
        ):
            response = youth.client.get(url, {"p": number})
            assert response.status_code in (200, 404), url

    @pytest.mark.parametrize("year", ["abc", "-1", "99999", "9" * 40, "2026\x00", "٢٠٢٦"])
    def test_bad_calendar_years(self, client, campaign_index, year):
        base = campaign_index.url
        for url in (base + "calendar/", base + "calendar/ics/"):
            response = client.get(url, {"year": year})
            assert response.status_code in (200, 404), url
