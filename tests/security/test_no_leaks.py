"""No draft, scheduled, expired, unpublished or private content reaches anonymous readers
(issue 9), through any of the ways the public site shows pages: the page's own URL (with or
without /en/), the list pages and the home page, search and its promotions, the sitemap, the news
feeds, the campaign calendar and its .ics, Wagtail's preview and draft views, any /api/ path, the
documents and images attached to those pages.

Each hidden page exists twice, as a news item and as a campaign (the calendar shows campaigns
only), and carries a word of its own in its title and summary: a response leaks the page when it
holds that word. The project routes pages and reads view restrictions through one page-tree query
(cms/models/tree.py), so live pages under an unpublished list and under a restricted list are in
the sweep too. A live, public control page shows through every channel, so that each check can
fail.
"""

import datetime
import html
import io
import re

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.utils import timezone
from django.utils.html import strip_tags
from PIL import Image as PILImage
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Workflow
from wagtail.models.view_restrictions import BaseViewRestriction
from wagtail.search import index

from campaigns.models import CampaignIndexPage, CampaignPage
from home.models import HomePage, NewsIndexPage

from ..factories import block_id, make_campaign, make_news

Image = get_image_model()
Document = get_document_model()

# The hidden kinds of page: every one of them must stay out of sight.
KINDS = [
    "draft",  # never published
    "in_review",  # submitted, waiting for the committee
    "scheduled",  # approved to go live tomorrow
    "expired",  # went live, then its expiry time passed
    "unpublished",  # went live, then was taken down
    "password",  # live behind a password
    "login",  # live for signed-in people only
    "under_restricted",  # live, in a list only signed-in people may see
    "under_unpublished",  # live, in a list that was taken down
    "draft_of_live",  # unpublished changes of a live page
    "scheduled_of_live",  # changes of a live page approved for tomorrow
]

# The hidden pages that use the image and the document nothing public uses.
SECRET_MEDIA_KINDS = set(KINDS) - {"draft_of_live", "scheduled_of_live", "under_unpublished"}


def token(kind, model):
    """The word only the hidden page ``kind`` of ``model`` ("news", "campaign") carries."""
    return f"kin{kind.replace('_', '')}{model}"


def _fields(kind, model, **extra):
    word = token(kind, model)
    return {"title": f"Bí mật {word}", "summary": f"Nội dung {word} chưa công bố.", **extra}


def _png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 36), "#6a1b4d").save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="anh-bi-mat.png")


class World:
    """The home page, a public news list and campaign list, the control pages, and each hidden
    kind as a news item and as a campaign, with the users who made them."""

    def __init__(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group

        from ..conftest import COMMITTEE, PASSWORD, VICE_PRINCIPAL, YOUTH_UNION

        User = get_user_model()

        def user(name, group):
            person = User.objects.create_user(username=name, password=PASSWORD)
            person.groups.add(Group.objects.get(name=group))
            return person

        self.youth = user("doantruong", YOUTH_UNION)
        self.committee = user("banvstbpn", COMMITTEE)
        self.vice_principal = user("phohieutruong", VICE_PRINCIPAL)
        self.home = HomePage.objects.get(depth=2, locale__language_code="vi")
        self.news_index = NewsIndexPage(title="Tin tức", slug="tin-tuc")
        self.home.add_child(instance=self.news_index)
        self.campaign_index = CampaignIndexPage(title="Chiến dịch", slug="chien-dich")
        self.home.add_child(instance=self.campaign_index)
        self.workflow = Workflow.objects.get(name="Duyệt nội dung")
        self.tomorrow = timezone.now() + datetime.timedelta(days=1)

        # What only the hidden pages use: an image, a document.
        self.secret_image = Image.objects.create(title="Ảnh bí mật", file=_png())
        self.secret_document = Document.objects.create(
            title="Tệp bí mật", file=ContentFile(b"%PDF-1.4 bi mat", name="tep-bi-mat.pdf")
        )

        self.control = {
            # The newest news item, so that the home page's few latest news show it.
            "news": self._news(self.news_index, "control", date=datetime.date(2026, 12, 1)),
            "campaign": self._campaign(self.campaign_index, "control"),
        }
        for page in self.control.values():
            page.save_revision().publish()
        self.pages = {}
        for kind in KINDS:
            self.pages[kind] = {
                "news": self._hide(kind, "news"),
                "campaign": self._hide(kind, "campaign"),
            }
        # Wagtail indexes pages after the transaction commits, which this one never does.
        for page in Page.objects.all():
            index.insert_or_update_object(page.specific)
        query = Query.get("khuyen mai")
        for sort_order, kind in enumerate(KINDS):
            SearchPromotion.objects.create(
                query=query, page=self.pages[kind]["news"], sort_order=sort_order
            )

    def _news(self, parent, kind, **extra):
        fields = _fields(kind, "news", **extra)
        word = token(kind, "news")
        body = [
            {
                "type": "paragraph",
                "id": block_id(),
                "value": (
                    f'<p>{word} <a id="{self.secret_document.pk}" linktype="document">tệp</a></p>'
                    if kind in SECRET_MEDIA_KINDS
                    else f"<p>{word}</p>"
                ),
            }
        ]
        if kind in SECRET_MEDIA_KINDS:
            fields["image"] = self.secret_image
        return make_news(parent, slug=f"tin-{kind.replace('_', '-')}", body=body, **fields)

    def _campaign(self, parent, kind, **extra):
        fields = _fields(kind, "campaign", **extra)
        return make_campaign(parent, slug=f"chien-dich-{kind.replace('_', '-')}", **fields)

    def _parent(self, kind, model):
        """The list a hidden page of ``kind`` lives in: a private or taken-down list of its own
        for the pages under one, else the public list."""
        index_model = NewsIndexPage if model == "news" else CampaignIndexPage
        public = self.news_index if model == "news" else self.campaign_index
        if kind == "under_restricted":
            index = index_model(title=f"Nội bộ {model}", slug=f"noi-bo-{model}")
            self.home.add_child(instance=index)
            PageViewRestriction.objects.create(
                page=index, restriction_type=BaseViewRestriction.LOGIN
            )
            return index
        if kind == "under_unpublished":
            index = index_model(title=f"Đã gỡ {model}", slug=f"da-go-{model}")
            self.home.add_child(instance=index)
            return index
        return public

    def _hide(self, kind, model):
        parent = self._parent(kind, model)
        make = self._news if model == "news" else self._campaign
        published = kind in {
            "expired",
            "unpublished",
            "password",
            "login",
            "under_restricted",
            "under_unpublished",
        }
        if kind in {"draft_of_live", "scheduled_of_live"}:
            # A live page with a public title; the hidden words are in its next revision only.
            page = make(parent, f"public_{kind}")
            page.title = f"Công khai {model} {kind}"
            page.summary = "Nội dung đã công bố."
            page.save()
            page.save_revision().publish()
            hidden = _fields(kind, model)
            page.title, page.summary = hidden["title"], hidden["summary"]
            revision = page.save_revision(user=self.youth)
            if kind == "scheduled_of_live":
                page.go_live_at = self.tomorrow
                revision = page.save_revision(user=self.youth)
                revision.publish()
            return Page.objects.get(pk=page.pk).specific
        page = make(parent, kind, live=published)
        if published:
            page.save_revision().publish()
        else:
            page.save_revision(user=self.youth)
        if kind == "in_review":
            self.workflow.start(page, self.youth)
        elif kind == "scheduled":
            page.go_live_at = self.tomorrow
            page.save_revision(user=self.youth).publish()
        elif kind == "expired":
            page.expire_at = timezone.now() - datetime.timedelta(hours=1)
            page.save_revision().publish()
            page.unpublish(set_expired=True)
        elif kind == "unpublished":
            page.unpublish()
        elif kind in {"password", "login"}:
            PageViewRestriction.objects.create(
                page=page,
                restriction_type=(
                    BaseViewRestriction.PASSWORD
                    if kind == "password"
                    else BaseViewRestriction.LOGIN
                ),
                password="mat-khau-bi-mat",
            )
        elif kind == "under_unpublished":
            parent.save_revision().publish()
            parent.refresh_from_db()
            # Taking the list down leaves its live child behind (the admin's "unpublish
            # sub-pages too" left unticked).
            parent.unpublish()
        return Page.objects.get(pk=page.pk).specific


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The world, built once in a transaction rolled back after the module; each test runs in a
    savepoint inside it."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield World()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


# The ways the public site shows pages ---------------------------------------------------------


def page_path(page, prefix=""):
    """The page's public path (under ``prefix``, e.g. ``/en``), from its place in the tree."""
    home = Page.objects.get(depth=2, locale__language_code="vi")
    return prefix + "/" + page.url_path[len(home.url_path) :]


def own_url(world, page):
    return [page_path(page)]


def english_url(world, page):
    return [page_path(page, "/en")]


def list_pages(world, page):
    parent = page.get_parent()
    return [page_path(parent), page_path(world.news_index), page_path(world.campaign_index)]


def home_page(world, page):
    return ["/", "/en/"]


def search(world, page):
    word = re.search(r"kin\w+", page.get_latest_revision_as_object().title).group(0)
    return [f"/search/?q={word}", "/search/?q=khuyen+mai", "/en/search/?q=" + word]


def sitemap(world, page):
    return ["/sitemap.xml"]


def feeds(world, page):
    index = page_path(world.news_index)
    return [index + "rss/", index + "atom/"]


def calendar(world, page):
    index = page_path(world.campaign_index)
    year = page.specific.start_date.year if isinstance(page.specific, CampaignPage) else 2026
    return [index + f"calendar/?year={year}", index + "calendar/ics/"]


def admin_views(world, page):
    """Wagtail's previews and draft view: for signed-in editors only."""
    return [
        f"/admin/pages/{page.pk}/view_draft/",
        f"/admin/pages/{page.pk}/edit/preview/",
        f"/admin/pages/{page.pk}/revisions/",
        f"/admin/api/main/pages/{page.pk}/",
    ]


CHANNELS = [own_url, english_url, list_pages, home_page, search, sitemap, feeds, calendar]
CHANNELS += [admin_views]


def read(paths, client=None):
    """The responses to ``paths`` as anonymous reader, as text."""
    client = client or Client()
    return {path: client.get(path) for path in paths}


def markers(kind, model, page, channel):
    """What shows the hidden page: its title and its summary (the search page repeats the
    query, so the word alone would not do), and in the sitemap its address, unless the page is
    a live one whose next revision is what is hidden."""
    word = token(kind, model)
    found = [f"Bí mật {word}", f"Nội dung {word}"]
    if channel is sitemap and kind not in {"draft_of_live", "scheduled_of_live"}:
        found.append(page_path(page))
    return found


def text_of(response):
    """The response as a reader sees it: tags dropped (search marks the words it found),
    entities read."""
    return html.unescape(strip_tags(response.content.decode("utf-8", "replace")))


def leaks(responses, found):
    return [
        f"{path} ({r.status_code}: {text})"
        for path, r in responses.items()
        for text in found
        if text in text_of(r)
    ]


# "under_unpublished" is a live page in a list that was taken down (or expired): Wagtail routes to
# it and its ``public()`` keeps it, as they read view restrictions only; the project hides it
# (cms/models/tree.py: public_q, PageTree.is_public; BasePage.route).
def _leak_cases():
    for kind in KINDS:
        for channel in CHANNELS:
            yield pytest.param(kind, channel, id=f"{kind}-{channel.__name__}")


@pytest.fixture(params=["snapshot", "database"])
def site_rows(request, settings):
    """Both ways a request learns which pages are restricted or taken down: the site snapshot
    kept for the generation (cms/snapshot.py; prefixes in the queries) and the database's own
    conditions (cms/models/tree.py: ``public_q`` without a snapshot)."""
    settings.SITE_SNAPSHOT_ENABLED = request.param == "snapshot"
    return request.param


@pytest.mark.parametrize(("kind", "channel"), list(_leak_cases()))
def test_hidden_pages_do_not_show(world, db, site_rows, kind, channel):
    for model, page in world.pages[kind].items():
        shown = leaks(read(channel(world, page)), markers(kind, model, page, channel))
        assert not shown, f"the {kind} {model} page shows through {shown}"


# The control: a live, public page shows through every channel but the admin's, so that each
# check above looks where the page would be.
@pytest.mark.parametrize(
    "channel", [c for c in CHANNELS if c is not admin_views], ids=lambda c: c.__name__
)
def test_live_public_page_shows(world, db, site_rows, channel):
    models = ["campaign"] if channel is calendar else ["news", "campaign"]
    if channel is feeds:
        models = ["news"]
    for model in models:
        page = world.control[model]
        responses = read(channel(world, page))
        if channel is search:
            responses = {p: r for p, r in responses.items() if "khuyen" not in p}
        shown = f"Bí mật {token('control', model)}"
        if channel is sitemap:
            shown = page_path(page)
        assert any(shown in text_of(r) for r in responses.values()), (
            f"the live {model} page does not show through {channel.__name__}"
        )


def test_admin_views_send_readers_to_the_login(world, db):
    page = world.pages["draft"]["news"]
    for path, response in read(admin_views(world, page)).items():
        assert response.status_code in (302, 403), path
        if response.status_code == 302:
            assert response["Location"].startswith("/admin/login/"), path


@pytest.mark.parametrize(
    "path",
    [
        "/api/",
        "/api/v2/",
        "/api/v2/pages/",
        "/api/v2/pages/?type=home.NewsPage",
        "/en/api/v2/pages/",
    ],
)
def test_no_public_api(world, db, path):
    assert Client().get(path).status_code == 404


# Documents and images of hidden pages ---------------------------------------------------------


def test_documents_are_found_by_their_full_address_only(world, db):
    """Wagtail serves a document to anyone who has its address (no collection privacy is set);
    the address holds the file name, so that counting ids finds nothing."""
    document = world.secret_document
    client = Client()
    assert client.get(f"/documents/{document.pk}/").status_code == 404
    assert client.get(f"/documents/{document.pk}/tep.pdf").status_code == 404


def test_no_public_page_links_the_hidden_pages_document_or_image(world, db):
    """The document and the image that only hidden pages use appear on no public page."""
    document_url = world.secret_document.url
    image = world.secret_image
    paths = ["/", page_path(world.news_index), page_path(world.campaign_index), "/sitemap.xml"]
    paths += feeds(world, world.control["news"]) + calendar(world, world.control["campaign"])
    paths += [page_path(page) for page in world.control.values()]
    for kind in KINDS:
        for page in world.pages[kind].values():
            paths += [page_path(page), page_path(page, "/en")]
    bodies = {path: r.content.decode() for path, r in read(paths).items()}
    renditions = [r.url for r in image.renditions.all()]
    for path, body in bodies.items():
        assert document_url not in body, path
        assert f"/images/{image.file.name.rsplit('/', 1)[-1].rsplit('.', 1)[0]}" not in body, path
        for url in renditions:
            assert url not in body, path


# The page cache: a page read while live is not served from the cache once taken down ----------


def test_unpublished_page_leaves_the_page_cache(world, db, django_capture_on_commit_callbacks):
    """Pages read (and cached) while the news item was live no longer show it once it is taken
    down: the sitemap its address, the others its title."""
    page = world.control["news"]
    title = f"Bí mật {token('control', 'news')}"
    paths = [page_path(page), page_path(world.news_index), "/", *feeds(world, page)]
    shows = dict.fromkeys(paths, title) | {"/sitemap.xml": page_path(page)}
    client = Client()
    warm = read(shows, client)
    assert not [path for path, r in warm.items() if shows[path] not in text_of(r)]

    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=page.pk).specific.unpublish()

    after = read(shows, client)
    shown = [path for path, r in after.items() if shows[path] in text_of(r)]
    assert not shown, f"the unpublished page is still served from the cache at {shown}"
