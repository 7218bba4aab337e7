"""The relevance suite: queries over the demo site and the pages of tests/search/corpus.py, each
with the hits the content makes it expect, read through the public search page.

A page is a hit when it has every word of the query, compared without tone marks, with ``đ`` as
``d`` and in any case or Unicode form (the any-word fallback has its own test). The expected hits
come from the text of the pages (home/demo, corpus.py); each table row says what the content
allows to be certain of:

* ``exact``: all the hits, in any order (every table here has ten hits or fewer, one page);
* ``order``: all the hits, in this order;
* ``top``: the first hit; ``top_set``: the first ``len(top_set)`` hits, in any order (pages with
  every word in their title come before pages with them only in their body);
* ``before``: pairs (a, b) where a must rank above b (a phrase above the same words scattered).
"""

import datetime
import re
from dataclasses import dataclass

from campaigns.models import CampaignIndexPage
from home.models import NewsIndexPage
from plans.models import PlanIndexPage
from tests.factories import make_campaign, make_news, make_plan

from .corpus import (
    BONG_BODY,
    BONG_TITLE,
    C1,
    C2,
    C3,
    C4,
    C5,
    C6,
    DEMO_TYPES,
    EXTRA_TYPES,
    GIAO_PHRASE,
    GIAO_SCATTERED,
    HOA,
    KHOE,
    MUA_ROI,
    N1,
    N2,
    N3,
    N4,
    PLAN,
    THUY,
    XUAN,
    add_news,
    nfd,
    publish,
)
from .helpers import PER_PAGE, fold, search

TYPES = {**DEMO_TYPES, **EXTRA_TYPES}


@dataclass(frozen=True)
class Q:
    query: str
    exact: frozenset | None = None
    order: tuple | None = None
    top: str | None = None
    top_set: frozenset | None = None
    before: tuple = ()
    includes: frozenset = frozenset()


def s(*titles):
    return frozenset(titles)


def check(page, expected: Q, pages, *, relaxed=False, types=TYPES):
    """Assert what ``expected`` says of the search page, and that every hit is what it says."""
    q = expected.query
    assert page.status == 200, (q, page.status)
    assert page.relaxed is relaxed, (q, "fallback shown" if page.relaxed else "no fallback")
    titles = page.titles
    assert titles, f"{q!r}: no results"
    assert len(titles) == len(set(titles)), f"{q!r}: a page shown twice: {titles}"
    for hit in page.hits:
        assert hit.title in pages, f"{q!r}: {hit.title!r} is not a plan, campaign or news item"
        assert hit.id == pages[hit.title].id, (q, hit.title)
        assert hit.type == types[hit.title], (q, hit.title, hit.type)
    if expected.exact is not None:
        assert set(titles) == expected.exact, (q, titles)
        assert page.count == len(expected.exact), (q, page.count)
    if expected.order is not None:
        assert tuple(titles) == expected.order, (q, titles)
    if expected.top is not None:
        assert titles[0] == expected.top, (q, titles)
    if expected.top_set is not None:
        assert set(titles[: len(expected.top_set)]) == expected.top_set, (q, titles)
    for first, second in expected.before:
        assert first in titles and second in titles, (q, first, second, titles)
        assert titles.index(first) < titles.index(second), (q, f"{first!r} after {second!r}")
    assert expected.includes <= set(titles), (q, expected.includes - set(titles))


# "bình đẳng giới": in the titles of the plan, the Action Month and two news items; only in the
# bodies of the Family Day and Women's Day campaigns. Not in the Happiness Day campaign, which has
# "bình đẳng giữa", nor anywhere in the 8/3 or 25/11 campaigns. The home page is titled "Bình
# đẳng giới" too, and is never a result.
BINH_TITLE = s(PLAN, C5, N2, N3)
BINH_ALL = BINH_TITLE | s(C3, C4)
DOAN = s(PLAN, C1, N3)  # "BCH Đoàn trường" in their text; no title has it
BAO_LUC = s(PLAN, C5, C6, N3, N4)  # in the titles of C5, C6 and N4

FORMS = [
    # Tone marks, none, mixed, case, NFD input and spacing: the same six pages every time.
    *(
        Q(query, exact=BINH_ALL, top_set=BINH_TITLE)
        for query in (
            "bình đẳng giới",
            "binh dang gioi",
            "bình dang gioi",
            "binh đẳng giới",
            "BÌNH ĐẲNG GIỚI",
            "BINH DANG GIOI",
            "Bình Đẳng Giới",
            nfd("bình đẳng giới"),
            nfd("BÌNH ĐẲNG GIỚI"),
            "  bình   đẳng\tgiới  ",
        )
    ),
    # đ typed as d.
    Q("Doan truong", exact=DOAN),
    Q("đoàn trường", exact=DOAN),
    Q("ĐOÀN TRƯỜNG", exact=DOAN),
    Q(nfd("Đoàn trường"), exact=DOAN),
    Q("bạo lực", exact=BAO_LUC, top_set=s(C5, C6, N4)),
    Q("bao luc", exact=BAO_LUC, top_set=s(C5, C6, N4)),
    Q("hạnh phúc", exact=s(C2, PLAN), top=C2),
    Q("hanh phuc", exact=s(C2, PLAN), top=C2),
    Q("gia đình", exact=s(C3, PLAN), top=C3),
    Q("gia dinh", exact=s(C3, PLAN), top=C3),
    Q("việc nhà", exact=s(C3, N2, PLAN), top=C3),
    Q("viec nha", exact=s(C3, N2, PLAN), top=C3),
    Q("vẽ tranh", exact=s(C4, N2), top=N2),
    Q("ve tranh", exact=s(C4, N2), top=N2),
    Q("thư cảm ơn", exact=s(C1, N1), top=N1),
    Q("thu cam on", exact=s(C1, N1), top=N1),
    # The content's own spelling on one side, the other tone placement on the other: the demo
    # writes "tọa", "xóa", "khóa" and, in the plan's funding, "xã hội hoá".
    Q("tọa đàm", exact=s(C5, N4, PLAN), top=N4),
    Q("toạ đàm", exact=s(C5, N4, PLAN), top=N4),
    Q("xoá bỏ bạo lực", exact=s(C6)),
    Q("khoá bồi dưỡng", exact=s(PLAN)),
    Q("xã hội hóa", exact=s(PLAN)),
    Q("soc trang", exact=s(PLAN)),
    Q("Sóc Trăng", exact=s(PLAN)),
    # Dates as readers type them.
    Q("8/3", exact=s(C1, N1, PLAN), top_set=s(C1, N1)),
    Q("20/10", exact=s(C4, PLAN), top=C4),
    Q("phụ nữ Việt Nam", exact=s(C3, C4, PLAN), top=C4),
    Q("phu nu viet nam", exact=s(C3, C4, PLAN), top=C4),
    Q("luật bình đẳng giới", exact=s(PLAN)),
    Q("thử thách hè", exact=s(C3)),
    Q("ruy băng", exact=s(C6)),
    Q("duong day nong", exact=s(C6)),
    Q("trẻ em gái", exact=s(C6)),
    # The extra pages: hoà (old placement) found as hòa, thủy (new) as thuỷ, khoẻ (old) as khỏe.
    Q("hòa giải", exact=s(HOA, PLAN), top=HOA),
    Q("hoà giải", exact=s(HOA, PLAN), top=HOA),
    Q("hoa giai", exact=s(HOA, PLAN), top=HOA),
    Q("thuỷ điện", exact=s(THUY)),
    Q("thủy điện", exact=s(THUY)),
    Q("thuy dien", exact=s(THUY)),
    Q("sức khỏe", exact=s(KHOE)),
    Q("sức khoẻ", exact=s(KHOE)),
    Q("SUC KHOE", exact=s(KHOE)),
    # A body saved in NFD, and a title typed in NFD.
    Q("múa rối", exact=s(MUA_ROI)),
    Q(nfd("múa rối"), exact=s(MUA_ROI)),
    Q("mua roi", exact=s(MUA_ROI)),
    Q("văn nghệ chào xuân", exact=s(XUAN)),
    Q("van nghe chao xuan", exact=s(XUAN)),
    Q("Doi bong da", exact=s(BONG_TITLE)),
]

RANKING = [
    # The words in a title before the same words only in a body.
    Q("bóng đá", order=(BONG_TITLE, BONG_BODY)),
    Q("BONG DA", order=(BONG_TITLE, BONG_BODY)),
    Q("câu lạc bộ", exact=s(HOA, BONG_BODY), top=HOA),
    Q("nhận diện bạo lực", exact=s(C5, N4, PLAN), top=N4),
    # C1 has the phrase in its title. (C6 has the words apart in its title, the plan has the
    # phrase in its body: the two rules disagree there, so their order is not asserted.)
    Q("Quốc tế Phụ nữ", exact=s(C1, C6, N1, PLAN), top=C1),
    # A phrase before the same words apart: the two Ngoại khóa items are the same length, with
    # "giao" and "thông" once each; the plan has them only apart ("giáo viên", "thông tin").
    Q(
        "giao thông",
        exact=s(GIAO_PHRASE, GIAO_SCATTERED, PLAN),
        top=GIAO_PHRASE,
        before=((GIAO_PHRASE, GIAO_SCATTERED),),
    ),
    Q(
        "giao thong",
        exact=s(GIAO_PHRASE, GIAO_SCATTERED, PLAN),
        top=GIAO_PHRASE,
        before=((GIAO_PHRASE, GIAO_SCATTERED),),
    ),
    Q("an toàn giao thông", exact=s(GIAO_PHRASE, PLAN), top=GIAO_PHRASE),
    # A quoted phrase: only where the words stand together.
    Q('"giao thông"', exact=s(GIAO_PHRASE)),
    Q('"giao thong"', exact=s(GIAO_PHRASE)),
    # C6 has "Quốc tế" and "phụ nữ" apart ("Ngày Quốc tế xóa bỏ bạo lực đối với phụ nữ").
    Q('"Quốc tế Phụ nữ"', exact=s(C1, N1, PLAN)),
    Q('"quoc te phu nu"', exact=s(C1, N1, PLAN)),
    # Every word is needed: the plan has "bạo lực" and "xã hội" but not "mạng"; the Family Day
    # campaign has "gia đình" but not "bạo lực".
    Q("bạo lực mạng xã hội", exact=s(N4)),
    Q("bạo lực gia đình", exact=s(PLAN)),
    Q("việc nhà gia đình", exact=s(C3, PLAN), top=C3),  # N2 has "việc nhà" alone
]


def test_every_way_of_typing_vietnamese_finds_the_same_pages(client, corpus, subtests):
    assert len(FORMS) >= 40
    for expected in FORMS:
        with subtests.test(query=expected.query):
            check(search(client, expected.query), expected, corpus)


def test_titles_and_phrases_rank_first_and_every_word_is_needed(client, corpus, subtests):
    for expected in RANKING:
        with subtests.test(query=expected.query):
            check(search(client, expected.query), expected, corpus)


def test_any_word_fallback_when_no_page_has_every_word(client, corpus, subtests):
    relaxed = [
        # No page says "olympic": the two football items have the other words.
        Q("bóng đá olympic", top_set=s(BONG_TITLE, BONG_BODY)),
        # A purple ribbon: only the 25/11 campaign has "ruy băng"; "tím" is nowhere.
        Q("ruy băng tím", top=C6),
        Q("thủy điện Hòa Bình", includes=s(THUY)),
    ]
    for expected in relaxed:
        with subtests.test(query=expected.query):
            page = search(client, expected.query)
            check(page, expected, corpus, relaxed=True)
            assert page.empty_state is None
            relaxed_note = page.soup.select_one("p.search-relaxed")
            # Shown above the results.
            assert relaxed_note in page.results_list.find_all_previous("p")
    for query in ("xyzzy quokka", "olympic"):
        with subtests.test(query=query):
            page = search(client, query)
            assert page.status == 200
            assert page.results_list is None and page.hits == []
            assert not page.relaxed
            assert page.empty_state is not None
            assert page.empty_state.find("li") is not None, "the empty state gives tips"


def test_results_show_type_date_and_the_pages_own_words_marked(client, corpus, subtests):
    marked = [
        # query, page, the snippet's words as the page writes them
        ("binh dang", C4, r"<mark>[Bb]ình</mark>\s*<mark>đẳng</mark>"),
        ("hòa giải", HOA, r"<mark>hoà</mark>\s*<mark>giải</mark>"),
        ("suc khoe", KHOE, r"<mark>sức</mark>\s*<mark>khoẻ</mark>"),
        # C1's summary has a lone "trường" before its body's "BCH Đoàn trường": the passage
        # shown is the one with the query's words, not the first lone word.
        ("Doan truong", C1, r"<mark>Đoàn</mark>\s*<mark>trường</mark>"),
        ("mua roi", MUA_ROI, r"<mark>múa</mark>\s*<mark>rối</mark>"),
        (nfd("sức khỏe"), KHOE, r"<mark>sức</mark>\s*<mark>khoẻ</mark>"),
        ("bao luc mang xa hoi", N4, r"<mark>bạo</mark>\s*<mark>lực</mark>"),
    ]
    for query, title, pattern in marked:
        with subtests.test(query=query, page=title):
            page = search(client, query)
            hit = page.hit(title)
            assert re.search(pattern, hit.snippet_html), hit.snippet_html
            words = set(fold(query).split())
            for result in page.hits:
                snippet = result.snippet
                assert snippet is not None, f"{result.title!r} has no snippet"
                assert {tag.name for tag in snippet.find_all(True)} <= {"mark"}, snippet
                for mark in result.marks:
                    assert fold(mark) in words, (result.title, mark)

    with subtests.test("type, date and link"):
        page = search(client, "bình đẳng giới")
        news = page.hit(N3)
        assert news.type == "news"
        assert news.item.select_one('time[datetime="2026-11-16"]') is not None
        assert news.href == corpus[N3].get_url()
        campaign = page.hit(C5)
        assert campaign.type == "campaign"
        assert campaign.item.select_one('time[datetime="2026-11-15"]') is not None
        plan = page.hit(PLAN)
        assert plan.type == "plan"
        assert "2026" in plan.item.get_text()  # no date of issue yet: its year
        labels = {hit.type: hit.item.select_one("span.result-type") for hit in page.hits}
        assert all(label is not None and label.get_text(strip=True) for label in labels.values())
        assert len({label.get_text(strip=True) for label in labels.values()}) == 3


def test_type_and_year_filters(client, corpus, subtests):
    plan_2025 = make_plan(PlanIndexPage.objects.get(locale__language_code="vi"), year=2025)
    campaign_2025 = make_campaign(
        CampaignIndexPage.objects.get(locale__language_code="vi"),
        title="Tháng hành động vì bình đẳng giới 2025",
        start_date=datetime.date(2025, 11, 15),
        end_date=datetime.date(2025, 12, 15),
    )
    news_2025 = make_news(
        NewsIndexPage.objects.get(locale__language_code="vi"),
        title="Sinh hoạt dưới cờ về bình đẳng giới năm 2025",
        date=datetime.date(2025, 11, 25),
    )
    pages = dict(corpus)
    for page in (plan_2025, campaign_2025, news_2025):
        publish(page)
        pages[page.title] = page
    types = {**TYPES, plan_2025.title: "plan", campaign_2025.title: "campaign"}
    types[news_2025.title] = "news"
    all_2025 = s(plan_2025.title, campaign_2025.title, news_2025.title)
    cases = [
        ({}, BINH_ALL | all_2025),
        ({"type": "plan"}, s(PLAN, plan_2025.title)),
        ({"type": "campaign"}, s(C3, C4, C5, campaign_2025.title)),
        ({"type": "news"}, s(N2, N3, news_2025.title)),
        ({"year": "2025"}, all_2025),
        ({"year": "2026"}, BINH_ALL),
        ({"type": "news", "year": "2026"}, s(N2, N3)),
        ({"type": "plan", "year": "2025"}, s(plan_2025.title)),
        ({"type": "campaign", "year": "2026"}, s(C3, C4, C5)),
        # Anything else is ignored.
        ({"type": "event"}, BINH_ALL | all_2025),
        ({"year": "abcd"}, BINH_ALL | all_2025),
        ({"year": "20255"}, BINH_ALL | all_2025),
        ({"type": "", "year": ""}, BINH_ALL | all_2025),
    ]
    for query in ("bình đẳng giới", "binh dang gioi"):
        for params, expected in cases:
            with subtests.test(query=query, **params):
                page = search(client, query, **params)
                check(page, Q(query, exact=expected), pages, types=types)
                if params.get("type") in ("plan", "campaign", "news"):
                    assert {hit.type for hit in page.hits} == {params["type"]}

    with subtests.test("no match within the filters"):
        page = search(client, "bình đẳng giới", type="campaign", year="2024")
        assert page.status == 200 and page.hits == [] and page.empty_state is not None

    with subtests.test("the filter form"):
        page = search(client, "bình đẳng giới", type="news", year="2025")
        form = page.soup.select_one("form.search-filters")
        assert form is not None
        type_options = {o.get("value") for o in form.select('select[name="type"] option')}
        assert {"plan", "campaign", "news"} <= type_options
        years = {option.get("value") for option in form.select('select[name="year"] option')}
        assert {"2025", "2026"} <= years


def test_pagination_ten_a_page(client, demo_site, subtests):
    news = NewsIndexPage.objects.get(locale__language_code="vi")
    bulletins = [
        add_news(
            news,
            f"Bản tin Olympic tiếng Anh số {number}",
            "Kết quả vòng thi Olympic tiếng Anh của học sinh.",
            "Các em nữ sinh đạt nhiều giải.",
            datetime.date(2026, 2, number),
        )
        for number in range(1, 14)
    ]
    expected = {page.id for page in bulletins}

    first = search(client, "olympic")
    second = search(client, "olympic", page=2)
    with subtests.test("two pages of 10 and 3"):
        assert first.count == second.count == 13
        assert len(first.ids) == PER_PAGE and len(second.ids) == 3
        assert set(first.ids) | set(second.ids) == expected
        assert not set(first.ids) & set(second.ids)
    with subtests.test("links keep the query"):
        links = first.pagination_links
        assert any("page=2" in link for link in links), links
        assert all("q=olympic" in link for link in links), links
    with subtests.test("links keep the filters"):
        filtered = search(client, "Olympic", type="news", year="2026")
        assert filtered.count == 13
        links = filtered.pagination_links
        assert any("page=2" in link for link in links), links
        for link in links:
            assert "q=Olympic" in link and "type=news" in link and "year=2026" in link, link
    for number, shown in (("3", second), ("99999", second), ("0", first), ("-1", first)):
        with subtests.test(page=number):
            page = search(client, "olympic", page=number)
            assert page.status == 200
            assert page.ids == shown.ids
    with subtests.test(page="abc"):
        page = search(client, "olympic", page="abc")
        assert page.status == 200 and page.ids == first.ids
