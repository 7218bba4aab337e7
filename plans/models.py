"""Plan pages: the school's official plans (*Kế hoạch*), held part by part as in the document."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from cms import compiled
from cms import snapshot as site_snapshot
from cms.models import BaseIndexPage, BasePage
from cms.models.listing import children_public_q
from cms.text import roman

from .blocks import NUMBERED_BLOCK_TYPES, SectionBlock


class PlanIndexPage(BaseIndexPage):
    """The list of the school's plans, newest year first."""

    subpage_types = ["plans.PlanPage"]
    template = "pages/plan_index_page.html"
    listing_name = "plans"

    class Meta:
        verbose_name = _("plan list")

    def get_listing(self, request):
        """The live plans of this list, newest year and date first."""
        return (
            PlanPage.objects.child_of(self)
            .live()
            .filter(children_public_q(self))
            .select_related("listing_image")
            .defer(*PlanPage.listing_defer)
            .order_by("-year", "-issued_on", "-first_published_at")
        )


@dataclass(frozen=True)
class PlanItem:
    """A numbered item or responsible party of a plan, which a campaign can carry out."""

    block_id: str
    reference: str  # "II.1"
    title: str

    def __str__(self):
        return f"{self.reference}. {self.title}"


class PlanPage(RoutablePageMixin, BasePage):
    """An official plan, structured as the document is: header, legal bases, sections I–IV with
    their numbered items and bullets, recipients and signature block; downloadable as the
    official document in PDF (``pdf/``) and Word (``docx/``) (plans/exporting.py)."""

    issuing_authority = models.CharField(
        _("issuing authority"),
        max_length=150,
        default="SỞ GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ CẦN THƠ",
        help_text=_("The body above the school in the document's header, in capitals."),
    )
    issuer = models.CharField(
        _("issuer"),
        max_length=150,
        default="TRƯỜNG THPT SÓC TRĂNG",
        help_text=_("The school, in capitals, as in the document's header."),
    )
    document_number = models.CharField(
        _("document number"),
        max_length=20,
        blank=True,
        help_text=_('The number before "/KH-THPTST", e.g. 125. Leave empty until it is issued.'),
    )
    document_code = models.CharField(
        _("document code"),
        max_length=30,
        default="KH-THPTST",
        help_text=_('The part after the number: "KH" for a plan, then the school\'s code.'),
    )
    place = models.CharField(
        _("place"),
        max_length=100,
        default="Mỹ Xuyên",
        help_text=_("Where the plan is issued, as in the date line."),
    )
    issued_on = models.DateField(
        _("date of issue"),
        null=True,
        blank=True,
        help_text=_("Leave empty until the plan is signed: the date line then leaves it blank."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The year the plan covers."),
    )
    subject = models.CharField(
        _("subject"),
        max_length=300,
        help_text=_('The line under "KẾ HOẠCH", e.g. Thực hiện công tác … năm 2026.'),
    )
    legal_bases = StreamField(
        [
            (
                "basis",
                blocks.TextBlock(
                    label=_("Legal basis"),
                    help_text=_("One document the plan rests on: Căn cứ …, Thực hiện …"),
                    icon="doc-full",
                ),
            )
        ],
        verbose_name=_("legal bases"),
        blank=True,
    )
    preamble = models.TextField(
        _("preamble"),
        blank=True,
        help_text=_('The paragraph after the legal bases, ending "Cụ thể như sau:".'),
    )
    sections = StreamField(
        [("section", SectionBlock())],
        verbose_name=_("sections"),
        help_text=_("Sections I, II, … in order; numerals and item numbers follow the order."),
    )
    closing = models.TextField(
        _("closing"),
        blank=True,
        help_text=_('The closing sentence, e.g. "Trên đây là Kế hoạch … ./."'),
    )
    recipients = StreamField(
        [("recipient", blocks.CharBlock(label=_("Recipient"), max_length=200, icon="user"))],
        verbose_name=_("recipients"),
        blank=True,
        help_text=_("Nơi nhận: one recipient per entry, without the dash or semicolon."),
    )
    signature_authority = models.CharField(
        _("signing on behalf of"),
        max_length=100,
        blank=True,
        default="KT. HIỆU TRƯỞNG",
        help_text=_(
            "e.g. KT. HIỆU TRƯỞNG when a vice principal signs; empty if the principal does."
        ),
    )
    signer_title = models.CharField(_("signer's title"), max_length=100, default="PHÓ HIỆU TRƯỞNG")
    signer_name = models.CharField(_("signer's name"), max_length=100)

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("issuing_authority"), FieldPanel("issuer")]),
                FieldRowPanel([FieldPanel("document_number"), FieldPanel("document_code")]),
                FieldRowPanel([FieldPanel("place"), FieldPanel("issued_on"), FieldPanel("year")]),
                FieldPanel("subject"),
            ],
            heading=_("Document header"),
        ),
        FieldPanel("legal_bases"),
        FieldPanel("preamble"),
        FieldPanel("sections"),
        FieldPanel("closing"),
        FieldPanel("recipients"),
        MultiFieldPanel(
            [
                FieldPanel("signature_authority"),
                FieldRowPanel([FieldPanel("signer_title"), FieldPanel("signer_name")]),
            ],
            heading=_("Signature"),
        ),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("subject"),
        index.SearchField("legal_bases"),
        index.SearchField("preamble"),
        index.SearchField("sections"),
        index.FilterField("year"),
    ]

    parent_page_types = ["plans.PlanIndexPage"]
    subpage_types: list[str] = []
    template = "pages/plan_page.html"
    listing_defer = ("legal_bases", "sections", "recipients")

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def clean(self):
        super().clean()
        errors = {}
        if self.issued_on and self.year and self.issued_on.year != self.year:
            errors["issued_on"] = _(
                "The date of issue must fall in the plan's year (%(year)s)."
            ) % {"year": self.year}
        if self.document_number:
            self.document_number = self.document_number.strip()
            clash = (
                PlanPage.objects.filter(year=self.year, document_number=self.document_number)
                .exclude(translation_key=self.translation_key)
                .first()
            )
            if clash:
                errors["document_number"] = _(
                    'Number %(number)s is already used in %(year)s by the plan "%(title)s".'
                ) % {"number": self.document_number, "year": self.year, "title": clash.title}
        if errors:
            raise ValidationError(errors)

    @property
    def document_reference(self) -> str:
        """``Số: 125/KH-THPTST``, or ``Số:    /KH-THPTST`` before a number is issued."""
        number = self.document_number or "\u2003"
        return f"{number}/{self.document_code}"

    def numbered_sections(self):
        """``(Roman numeral, section)`` for each section, in order."""
        return [(roman(index), section) for index, section in enumerate(self.sections, start=1)]

    def get_items(self) -> list[PlanItem]:
        """Every numbered item and responsible party, which campaigns can say they carry out."""
        items = []
        for numeral, section in self.numbered_sections():
            for number, child in section.value.numbered_content():
                if child.block_type in NUMBERED_BLOCK_TYPES:
                    title = child.value.get("title") or child.value.get("party")
                    items.append(PlanItem(child.id, f"{numeral}.{number}", title))
        return items

    def get_item(self, block_id: str) -> PlanItem | None:
        """The item with this block id, or None when the plan has no such item."""
        return next((item for item in self.get_items() if item.block_id == block_id), None)

    def get_campaigns(self):
        """The live campaigns carrying out this plan, in the order they start."""
        from campaigns.models import CampaignPage

        campaigns = compiled.rows(
            site_snapshot.key("plan-campaigns", self.pk),
            lambda: (
                CampaignPage.objects.filter(plan_id=self.pk)
                .live()
                .public()
                .defer(*CampaignPage.listing_defer)
                .order_by("start_date", "title")
            ),
        )
        for campaign in campaigns:
            CampaignPage.plan.field.set_cached_value(campaign, self)  # as self.campaigns does
        return campaigns

    # Routes reach only live pages, through Wagtail's serving and its view restrictions, like
    # the page itself; a plan has no child pages whose slugs they could hide.
    @path("pdf/", name="pdf")
    def pdf_download(self, request):
        """The plan as the official document, in PDF."""
        from .exporting import PDF, download_response

        return download_response(self, PDF)

    @path("docx/", name="docx")
    def docx_download(self, request):
        """The plan as the official document, in Word (.docx)."""
        from .exporting import DOCX, download_response

        return download_response(self, DOCX)
