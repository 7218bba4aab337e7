"""What a reader gets from the public pages of the demo site, in Vietnamese, on 24/11/2026
(during the Action Month and the week of 25/11)."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.test import RequestFactory
from django.views.defaults import server_error

from home.demo import plan_2026
from home.models import NewsIndexPage, NewsPage

TODAY = datetime.datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
ACTION_MONTH = "Tháng hành động vì bình đẳng giới và phòng, chống bạo lực trên cơ sở giới 2026"
DAY_25_11 = "Hưởng ứng Ngày Quốc tế xóa bỏ bạo lực đối với phụ nữ 25/11/2026"
WOMENS_DAY = "Kỷ niệm Ngày Quốc tế Phụ nữ 8/3/2026"
PUBLIC_URLS = [
    "/",
    "/ke-hoach/",
    f"/ke-hoach/{plan_2026.SLUG}/",
    "/chien-dich/",
    "/chien-dich/thang-hanh-dong-vi-binh-dang-gioi-2026/",
    "/tin-tuc/",
    "/tin-tuc/phat-dong-thang-hanh-dong-2026/",
    "/search/?q=bình+đẳng",
]


@pytest.fixture
def on_24_november():
    with time_machine.travel(TODAY, tick=False):
        yield


def section(soup, heading):
    """The <section> whose heading reads ``heading``."""
    title = soup.find(["h2", "h3"], string=re.compile(re.escape(heading)))
    assert title is not None, f"no section headed {heading!r}"
    return title.find_parent("section")


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return BeautifulSoup(response.content, "html.parser")


def test_home_page_shows_what_runs_today_what_comes_next_news_and_the_plan(
    demo_site, client, on_24_november
):
    soup = get(client, "/")
    assert soup.html["lang"] == "vi"
    running = section(soup, "Chiến dịch đang diễn ra").get_text()
    assert ACTION_MONTH in running and DAY_25_11 in running
    assert WOMENS_DAY not in running

    coming = section(soup, "Sắp diễn ra").get_text(" ", strip=True)
    # The next observances in order: 25/11 and the Action Month, then 8/3 and 20/3 of 2027.
    assert coming.index("25/11/2026") < coming.index("08/03/2027") < coming.index("20/03/2027")

    news = [a.get_text(strip=True) for a in section(soup, "Tin mới nhất").select("h3 a")]
    assert news == [
        "Tọa đàm “Nhận diện bạo lực trên cơ sở giới” cho học sinh khối 11, 12",
        "Phát động Tháng hành động vì bình đẳng giới năm 2026",
        "Trao giải hội thi vẽ tranh “Bình đẳng giới trong mắt em”",
    ]
    plan = section(soup, "Kế hoạch năm nay")
    assert plan.find("a", href=f"/ke-hoach/{plan_2026.SLUG}/") is not None


def test_home_page_says_so_when_no_campaign_runs(demo_site, client):
    with time_machine.travel(datetime.datetime(2026, 7, 15, tzinfo=ZoneInfo("UTC")), tick=False):
        soup = get(client, "/")
    assert "Hôm nay không có chiến dịch nào đang diễn ra." in soup.get_text()


def test_campaign_page_shows_its_period_plan_item_and_activities(demo_site, client):
    soup = get(client, "/chien-dich/thang-hanh-dong-vi-binh-dang-gioi-2026/")
    text = soup.find("main").get_text(" ", strip=True)
    assert "15/11/2026" in text and "15/12/2026" in text
    assert "II.2" in text  # the plan item it carries out
    assert "BCH Đoàn trường" in text
    activities = soup.select("ol.activities > li")
    assert len(activities) == 4
    assert "Tọa đàm “Nhận diện bạo lực trên cơ sở giới”" in activities[1].get_text()
    assert soup.find("a", href=f"/ke-hoach/{plan_2026.SLUG}/") is not None


def test_breadcrumbs_lead_from_home_to_the_page(demo_site, client):
    soup = get(client, "/tin-tuc/phat-dong-thang-hanh-dong-2026/")
    crumbs = soup.find("nav", attrs={"aria-label": "Đường dẫn"}).find_all("li")
    assert [li.get_text(strip=True) for li in crumbs] == [
        "Trang chủ",
        "Tin tức",
        "Phát động Tháng hành động vì bình đẳng giới năm 2026",
    ]
    assert crumbs[-1].find(attrs={"aria-current": "page"}) is not None


def test_news_list_filters_by_tag(demo_site, client):
    soup = get(client, "/tin-tuc/?tag=thang-hanh-dong")
    titles = [a.get_text(strip=True) for a in soup.select("main h2 a")]
    assert len(titles) == 2
    assert all("hành động" in t.lower() or "bạo lực" in t for t in titles)


@pytest.mark.parametrize("page", ["0", "99", "abc"])
def test_a_page_number_that_does_not_exist_is_not_found(demo_site, client, page):
    get(client, f"/tin-tuc/?page={page}", status=404)


def test_news_list_is_paginated_ten_a_page(demo_site, client):
    index = NewsIndexPage.objects.get(locale__language_code="vi")
    for number in range(8):  # 4 demo news + 8 = 12
        page = NewsPage(
            title=f"Tin số {number}",
            slug=f"tin-so-{number}",
            date=datetime.date(2026, 1, 1 + number),
            summary="Tóm tắt",
            body=[("paragraph", "<p>Nội dung</p>")],
        )
        index.add_child(instance=page)
        page.save_revision().publish()

    first = get(client, "/tin-tuc/")
    assert len(first.select("main h2 a")) == 10
    next_link = first.find("a", rel="next")
    assert next_link is not None and "page=2" in next_link["href"]
    second = get(client, "/tin-tuc/?page=2")
    assert [a.get_text() for a in second.select("main h2 a")] == ["Tin số 1", "Tin số 0"]


def test_unknown_address_gives_the_vietnamese_404_page(demo_site, client):
    soup = get(client, "/khong-co-trang-nay/", status=404)
    assert "Không tìm thấy trang" in soup.get_text()
    assert soup.find("a", href="/") is not None


def test_server_error_page_is_vietnamese_and_needs_nothing(rf: RequestFactory):
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Lỗi máy chủ" in response.content.decode()


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_pages_load_nothing_from_another_host(demo_site, client, url):
    soup = get(client, url)
    for tag in soup.find_all(["link", "script", "img", "iframe", "source"]):
        if {"alternate", "canonical"} & set(tag.get("rel") or []):
            continue  # hreflang alternates name pages (absolute by design), they load nothing
        for attribute in ("src", "href", "srcset"):
            value = tag.get(attribute) or ""
            assert not re.match(r"^(https?:)?//", value), f"{url}: {tag}"
