"""Alternative text is required in the admin (cms/images.py), and the public templates serve it
as ``alt`` on responsive WebP images (srcset, sizes, width/height, lazy below the fold)."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection, UploadedFile

from campaigns.models import CampaignPage
from home.models import NewsPage

# The error the form gives, as the catalogue has it in Vietnamese (the interface language).
MISSING_ALT = (
    "Write the alternative text: describe what the picture shows for readers who cannot see it."
)

Image = get_image_model()
TODAY = datetime.datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def png(name="anh-hoat-dong.png"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (640, 360), "#6a1b4d").save(buffer, format="PNG")
    buffer.seek(0)
    buffer.name = name
    return buffer


def vietnamese(message):
    with translation.override("vi"):
        return gettext(message)


def upload(client, **fields):
    data = {
        "title": "Hội thi vẽ tranh",
        "collection": Collection.get_first_root_node().pk,
        "tags": "",
        "file": png(),
        **fields,
    }
    return client.post(reverse("wagtailimages:add"), data)


def errors(response, field):
    soup = BeautifulSoup(response.content, "html.parser")
    # Wagtail renders each field's errors next to it; the field's wrapper names the field.
    wrapper = soup.find(attrs={"data-field-wrapper": True, "id": f"panel-{field}-section"})
    wrapper = wrapper or soup.find(id=f"id_{field}").find_parent(attrs={"data-field-wrapper": True})
    return " ".join(wrapper.get_text(" ").split())


def test_an_image_without_alternative_text_is_refused_and_nothing_saved(youth):
    response = upload(youth.client, description="")
    assert response.status_code == 200
    assert vietnamese(MISSING_ALT) in errors(response, "description")
    assert not Image.objects.exists()


def test_spaces_are_no_alternative_text(youth):
    response = upload(youth.client, description="   \n  ")
    assert response.status_code == 200
    assert vietnamese(MISSING_ALT) in errors(response, "description")
    assert not Image.objects.exists()


def test_an_image_with_alternative_text_is_saved_with_it(youth):
    response = upload(youth.client, description="Học sinh  vẽ tranh\nvề bình đẳng giới")
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.description == "Học sinh vẽ tranh về bình đẳng giới"
    assert image.default_alt_text == image.description


def test_the_multiple_uploader_keeps_the_file_aside_until_the_text_is_given(youth):
    response = youth.client.post(
        reverse("wagtailimages:add_multiple"),
        {"collection": Collection.get_first_root_node().pk, "files[]": png("lop-hoc.png")},
    )
    assert response.status_code == 200
    data = response.json()
    assert data["success"] and "uploaded_file_id" in data
    assert not Image.objects.exists()
    upload_id = data["uploaded_file_id"]
    assert UploadedFile.objects.filter(pk=upload_id).exists()

    url = reverse("wagtailimages:create_multiple_from_uploaded_image", args=(upload_id,))
    prefix = f"uploaded-image-{upload_id}"
    base = {
        f"{prefix}-title": "Lớp học hạnh phúc",
        f"{prefix}-collection": Collection.get_first_root_node().pk,
        f"{prefix}-tags": "",
    }
    refused = youth.client.post(url, {**base, f"{prefix}-description": ""}).json()
    assert refused["success"] is False
    assert vietnamese(MISSING_ALT) in " ".join(
        BeautifulSoup(refused["form"], "html.parser").get_text(" ").split()
    )
    assert not Image.objects.exists()

    accepted = youth.client.post(
        url, {**base, f"{prefix}-description": "Học sinh cùng cười trong lớp học"}
    ).json()
    assert accepted["success"] is True
    assert Image.objects.get().description == "Học sinh cùng cười trong lớp học"


def test_editing_an_image_cannot_remove_its_alternative_text(youth):
    upload(youth.client, description="Hoa tặng cô giáo")
    image = Image.objects.get()
    response = youth.client.post(
        reverse("wagtailimages:edit", args=(image.pk,)),
        {
            "title": image.title,
            "collection": image.collection_id,
            "tags": "",
            "description": "",
        },
    )
    assert response.status_code == 200
    assert vietnamese(MISSING_ALT) in errors(response, "description")
    image.refresh_from_db()
    assert image.description == "Hoa tặng cô giáo"


# --- The public templates ------------------------------------------------------------------------


@pytest.fixture
def site(demo_site):
    cache.clear()  # renditions are cached by image id, which comes round again between tests
    return demo_site


def img_tags(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").find("main").find_all("img")


def assert_responsive(img, image):
    assert img["alt"] == image.description
    assert img["decoding"] == "async"
    assert int(img["width"]) > 0 and int(img["height"]) > 0
    assert img["sizes"]
    candidates = [c.strip().split() for c in img["srcset"].split(",")]
    assert len(candidates) >= 2
    assert all(url.endswith(".webp") and width.endswith("w") for url, width in candidates)
    assert img["src"].endswith(".webp")


def test_the_news_image_is_responsive_webp_with_its_alternative_text(site, client):
    news = NewsPage.objects.live().filter(locale__language_code="vi").exclude(image=None).first()
    imgs = img_tags(client, news.url)
    lead = imgs[0]
    assert_responsive(lead, news.image)
    # The first picture, above the fold: fetched at once.
    assert "loading" not in lead.attrs
    assert lead.get("fetchpriority") == "high"


def test_cards_load_lazily_but_the_first_picture_of_the_home_page(site, client):
    # 24/11/2026: the Action Month is running, its card leads the home page.
    with time_machine.travel(TODAY, tick=False):
        imgs = img_tags(client, "/")
    assert len(imgs) >= 2
    for img in imgs:
        assert_responsive(img, Image.objects.get(description=img["alt"]))
    assert "loading" not in imgs[0].attrs
    assert all(img.get("loading") == "lazy" for img in imgs[1:])


def test_list_cards_are_lazy(site, client):
    imgs = img_tags(client, "/tin-tuc/")
    assert imgs
    for img in imgs:
        assert img.get("loading") == "lazy"
        assert_responsive(img, Image.objects.get(description=img["alt"]))


def test_campaign_gallery_is_lazy_and_responsive(site, client):
    campaign = CampaignPage.objects.live().filter(locale__language_code="vi").first()
    imgs = img_tags(client, campaign.url)
    assert imgs
    for img in imgs:
        assert img.get("loading") == "lazy"
        assert_responsive(img, Image.objects.get(description=img["alt"]))


def test_uploaders_manage_their_own_images_and_nobody_else_s(django_user_model, youth_union_user):
    """A file on a live page is public: replacing or deleting someone else's would change the site
    without review, so only its uploader (and administrators) may (cms/migrations/0010)."""
    from django.contrib.auth.models import Group
    from django.test import Client

    owner, other = Client(), Client()
    owner.force_login(youth_union_user)
    colleague = django_user_model.objects.create_user(username="doan-vien-2", password="x")
    colleague.groups.add(Group.objects.get(name="BCH Đoàn trường"))
    other.force_login(colleague)
    assert upload(owner, description="Học sinh vẽ tranh").status_code == 302
    image = Image.objects.get()

    for url in (
        reverse("wagtailimages:edit", args=[image.pk]),
        reverse("wagtailimages:delete", args=[image.pk]),
    ):
        assert other.get(url).status_code == 302  # sent back to the dashboard, refused
        assert other.post(url, {"title": "Thay ảnh"}).status_code == 302
        assert Image.objects.filter(pk=image.pk, title="Hội thi vẽ tranh").exists()
    assert owner.get(reverse("wagtailimages:edit", args=[image.pk])).status_code == 200
    assert owner.post(reverse("wagtailimages:delete", args=[image.pk])).status_code == 302
    assert not Image.objects.filter(pk=image.pk).exists()
