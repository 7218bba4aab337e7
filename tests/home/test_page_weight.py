"""Page weight: every public page type of the demo site, in both languages where it exists, weighs
at most 100 KB — its HTML plus every stylesheet and script it references, read from the static
files (not the network) — and loads nothing render-blocking from another host. Pictures are left
out: they are lazy below the fold, and sized by srcset (docs/sharing.md). The sizes are printed."""

import datetime
import re
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import time_machine
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders

from campaigns.models import CampaignIndexPage, CampaignPage
from home.models import HomePage, NewsIndexPage, NewsPage
from plans.models import PlanIndexPage, PlanPage

BUDGET = 100_000  # bytes
TODAY = datetime.datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
PAGE_TYPES = [
    HomePage,
    PlanIndexPage,
    PlanPage,
    CampaignIndexPage,
    CampaignPage,
    NewsIndexPage,
    NewsPage,
]
VIEWS = [
    ("search results", "/search/?q=bình+đẳng+giới", 200),
    ("search results", "/en/search/?q=gender+equality", 200),
    ("404", "/khong-co-trang-nay/", 404),
    ("404", "/en/no-such-page/", 404),
]
EXTERNAL = re.compile(r"^(https?:)?//", re.I)


def page_urls():
    """``{(label, language): [url, …]}``: every live page of each type in each language."""
    urls = {}
    for model in PAGE_TYPES:
        for language in ("vi", "en"):
            pages = model.objects.live().public().filter(locale__language_code=language)
            urls[(model._meta.model_name, language)] = [page.url for page in pages]
    return urls


def static_file(url):
    """The static file behind a ``/static/…`` URL, from the staticfiles finders."""
    path = urlsplit(url).path
    assert path.startswith(settings.STATIC_URL), f"not a static file: {url}"
    found = finders.find(path[len(settings.STATIC_URL) :])
    assert found, f"referenced but not found among the static files: {url}"
    with open(found, "rb") as file:
        return file.read()


def assert_css_loads_nothing_external(name, css):
    # @import and url() in a stylesheet (web fonts, backgrounds) block or delay rendering too.
    for match in re.finditer(r"""@import\s+(?:url\()?\s*['"]?([^'")\s;]+)""", css):
        assert not EXTERNAL.match(match.group(1)), f"{name} imports {match.group(1)}"
    for match in re.finditer(r"""url\(\s*['"]?([^'")]+)""", css):
        assert not EXTERNAL.match(match.group(1)), f"{name} loads {match.group(1)}"


def weigh(client, url, status):
    """``(html bytes, {static url: bytes})`` of a page, checking what it loads."""
    response = client.get(url)
    assert response.status_code == status, url
    soup = BeautifulSoup(response.content, "html.parser")
    assets = {}
    for link in soup.find_all("link"):
        rel = {value.lower() for value in link.get("rel") or []}
        href = link.get("href") or ""
        if rel & {"stylesheet", "preload", "modulepreload", "preconnect", "dns-prefetch"}:
            assert not EXTERNAL.match(href), f"{url}: {link} loads from another host"
        if "stylesheet" in rel:
            assets[href] = static_file(href)
            assert_css_loads_nothing_external(href, assets[href].decode("utf-8"))
    for script in soup.find_all("script"):
        src = script.get("src")
        if src:
            assert not EXTERNAL.match(src), f"{url}: {script} loads from another host"
            assets[src] = static_file(src)
    for style in soup.find_all("style"):
        assert_css_loads_nothing_external(f"{url} <style>", style.get_text())
    return len(response.content), {href: len(content) for href, content in assets.items()}


def test_every_public_page_weighs_at_most_100_kb(demo_site, client, capsys):
    rows, too_heavy = [], []
    with time_machine.travel(TODAY, tick=False):
        groups = [
            ((kind, language), [(url, 200) for url in urls])
            for (kind, language), urls in page_urls().items()
        ]
        groups += [
            ((label, "vi" if not url.startswith("/en/") else "en"), [(url, status)])
            for label, url, status in VIEWS
        ]
        for (kind, language), urls in groups:
            assert urls, f"no live {kind} in {language}"
            weighed = []
            for url, status in urls:
                html, assets = weigh(client, url, status)
                total = html + sum(assets.values())
                weighed.append((total, html, sum(assets.values()), url))
                if total > BUDGET:
                    too_heavy.append(f"{url}: {total} bytes")
            # The heaviest page of each type and language stands for it.
            total, html, assets, url = max(weighed)
            rows.append((f"{kind} ({language})", url, html, assets, total))
    with capsys.disabled():
        print(f"\n{'heaviest page of its type':<28} {'HTML':>7} {'CSS+JS':>7} {'total':>7}  URL")
        for label, url, html, assets, total in rows:
            print(f"{label:<28} {html:>7} {assets:>7} {total:>7}  {url}")
    assert not too_heavy, f"over {BUDGET} bytes: {too_heavy}"
