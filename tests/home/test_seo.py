"""What search engines and link previews get from the demo site, over HTTP: the sitemap of both
languages with their hreflang alternates (no drafts, private pages or aliases), robots.txt, and
the Open Graph, Twitter-card and canonical tags of every page type, with full URLs on the public
address (PUBLIC_URL, given to the Wagtail Site by load_demo)."""

import io
import xml.etree.ElementTree as ET  # noqa: S405 - our own sitemap, not untrusted input
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site

from campaigns.models import CampaignIndexPage, CampaignPage
from cms.seo import DEFAULT_SHARE_IMAGE
from home.models import HomePage, NewsIndexPage, NewsPage
from plans.models import PlanIndexPage, PlanPage

PUBLIC_URL = "https://binhdanggioi.thptsoctrang.edu.vn"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
PAGE_TYPES = [HomePage, PlanIndexPage, PlanPage, CampaignIndexPage, CampaignPage, NewsIndexPage]
ARTICLES = {PlanPage, CampaignPage, NewsPage}


@pytest.fixture
def public_url(db, settings):
    settings.PUBLIC_URL = PUBLIC_URL
    # Wagtail caches renditions by image id: ids come round again from test to test, so a
    # previous test's rendition must not stand in for this one's.
    cache.clear()
    return PUBLIC_URL


@pytest.fixture
def site(public_url, demo_site):
    """The demo site loaded with PUBLIC_URL set, as in production."""
    return demo_site


def live(model, language):
    """A live page of this type in this language, the first in tree order."""
    return (
        model.objects.live()
        .public()
        .filter(locale__language_code=language, alias_of__isnull=True)
        .order_by("path")
        .first()
    )


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314
    entries = {}
    for url in root.findall("s:url", NS):
        loc = url.findtext("s:loc", namespaces=NS)
        assert loc not in entries, f"listed twice: {loc}"
        entries[loc] = {
            "lastmod": url.findtext("s:lastmod", namespaces=NS),
            "alternates": {
                link.get("hreflang"): link.get("href")
                for link in url.findall("xhtml:link", NS)
                if link.get("rel") == "alternate"
            },
        }
    return entries


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser").head


def meta(soup, name):
    tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
    return tag["content"] if tag is not None else None


# --- The public address --------------------------------------------------------------------------


def test_load_demo_gives_the_site_the_public_address(site):
    default = Site.objects.get(is_default_site=True)
    assert (default.hostname, default.port) == ("binhdanggioi.thptsoctrang.edu.vn", 443)
    assert default.root_url == PUBLIC_URL


def test_set_public_url_points_the_site_at_an_address(db):
    out = io.StringIO()
    call_command("set_public_url", "http://192.168.1.20:8080", stdout=out)
    default = Site.objects.get(is_default_site=True)
    assert default.root_url == "http://192.168.1.20:8080"
    # A second run changes nothing.
    call_command("set_public_url", "http://192.168.1.20:8080", stdout=out)
    assert Site.objects.get(is_default_site=True).root_url == "http://192.168.1.20:8080"


@pytest.mark.parametrize("url", ["ftp://example.vn", "https://example.vn:8443", "không phải URL"])
def test_set_public_url_refuses_what_wagtail_cannot_serve(db, url):
    with pytest.raises(CommandError):
        call_command("set_public_url", url, stdout=io.StringIO())
    assert Site.objects.get(is_default_site=True).hostname == "localhost"


# --- Sitemap -------------------------------------------------------------------------------------


def test_sitemap_lists_every_live_public_page_of_both_languages(site, client):
    entries = sitemap(client)
    expected = {
        page.get_full_url()
        for page in Page.objects.live().public().filter(depth__gt=1, alias_of__isnull=True)
    }
    assert set(entries) == expected
    assert all(loc.startswith(PUBLIC_URL + "/") for loc in entries)
    # Both trees: the Vietnamese at the root, the English under /en/, every page type.
    assert f"{PUBLIC_URL}/" in entries and f"{PUBLIC_URL}/en/" in entries
    for model in [*PAGE_TYPES, NewsPage]:
        for language in ("vi", "en"):
            page = live(model, language)
            assert page is not None, (model, language)
            assert page.get_full_url() in entries
    # Dates in W3C format, from the last publication, on the school's calendar (from 17:00 UTC
    # it is already the next day in Sóc Trăng).
    home = live(HomePage, "vi")
    published = timezone.localtime(home.last_published_at).date()
    assert entries[home.get_full_url()]["lastmod"] == published.isoformat()


def test_sitemap_links_each_page_to_its_live_translations(site, client):
    entries = sitemap(client)
    for model in [*PAGE_TYPES, NewsPage]:
        vi = live(model, "vi")
        en = vi.get_translation(Locale.objects.get(language_code="en"))
        alternates = {
            "vi": vi.get_full_url(),
            "en": en.get_full_url(),
            "x-default": vi.get_full_url(),
        }
        # Each language's entry names both, itself included, as Google asks.
        assert entries[vi.get_full_url()]["alternates"] == alternates
        assert entries[en.get_full_url()]["alternates"] == alternates
    # A page with no English has no alternates at all.
    assert entries[untranslated(CampaignPage).get_full_url()]["alternates"] == {}


def untranslated(model):
    """A live Vietnamese page of this type with no translation at all."""
    return next(
        page
        for page in model.objects.live().filter(locale__language_code="vi").order_by("path")
        if not page.get_translations().exists()
    )


def test_sitemap_leaves_out_drafts_private_pages_and_aliases(site, client):
    news_index = live(NewsIndexPage, "vi")
    draft = NewsPage(
        title="Bản nháp",
        slug="ban-nhap",
        summary="Chưa duyệt",
        body=[("paragraph", "<p>Chưa duyệt</p>")],
        live=False,
    )
    news_index.add_child(instance=draft)
    draft.save_revision()  # never published
    private = NewsPage(
        title="Nội bộ",
        slug="noi-bo",
        summary="Chỉ giáo viên",
        body=[("paragraph", "<p>Chỉ giáo viên</p>")],
    )
    news_index.add_child(instance=private)
    private.save_revision().publish()
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="giaovien"
    )
    # A Vietnamese news item shown, untranslated, in the English tree.
    source = untranslated(NewsPage)
    en_index = live(NewsIndexPage, "en")
    alias = source.create_alias(parent=en_index, update_locale=en_index.locale)
    assert alias.live and alias.get_full_url().startswith(f"{PUBLIC_URL}/en/")

    entries = sitemap(client)
    assert NewsPage.objects.filter(pk=draft.pk, live=False).exists()
    assert f"{PUBLIC_URL}/tin-tuc/ban-nhap/" not in entries
    # Live, but behind a password.
    assert NewsPage.objects.get(pk=private.pk).live
    assert private.get_full_url() == f"{PUBLIC_URL}/tin-tuc/noi-bo/"
    assert private.get_full_url() not in entries
    assert alias.get_full_url() not in entries
    # The aliased page keeps its Vietnamese entry, without an English alternate.
    assert entries[source.get_full_url()]["alternates"] == {}


def test_a_draft_translation_is_no_alternate(site, client):
    source = untranslated(CampaignPage)
    draft = source.copy_for_translation(Locale.objects.get(language_code="en"))
    assert not draft.live
    entries = sitemap(client)
    assert entries[source.get_full_url()]["alternates"] == {}
    assert not any(
        loc.startswith(f"{PUBLIC_URL}/en/campaigns/") and loc.endswith(f"/{draft.slug}/")
        for loc in entries
    )


# --- robots.txt ----------------------------------------------------------------------------------


def test_robots_txt_opens_the_site_and_points_at_the_sitemap(site, client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Allow: /" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /search/" in lines and "Disallow: /en/search/" in lines
    assert f"Sitemap: {PUBLIC_URL}/sitemap.xml" in lines
    # Nothing public is shut out: the pages of both languages stay open.
    disallowed = [line.split(":", 1)[1].strip() for line in lines if line.startswith("Disallow")]
    assert "/" not in disallowed and "/en/" not in disallowed


# --- Link previews and canonical URLs ------------------------------------------------------------


def page_urls():
    """(model, language) of every page type, in both languages."""
    return [(model, language) for model in [*PAGE_TYPES, NewsPage] for language in ("vi", "en")]


@pytest.mark.parametrize(("model", "language"), page_urls())
def test_every_page_type_has_open_graph_twitter_and_canonical_tags(site, client, model, language):
    page = live(model, language)
    soup = head(client, page.url)
    full_url = page.get_full_url()
    assert full_url.startswith(PUBLIC_URL + "/")
    assert soup.find("link", rel="canonical")["href"] == full_url
    assert meta(soup, "og:url") == full_url
    assert meta(soup, "og:title") == (page.seo_title or page.title)
    assert meta(soup, "og:description")
    assert meta(soup, "og:type") == ("article" if model in ARTICLES else "website")
    assert meta(soup, "og:site_name")
    assert meta(soup, "og:locale") == {"vi": "vi_VN", "en": "en_US"}[language]
    # Every page of this type here is live in both languages.
    other = {"vi": "en_US", "en": "vi_VN"}[language]
    assert [tag["content"] for tag in soup.find_all("meta", property="og:locale:alternate")] == [
        other
    ]
    assert meta(soup, "twitter:card") == "summary_large_image"

    image_url = meta(soup, "og:image")
    assert image_url.startswith(PUBLIC_URL + "/")
    width, height = int(meta(soup, "og:image:width")), int(meta(soup, "og:image:height"))
    # Large previews want at least 1200 px across at about 1.91:1 (Wagtail's crop may round a
    # pixel); the size announced is the file's own.
    assert width == 1200 and 1.89 < width / height < 1.92
    assert meta(soup, "og:image:alt")
    assert_image_exists(page, urlsplit(image_url).path, (width, height))


def assert_image_exists(page, path, size):
    """The og:image is a rendition of the page's picture on the media storage, or the shipped
    default picture, of the size announced."""
    image = getattr(page, "listing_image", None) or getattr(page, "image", None)
    if image is None and getattr(page, "gallery", None):
        image = page.gallery[0].value["image"]
    if image is None:
        assert path.endswith(DEFAULT_SHARE_IMAGE.rsplit("/", 1)[1])
        found = finders.find(DEFAULT_SHARE_IMAGE)
        assert found, DEFAULT_SHARE_IMAGE
        with PILImage.open(found) as picture:
            assert picture.size == size
        return
    rendition = next(r for r in image.renditions.all() if r.url == path)
    assert default_storage.exists(rendition.file.name)
    with default_storage.open(rendition.file.name) as file, PILImage.open(file) as picture:
        assert picture.size == size
        assert picture.format == "JPEG"


def test_news_and_campaigns_are_previewed_with_their_own_picture(site, client):
    news = live(NewsPage, "vi")
    soup = head(client, news.url)
    rendition_url = meta(soup, "og:image")
    assert "/images/" in rendition_url and news.image.renditions.exists()
    assert meta(soup, "og:image:alt") == news.image.description

    campaign = live(CampaignPage, "vi")
    soup = head(client, campaign.url)
    assert meta(soup, "og:image:alt") == campaign.listing_image.description


def test_a_page_without_picture_is_previewed_with_the_site_picture(site, client):
    plan = live(PlanPage, "vi")
    assert plan.listing_image is None
    soup = head(client, plan.url)
    assert meta(soup, "og:image").endswith("/static/" + DEFAULT_SHARE_IMAGE)
    assert meta(soup, "og:image:type") == "image/png"


def test_a_page_live_in_one_language_has_no_locale_alternate(site, client):
    page = untranslated(CampaignPage)
    soup = head(client, page.url)
    assert meta(soup, "og:locale") == "vi_VN"
    assert soup.find("meta", property="og:locale:alternate") is None


def test_canonical_keeps_the_list_page_and_tag_and_drops_the_rest(site, client):
    index = live(NewsIndexPage, "vi")
    soup = head(client, index.url + "?tag=thang-hanh-dong&utm_source=zalo")
    assert soup.find("link", rel="canonical")["href"] == (
        index.get_full_url() + "?tag=thang-hanh-dong"
    )
    soup = head(client, index.url + "?page=1")
    assert soup.find("link", rel="canonical")["href"] == index.get_full_url()


def test_search_and_404_are_not_announced(site, client):
    # Both say noindex and have no canonical URL of their own.
    response = client.get("/search/?q=binh+dang")
    soup = BeautifulSoup(response.content, "html.parser").head
    assert meta(soup, "robots") == "noindex" and soup.find("link", rel="canonical") is None
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser").head
    assert meta(soup, "robots") == "noindex" and soup.find("link", rel="canonical") is None


def test_demo_images_have_their_alternative_text(site):
    assert all(image.description for image in get_image_model().objects.all())
