"""The Content-Security-Policy in a real browser: nothing the site or the admin needs is blocked.

Chromium reports every blocked script, style, image, frame or form as a
``securitypolicyviolation`` event (and a console error). Each page here listens for them in every
frame, from before the page's own scripts run, and the test fails on any violation, console error
or uncaught exception, on the public pages (the strict policy) and through the admin's everyday
work as the vice principal (the admin's policy): the dashboard, the page editor with its rich
text, the image chooser, the live preview, wagtail-localize's translation editor, the account
page, and the user bar on a public page. Each step also checks that the page did its job.

The live server runs the test settings, which have the same middleware and policies as
production (cms/settings/base.py); the policy of each response is checked on the way.
"""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from wagtail.images.models import Image
from wagtail.models import Page

from home.models import NewsPage
from plans.models import PlanPage

from .conftest import DEMO_PASSWORD

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Runs in every frame before its scripts: reports each violation to the test.
LISTEN = """
window.cmsViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.cmsViolations.push(event.effectiveDirective);
    window.cmsReportViolation({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        source: event.sourceFile,
        line: event.lineNumber,
        sample: event.sample,
        page: location.href,
    });
}, true);
"""

# An inline script and an inline style, as an injected piece of HTML would bring them.
INJECT = """() => {
    const script = document.createElement("script");
    script.textContent = "window.injectedRan = true;";
    document.body.append(script);
    const style = document.createElement("style");
    style.textContent = "h1 { color: rgb(255, 0, 0) !important; }";
    document.head.append(style);
    document.body.dataset.injected = "done";
}"""

# The public pages of the demo site checked in the browser (name, path).
PUBLIC_PAGES = [
    ("home", "/"),
    ("plan", "/ke-hoach/ke-hoach-binh-dang-gioi-2026/"),
    ("campaign", "/chien-dich/ngay-quoc-te-phu-nu-8-3-2026/"),
    ("campaign calendar", "/chien-dich/calendar/"),
    ("news item", "/tin-tuc/tuan-le-ton-vinh-phu-nu-8-3/"),
    ("home (en)", "/en/"),
    ("plan (en)", "/en/plans/gender-equality-plan-2026/"),
    ("campaign (en)", "/en/campaigns/international-womens-day-2026/"),
    ("campaign calendar (en)", "/en/campaigns/calendar/"),
    ("news item (en)", "/en/news/thank-you-letters-8-march/"),
]
NEWS_PATH = "/tin-tuc/tuan-le-ton-vinh-phu-nu-8-3/"
TYPED = "Câu thêm để kiểm tra trình soạn thảo."


class Watched:
    """One browser page whose CSP violations (every frame), console errors and uncaught
    exceptions are recorded."""

    def __init__(self, page):
        self.page = page
        self.violations = []
        self.errors = []
        self.expected_failures = {"/favicon.ico"}  # asked for by the browser; the site has none
        page.expose_binding("cmsReportViolation", lambda source, report: self._violation(report))
        page.add_init_script(LISTEN)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))

    def _violation(self, report):
        self.violations.append(report)

    def _console(self, message):
        url = message.location.get("url") or ""
        if message.type == "error" and urlsplit(url).path not in self.expected_failures:
            self.errors.append(f"console: {message.text} ({url})")

    def goto(self, url, status=200):
        if status >= 400:  # the browser logs the error status of a page asked for on purpose
            self.expected_failures.add(urlsplit(url).path)
        response = self.page.goto(url)
        assert response.status == status, f"{url} answered {response.status}"
        return response

    def assert_clean(self, where):
        assert not self.violations, f"{where}: CSP violations {self.violations}"
        assert not self.errors, f"{where}: console errors {self.errors}"


def directives(response):
    header = response.header_value("content-security-policy")
    assert header, f"{response.url} has no Content-Security-Policy"
    return {part.split()[0]: set(part.split()[1:]) for part in header.split(";")}


def test_public_pages_work_under_the_strict_policy(demo, live_server, new_page):
    reader = Watched(new_page())
    for name, path in PUBLIC_PAGES:
        for visit in ("first", "again"):  # rendered, then from the page cache
            response = reader.goto(live_server.url + path)
            policy = directives(response)
            assert policy["script-src"] == {"'self'"} and policy["style-src"] == {"'self'"}, name
            expect(reader.page.locator("h1").first).to_be_visible()
            # The site's stylesheet applied: the skip link is moved off screen by site.css.
            box = reader.page.locator("a.skip-link").bounding_box()
            assert box is None or box["y"] < 0 or box["x"] < 0, f"{name} ({visit}): unstyled"
            reader.assert_clean(f"{name} {path} ({visit})")

    # A search typed in the header's form, with results.
    reader.goto(live_server.url + "/")
    reader.page.fill("#site-search-q", "binh dang")
    reader.page.press("#site-search-q", "Enter")
    reader.page.wait_for_url(re.compile(r"/search/\?q="))
    expect(reader.page.locator(".results > li").first).to_be_visible()
    # The same in English.
    reader.goto(live_server.url + "/en/")
    reader.page.fill("#site-search-q", "gender equality")
    reader.page.press("#site-search-q", "Enter")
    reader.page.wait_for_url(re.compile(r"/en/search/\?q="))
    expect(reader.page.locator(".results > li").first).to_be_visible()
    # And a missing page.
    reader.goto(live_server.url + "/khong-co-trang-nay/", status=404)
    reader.assert_clean("search and 404")


def test_the_public_policy_blocks_injected_inline_code_and_the_test_sees_it(
    demo, live_server, new_page
):
    """What the policy is for: a script or style slipped into a page does not run, and the
    watcher the other tests rely on reports it."""
    reader = Watched(new_page())
    reader.goto(live_server.url + NEWS_PATH)
    reader.page.evaluate(INJECT)

    # Both reported in the page, then to the test.
    reader.page.wait_for_function("() => window.cmsViolations.length >= 2")
    expect(reader.page.locator("h1")).not_to_have_css("color", "rgb(255, 0, 0)")
    assert reader.page.evaluate("() => window.injectedRan") is None
    assert set(reader.page.evaluate("() => window.cmsViolations")) == {
        "script-src-elem",
        "style-src-elem",
    }
    assert {violation["directive"] for violation in reader.violations} == {
        "script-src-elem",
        "style-src-elem",
    }


def chosen_id(href):
    """The image id in a chooser result's link (/admin/images/chooser/<id>/...)."""
    return int(re.search(r"/(\d+)/", href).group(1))


def sign_in(watched, live_server, username):
    page = watched.page
    watched.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")


def test_the_youth_union_edits_previews_and_translates_under_the_admin_policy(
    demo, live_server, new_page
):
    """The Youth Union, who drafts and translates, through the editor's scripted parts."""
    admin = Watched(new_page())
    page = admin.page
    news = NewsPage.objects.get(slug="tuan-le-ton-vinh-phu-nu-8-3", locale__language_code="vi")
    sign_in(admin, live_server, "doantruong")

    # The page editor: type into the rich text of the body.
    response = admin.goto(live_server.url + f"/admin/pages/{news.pk}/edit/")
    assert "'unsafe-inline'" in directives(response)["script-src"]
    editor = page.locator("[data-contentpath=body] .public-DraftEditor-content").first
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" " + TYPED)
    expect(editor).to_contain_text(TYPED)
    admin.assert_clean("page editor")

    # The image chooser modal, from the news item's image ("choose another"): another picture.
    field = page.locator("[data-contentpath=image]")
    field.locator("[data-w-dropdown-target=toggle]").first.click()
    field.locator("[data-chooser-action-choose]:visible").first.click()
    modal = page.locator(".modal-dialog")
    modal.wait_for()
    choices = modal.locator("a.image-choice")
    expect(choices.first).to_be_visible()
    choice = next(
        choices.nth(number)
        for number in range(choices.count())
        if chosen_id(choices.nth(number).get_attribute("href")) != news.image_id
    )
    new_image = chosen_id(choice.get_attribute("href"))
    choice.click()
    modal.wait_for(state="detached")
    expect(field.locator(".chooser__title")).to_have_text(Image.objects.get(pk=new_image).title)
    admin.assert_clean("image chooser")

    # The live preview in the side panel, in its iframe, showing the typed text.
    page.locator("[data-side-panel-toggle=preview]").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.locator("h1")).to_have_text(news.title)
    expect(preview.locator("main")).to_contain_text(TYPED)
    admin.assert_clean("preview")

    # The draft is saved, with the typed text.
    page.locator("footer button.action-save").first.click()
    expect(page.locator(".messages .success")).to_be_visible()
    assert Page.objects.get(pk=news.pk).has_unpublished_changes
    draft = NewsPage.objects.get(pk=news.pk).get_latest_revision_as_object()
    assert TYPED in str(draft.body)
    assert draft.image_id == new_image
    admin.assert_clean("draft saved")

    # wagtail-localize's translation editor (React) on the English plan.
    english_plan = PlanPage.objects.get(locale__language_code="en")
    admin.goto(live_server.url + f"/admin/pages/{english_plan.pk}/edit/")
    expect(page.get_by_role("link", name="Tải xuống tệp PO").first).to_be_visible()
    expect(page.locator(".js-translation-editor")).to_contain_text(english_plan.title)
    admin.assert_clean("translation editor")


def test_the_vice_principal_dashboard_account_and_user_bar_under_their_policies(
    demo, live_server, new_page
):
    """The vice principal, who reviews and publishes: the dashboard, the account page, and a
    public page seen signed in (the public policy, with the user bar)."""
    admin = Watched(new_page())
    page = admin.page

    sign_in(admin, live_server, "phohieutruong")
    expect(page.locator("main h1, main h2").first).to_be_visible()
    admin.assert_clean("sign-in and dashboard")

    admin.goto(live_server.url + "/admin/account/")
    expect(page.locator("form").first).to_be_visible()
    admin.assert_clean("account page")

    # Signed in, a public page is never from the cache and carries the user bar, which opens.
    response = admin.goto(live_server.url + NEWS_PATH)
    assert directives(response)["script-src"] == {"'self'"}
    assert response.header_value("x-page-cache") is None
    page.locator("[data-wagtail-userbar-trigger]").click()
    expect(page.locator("#wagtail-userbar-items")).to_be_visible()
    admin.assert_clean("user bar on a public page")
