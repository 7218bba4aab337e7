"""The home page and the news: reports of the school's activities, linked to campaigns."""

import operator
from functools import reduce

from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from campaigns.models import CampaignPage
from campaigns.observances import upcoming_observances
from cms import compiled
from cms import snapshot as site_snapshot
from cms.blocks import BodyBlock
from cms.models import BaseIndexPage, BasePage
from cms.models.listing import children_public_q, section_pages_q
from cms.models.renditions import prefetch_card_renditions
from cms.text import slugify_vi
from plans.models import PlanPage

from .feeds import NewsAtomFeed, NewsRssFeed


class HomePage(BasePage):
    """The site's front page: campaigns running today, the next observances, the latest news and
    the current plan."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("What the site is for, in two or three sentences, at the top of the page."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["plans.PlanIndexPage", "campaigns.CampaignIndexPage", "home.NewsIndexPage"]
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def _live(self, model):
        """The live pages of ``model`` readers may see in this home page's sections."""
        pages = model.objects.live().filter(locale_id=self.locale_id)
        condition = section_pages_q(self, model)
        # Without the page tree, every public page of the language, as Wagtail's public().
        return pages.public() if condition is None else pages.filter(condition)

    def get_running_campaigns(self, today):
        """Campaigns whose period includes ``today``, ending soonest first."""
        return (
            self._live(CampaignPage)
            .filter(start_date__lte=today, end_date__gte=today)
            .select_related("listing_image")
            .order_by("end_date", "title")
        )

    def get_upcoming(self, today, count=4, campaigns=None):
        """The next observances, each with the campaign planned for it when there is one.

        ``campaigns``, when given, are the live campaigns to choose from (at least those of these
        observances not over by ``today``), in tree order: the home page fetches them together
        with the running ones."""
        observances = upcoming_observances(today, count)
        if campaigns is None:
            campaigns = self._live(CampaignPage).filter(
                observance__in=[o.observance for o in observances], end_date__gte=today
            )
        wanted = {o.observance for o in observances}
        by_observance = {
            (c.observance, c.start_date.year): c
            for c in campaigns
            if c.observance in wanted and c.end_date >= today
        }
        return [(o, by_observance.get((o.observance, o.start.year))) for o in observances]

    def _campaigns_for(self, today, count=4):
        """The running campaigns (as ``get_running_campaigns`` orders them) and those of the next
        observances (as ``get_upcoming`` finds them), in one query."""
        observances = upcoming_observances(today, count)
        running = Q(start_date__lte=today, end_date__gte=today)
        # Only the campaign of each coming observance in its own year (what get_upcoming picks):
        # a few rows, however many campaigns are planned for later years.
        upcoming = Q(end_date__gte=today) & reduce(
            operator.or_,
            (Q(observance=o.observance, start_date__year=o.start.year) for o in observances),
            Q(pk__in=[]),
        )
        campaigns = compiled.rows(
            site_snapshot.key("home-campaigns", self.pk, today, count),
            lambda: (
                self._live(CampaignPage)
                .filter(running | upcoming)
                .select_related("listing_image")
                .defer(*CampaignPage.listing_defer)
                .order_by("end_date", "title")
            ),
        )
        running = [c for c in campaigns if c.start_date <= today <= c.end_date]
        in_tree_order = sorted(campaigns, key=lambda c: c.path)
        return running, self.get_upcoming(today, count, in_tree_order)

    def get_latest_news(self, count=3):
        return (
            self._live(NewsPage)
            .select_related("image", "listing_image")
            .defer(*NewsPage.listing_defer)
            .order_by("-date", "-pk")[:count]
        )

    def get_current_plan(self, today, first=True):
        """This year's plan, or the latest plan when this year's is not published yet: one
        query, this year's first (``first=False``: the ordered queryset)."""
        this_year = Case(When(year=today.year, then=Value(1)), default=Value(0))
        plans = (
            self._live(PlanPage)
            .select_related("listing_image")
            .defer(*PlanPage.listing_defer)
            .order_by(this_year.desc(), "-year", "-issued_on")
        )
        return plans.first() if first else plans

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        running, upcoming = self._campaigns_for(today)
        latest_news = compiled.rows(
            site_snapshot.key("home-news", self.pk), lambda: self.get_latest_news()
        )
        plans = compiled.rows(
            site_snapshot.key("home-plan", self.pk, today),
            lambda: self.get_current_plan(today, first=False)[:1],
        )
        current_plan = plans[0] if plans else None
        # Every card's picture: their renditions in one query.
        prefetch_card_renditions([*running, *latest_news, *filter(None, [current_plan])])
        context.update(
            today=today,
            running_campaigns=running,
            upcoming=upcoming,
            latest_news=latest_news,
            current_plan=current_plan,
        )
        return context


class NewsIndexPage(RoutablePageMixin, BaseIndexPage):
    """The list of news, newest first, optionally narrowed to one tag (``?tag=``), and its RSS
    and Atom feeds (``rss/``, ``atom/``: docs/feeds.md)."""

    subpage_types = ["home.NewsPage"]
    template = "pages/news_index_page.html"
    listing_name = "news"

    class Meta:
        verbose_name = _("news list")

    def get_listing(self, request):
        return self.get_news(self._tag_slug(request))

    @staticmethod
    def _tag_slug(request):
        # PostgreSQL refuses NUL in a query's text (a 500); no slug holds one anyway.
        return request.GET.get("tag", "").replace("\x00", "").strip()[:100]

    def listing_key(self, request):
        return (self._tag_slug(request),)

    def get_news(self, tag=None):
        """The live news of this list, newest first; those with the tag ``tag`` when given."""
        news = (
            NewsPage.objects.child_of(self)
            .live()
            .filter(children_public_q(self))
            .select_related("image", "listing_image")
            .defer(*NewsPage.listing_defer)
            .order_by("-date", "-pk")
        )
        if tag:
            news = news.filter(tags__slug=tag)
        return news

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        slug = self._tag_slug(request)
        context["tag"] = NewsTag.objects.filter(slug=slug).first() if slug else None
        return context

    # A news item slugged "rss" or "atom" would be hidden behind these routes.
    @path("rss/", name="rss")
    def rss_feed(self, request):
        """The RSS 2.0 feed of this list's latest news."""
        return NewsRssFeed(self)(request)

    @path("atom/", name="atom")
    def atom_feed(self, request):
        """The Atom feed of this list's latest news."""
        return NewsAtomFeed(self)(request)


class NewsTag(TagBase):
    """A tag readers can follow, with a readable ASCII slug (``thang-hanh-dong``), where
    taggit's own would keep the Vietnamese letters in the URL."""

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def slugify(self, tag, i=None):
        slug = slugify_vi(tag) or super().slugify(tag)
        return f"{slug}-{i}" if i is not None else slug


class NewsPageTag(ItemBase):
    """Links a news item to its tags."""

    tag = models.ForeignKey(NewsTag, related_name="tagged_news", on_delete=models.CASCADE)
    content_object = ParentalKey(
        "home.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsPage(BasePage):
    """A report of an activity: its date, summary, body, image, tags and campaign."""

    date = models.DateField(
        _("date"), default=timezone.localdate, help_text=_("When the activity took place.")
    )
    summary = models.TextField(
        _("summary"),
        max_length=500,
        help_text=_("Two or three sentences shown in lists and at the top of the news item."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The main photo, shown at the top and in lists."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"))
    tags = ClusterTaggableManager(
        through=NewsPageTag,
        blank=True,
        verbose_name=_("tags"),
        help_text=_("A few words readers can follow, e.g. 20/10, tuyên truyền."),
    )
    related_campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news",
        help_text=_("The campaign this news reports on."),
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("related_campaign"), FieldPanel("tags")],
            heading=_("Date, campaign and tags"),
        ),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["home.NewsIndexPage"]
    subpage_types: list[str] = []
    template = "pages/news_page.html"
    select_related_on_serve = ("listing_image", "image", "related_campaign")
    listing_defer = ("body",)

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        # Newest first (the home page, the list, the feeds) read from the index, a few rows,
        # instead of sorting every news item: constant time however many there are.
        indexes = [models.Index(fields=["date", "page_ptr"], name="home_news_date_idx")]

    def get_listing_summary(self) -> str:
        return self.listing_summary or self.summary
