"""The whole story of a campaign, in a real browser against a real server, with a real Celery
worker and beat on Redis publishing at the scheduled time.

The Youth Union drafts a campaign with a photo and submits it; the committee sends it back with a
comment; the Youth Union fixes and resubmits; the committee approves; the vice principal approves
with a go-live time 10 s ahead. A reader gets 404 until the worker publishes it, then finds it by a
search typed without tone marks, and, once its English translation has been through the same
review, reads it in English through the language switcher.

Set-up (the sections, the English home page, the accounts) is done with the ORM; every step of
the story goes through the browser, as each person would do it.
"""

import datetime
import io
import re
import time

import polib
import pytest
from django.utils import timezone
from PIL import Image, ImageDraw
from playwright.sync_api import expect
from wagtail.models import Locale, Page, WorkflowState

from campaigns.models import CampaignIndexPage, CampaignPage
from home.models import HomePage

from ..conftest import PASSWORD

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Ngày hội bình đẳng giới khối 10"
FIXED_SUMMARY = "Học sinh khối 10 tìm hiểu Luật Bình đẳng giới qua trò chơi và tranh vẽ."
SEARCH = "ngay hoi binh dang"  # what a reader types: no tone marks
COMMENT = "Tóm tắt cần nói rõ đối tượng tham gia."
ALT = "Học sinh khối 10 vẽ tranh cổ động bình đẳng giới"
# The English of each string of the campaign, by its context in the PO file (or the last part
# of it, for the strings inside blocks); anything else gets a marked copy.
ENGLISH = {
    "title": "Gender equality day for year 10",
    "slug": "gender-equality-day-year-10",
    "summary": "Year 10 students learn the Law on Gender Equality through games and drawings.",
    "responsible_unit": "School Youth Union Executive Committee",
    "alt_text": "Year 10 students drawing posters for gender equality",
    "caption": "Drawings by class 10A1",
}
GO_LIVE_AHEAD = datetime.timedelta(seconds=10)
PUBLISH_WITHIN = 60  # seconds after the go-live time
ADMIN_DATETIME = "%Y-%m-%d %H:%M:%S"


@pytest.fixture
def sections(transactional_db):
    """The campaign list in Vietnamese, and the English home page and campaign list, live (the
    English home page must be live for anything under /en/ to be found)."""
    home = HomePage.objects.get(depth=2, locale__language_code="vi")
    index = CampaignIndexPage(title="Chiến dịch", slug="chien-dich")
    home.add_child(instance=index)
    index.save_revision().publish()
    english = Locale.objects.get(language_code="en")
    english_home = home.copy_for_translation(english)
    english_home.title = "Gender equality"
    english_home.save_revision().publish()
    english_index = index.copy_for_translation(english)
    english_index.title, english_index.slug = "Campaigns", "campaigns"
    english_index.save_revision().publish()
    return index


def photo():
    """A PNG the Youth Union uploads: a poster-like picture made here."""
    picture = Image.new("RGB", (960, 540), (106, 27, 77))
    draw = ImageDraw.Draw(picture)
    draw.rectangle((80, 80, 880, 460), outline=(255, 221, 0), width=12)
    draw.ellipse((380, 170, 580, 370), fill=(247, 240, 244))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return buffer.getvalue()


class LiveSite:
    """The live server's address and the people using it, each in a browser of their own."""

    def __init__(self, live_server, new_page):
        self.base = live_server.url
        self.new_page = new_page

    def url(self, path):
        return self.base + path

    def login(self, username):
        page = self.new_page()
        page.goto(self.url("/admin/login/"))
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(self.url("/admin/"))
        return page


def campaign():
    return CampaignPage.objects.get(title=TITLE)


def review_step(page_model):
    """The name of the review step a page waits at, or its workflow's status."""
    state = WorkflowState.objects.for_instance(page_model).order_by("-created_at").first()
    if state is None:
        return None
    if state.status != WorkflowState.STATUS_IN_PROGRESS:
        return state.status
    return state.current_task_state.task.name


def dashboard_action(page, site, title, action):
    """Opens the dashboard's *Awaiting your review* row of ``title`` and picks ``action``."""
    page.goto(site.url("/admin/"))
    row = page.locator("#awaiting-review-section tr", has_text=title)
    expect(row).to_have_count(1)
    row.locator("[data-w-dropdown-target=toggle]").click()
    row.get_by_text(action, exact=True).click()
    return row


def confirm_modal(page):
    modal = page.locator(".modal-dialog")
    modal.wait_for()
    return modal


def draft_with_photo(youth, site, index):
    """The Youth Union adds a campaign under the campaign list, with a photo uploaded in the
    image chooser, and submits it for review."""
    youth.goto(site.url(f"/admin/pages/{index.pk}/"))
    youth.locator(f"a[href='/admin/pages/{index.pk}/add_subpage/']").first.click()
    youth.wait_for_selector("form#page-edit-form")
    youth.fill("#id_title", TITLE)
    youth.select_option("#id_observance", index=1)
    youth.fill("#id_start_date", "01/12/2026")
    youth.fill("#id_end_date", "05/12/2026")
    youth.fill("#id_summary", "Học sinh khối 10 tìm hiểu Luật Bình đẳng giới.")

    gallery = youth.locator("[data-contentpath=gallery]")
    gallery.locator("button.c-sf-add-button").first.click()
    gallery.locator("button.chooser__choose-button").first.click()
    modal = confirm_modal(youth)
    modal.locator("a[role=tab][href='#tab-upload']").click()
    modal.locator("input[type=file]").set_input_files(
        {"name": "ngay-hoi-khoi-10.png", "mimeType": "image/png", "buffer": photo()}
    )
    modal.locator("input[name$=title]").fill("Ngày hội bình đẳng giới khối 10")
    # The image's description is its alternative text, required where the form has it.
    description = modal.locator("input[name$=description], textarea[name$=description]")
    if description.count():
        description.first.fill(ALT)
    modal.locator("button[type=submit]").click()
    modal.wait_for(state="detached")
    expect(gallery.locator(".chooser__title")).to_have_text("Ngày hội bình đẳng giới khối 10")
    alt_text = gallery.locator("input[name$=alt_text]")
    if alt_text.count():
        alt_text.fill(ALT)
    gallery.locator("input[name$=caption]").fill("Tranh vẽ của lớp 10A1")

    youth.locator("footer [data-w-dropdown-target=toggle]").first.click()
    youth.click("button[name=action-submit]")
    expect(youth.locator(".messages .success")).to_contain_text(TITLE)


def test_campaign_from_draft_to_readers_in_two_languages(
    sections,
    youth_union_user,
    committee_user,
    vice_principal_user,
    processes,
    live_server,
    new_page,
):
    processes.start_worker(concurrency=2)
    processes.start_beat()
    site = LiveSite(live_server, new_page)
    youth = site.login("doantruong")
    committee = site.login("banvstbpn")
    vice_principal = site.login("phohieutruong")
    reader = new_page()

    # 1. The Youth Union drafts the campaign with a photo and submits it.
    draft_with_photo(youth, site, sections)
    page_model = campaign()
    assert not page_model.live
    assert review_step(page_model) == "Ban Vì sự tiến bộ phụ nữ duyệt"
    public_url = site.url(page_model.url)
    assert reader.goto(public_url).status == 404

    # 2. The committee sends it back, saying why.
    dashboard_action(committee, site, TITLE, "Yêu cầu chỉnh sửa")
    modal = confirm_modal(committee)
    modal.locator("textarea[name=comment]").fill(COMMENT)
    modal.locator("button[type=submit]").click()
    modal.wait_for(state="detached")
    expect(committee.locator("#awaiting-review-section tr", has_text=TITLE)).to_have_count(0)
    assert review_step(page_model) == "needs_changes"

    # 3. The Youth Union reads the comment in the editor, fixes the summary and resubmits.
    youth.goto(site.url(f"/admin/pages/{page_model.pk}/edit/"))
    expect(youth.locator("body")).to_contain_text(COMMENT)
    youth.fill("#id_summary", FIXED_SUMMARY)
    youth.locator("footer [data-w-dropdown-target=toggle]").first.click()
    youth.click("button[name=action-submit]")
    expect(youth.locator(".messages .success")).to_be_visible()
    assert review_step(page_model) == "Ban Vì sự tiến bộ phụ nữ duyệt"

    # 4. The committee approves.
    row = dashboard_action(committee, site, TITLE, "Duyệt")
    expect(row).to_have_count(0)
    assert review_step(page_model) == "Phó Hiệu trưởng phê duyệt"

    # 5. The vice principal approves with a go-live time 10 s ahead: scheduled, not live.
    dashboard_action(vice_principal, site, TITLE, "Duyệt và xuất bản")
    modal = confirm_modal(vice_principal)
    go_live = timezone.localtime(timezone.now() + GO_LIVE_AHEAD).replace(microsecond=0)
    modal.locator("input[name=go_live_at]").fill(go_live.strftime(ADMIN_DATETIME))
    modal.locator("button[type=submit]").click()
    modal.wait_for(state="detached")
    expect(vice_principal.locator("#awaiting-review-section tr", has_text=TITLE)).to_have_count(0)
    revision = campaign().latest_revision
    assert revision.approved_go_live_at == go_live, "the approval did not schedule the page"

    # 6. The reader: 404 until Celery publishes it at its time, then the page with its photo.
    assert timezone.now() < go_live, "the approval took longer than the lead time"
    assert reader.goto(public_url).status == 404
    deadline = time.monotonic() + GO_LIVE_AHEAD.total_seconds() + PUBLISH_WITHIN
    while (status := reader.goto(public_url).status) != 200 and time.monotonic() < deadline:
        assert status == 404
        reader.wait_for_timeout(500)  # a reader pressing reload
    seen_live = timezone.now()
    assert status == 200, f"not published {PUBLISH_WITHIN} s after its go-live time"
    assert seen_live >= go_live, "published before its time"
    print(f"live {(seen_live - go_live).total_seconds():.1f} s after its go-live time")
    expect(reader.locator("h1")).to_have_text(TITLE)
    expect(reader.locator(".lead")).to_have_text(FIXED_SUMMARY)
    image = reader.locator(f"img[alt='{ALT}']")
    expect(image).to_have_count(1)
    image.scroll_into_view_if_needed()  # gallery images load lazily
    reader.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )

    # 7. The reader finds it by a search typed without tone marks.
    reader.goto(site.url("/"))
    reader.fill("#site-search-q", SEARCH)
    reader.press("#site-search-q", "Enter")
    reader.wait_for_url(re.compile(r"/search/\?q="))
    hit = reader.locator(".results a", has_text=TITLE)
    expect(hit).to_have_count(1)
    hit.click()
    reader.wait_for_url(public_url)

    translate_and_review(site, youth, committee, vice_principal, page_model)

    # 10. The reader switches to English on the Vietnamese page.
    reader.goto(public_url)
    reader.locator("nav.language-switcher a[hreflang=en]").click()
    reader.wait_for_url(site.url(f"/en/campaigns/{ENGLISH['slug']}/"))
    expect(reader.locator("h1")).to_have_text(ENGLISH["title"])
    assert reader.evaluate("document.documentElement.lang") == "en"

    processes.assert_no_errors()


def english_po(text):
    """The outside translator's work on the downloaded PO file: every string in English."""
    po = polib.pofile(text)
    for entry in po:
        context = entry.msgctxt or ""
        name = context.rsplit(".", 1)[-1]
        entry.msgstr = ENGLISH.get(context) or ENGLISH.get(name) or f"[EN] {entry.msgid}"
    return str(po).encode()


def translate_and_review(site, youth, committee, vice_principal, page_model):
    """8–9. The Youth Union translates the campaign into English (the PO file downloaded from the
    translation editor, translated, uploaded again) and submits the translation for review; the
    committee approves it and the vice principal approves and publishes it."""
    youth.goto(site.url(f"/admin/pages/{page_model.get_parent().pk}/"))
    row = youth.locator("tr", has_text=TITLE)
    row.locator("[data-w-dropdown-target=toggle]").click()
    row.get_by_text("Dịch trang này").click()
    youth.get_by_label("English").check()
    youth.locator("form input[type=submit], form button[type=submit]").last.click()
    youth.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    english = CampaignPage.objects.get(
        translation_key=page_model.translation_key, locale__language_code="en"
    )
    assert not english.live

    with youth.expect_download() as download:
        youth.get_by_role("link", name="Tải xuống tệp PO").first.click()
    po = english_po(download.value.path().read_text())
    with youth.expect_file_chooser() as chooser:
        youth.get_by_role("button", name="Tải lên tệp PO").first.click()
    with youth.expect_navigation():
        chooser.value.set_files(
            {"name": "campaign-en.po", "mimeType": "text/x-gettext-translation", "buffer": po}
        )
    expect(youth.locator(".messages .success")).to_be_visible()

    youth.locator("#translation-review a").click()
    youth.get_by_role("button", name="Gửi duyệt", exact=True).click()
    expect(youth.locator(".messages .success")).to_be_visible()
    assert review_step(english) == "Ban Vì sự tiến bộ phụ nữ duyệt"
    assert not Page.objects.get(pk=english.pk).live

    row = dashboard_action(committee, site, ENGLISH["title"], "Duyệt")
    expect(row).to_have_count(0)
    assert review_step(english) == "Phó Hiệu trưởng phê duyệt"

    dashboard_action(vice_principal, site, ENGLISH["title"], "Duyệt và xuất bản")
    modal = confirm_modal(vice_principal)
    modal.locator("button[type=submit]").click()  # no go-live time: publish now
    modal.wait_for(state="detached")
    english = CampaignPage.objects.get(pk=english.pk)
    assert english.live and english.title == ENGLISH["title"]
