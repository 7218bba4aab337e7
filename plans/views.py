"""Admin views of plans: *Nhập từ Word*, the import of a plan from a Word document or text file
into a new draft, in three steps — upload, review, create (docs/plan-import.md).

The review screen carries what was read to the last step signed (``django.core.signing``, for an
hour, bound to the user and the plan list), so a changed or replayed form creates nothing.
"""

from django import forms
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.defaults import permission_denied
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from cms.text import roman

from .importing import SIZE_LIMIT, ImportResult, create_draft, import_file
from .models import PlanIndexPage, PlanPage

SIGNING_SALT = "plans.import"
SIGNED_MAX_AGE = 60 * 60  # seconds the review screen stays valid


def may_import(user, parent) -> bool:
    """Whether ``user`` may add a plan under ``parent``: the same rule as the admin's "Add child
    page" (the user's page permissions, and plans allowed there)."""
    return (
        isinstance(parent, PlanIndexPage)
        and PlanPage.can_create_at(parent)
        and parent.permissions_for_user(user).can_add_subpage()
    )


class ImportForm(forms.Form):
    """Step 1: the file."""

    file = forms.FileField(
        label=_("Plan file"),
        allow_empty_file=True,  # the importer says so in its own words
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.txt"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "A Word document (.docx) or a text file (.txt), at most %(size)s MB."
        ) % {"size": SIZE_LIMIT // 1024 // 1024}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > SIZE_LIMIT:
            raise ValidationError(
                _("The file is larger than %(size)s MB.") % {"size": SIZE_LIMIT // 1024 // 1024},
                code="too_large",
            )
        # PlanImportError is a ValidationError: the form shows its message under the field.
        self.result = import_file(upload.name, upload)
        return upload


class PlanImportView(WagtailAdminTemplateMixin, TemplateView):
    """Upload (GET, POST with a file) and review (the answer to a good upload)."""

    header_icon = "upload"
    page_title = _("Import from Word")

    def dispatch(self, request, parent_id):
        self.parent = get_object_or_404(Page, pk=parent_id).specific
        if not isinstance(self.parent, PlanIndexPage):
            raise Http404
        if not may_import(request.user, self.parent):
            # A plain 403 (Wagtail would turn PermissionDenied into a redirect to the dashboard).
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, parent_id)

    def get_page_subtitle(self):
        return self.parent.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_explore", args=(self.parent.pk,)),
                "label": self.parent.get_admin_display_title(),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_template_names(self):
        return ["plans/admin/import_review.html" if self.result else "plans/admin/import.html"]

    def get(self, request, parent_id):
        self.result = None
        return self.render_to_response(self.get_context_data(form=ImportForm()))

    def post(self, request, parent_id):
        self.result = None
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        self.result = form.result
        payload = signing.dumps(
            {
                "parent": self.parent.pk,
                "user": request.user.pk,
                "file": form.cleaned_data["file"].name,
                "result": self.result.as_data(),
            },
            salt=SIGNING_SALT,
            compress=True,
        )
        return self.render_to_response(
            self.get_context_data(
                payload=payload, file_name=form.cleaned_data["file"].name, result=self.result
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["parent"] = self.parent
        context["size_limit"] = SIZE_LIMIT // 1024 // 1024
        context["cancel_url"] = reverse("wagtailadmin_explore", args=(self.parent.pk,))
        context["create_url"] = reverse("plans_import_create", args=(self.parent.pk,))
        context["action_url"] = reverse("plans_import", args=(self.parent.pk,))
        if kwargs.get("result"):
            context.update(review_context(kwargs["result"]))
        return context


class PlanImportCreateView(PlanImportView):
    """Step 3: the draft, from the signed review (POST only)."""

    http_method_names = ["post"]

    def post(self, request, parent_id):
        self.result = None
        try:
            data = signing.loads(
                request.POST.get("payload", ""), salt=SIGNING_SALT, max_age=SIGNED_MAX_AGE
            )
            if data["parent"] != self.parent.pk or data["user"] != request.user.pk:
                raise signing.BadSignature
            self.result = ImportResult.from_data(data["result"])
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            self.result = None
            error = _(
                "The reviewed import could not be checked: it was changed, or is more than an "
                "hour old. Upload the file again."
            )
            return self.render_to_response(
                self.get_context_data(form=ImportForm(), errors=[error]), status=400
            )
        try:
            page = create_draft(self.parent, self.result, request.user, source_name=data["file"])
        except ValidationError as error:
            return self.render_to_response(
                self.get_context_data(
                    payload=request.POST["payload"],
                    file_name=data["file"],
                    result=self.result,
                    errors=_error_messages(error),
                ),
                status=400,
            )
        count = len(self.result.report)
        messages.success(
            request,
            ngettext(
                "The draft “%(title)s” was created from %(file)s. The import report had %(count)s "
                "note: check the plan before submitting it for review.",
                "The draft “%(title)s” was created from %(file)s. The import report had %(count)s "
                "notes: check the plan before submitting it for review.",
                count,
            )
            % {"title": page.title, "file": data["file"], "count": count},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)


def _error_messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        labels = {f.name: f.verbose_name for f in PlanPage._meta.fields}
        return [
            f"{labels.get(name, name)}: {message}" if name != "__all__" else message
            for name, messages_ in error.message_dict.items()
            for message in messages_
        ]
    return list(error.messages)


def review_context(result: ImportResult) -> dict:
    """What the review screen shows: the fields, with the numbers the plan page will give."""
    sections = []
    for index, (_type, section) in enumerate(result.fields["sections"], start=1):
        number = 0
        content = []
        for block_type, value in section["content"]:
            entry = {"type": block_type, "value": value}
            if block_type in ("item", "responsibility"):
                number += 1
                entry["number"] = number
                entry["title"] = value.get("title") or value.get("party")
                entry["content"] = [
                    {"type": child_type, "value": child}
                    for child_type, child in value.get("content", value.get("duties", []))
                ]
            content.append(entry)
        sections.append(
            {"numeral": roman(index), "heading": section["heading"], "content": content}
        )
    return {
        "labels": {field.name: capfirst(field.verbose_name) for field in PlanPage._meta.fields},
        "fields": result.fields,
        "sections": sections,
        "report": result.report,
        "warnings": result.warnings,
    }


plan_import = never_cache(PlanImportView.as_view())
plan_import_create = never_cache(PlanImportCreateView.as_view())
