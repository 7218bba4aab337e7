"""The pages the search tests add to the demo site, and the names the tests give every page.

The demo site (``home/demo``) is the school's 2026 plan, six campaigns and four news items. The
extra pages here each carry words the demo content does not use (``bóng``, ``thủy``, ``múa``,
…), so that the expected hits of a query follow from reading the text below: every page that has
every word of the query, folded (no tone marks, ``đ`` = ``d``, any case), is a hit.

Titles are the pages' names in the tests' tables; ``DEMO`` names the demo pages by their titles.
"""

import datetime
import unicodedata

from home.demo import campaigns_news, plan_2026

D = datetime.date


def nfd(text: str) -> str:
    """``text`` with its tone marks as separate combining characters, as macOS keyboards type."""
    return unicodedata.normalize("NFD", text)


# The demo content, by short name: the plan (P), campaigns in their order (C1–C6) and news (N1–N4).
PLAN = plan_2026.HEADER["title"]
C1, C2, C3, C4, C5, C6 = (c["title"] for c in campaigns_news.CAMPAIGNS)
N1, N2, N3, N4 = (n["title"] for n in campaigns_news.NEWS)
# C1 "Kỷ niệm Ngày Quốc tế Phụ nữ 8/3/2026"
# C2 "Hưởng ứng Ngày Quốc tế Hạnh phúc 20/3/2026"
# C3 "Ngày Gia đình Việt Nam 28/6/2026: chia sẻ việc nhà"
# C4 "Kỷ niệm 96 năm Ngày Phụ nữ Việt Nam 20/10/2026"
# C5 "Tháng hành động vì bình đẳng giới và phòng, chống bạo lực trên cơ sở giới 2026"
# C6 "Hưởng ứng Ngày Quốc tế xóa bỏ bạo lực đối với phụ nữ 25/11/2026"
# N1 "Học sinh gửi hơn 300 lá thư cảm ơn cô giáo nhân Ngày 8/3"
# N2 "Trao giải hội thi vẽ tranh “Bình đẳng giới trong mắt em”"
# N3 "Phát động Tháng hành động vì bình đẳng giới năm 2026"
# N4 "Tọa đàm “Nhận diện bạo lực trên cơ sở giới” cho học sinh khối 11, 12"
DEMO_TYPES = {PLAN: "plan", **dict.fromkeys((C1, C2, C3, C4, C5, C6), "campaign")}
DEMO_TYPES.update(dict.fromkeys((N1, N2, N3, N4), "news"))

# The extra pages. Each: (type, title, summary, body paragraph, date). Bodies are rich text.
BONG_TITLE = "Đội bóng đá nữ của trường giành giải nhì cụm thi đấu"
BONG_BODY = "Hoạt động thể thao cuối tuần"
GIAO_PHRASE = "Ngoại khóa lớp 10A1"
GIAO_SCATTERED = "Ngoại khóa lớp 10A2"
HOA = "Ra mắt câu lạc bộ hoà giải ở trường học"  # old tone placement: hoà
THUY = "Nữ sinh tham quan nhà máy thủy điện"  # new tone placement: thủy
KHOE = "Tuần lễ chăm sóc sức khoẻ sinh sản vị thành niên"  # old tone placement: khoẻ
MUA_ROI = "Biểu diễn nghệ thuật dân gian"  # its body is saved in NFD
XUAN = "Đêm văn nghệ chào xuân 2027"  # saved with an NFD title

EXTRA_NEWS = [
    (
        BONG_TITLE,
        "Các cầu thủ nữ sinh thi đấu kiên cường suốt giải.",
        "Huấn luyện viên khen ngợi tinh thần đồng đội của các em.",
        D(2026, 4, 12),
    ),
    (
        BONG_BODY,
        "Nhiều câu lạc bộ thể thao mở cửa cho học sinh.",
        "Các bạn nữ tập bóng đá mỗi chiều thứ Sáu trên sân trường.",
        D(2026, 4, 13),
    ),
    # The same words, "giao" and "thông", once each: together in one, apart in the other.
    (
        GIAO_PHRASE,
        "Buổi ngoại khóa về an toàn giao thông cho học sinh lớp 10.",
        "Các em được nghe chia sẻ từ cán bộ cảnh sát.",
        D(2026, 4, 14),
    ),
    (
        GIAO_SCATTERED,
        "Buổi ngoại khóa có giao lưu và thông tin hữu ích cho học sinh lớp 10.",
        "Các em được nghe chia sẻ từ cán bộ cảnh sát.",
        D(2026, 4, 14),
    ),
    (
        HOA,
        "Câu lạc bộ giúp học sinh hoà giải mâu thuẫn bằng đối thoại.",
        "Thành viên câu lạc bộ được tập huấn kỹ năng lắng nghe.",
        D(2026, 5, 4),
    ),
    (
        THUY,
        "Chuyến đi giúp các em tìm hiểu nghề kỹ sư năng lượng.",
        "Nhiều nữ sinh mong muốn theo học ngành kỹ thuật.",
        D(2026, 5, 8),
    ),
    (
        MUA_ROI,
        "Tiết mục dân gian được yêu thích.",
        nfd("Tiết mục múa rối nước do nữ sinh lớp 11 biểu diễn."),
        D(2026, 5, 15),
    ),
    (
        nfd(XUAN),
        "Chương trình mừng năm mới của Đoàn viên.",
        "Các lớp chuẩn bị tiết mục từ đầu tháng Một.",
        D(2026, 1, 20),
    ),
]

EXTRA_CAMPAIGNS = [
    (
        KHOE,
        "Tư vấn sức khoẻ cho học sinh nữ và nam, do trạm y tế phường phối hợp.",
        "Mỗi lớp cử hai bạn tham gia buổi tư vấn.",
        D(2026, 4, 20),
    ),
]

EXTRA_TYPES = {title: "news" for title, *_ in EXTRA_NEWS}
EXTRA_TYPES[XUAN] = "news"
EXTRA_TYPES.update({title: "campaign" for title, *_ in EXTRA_CAMPAIGNS})


def paragraph(text):
    return [("paragraph", f"<p>{text}</p>")]


def publish(page):
    page.save_revision().publish()
    return page


def add_news(index, title, summary, body, date, **fields):
    from home.models import NewsPage

    page = NewsPage(title=title, summary=summary, body=paragraph(body), date=date, **fields)
    index.add_child(instance=page)
    return publish(page)


def add_campaign(index, title, summary, body, start, end=None, **fields):
    from campaigns.models import CampaignPage

    page = CampaignPage(
        title=title,
        observance=fields.pop("observance", "other"),
        start_date=start,
        end_date=end or start + datetime.timedelta(days=5),
        summary=summary,
        body=paragraph(body),
        **fields,
    )
    index.add_child(instance=page)
    return publish(page)


def indexes():
    """The demo site's three index pages (the demo must be loaded)."""
    from campaigns.models import CampaignIndexPage
    from home.models import NewsIndexPage
    from plans.models import PlanIndexPage

    return (
        PlanIndexPage.objects.get(slug="ke-hoach", locale__language_code="vi"),
        CampaignIndexPage.objects.get(slug="chien-dich", locale__language_code="vi"),
        NewsIndexPage.objects.get(slug="tin-tuc", locale__language_code="vi"),
    )


def build_extra_pages():
    """Add the extra pages to the loaded demo site; return every searchable page by title."""
    from wagtail.models import Page

    _plans, campaigns, news = indexes()
    for title, summary, body, date in EXTRA_NEWS:
        add_news(news, title, summary, body, date)
    for title, summary, body, date in EXTRA_CAMPAIGNS:
        add_campaign(campaigns, title, summary, body, date)
    pages = {}
    for page in Page.objects.live().filter(depth__gt=3).specific():
        pages[unicodedata.normalize("NFC", page.title)] = page
    return pages
