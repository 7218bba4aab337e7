"""Take the screenshots in docs/screenshots/ from a real browser.

    .venv/bin/python docs/screenshots/capture.py           # all of them
    .venv/bin/python docs/screenshots/capture.py public    # the public pages only
    .venv/bin/python docs/screenshots/capture.py admin     # the admin screens only

Builds a scratch copy of the demo site (its own SQLite file under var/), puts pages at each step
of the review, serves it on 127.0.0.1:8799 and drives Debian's Chromium (`make browser`) with
Playwright: the admin as the three roles, and the public pages as a reader on a phone
(390×844) and on a desktop (1366×900), in Vietnamese, with the English home page. Public pages are
taken as the reader first sees them (the viewport, not the whole page), which keeps each file
small; with them, the first page of the plan's PDF download (Debian's pdftoppm). Nothing is
fetched from the internet.
"""

import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
DB = ROOT / "var" / "screenshots.sqlite3"
PORT = 8799
PDFTOPPM = "/usr/bin/pdftoppm"
# The public pages a reader sees first: (file name, path).
PUBLIC_PAGES = [
    ("home", "/"),
    ("plan", "/ke-hoach/ke-hoach-binh-dang-gioi-2026/"),
    ("campaign", "/chien-dich/ngay-quoc-te-phu-nu-8-3-2026/"),
    ("news", "/tin-tuc/tuan-le-ton-vinh-phu-nu-8-3/"),
    ("search", "/search/?q=binh+dang+gioi"),
    ("home-en", "/en/"),
]
# A phone and a desktop screen: (name, width, height).
SCREENS = [("phone", 390, 844), ("desktop", 1366, 900)]
PASSWORD = "anh-chup-man-hinh-2026"
ENV = {
    **os.environ,
    "DATABASE_URL": f"sqlite:///{DB}",
    "DEMO_PASSWORD": PASSWORD,
    "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

SETUP = """
from home.models import NewsIndexPage, NewsPage
from wagtail.models import Workflow
from django.contrib.auth import get_user_model
User = get_user_model()
youth = User.objects.get(username="doantruong")
committee = User.objects.get(username="banvstbpn")
index = NewsIndexPage.objects.get(locale__language_code="vi")
workflow = Workflow.objects.get(name="Duyệt nội dung")

def news(slug, title):
    page = NewsPage(title=title, slug=slug, summary="Tóm tắt hoạt động của Đoàn trường.",
                    body=[("paragraph", "<p>Nội dung bản tin.</p>")], live=False, owner=youth)
    index.add_child(instance=page)
    page.save_revision(user=youth)
    return page

news("ban-nhap-hoi-thi", "Hội thi tìm hiểu Luật Bình đẳng giới (bản nháp)")
workflow.start(news("cho-ban-duyet", "Tuyên truyền phòng, chống xâm hại trẻ em gái"), youth)
step2 = news("cho-pht-duyet", "Tổng kết Tháng hành động vì bình đẳng giới 2026")
workflow.start(step2, youth)
step2 = NewsPage.objects.get(pk=step2.pk)
step2.current_workflow_task.on_action(step2.current_workflow_task_state, committee, "approve")
"""


def manage(*args, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=ENV, check=True, **kwargs
    )


def build_site():
    DB.parent.mkdir(exist_ok=True)
    DB.unlink(missing_ok=True)
    manage("migrate", "--noinput", stdout=subprocess.DEVNULL)
    manage("load_demo", stdout=subprocess.DEVNULL)
    manage("shell", "-c", SETUP)


def serve():
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{PORT}", "--noreload"],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(60):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/admin/login/", timeout=1)  # noqa: S310
            return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("the server did not start")


def capture_public(browser, base):
    """The public pages on a phone and on a desktop: public-<page>-<screen>.png."""
    for screen, width, height in SCREENS:
        context = browser.new_context(
            viewport={"width": width, "height": height}, locale="vi-VN", is_mobile=width < 600
        )
        page = context.new_page()
        for name, path in PUBLIC_PAGES:
            response = page.goto(base + path)
            if response is None or response.status != 200:
                raise SystemExit(f"{path} answered {response and response.status}")
            page.wait_for_load_state("networkidle")
            page.screenshot(path=OUT / f"public-{name}-{screen}.png", animations="disabled")
        context.close()


def capture_plan_pdf(base):
    """The first page of the plan's PDF download, as a reader's viewer shows it:
    plan-pdf-page-1.png (Debian's pdftoppm, from poppler-utils, which `make browser` installs)."""
    with urllib.request.urlopen(base + PUBLIC_PAGES[1][1] + "pdf/", timeout=60) as response:  # noqa: S310
        pdf = response.read()
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "plan.pdf"
        path.write_bytes(pdf)
        first_page = ["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile"]
        subprocess.run([PDFTOPPM, *first_page, path, OUT / "plan-pdf-page-1"], check=True)


def capture(which=("admin", "public")):
    from playwright.sync_api import sync_playwright

    base = f"http://127.0.0.1:{PORT}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        if "public" in which:
            capture_public(browser, base)
            capture_plan_pdf(base)
        if "admin" not in which:
            browser.close()
            return

        def login(username):
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
            page.goto(f"{base}/admin/login/")
            page.fill("input[name=username]", username)
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(f"{base}/admin/")
            return page

        youth = login("doantruong")
        youth.goto(f"{base}/admin/pages/search/?q=H%E1%BB%99i+thi")
        youth.click("text=Hội thi tìm hiểu Luật Bình đẳng giới (bản nháp)")
        youth.wait_for_selector("form#page-edit-form")
        youth.click("footer .w-dropdown__toggle, footer [data-w-dropdown-target=toggle]")
        youth.wait_for_timeout(300)
        youth.screenshot(path=OUT / "doan-truong-gui-duyet.png")

        committee = login("banvstbpn")
        committee.screenshot(path=OUT / "ban-vstbpn-bang-dieu-khien.png", full_page=True)

        vice_principal = login("phohieutruong")
        vice_principal.click("#awaiting-review-section [data-w-dropdown-target=toggle]")
        vice_principal.click("text=Duyệt và xuất bản")
        vice_principal.wait_for_selector("input[name=go_live_at]")
        vice_principal.wait_for_timeout(300)
        vice_principal.screenshot(path=OUT / "pho-hieu-truong-phe-duyet-hen-gio.png")
        browser.close()


if __name__ == "__main__":
    which = sys.argv[1:] or ["admin", "public"]
    if not set(which) <= {"admin", "public"}:
        raise SystemExit("usage: capture.py [admin] [public]")
    build_site()
    server = serve()
    try:
        capture(which)
    finally:
        server.terminate()
    print("screenshots written to", OUT)
