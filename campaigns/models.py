"""Campaign pages: time-bound actions around an observance, carrying out an item of a plan."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BodyBlock, CaptionedImageBlock
from cms.models import BaseIndexPage, BasePage, BasePageForm, SchoolSettings
from cms.models.listing import children_public_q
from cms.models.renditions import prefetch_card_renditions
from plans.models import PlanPage

from . import calendar
from .blocks import ActivityBlock
from .observances import Observance

# The calendar's routes under the campaign list, the same in both languages' trees
# (/chien-dich/calendar/, /en/campaigns/calendar/): a word Vietnamese readers know from their
# phones, and one address per feed that never changes with the language (docs/feeds.md).
# Wagtail serves no dot in a page path, hence ``calendar/ics/`` rather than ``calendar.ics``.
CALENDAR_PATH = "calendar/"
CALENDAR_ICS_PATH = "calendar/ics/"
# A campaign with one of these slugs would be hidden behind the calendar's routes.
RESERVED_CAMPAIGN_SLUGS = {"calendar"}


class CampaignIndexPage(RoutablePageMixin, BaseIndexPage):
    """The list of campaigns, latest first, those running today marked; with two routes under
    its address: the year's calendar of observances and campaigns (``calendar/``) and the
    iCalendar feed phones subscribe to (``calendar/ics/``)."""

    subpage_types = ["campaigns.CampaignPage"]
    template = "pages/campaign_index_page.html"
    listing_name = "campaigns"
    per_page = 12

    class Meta:
        verbose_name = _("campaign list")

    def get_listing(self, request):
        """The live campaigns of this list, latest start first."""
        return (
            CampaignPage.objects.child_of(self)
            .live()
            .filter(children_public_q(self))
            .select_related("listing_image")
            .defer(*CampaignPage.listing_defer)
            .order_by("-start_date", "-end_date", "title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["today"] = timezone.localdate()
        context["calendar_links"] = self.get_calendar_links(request)
        return context

    def get_calendar_campaigns(self):
        """The live, public campaigns of this list (so of its language), earliest first."""
        return (
            CampaignPage.objects.child_of(self)
            .live()
            .filter(children_public_q(self))
            .select_related("locale")
            .order_by("start_date", "end_date", "title")
        )

    def get_calendar_links(self, request):
        """The calendar page's address, and the feed's as a link (``ics``), as a full URL
        (``ics_full``) and as a ``webcal://`` address phones open in their calendar app."""
        page_url = self.get_url(request)
        full_url = self.get_full_url(request)
        if not page_url or not full_url:
            return None
        ics_full = full_url + self.reverse_subpage("calendar_ics")
        scheme, _sep, rest = ics_full.partition("://")
        return {
            "page": page_url + self.reverse_subpage("calendar"),
            "page_full": full_url + self.reverse_subpage("calendar"),
            "ics": page_url + self.reverse_subpage("calendar_ics"),
            "ics_full": ics_full,
            "webcal": f"webcal://{rest}" if scheme in ("http", "https") else ics_full,
        }

    @path(CALENDAR_PATH, name="calendar")
    def calendar_view(self, request):
        """The observances and campaigns of one year (``?year=``), month by month."""
        request.is_preview = getattr(request, "is_preview", False)
        year = calendar.calendar_year(request.GET.get("year"))
        months = calendar.year_months(
            year,
            self.get_calendar_campaigns().filter(
                start_date__lte=datetime.date(year, 12, 31),
                end_date__gte=datetime.date(year, 1, 1),
            ),
        )
        context = Page.get_context(self, request)
        context.update(
            year=year,
            months=months,
            previous_year=year - 1 if year > calendar.FIRST_YEAR else None,
            next_year=year + 1 if year < calendar.LAST_YEAR else None,
            today=timezone.localdate(),
            calendar_links=self.get_calendar_links(request),
        )
        return TemplateResponse(request, "pages/campaign_calendar.html", context)

    @path(CALENDAR_ICS_PATH, name="calendar_ics")
    def calendar_ics_view(self, request):
        """The iCalendar feed of this list's campaigns and their activities."""
        school = SchoolSettings.for_request(request).school_name
        links = self.get_calendar_links(request)
        # The feed's few words are in the page's language even where /en/ serves the Vietnamese
        # tree (before the English home page exists).
        with translation.override(self.locale.language_code):
            name = gettext("Gender equality campaigns – %(school)s") % {"school": school}
            body = calendar.build_calendar(
                name=name,
                url=links["page_full"] if links else "",
                campaigns=self.get_calendar_campaigns(),
                request=request,
            )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        filename = f"{self.slug}.ics"
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        return response


class CampaignPageForm(BasePageForm):
    """Offers the plan items as a list to pick from, grouped by plan, instead of a block id."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "plan_item" not in self.fields:
            return
        # A new page has no locale yet: it takes its parent's.
        locale_id = self.instance.locale_id or getattr(self.parent_page, "locale_id", None)
        plans = PlanPage.objects.filter(locale_id=locale_id).order_by("-year", "title")
        choices = [("", "---------")]
        for plan in plans:
            choices.append((plan.title, [(item.block_id, str(item)) for item in plan.get_items()]))
        field = self.fields["plan_item"]
        self.fields["plan_item"] = forms.ChoiceField(
            choices=choices,
            required=False,
            label=field.label,
            help_text=field.help_text,
        )


class CampaignPage(BasePage):
    """A campaign around an observance, with its period, the plan item it carries out, the unit
    responsible, its activities, body and images."""

    observance = models.CharField(
        _("observance"),
        max_length=40,
        choices=Observance.choices,
        help_text=_("The day or period the campaign is built around."),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    plan = models.ForeignKey(
        "plans.PlanPage",
        verbose_name=_("plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="campaigns",
        help_text=_("The plan this campaign carries out."),
    )
    plan_item = models.CharField(
        _("plan item"),
        max_length=64,
        blank=True,
        help_text=_("The item of the plan this campaign carries out."),
    )
    responsible_unit = models.CharField(
        _("responsible unit"),
        max_length=150,
        default="BCH Đoàn trường",
        help_text=_("Who organises the campaign."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=500,
        help_text=_("Two or three sentences: what the campaign is about and for whom."),
    )
    activities = StreamField(
        [("activity", ActivityBlock())],
        verbose_name=_("activities"),
        blank=True,
        help_text=_("Each activity with its date, place and audience, within the campaign period."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    gallery = StreamField(
        [("image", CaptionedImageBlock())],
        verbose_name=_("images"),
        blank=True,
        help_text=_("Photos of the campaign, shown as a gallery under the body."),
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("observance"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("responsible_unit"),
            ],
            heading=_("Observance and period"),
        ),
        MultiFieldPanel(
            [FieldPanel("plan"), FieldPanel("plan_item")],
            heading=_("Plan carried out"),
        ),
        FieldPanel("summary"),
        FieldPanel("activities"),
        FieldPanel("body"),
        FieldPanel("gallery"),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("activities"),
        index.SearchField("body"),
        index.FilterField("start_date"),
        index.FilterField("end_date"),
        index.FilterField("observance"),
    ]

    base_form_class = CampaignPageForm
    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types: list[str] = []
    template = "pages/campaign_page.html"
    select_related_on_serve = ("listing_image", "plan")
    listing_defer = ("activities", "body", "gallery")

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def clean(self):
        super().clean()
        errors = {}
        period_ok = self.start_date and self.end_date and self.end_date >= self.start_date
        if self.start_date and self.end_date and not period_ok:
            errors["end_date"] = _("The end date must be on or after the start date.")
        if self.plan_id:
            plan = self.plan
            for field in ("start_date", "end_date"):
                value = getattr(self, field)
                if value and value.year != plan.year and field not in errors:
                    errors[field] = _(
                        'The campaign must fall within the year of its plan "%(plan)s" (%(year)s).'
                    ) % {"plan": plan.title, "year": plan.year}
            if self.plan_item and plan.get_item(self.plan_item) is None:
                errors["plan_item"] = _("This item is not part of the chosen plan.")
        elif self.plan_item:
            errors["plan_item"] = _("Choose the plan before choosing one of its items.")
        if period_ok:
            outside = [
                activity.value["title"]
                for activity in self.activities
                if not self.start_date <= activity.value["date"] <= self.end_date
            ]
            if outside:
                errors["activities"] = _(
                    "These activities fall outside the campaign period (%(start)s–%(end)s): "
                    "%(titles)s."
                ) % {
                    "start": date_format(self.start_date, "SHORT_DATE_FORMAT"),
                    "end": date_format(self.end_date, "SHORT_DATE_FORMAT"),
                    "titles": "; ".join(outside),
                }
        if self.slug in RESERVED_CAMPAIGN_SLUGS:
            errors["slug"] = _(
                'The address "%(slug)s" is taken by the campaign calendar: choose another.'
            ) % {"slug": self.slug}
        if errors:
            raise ValidationError(errors)

    def get_plan_item(self):
        """The plan item this campaign carries out, or None."""
        if self.plan_id and self.plan_item:
            return self.plan.get_item(self.plan_item)
        return None

    def is_running(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.start_date <= today <= self.end_date

    def get_news(self):
        """Live news reporting on this campaign, newest first."""
        return (
            self.news.live()
            .public()
            .select_related("image", "listing_image")
            .order_by("-date", "-pk")
        )

    def get_news_cards(self):
        """``get_news()`` as a list, their pictures' renditions fetched together."""
        return prefetch_card_renditions(list(self.get_news()))

    def get_listing_summary(self) -> str:
        return self.listing_summary or self.summary
