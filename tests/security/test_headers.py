"""The security headers on what the site answers: public pages (rendered, from the page cache, and
304s), the Wagtail admin and its preview, document downloads, the health endpoint and error pages
(docs/security.md). The test settings use the same middleware and policies as production; what
needs HTTPS (HSTS) is switched on here as production does.

The public policy allows no inline code, so the public pages must have none: every page of the
demo site is checked for inline scripts, <style> elements, style attributes and event handlers
(the browser suite, tests/e2e/test_csp.py, checks that nothing is actually blocked)."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.test import Client
from django.views.defaults import server_error
from wagtail.documents import get_document_model
from wagtail.models import Page

from home.models import NewsPage

from ..factories import news_form_data

NEWS_URL = "/tin-tuc/tuan-le-binh-dang-gioi/"

# What every response of the site carries, whatever its policy.
COMMON = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
PERMISSIONS = {"camera": "()", "microphone": "()", "geolocation": "()"}
PUBLIC_POLICY = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "object-src": {"'none'"},
    "base-uri": {"'self'"},
    "form-action": {"'self'"},
    "frame-ancestors": {"'none'"},
}


def policy(response, header="Content-Security-Policy"):
    """The policy of a response, as ``{directive: {sources}}``."""
    assert header in response, f"no {header} header"
    directives = {}
    for part in response[header].split(";"):
        name, *sources = part.split()
        directives[name] = set(sources)
    return directives


def permissions(response):
    return dict(item.strip().split("=", 1) for item in response["Permissions-Policy"].split(","))


def assert_common_headers(response):
    for name, value in COMMON.items():
        assert response.get(name) == value, f"{name}: {response.get(name)!r}"
    assert permissions(response).items() >= PERMISSIONS.items()


def assert_public_headers(response):
    assert_common_headers(response)
    assert policy(response) == PUBLIC_POLICY
    assert response["X-Frame-Options"] == "DENY"


def read(url, **headers):
    """An anonymous reader: a new browser, no cookies."""
    return Client().get(url, **headers)


@pytest.fixture
def news(news_index):
    page = NewsPage(
        title="Tuần lễ bình đẳng giới",
        slug="tuan-le-binh-dang-gioi",
        date=datetime.date(2026, 11, 20),
        summary="Các lớp tìm hiểu Luật Bình đẳng giới.",
        body=[("paragraph", "<p>Đoàn trường tổ chức tuần lễ bình đẳng giới.</p>")],
    )
    news_index.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_a_page_rendered_for_the_cache_has_the_public_headers(news):
    response = read(NEWS_URL)

    assert response.status_code == 200 and response["X-Page-Cache"] == "miss"
    assert_public_headers(response)


def test_a_page_answered_from_the_cache_has_the_public_headers(news):
    read(NEWS_URL)
    response = read(NEWS_URL)

    assert response.status_code == 200 and response["X-Page-Cache"] == "hit"
    assert_public_headers(response)


def test_a_304_from_the_cache_has_the_public_policy(news):
    etag = read(NEWS_URL)["ETag"]
    response = read(NEWS_URL, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    # No X-Frame-Options on a 304: the browser keeps the one of the copy it revalidates, and the
    # policy's frame-ancestors says the same.
    assert_common_headers(response)
    assert policy(response) == PUBLIC_POLICY


def test_a_page_from_the_cache_gets_the_policy_in_force_not_the_one_it_was_stored_with(
    news, settings
):
    read(NEWS_URL)
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], "img-src": ["'self'"]}
    }
    response = read(NEWS_URL)

    assert response["X-Page-Cache"] == "hit"
    assert policy(response)["img-src"] == {"'self'"}


def test_the_public_policy_has_no_nonce_so_a_page_rendered_again_keeps_its_etag(news):
    from django.core.cache import caches

    first = read(NEWS_URL)
    caches["pages"].clear()
    again = read(NEWS_URL)

    assert again["X-Page-Cache"] == "miss"
    assert again["ETag"] == first["ETag"]
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "nonce-" not in first["Content-Security-Policy"]


def test_hsts_is_sent_on_pages_from_the_cache_over_https(news, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    Client().get(NEWS_URL, secure=True)
    response = Client().get(NEWS_URL, secure=True)

    assert response["X-Page-Cache"] == "hit"
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_search_results_and_the_404_page_have_the_public_headers(news):
    search = read("/search/?q=binh+dang")
    missing = read("/khong-co-trang-nay/")

    assert search.status_code == 200
    assert missing.status_code == 404
    assert_public_headers(search)
    assert_public_headers(missing)


def test_the_server_error_page_needs_no_inline_style(rf):
    response = server_error(rf.get("/"))
    soup = BeautifulSoup(response.content, "html.parser")

    assert response.status_code == 500
    assert soup.find("style") is None
    assert soup.find(style=True) is None
    assert soup.find("link", rel="stylesheet")["href"].endswith("cms/css/error.css")


def test_the_admin_has_its_own_looser_policy(vice_principal):
    response = vice_principal.client.get("/admin/")

    assert response.status_code == 200
    assert_common_headers(response)
    admin = policy(response)
    assert "'unsafe-inline'" in admin["script-src"]
    assert "'unsafe-inline'" in admin["style-src"]
    assert admin["frame-src"] == {"'self'"}
    assert admin["frame-ancestors"] == {"'self'"}
    assert admin["object-src"] == {"'none'"}
    assert response["X-Frame-Options"] == "DENY"


def test_the_admin_login_page_has_the_admin_policy(db):
    response = read("/admin/login/")

    assert response.status_code == 200
    assert "'unsafe-inline'" in policy(response)["script-src"]
    assert_common_headers(response)


def test_the_page_preview_may_be_framed_by_the_admin_only(news, youth):
    preview_url = f"/admin/pages/{news.pk}/edit/preview/"
    sent = youth.client.post(preview_url, news_form_data(news.title, news.slug))
    preview = youth.client.get(preview_url)

    assert sent.json()["is_valid"] is True
    assert preview.status_code == 200
    assert news.title in preview.content.decode()
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert policy(preview)["frame-ancestors"] == {"'self'"}


def test_a_document_download_keeps_wagtails_own_stricter_policy(db, disk_storage):
    document = get_document_model().objects.create(
        title="Kế hoạch năm 2026",
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="ke-hoach-2026.pdf"),
    )
    response = read(document.url)

    assert response.status_code == 200
    assert_common_headers(response)
    assert policy(response) == {"default-src": {"'none'"}}


def test_the_health_endpoint_has_the_public_headers(db):
    response = read("/health/schedule/")

    assert response["Content-Type"] == "application/json"
    assert_public_headers(response)


def test_robots_and_sitemap_have_the_public_headers(news):
    for url in ("/robots.txt", "/sitemap.xml"):
        response = read(url)
        assert response.status_code == 200, url
        assert_public_headers(response)


def inline_code(html):
    """What a strict policy would block in a page: inline scripts (data blocks aside), <style>
    elements, style attributes, event handler attributes and javascript: links."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for script in soup.find_all("script"):
        kind = (script.get("type") or "text/javascript").lower()
        if not script.get("src") and kind in (
            "text/javascript",
            "module",
            "application/javascript",
        ):
            found.append(str(script)[:120])
    found += [str(style)[:120] for style in soup.find_all("style")]
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            link = name in ("href", "src", "action") and str(value).strip().lower()
            script_link = bool(link) and link.startswith("javascript:")
            if name == "style" or name.startswith("on") or script_link:
                found.append(f"<{element.name} {name}={value!r}>")
    return found


def public_html_urls():
    """Every live page of the demo site in both languages, the campaign calendars, a search
    with results in each language and a missing page."""
    urls = []
    for page in Page.objects.live().public().filter(depth__gt=1).specific():
        url = page.url
        if url is None:
            continue
        urls.append(url)
        if page.specific_class.__name__ == "CampaignIndexPage":
            urls.append(url + "calendar/")
    return urls + ["/search/?q=binh+dang", "/en/search/?q=gender", "/khong-co-trang-nay/"]


def test_no_public_page_of_the_demo_site_has_inline_code(demo_site):
    urls = public_html_urls()
    offending = {}
    for url in urls:
        response = read(url)
        assert response.status_code in (200, 404), url
        found = inline_code(response.content)
        if found:
            offending[url] = found

    assert len(urls) > 20
    assert any(url.startswith("/en/") for url in urls)
    assert any(url.endswith("/calendar/") for url in urls)
    assert not offending, offending
