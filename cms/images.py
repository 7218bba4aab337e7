"""The admin's image form (``WAGTAILIMAGES_IMAGE_FORM_BASE``): no image is saved without its
alternative text.

Wagtail keeps an image's alternative text in its ``description`` field, optional by default.
Every form that creates or edits an image builds on this one — the upload page, the multiple
uploader (which keeps the file aside until the text is given), the chooser's upload tab in the
page editor and the edit page — so the public templates can always use the description as
``alt`` (docs/sharing.md).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm


class ImageForm(BaseImageForm):
    """Wagtail's image form with the description required, as the image's alternative text."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("description")
        if field is None:
            return
        field.required = True
        field.label = _("Alternative text")
        field.help_text = _(
            "What the picture shows, for readers who cannot see it: screen readers read it "
            "aloud and it stands in for the picture when it does not load. For example: "
            "Students of class 11A1 present their posters on gender equality."
        )
        field.error_messages["required"] = _(
            "Write the alternative text: describe what the picture shows for readers who "
            "cannot see it."
        )

    def clean_description(self):
        # Spaces alone are no description; runs of spaces and line breaks are one space.
        return " ".join(self.cleaned_data.get("description", "").split())
