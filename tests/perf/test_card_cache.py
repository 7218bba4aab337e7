"""The list cards kept in memory (``{% cardcache %}``, cms/templatetags/card_tags.py), as readers
meet them: a card is rendered once and then served from the process's memory, and every change
it shows — a publish, an edited picture, a renamed list, another day — is on the very next read.

The page cache (cms/cache.py) is switched off here so that each read renders the page: what is
tested is the cards alone.
"""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from campaigns.models import CampaignPage
from cms.templatetags.card_tags import cards

from ..factories import make_campaign, make_news

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
LIST_URL = "/chien-dich/"
Image = get_image_model()


@pytest.fixture(autouse=True)
def _render_every_page(settings):
    settings.PAGE_CACHE_ENABLED = False
    cards.clear()
    yield
    cards.clear()


@pytest.fixture
def picture(db):
    return Image.objects.create(
        title="Ảnh chiến dịch",
        description="Học sinh lớp 11A1 diễu hành hưởng ứng Tháng hành động",
        file=get_test_image_file("chien-dich.png", size=(640, 360)),
    )


@pytest.fixture
def campaign(campaign_index, picture):
    page = make_campaign(
        campaign_index,
        title="Tháng hành động vì bình đẳng giới 2026",
        slug="thang-hanh-dong-2026",
        listing_image=picture,
    )
    page.save_revision().publish()
    return page


def read(url):
    """An anonymous reader's page, as text."""
    response = Client().get(url)
    assert response.status_code == 200
    return response.content.decode()


def card_of(html, title):
    """The card (``<article>``) whose heading shows ``title``."""
    for card in re.findall(r'<article class="card.*?</article>', html, re.S):
        if f">{title}</a>" in card:
            return card
    raise AssertionError(f"no card titled {title!r}")


@time_machine.travel(datetime.datetime(2026, 11, 20, 9, tzinfo=HCM), tick=False)
def test_a_card_is_rendered_once_then_served_from_memory_as_the_same_html(campaign, settings):
    first = read(LIST_URL)  # the picture's renditions are made by this first render
    second = read(LIST_URL)
    stored = len(cards)
    assert stored >= 1
    third = read(LIST_URL)
    assert len(cards) == stored  # nothing more rendered: the card came from memory
    assert card_of(first, campaign.title) == card_of(second, campaign.title)
    assert card_of(third, campaign.title) == card_of(first, campaign.title)
    settings.CARD_CACHE_ENABLED = False
    assert card_of(read(LIST_URL), campaign.title) == card_of(first, campaign.title)


@time_machine.travel(datetime.datetime(2026, 11, 20, 9, tzinfo=HCM), tick=False)
def test_a_published_change_is_on_the_very_next_read(campaign):
    before = card_of(read(LIST_URL), campaign.title)
    assert "Các hoạt động hưởng ứng" in before

    page = CampaignPage.objects.get(pk=campaign.pk)
    page.title = "Tháng hành động 2026: nói không với bạo lực giới"
    page.summary = "Chuỗi hoạt động mới của Đoàn trường."
    page.save_revision().publish()

    after = card_of(read(LIST_URL), page.title)
    assert "Chuỗi hoạt động mới của Đoàn trường." in after
    assert "Các hoạt động hưởng ứng" not in after
    assert "Tháng hành động vì bình đẳng giới 2026<" not in read(LIST_URL)


@time_machine.travel(datetime.datetime(2026, 11, 20, 9, tzinfo=HCM), tick=False)
def test_an_edited_picture_is_on_the_very_next_read(campaign, picture):
    before = card_of(read(LIST_URL), campaign.title)
    assert 'alt="Học sinh lớp 11A1 diễu hành hưởng ứng Tháng hành động"' in before

    picture.description = "Học sinh lớp 12A2 vẽ tranh cổ động"
    picture.focal_point_x, picture.focal_point_y = 40, 40
    picture.focal_point_width, picture.focal_point_height = 20, 20
    picture.save()

    after = card_of(read(LIST_URL), campaign.title)
    assert 'alt="Học sinh lớp 12A2 vẽ tranh cổ động"' in after
    # The focal point makes other renditions: the card shows their files.
    old_files = set(re.findall(r"/media/images/[^\s\"]+", before))
    new_files = set(re.findall(r"/media/images/[^\s\"]+", after))
    assert new_files and not new_files & old_files


@time_machine.travel(datetime.datetime(2026, 11, 20, 9, tzinfo=HCM), tick=False)
def test_a_renamed_list_changes_its_cards_links_at_once(campaign, campaign_index, home_page):
    assert 'href="/chien-dich/thang-hanh-dong-2026/"' in card_of(read(LIST_URL), campaign.title)
    assert 'href="/chien-dich/thang-hanh-dong-2026/"' in card_of(read("/"), campaign.title)

    campaign_index.slug = "hoat-dong"
    campaign_index.save_revision().publish()

    renamed = 'href="/hoat-dong/thang-hanh-dong-2026/"'
    assert renamed in card_of(read("/hoat-dong/"), campaign.title)
    assert renamed in card_of(read("/"), campaign.title)


def test_the_running_badge_follows_the_day(campaign):
    # The campaign runs from 15/11/2026 to 15/12/2026.
    with time_machine.travel(datetime.datetime(2026, 12, 15, 9, tzinfo=HCM), tick=False):
        assert "Đang diễn ra" in card_of(read(LIST_URL), campaign.title)
    with time_machine.travel(datetime.datetime(2026, 12, 16, 9, tzinfo=HCM), tick=False):
        assert "Đang diễn ra" not in card_of(read(LIST_URL), campaign.title)


@time_machine.travel(datetime.datetime(2026, 11, 26, 9, tzinfo=HCM), tick=False)
def test_cards_are_per_language_and_per_card_template(campaign, news_index, picture):
    news = make_news(news_index, title="Sinh hoạt dưới cờ", slug="sinh-hoat", image=picture)
    news.save_revision().publish()
    home = read("/")
    assert card_of(home, news.title).startswith('<article class="card news-card">')
    assert card_of(home, campaign.title).startswith('<article class="card campaign-card">')
    # The news list shows the same item with another heading level: another card.
    assert '<h2 class="card-title">' in card_of(read("/tin-tuc/"), news.title)
    assert '<h3 class="card-title">' in card_of(read("/"), news.title)
