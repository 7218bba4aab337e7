"""Translations are content like any other: drafted by the Youth Union, reviewed by the committee,
approved and published by the vice principal (docs/workflow.md, "Translations").

wagtail-localize's own screens assume a translator publishes. Here:

- *Translate this page* makes an English **draft**
  (``WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE`` off), and never changes what is live: an
  English alias it converts keeps showing what it showed, a live translation it would rewrite
  (*include subtree*) is left as it is.
- *Submit translation for review* (a button on the English page) saves the translation editor's
  strings as a new revision of the English page and starts the page's review workflow, the same
  two steps as the Vietnamese pages; the final approval publishes it (``cms.workflow``).
- *Sync translated pages* may not publish, and *Convert to alias page* is refused, for anyone who
  cannot publish the page (only site administrators can: ``cms.permissions``).
- A translation is **out of date** while its Vietnamese page has been published since the
  translation was last synced, or since the English page was last published. Each publication of
  the Vietnamese page writes *Translation out of date* in the English page's history; the
  dashboard lists what is out of date.
"""

import contextvars

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.coreutils import find_available_slug
from wagtail.log_actions import log
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import Translation, TranslationLog, TranslationSource
from wagtail_localize.views import convert
from wagtail_localize.views.submit_translations import SubmitPageTranslationView
from wagtail_localize.views.update_translations import UpdateTranslationsView

OUTDATED_ACTION = "cms.translation_outdated"

LOG_ACTIONS = [
    (
        OUTDATED_ACTION,
        _("Translation out of date"),
        _(
            "The Vietnamese page was published again: this translation is out of date until it "
            "is synced and approved again"
        ),
    ),
]

# Set while wagtail-localize's "Translate this page" writes pages (ReviewedSubmitTranslationView):
# who translates, and the parents made for the translation on the way.
translating = contextvars.ContextVar("translating", default=None)


class TranslatingRun:
    """What one "Translate this page" did besides the pages asked for."""

    def __init__(self, user):
        self.user = user
        self.drafted_parents = []


# Which translation a page is -----------------------------------------------------------------


def translation_of(page):
    """The synced wagtail-localize translation whose target is ``page``, or None."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key,
            target_locale_id=page.locale_id,
            enabled=True,
        )
        .select_related("source", "target_locale")
        .first()
    )


def is_outdated(source_published_at, synced_at, published_at):
    """The rule: a translation is out of date when its Vietnamese page was published after the
    translation was last synced (``synced_at``, wagtail-localize's ``last_updated_at``), or after
    the English page was last published. Syncing clears the first; the English page's next
    publication, through the review, clears the second."""
    if source_published_at is None:
        return False
    if source_published_at > synced_at:
        return True
    return published_at is not None and source_published_at > published_at


class OutdatedTranslation:
    """One English page whose Vietnamese page changed, for the dashboard."""

    def __init__(self, page, source_page, translation):
        self.page = page
        self.source_page = source_page
        self.translation = translation
        # Not synced yet: the translator has to "Sync translated pages" first; otherwise the
        # updated translation waits for review and approval.
        self.needs_sync = source_page.last_published_at > translation.source.last_updated_at


def outdated_translations():
    """Every English (or other target) page whose translation is out of date, oldest change
    first."""
    page_type = ContentType.objects.get_for_model(Page)
    translations = list(
        Translation.objects.filter(enabled=True, source__object__content_type=page_type)
        .select_related("source")
        .order_by("pk")
    )
    keys = {translation.source.object_id for translation in translations}
    pages = {
        (page.translation_key, page.locale_id): page
        for page in Page.objects.filter(translation_key__in=keys, alias_of__isnull=True)
    }
    items = []
    for translation in translations:
        source = translation.source
        source_page = pages.get((source.object_id, source.locale_id))
        page = pages.get((source.object_id, translation.target_locale_id))
        if source_page is None or page is None:
            continue
        if is_outdated(
            source_page.last_published_at, source.last_updated_at, page.last_published_at
        ):
            items.append(OutdatedTranslation(page, source_page, translation))
    items.sort(key=lambda item: item.source_page.last_published_at)
    return items


# Signal handlers ---------------------------------------------------------------------------------


def connect():
    """Connect the handlers below (idempotent), from ``CmsConfig.ready`` so that every process
    that publishes (web, Celery worker) has them."""
    from django.db.models.signals import pre_save
    from wagtail.signals import copy_for_translation_done, page_published

    page_published.connect(
        flag_outdated_translations, dispatch_uid="cms_flag_outdated_translations"
    )
    copy_for_translation_done.connect(
        draft_instead_of_alias, dispatch_uid="cms_draft_instead_of_alias"
    )
    pre_save.connect(
        keep_translating_off_the_live_site, dispatch_uid="cms_keep_translating_off_the_live_site"
    )


def flag_outdated_translations(sender, instance, revision=None, **kwargs):
    """``page_published``: a Vietnamese page published again marks its translations out of date
    in their history."""
    if kwargs.get("alias") or instance.alias_of_id:
        return
    source = TranslationSource.objects.filter(
        object_id=instance.translation_key, locale_id=instance.locale_id
    ).first()
    if source is None:
        return
    for translation in source.translations.filter(enabled=True):
        page = (
            Page.objects.filter(
                translation_key=instance.translation_key,
                locale_id=translation.target_locale_id,
                alias_of__isnull=True,
            )
            .exclude(pk=instance.pk)
            .first()
        )
        if page is None:
            continue
        log(
            instance=page.specific,
            action=OUTDATED_ACTION,
            user=revision.user if revision is not None else None,
            data={"source": {"id": instance.pk, "title": instance.get_admin_display_title()}},
        )


def draft_instead_of_alias(sender, source_obj, target_obj, **kwargs):
    """``copy_for_translation_done``: a page copied into another language as an *alias* becomes a
    draft translation instead.

    Wagtail and wagtail-localize make aliases where a language has no page yet: the missing
    parents of a page being translated ("Translate this page" of a news item when the English
    tree has no news index), and every page of a tree synchronised from another locale. An alias
    of a live page is live: the Vietnamese page would be public at an English address without
    review. Here it becomes an ordinary page that is not live, registered as a wagtail-localize
    translation so that it opens in the translation editor and goes through the review like any
    other. Routing does not need a live parent, so a reviewed English page below it is reachable.
    """
    if not isinstance(target_obj, Page) or target_obj.alias_of_id is None:
        return
    run = translating.get()
    user = run.user if run is not None else None
    page = target_obj.specific
    page.alias_of = None
    page.live = False
    page.has_unpublished_changes = True
    page.first_published_at = page.last_published_at = page.live_revision = None
    page.save(
        update_fields=[
            "alias_of",
            "live",
            "has_unpublished_changes",
            "first_published_at",
            "last_published_at",
            "live_revision",
        ],
        clean=False,
    )
    revision = page.save_revision(user=user, changed=False, clean=False)
    log(
        instance=page,
        action="wagtail.convert_alias",
        user=user,
        revision=revision,
        data={"page": {"id": page.pk, "title": page.get_admin_display_title()}},
    )
    source, _created = TranslationSource.get_or_create_from_instance(source_obj.specific)
    Translation.objects.update_or_create(
        source=source, target_locale=page.locale, defaults={"enabled": True}
    )
    if run is not None:
        run.drafted_parents.append(page)


def keep_translating_off_the_live_site(sender, instance, update_fields=None, **kwargs):
    """``pre_save`` of pages while "Translate this page" runs: what it writes never shows on the
    public site without review.

    wagtail-localize saves the translated content into the page row itself, which for a live page
    is its public content. A live page that was never published through a revision (an English
    alias it converts, which mirrored the Vietnamese page) keeps its public content: the save
    writes the row as it is. A live, published translation is left unchanged altogether (the
    ValidationError makes wagtail-localize skip it). Either is then updated through the
    translation editor and the review.
    """
    if not translating.get() or update_fields is not None or not isinstance(instance, Page):
        return
    if instance.pk is None or not instance.live:
        return
    if instance.live_revision_id is None:
        current = type(instance).objects.get(pk=instance.pk)
        for field in instance._meta.concrete_fields:
            setattr(instance, field.attname, getattr(current, field.attname))
        return
    raise ValidationError({"__all__": [_("A live translation changes only through review.")]})


# wagtail-localize's views, with the review's rules --------------------------------------------


class ReviewedSubmitTranslationView(SubmitPageTranslationView):
    """wagtail-localize's "Translate this page", writing drafts only."""

    def form_valid(self, form):
        run = TranslatingRun(self.request.user)
        token = translating.set(run)
        try:
            response = super().form_valid(form)
        finally:
            translating.reset(token)
        for page in run.drafted_parents:
            messages.warning(
                self.request,
                _(
                    "'%(title)s' had no %(language)s version: a draft of it was made for "
                    "translation. Translate it and submit it for review too."
                )
                % {"title": page.get_admin_display_title(), "language": page.locale},
                buttons=[
                    messages.button(
                        reverse("wagtailadmin_pages:edit", args=(page.pk,)), _("Translate")
                    )
                ],
            )
        return response


class ReviewedUpdateTranslationsView(UpdateTranslationsView):
    """wagtail-localize's "Sync translated pages": brings the translations' source up to date;
    publishing them straight away is for those who may publish without review."""

    def may_publish(self):
        return all(
            page.permissions_for_user(self.request.user).can_publish()
            for page in self.target_pages()
        )

    def target_pages(self):
        for translation in self.object.translations.filter(enabled=True):
            page = Page.objects.filter(
                translation_key=self.object.object_id, locale_id=translation.target_locale_id
            ).first()
            if page is not None:
                yield page

    def get_form(self):
        form = super().get_form()
        if not self.may_publish():
            form.fields["publish_translations"].widget = forms.HiddenInput()
        return form

    def form_valid(self, form):
        if form.cleaned_data.get("publish_translations") and not self.may_publish():
            raise PermissionDenied
        return super().form_valid(form)


def convert_to_alias(request, page_id):
    """wagtail-localize's "Convert to alias page" shows the Vietnamese page, live, at the English
    address: only for those who may publish without review."""
    page = get_object_or_404(Page, pk=page_id)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return convert.convert_to_alias(request, page_id)


# Submitting a translation for review -------------------------------------------------------------


def may_submit(page, user, translation=None):
    """Whether ``user`` may send this translated page to review now."""
    if translation is None and translation_of(page) is None:
        return False
    permissions = page.permissions_for_user(user)
    return permissions.can_edit() and permissions.can_submit_for_moderation()


def save_translation_draft(translation, page, user):
    """A new revision of the translated page from the translation editor's strings (Vietnamese
    where a string is not translated yet). The page row, which is the public content of a live
    page, is left alone: the revision goes live only when the review publishes it."""
    draft = translation.source.get_ephemeral_translated_instance(
        translation.target_locale, fallback=True
    )
    draft.slug = find_available_slug(
        page.get_parent(), slugify(draft.slug, allow_unicode=False), ignore_page_id=page.pk
    )
    revision = draft.save_revision(user=user, log_action=True)
    TranslationLog.objects.create(
        source=translation.source, locale=translation.target_locale, revision=revision
    )
    return revision


class SubmitTranslationForReviewView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm (GET), then save the translation as a draft revision and start its review (POST).
    For whoever may edit the page and submit it (the Youth Union; registered through
    ``register_admin_urls``)."""

    page_title = _("Submit translation for review")
    header_icon = "wagtail-localize-language"
    template_name = "components/admin-translation-submit.html"

    def dispatch(self, request, page_id):
        self.page = get_object_or_404(Page, pk=page_id).specific
        self.translation = translation_of(self.page)
        if self.translation is None:
            raise Http404
        if not may_submit(self.page, request.user, self.translation):
            raise PermissionDenied
        self.edit_url = reverse("wagtailadmin_pages:edit", args=(self.page.pk,))
        return super().dispatch(request)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        total, translated = self.translation.get_progress()
        context.update(
            {
                "page": self.page,
                "source_page": self.translation.source.get_source_instance(),
                "locale": self.translation.target_locale,
                "total": total,
                "translated": translated,
                "edit_url": self.edit_url,
            }
        )
        return context

    def post(self, request):
        page = self.page
        try:
            with transaction.atomic():
                save_translation_draft(self.translation, page, request.user)
                state = page.current_workflow_state
                if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
                    state.resume(request.user)
                else:
                    page.get_workflow().start(page, request.user)
        except ValidationError as error:
            messages.error(
                request,
                _("The translation could not be submitted: %(errors)s")
                % {"errors": "; ".join(error.messages)},
            )
            return redirect(self.edit_url)
        messages.success(
            request,
            _("The translation '%(title)s' has been submitted for review.")
            % {"title": page.get_admin_display_title()},
        )
        return redirect(self.edit_url)


submit_translation_for_review = SubmitTranslationForReviewView.as_view()


def page_buttons(page, user, view_name=None, next_url=None):
    """The "Submit translation for review" button, in the page's header and listing menus."""
    if page.is_root() or not may_submit(page, user):
        return
    yield Button(
        _("Submit translation for review"),
        reverse("cms_submit_translation", args=(page.pk,)),
        priority=55,
        icon_name="resubmit",
    )
