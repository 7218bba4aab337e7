"""The abstract base page every page type inherits, and its admin form."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.urls import Resolver404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction

from cms import snapshot as site_snapshot
from cms.pagination import paginate
from cms.text import normalize, slugify_vi

from .renditions import prefetch_card_renditions
from .tree import PageManager, PageTree, public_q, taken_down


class FoldedSlugField(forms.SlugField):
    """A slug field that folds what it receives to readable ASCII before validating it, so that
    a Vietnamese slug typed or generated in NFD (combining marks) is accepted and stored as
    ``binh-dang-gioi``."""

    def to_python(self, value):
        value = super().to_python(value)
        return slugify_vi(value) or value


def slug_taken_by_view(parent, slug):
    """The error for a page at ``slug`` under ``parent`` when one of the parent's own views
    (a list's feeds or calendar) answers at that address, else None. Routing gives those views
    the way (cms/models/tree.py: PageTree.routable), so such a page would never be reached;
    Wagtail checks the slug against the siblings only."""
    model = parent.specific_class if parent is not None else None
    if model is None or not slug or not issubclass(model, RoutablePageMixin):
        return None
    try:
        model.get_resolver().resolve(f"/{slug}/")
    except Resolver404:
        return None
    return _(
        "The address “%(slug)s” is taken by a view of “%(parent)s” itself (a feed or the "
        "calendar): choose another one."
    ) % {"slug": slug, "parent": parent.title}


class BasePageForm(WagtailAdminPageForm):
    """The admin form of every page: its slug is folded to ASCII before Wagtail checks that it
    is free among the page's siblings."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if slug := self.fields.get("slug"):
            self.fields["slug"] = FoldedSlugField(
                label=slug.label,
                help_text=slug.help_text,
                required=slug.required,
                max_length=slug.max_length,
                widget=slug.widget,
                allow_unicode=True,
            )

    def clean(self):
        cleaned_data = super().clean()
        slug = cleaned_data.get("slug")
        if "slug" not in self.errors and (error := slug_taken_by_view(self.parent_page, slug)):
            self.add_error("slug", error)
        return cleaned_data


class BasePage(Page):
    """What every page shares: the summary and image used in listings and link previews, and
    ASCII slugs folded from Vietnamese titles."""

    listing_summary = models.TextField(
        _("listing summary"),
        blank=True,
        max_length=300,
        help_text=_(
            "One or two sentences shown in lists, search results and link previews on Zalo or "
            "Facebook. Left empty, the page's own summary is used."
        ),
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("listing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown in lists and link previews. Landscape, at least 1200 × 630 pixels."),
    )

    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel(
            [FieldPanel("listing_summary"), FieldPanel("listing_image")],
            heading=_("Lists and link previews"),
        ),
    ]

    base_form_class = BasePageForm

    # ``public()`` as a condition of the query, not one more query (cms/models/tree.py).
    objects = PageManager()

    #: The related objects fetched with the page when it is served (one query with its row):
    #: those its template and link previews show.
    select_related_on_serve = ("listing_image",)

    #: The fields lists, cards and feeds never show, which their querysets leave unread
    #: (``defer``): the page types' StreamFields, for each of which Wagtail builds a JSON field
    #: per row read.
    listing_defer = ()

    class Meta:
        abstract = True

    def full_clean(self, *args, **kwargs):
        # Keyboards send Vietnamese in NFC or NFD (macOS, some Unikey settings); store one form
        # so that comparisons, uniqueness checks and search see the same letters.
        for field in self._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField):
                value = getattr(self, field.attname)
                if isinstance(value, str):
                    setattr(self, field.attname, normalize(value))
        # Wagtail builds a missing slug with Django's slugify, which drops "đ" and keeps Unicode;
        # fold first so that pages made in code get the same slugs as pages made in the admin.
        if self.slug:
            self.slug = slugify_vi(self.slug) or self.slug
        elif self.title and (self.path or getattr(self, "_cached_parent_obj", None)):
            base_slug = slugify_vi(self.title)
            if base_slug:
                self.slug = self._get_autogenerated_slug(base_slug)
        super().full_clean(*args, **kwargs)

    def _check_slug_is_unique(self):
        super()._check_slug_is_unique()
        if error := slug_taken_by_view(self.get_parent(), self.slug):
            raise ValidationError({"slug": error})

    def permissions_for_user(self, user):
        # Publishing needs both review approvals (cms/workflow.py).
        from cms.permissions import ReviewedPagePermissionTester

        return ReviewedPagePermissionTester(user, self)

    def get_listing_summary(self) -> str:
        """The text lists and link previews show for this page."""
        return self.listing_summary or self.search_description

    # Serving: one query for the path and the pages around it (cms/models/tree.py) ------------

    def route(self, request, path_components):
        """Wagtail's routing, down the tree fetched once for the whole path: a child is found in
        it instead of one query for the child and one for its specific row at each level."""
        if not path_components:
            return super().route(request, path_components)
        tree = getattr(self, "_page_tree", None)
        if tree is None or not tree.knows_child(self, path_components[0]):
            tree = PageTree.fetch(self, path_components)
            self._page_tree = tree
        child = tree.child(self, path_components[0])
        remaining = path_components[1:]
        # Wagtail routes through an unpublished or expired page to the live pages under it;
        # taking a list down hides its pages here (cms/models/tree.py: taken_down, public_q).
        if child is None or (remaining and taken_down(child)):
            raise Http404
        child = tree.routable(child, remaining)
        child._cached_parent_obj = self
        return child.route(request, remaining)

    @property
    def localized_draft(self):
        """Wagtail's, for a site root from the rows kept in memory (cms/snapshot.py): routing
        starts with the home page in the active language, which costs two or three queries
        otherwise."""
        snapshot = site_snapshot.current()
        localized = snapshot.localized_draft(self) if snapshot is not None else None
        return localized if localized is not None else super().localized_draft

    def _tree(self):
        """The page tree this page was served from, or one fetched around it (one query)."""
        tree = getattr(self, "_page_tree", None)
        if tree is None or tree.chain(self) is None:
            tree = PageTree.fetch(self)
            self._page_tree = tree
            row = tree.by_pk.get(self.pk)
            if row is not None and not Page.locale.is_cached(self):
                self.locale = row.locale  # fetched with it: no query for page.locale
        return tree

    def get_view_restrictions(self):
        """Wagtail's, read from the page tree: no query when neither the page nor an ancestor
        is restricted. Aliases, whose restrictions are their source page's, are left to
        Wagtail."""
        chain = self._tree().chain(self)
        if chain is None or any(page.alias_of_id for page in chain):
            return super().get_view_restrictions()
        restricted = [page.pk for page in chain if page.restricted]
        if not restricted:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(page_id__in=restricted)

    def get_breadcrumbs(self):
        """The live ancestors from the home page down, for the breadcrumb trail."""
        tree = getattr(self, "_page_tree", None)
        ancestors = tree.ancestors(self) if tree is not None else None
        if ancestors is None:
            return list(self.get_ancestors().filter(depth__gt=1).live().filter(public_q()))
        return [page for page in ancestors if page.depth > 1 and page.live and tree.is_public(page)]


class BaseIndexPage(BasePage):
    """A section's list page (plans, campaigns, news): an introduction above its live children,
    one page of them at a time."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A few sentences above the list."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1
    # The name of the list in the template's context, and how many items one page shows.
    listing_name = "items"
    per_page = 10

    class Meta:
        abstract = True

    def get_listing(self, request):
        """The queryset the page lists; each section says which."""
        raise NotImplementedError

    def listing_key(self, request):
        """What of the request ``get_listing`` depends on besides the page and the site's state
        (cms/compiled.py keys its SQL with these): nothing here; the news list adds its tag."""
        return ()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        key = site_snapshot.key("listing", self.pk, self.path, *self.listing_key(request))
        page_obj = paginate(request, lambda: self.get_listing(request), self.per_page, key)
        # The cards' pictures: their renditions in one query for the whole page of the list.
        page_obj.object_list = prefetch_card_renditions(list(page_obj.object_list))
        context[self.listing_name] = page_obj
        return context
