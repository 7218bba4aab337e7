"""Generated content for the benchmarks: Vietnamese pages as the school writes them, from the
demo's and the 2026 plan's own sentences and a vocabulary of school life, mixed by a seeded RNG,
and inserted in bulk (tree paths computed as treebeard does, no revisions, no per-save signals).

Used by ``search.py`` (10 000 pages to search), ``pages.py`` (the site under load) and
tests/home/test_query_counts.py (``insert_pages``: 2,000 news). Call
``generate`` after ``django.setup()`` and ``load_demo``: the pages go under the demo's index
pages; index them afterwards with ``update_index``.
"""

import datetime
import random
import re

PLANS = 20
NEWS_SHARE = 0.85

# Vocabulary ----------------------------------------------------------------------------------
# Real phrases of the school's gender-equality work; mixed with the demo's own sentences.

OPENERS = [
    "Phát động",
    "Tổng kết",
    "Hưởng ứng",
    "Tọa đàm về",
    "Hội thi tìm hiểu",
    "Sinh hoạt dưới cờ về",
    "Tuyên truyền về",
    "Trao giải cuộc thi",
    "Ra quân",
    "Triển khai",
    "Diễn đàn",
    "Ngoại khóa chủ đề",
    "Chuyên đề",
    "Hội thảo",
    "Buổi gặp mặt nhân",
    "Ký cam kết",
    "Lễ ra mắt",
    "Học sinh chung tay",
    "Đoàn trường tổ chức",
]

TOPICS = [
    "bình đẳng giới trong trường học",
    "phòng, chống bạo lực học đường",
    "phòng ngừa bạo lực trên cơ sở giới",
    "vì sự tiến bộ của phụ nữ",
    "chia sẻ việc nhà trong gia đình",
    "tôn vinh cô giáo và nữ nhân viên",
    "kỹ năng tự bảo vệ bản thân",
    "xóa bỏ định kiến giới",
    "phòng, chống xâm hại trẻ em",
    "sức khỏe sinh sản vị thành niên",
    "an toàn trên mạng xã hội",
    "lớp học hạnh phúc",
    "trường học an toàn, thân thiện",
    "tư vấn tâm lý học đường",
    "Ngày Quốc tế Phụ nữ 8/3",
    "Ngày Phụ nữ Việt Nam 20/10",
    "Ngày Gia đình Việt Nam 28/6",
    "Tháng hành động vì bình đẳng giới",
    "Ngày Quốc tế Hạnh phúc 20/3",
    "quyền của trẻ em gái",
    "nữ sinh tiêu biểu",
    "cán bộ nữ trong nhà trường",
    "Giỏi việc trường - Đảm việc nhà",
    "khuôn mẫu giới trong sách giáo khoa",
    "hướng nghiệp cho nữ sinh",
    "nữ sinh với khoa học công nghệ",
    "câu lạc bộ bình đẳng giới",
    "kỹ năng sống cho học sinh",
    "Luật Bình đẳng giới",
    "ứng phó với bạo lực gia đình",
]

PLACES = [
    "Sân trường",
    "Hội trường",
    "Thư viện",
    "Phòng hội đồng",
    "Các lớp",
    "Hành lang khu A",
    "Nhà đa năng",
    "Phòng tư vấn học đường",
    "Sân bóng",
]

AUDIENCES = [
    "Toàn trường",
    "Học sinh khối 10",
    "Học sinh khối 11, 12",
    "Cán bộ, giáo viên, nhân viên",
    "Học sinh và phụ huynh",
    "Đoàn viên thanh niên",
    "Ban cán sự các lớp",
]

UNITS = [
    "BCH Đoàn trường",
    "Ban Vì sự tiến bộ phụ nữ",
    "Công đoàn nhà trường",
    "Ban giám hiệu",
    "Tổ Giáo dục công dân",
    "Câu lạc bộ kỹ năng sống",
]

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Huỳnh",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Thạch",
    "Sơn",
    "Lâm",
    "Danh",
    "Kim",
]
MIDDLE = ["Thị", "Văn", "Ngọc", "Minh", "Thanh", "Hoài", "Kim"]
GIVEN = [
    "Mai",
    "Lan",
    "Hương",
    "Hùng",
    "Dũng",
    "Trang",
    "Thảo",
    "Nhung",
    "Phúc",
    "Khoa",
    "Tâm",
    "Yến",
    "Đạt",
    "Quyên",
    "Pha",
    "Ry",
    "Sa",
]

#: Rare phrases, each put in a small share of the pages (Sóc Trăng's own words among them).
RARE = [
    "Hội Liên hiệp Phụ nữ",
    "ruy băng cam",
    "đường dây nóng 111",
    "nhà văn hóa ấp",
    "chùa Khmer",
    "lễ Chôl Chnăm Thmây",
    "đua ghe ngo",
    "bánh pía",
    "Mỹ Xuyên",
    "khoảnh khắc hạnh phúc",
]


# Text generation ---------------------------------------------------------------------------


class Writer:
    """Vietnamese titles and paragraphs from the demo's sentences and the vocabulary above,
    drawn with a seeded RNG; sentences are Zipf-weighted so some words are common, some rare."""

    def __init__(self, rng):
        from home.demo import campaigns_news, plan_2026

        self.rng = rng
        texts = []
        self._walk(
            [
                campaigns_news.CAMPAIGNS,
                campaigns_news.NEWS,
                [v[:2] for v in campaigns_news.IMAGES.values()],
                plan_2026.HEADER,
                plan_2026.LEGAL_BASES,
                plan_2026.PREAMBLE,
                plan_2026.SECTIONS,
                plan_2026.CLOSING,
                plan_2026.RECIPIENTS,
            ],
            texts,
        )
        sentences = set()
        for text in texts:
            for sentence in re.split(r"(?<=[.;:!?])\s+", " ".join(text.split())):
                if len(sentence.split()) >= 5:
                    sentence = sentence.rstrip(";:,")
                    sentences.add(sentence if sentence[-1] in ".!?" else sentence + ".")
        phrases = set()
        for sentence in sentences:
            for piece in re.split(r"[,;:“”\"()–.!?]", sentence):
                if 2 <= len(piece.split()) <= 8:
                    phrases.add(piece.strip())
        self.sentences = sorted(sentences)
        self.phrases = sorted(phrases) + TOPICS
        rng.shuffle(self.sentences)
        rng.shuffle(self.phrases)
        self.sentence_weights = [1 / (rank + 1) for rank in range(len(self.sentences))]
        self.phrase_weights = [1 / (rank + 1) ** 0.7 for rank in range(len(self.phrases))]

    @classmethod
    def _walk(cls, value, out):
        if isinstance(value, str):
            if " " in value:
                out.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                cls._walk(item, out)
        elif isinstance(value, list | tuple):
            for item in value:
                cls._walk(item, out)

    def sentence(self):
        return self.rng.choices(self.sentences, self.sentence_weights)[0]

    def phrase(self):
        return self.rng.choices(self.phrases, self.phrase_weights)[0]

    def name(self):
        r = self.rng
        return f"{r.choice(FAMILY)} {r.choice(MIDDLE)} {r.choice(GIVEN)}"

    def klass(self):
        return f"lớp {self.rng.randint(10, 12)}A{self.rng.randint(1, 9)}"

    def title(self, year):
        r = self.rng
        words = f"{r.choice(OPENERS)} {r.choice(TOPICS)}".split()
        extra = [f"năm {year}", f"tại {self.klass()}", self.phrase(), r.choice(AUDIENCES).lower()]
        r.shuffle(extra)
        target = r.randint(6, 14)
        for piece in extra:
            if len(words) >= target:
                break
            words += piece.split()
        words = words[:target]
        return " ".join(words)[:1].upper() + " ".join(words)[1:]

    def made_sentence(self, date):
        r = self.rng
        kind = r.randrange(6)
        if kind == 0:
            return (
                f"Sáng {date.day}/{date.month}/{date.year}, {r.choice(UNITS)} tổ chức "
                f"{r.choice(OPENERS).lower()} {r.choice(TOPICS)} tại "
                f"{r.choice(PLACES).lower()} với sự tham gia của {r.choice(AUDIENCES).lower()}."
            )
        if kind == 1:
            return (
                f"Cô {self.name()}, giáo viên chủ nhiệm {self.klass()}, chia sẻ: "
                f"“{self.sentence()}”"
            )
        if kind == 2:
            return f"Em {self.name()}, học sinh {self.klass()}, cho biết: “{self.phrase()}.”"
        if kind == 3:
            return f"Hoạt động nhằm {self.phrase().lower()} và {r.choice(TOPICS)}."
        return self.sentence()

    def paragraphs(self, date, count):
        r = self.rng
        out = []
        for _ in range(count):
            sentences = [self.made_sentence(date) for _ in range(r.randint(2, 4))]
            if r.random() < 0.01:
                rare = r.choices(RARE, [1 / (rank + 1) ** 1.5 for rank in range(len(RARE))])[0]
                sentences.append(f"Chương trình có sự phối hợp của {rare}.")
            out.append(" ".join(sentences))
        return out

    def summary(self, date):
        return " ".join(self.made_sentence(date) for _ in range(2))[:500]


# Page generation ---------------------------------------------------------------------------


def chunks(items, size):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def insert_pages(parent, pages):
    """Insert unsaved specific ``pages`` as live children of ``parent`` in bulk: tree paths
    computed as treebeard would, one multi-row INSERT per table and 500 pages, no revisions
    and no signals (the index is built once afterwards)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import F
    from django.utils import timezone
    from wagtail.models import Page

    model = type(pages[0])
    content_type = ContentType.objects.get_for_model(model)
    last = parent.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) if last else 0
    now = timezone.now()
    for i, page in enumerate(pages, start=1):
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, step + i)
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type_id = content_type.pk
        page.locale_id = parent.locale_id
        page.draft_title = page.title
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = now
    base_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    for chunk in chunks(pages, 500):
        bases = [Page(**{f.attname: getattr(p, f.attname) for f in base_fields}) for p in chunk]
        Page.objects.bulk_create(bases)
        for page, base in zip(chunk, bases, strict=True):
            page.page_ptr_id = page.id = base.pk
        model._base_manager._insert(chunk, fields=model._meta.local_concrete_fields)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))


def generate(total=None, seed=1, *, plans=None, campaigns=None, news=None, images=0.0, years=None):
    """Pages under the demo's index pages: ``total`` of them as 20 plans, 85 % news and
    campaigns, or exactly ``plans``, ``campaigns`` and ``news`` when given. ``images`` is the
    share of news (their photo) and campaigns (their listing image) given one of the demo's
    images, drawn from an RNG of their own so the text is the same with or without them;
    ``years`` (first, last) the span of the news and campaign dates (2019–2026)."""
    from django.db.models import Q
    from wagtail.images import get_image_model
    from wagtail.models import Locale

    from campaigns.models import CampaignIndexPage, CampaignPage
    from campaigns.observances import Observance
    from cms.text import slugify_vi
    from home.demo import plan_2026
    from home.models import NewsIndexPage, NewsPage
    from plans.models import PlanIndexPage, PlanPage

    rng = random.Random(seed)
    writer = Writer(rng)
    if plans is None:
        plans = min(PLANS, total)
        news = round((total - plans) * NEWS_SHARE)
        campaigns = total - plans - news
    first_year, last_year = years or (2019, 2026)

    def replace_year(value, year):
        if isinstance(value, str):
            return value.replace("2026", str(year))
        if isinstance(value, dict):
            return {k: replace_year(v, year) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(replace_year(v, year) for v in value)
        return value

    plan_pages = []
    for i in range(plans):
        year = 2025 - i
        header = replace_year(plan_2026.HEADER, year)
        plan_pages.append(
            PlanPage(
                slug=f"ke-hoach-binh-dang-gioi-{year}",
                **header,
                legal_bases=[("basis", t) for t in replace_year(plan_2026.LEGAL_BASES, year)],
                preamble=replace_year(plan_2026.PREAMBLE, year),
                sections=[("section", s) for s in replace_year(plan_2026.SECTIONS, year)],
                closing=replace_year(plan_2026.CLOSING, year),
                recipients=[("recipient", name) for name in plan_2026.RECIPIENTS],
                signer_name=writer.name(),
            )
        )

    def date_between(first_year, last_year):
        start = datetime.date(first_year, 1, 1)
        days = (datetime.date(last_year, 12, 31) - start).days
        return start + datetime.timedelta(days=rng.randint(0, days))

    observances = list(Observance)
    campaign_pages = []
    for i in range(campaigns):
        start = date_between(first_year, last_year)
        end = start + datetime.timedelta(days=rng.randint(0, 30))
        title = writer.title(start.year)
        activities = []
        for _ in range(rng.randint(1, 3)):
            day = start + datetime.timedelta(days=rng.randint(0, (end - start).days))
            activities.append(
                (
                    "activity",
                    {
                        "date": day,
                        "title": writer.title(day.year),
                        "place": rng.choice(PLACES),
                        "audience": rng.choice(AUDIENCES),
                    },
                )
            )
        campaign_pages.append(
            CampaignPage(
                title=title,
                slug=f"{slugify_vi(title)[:60].strip('-')}-{i}",
                observance=rng.choice(observances),
                start_date=start,
                end_date=end,
                responsible_unit=rng.choice(UNITS),
                summary=writer.summary(start),
                activities=activities,
                body=[
                    ("paragraph", f"<p>{p}</p>")
                    for p in writer.paragraphs(start, rng.randint(1, 3))
                ],
            )
        )

    news_pages = []
    for i in range(news):
        date = date_between(first_year, last_year)
        title = writer.title(date.year)
        news_pages.append(
            NewsPage(
                title=title,
                slug=f"{slugify_vi(title)[:60].strip('-')}-{i}",
                date=date,
                summary=writer.summary(date),
                body=[
                    ("paragraph", f"<p>{p}</p>") for p in writer.paragraphs(date, rng.randint(2, 5))
                ],
            )
        )

    if images:
        pictures = list(get_image_model().objects.filter(~Q(file="")).order_by("pk"))
        pick = random.Random(f"{seed}-images")
        for page in news_pages:
            if pictures and pick.random() < images:
                page.image = pick.choice(pictures)
        for page in campaign_pages:
            if pictures and pick.random() < images:
                page.listing_image = pick.choice(pictures)

    for index_model, pages in (
        (PlanIndexPage, plan_pages),
        (CampaignIndexPage, campaign_pages),
        (NewsIndexPage, news_pages),
    ):
        if pages:
            # The Vietnamese index page: the demo's English translations are its siblings.
            insert_pages(index_model.objects.get(locale=Locale.get_default()), pages)
    return {"news": news, "campaigns": campaigns, "plans": plans}
