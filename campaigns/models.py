"""Campaign pages: time-bound actions around an observance, carrying out an item of a plan."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from cms.blocks import BodyBlock, CaptionedImageBlock
from cms.models import BaseIndexPage, BasePage, BasePageForm
from plans.models import PlanPage

from .blocks import ActivityBlock
from .observances import Observance


class CampaignIndexPage(BaseIndexPage):
    """The list of campaigns, latest first, those running today marked."""

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
            .public()
            .select_related("listing_image")
            .order_by("-start_date", "-end_date", "title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["today"] = timezone.localdate()
        return context


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
        return self.news.live().public().order_by("-date", "-pk")

    def get_listing_summary(self) -> str:
        return self.listing_summary or self.summary
