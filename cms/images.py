"""The admin's image form (``WAGTAILIMAGES_IMAGE_FORM_BASE``): no image is saved without its
alternative text.

Wagtail keeps an image's alternative text in its ``description`` field, optional by default.
Every form that creates or edits an image builds on this one — the upload page, the multiple
uploader (which keeps the file aside until the text is given), the chooser's upload tab in the
page editor and the edit page — so the public templates can always use the description as
``alt`` (docs/sharing.md).

The same forms check the uploaded file (``CheckedImageField``) beyond what Wagtail does: the
pixel count is read from the file's header before anything is decoded, and a file Pillow cannot
decode (truncated, corrupt) is refused with the form's message instead of failing with a 500
(docs/security.md, *Bad input*).
"""

import struct
import warnings

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

# What Pillow raises on a file it cannot read to the end: truncated data, broken chunks, or a
# header announcing more pixels than it will decode.
_DECODING_ERRORS = (
    OSError,
    ValueError,
    SyntaxError,
    EOFError,
    struct.error,
    PILImage.DecompressionBombError,
)


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, refusing with its own messages what Wagtail lets through to a 500
    or checks only after decoding the whole picture."""

    def to_python(self, data):
        if data not in self.empty_values:
            self.check_header_pixels(data)
        try:
            return super().to_python(data)
        except ValidationError:
            raise
        except _DECODING_ERRORS as exc:
            # Wagtail decodes the picture to read its size; a truncated or corrupt file fails
            # there, after the format checks.
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from exc

    def check_header_pixels(self, data):
        """Refuse a picture whose header announces more pixels than the limit, before Wagtail
        decodes it: a small file can claim a picture that fills the server's memory."""
        if self.max_image_pixels is None or not hasattr(data, "seek"):
            return
        try:
            # Pillow warns above 89 million pixels: the limit below is the one that counts.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
                with PILImage.open(data) as header:
                    width, height = header.size
        except (*_DECODING_ERRORS, PILImage.UnidentifiedImageError):
            return  # Not a picture Pillow reads (SVG, HTML…): Wagtail's checks refuse it.
        finally:
            data.seek(0)
        if width * height > self.max_image_pixels:
            raise ValidationError(
                self.error_messages["file_too_many_pixels"]
                % {"num_pixels": width * height, "max_pixels_count": self.max_image_pixels},
                code="file_too_many_pixels",
            )


class ImageForm(BaseImageForm):
    """Wagtail's image form with the description required, as the image's alternative text."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        file_field = self.fields.get("file")
        if isinstance(file_field, WagtailImageField):
            checked = CheckedImageField(
                required=file_field.required, label=file_field.label, widget=file_field.widget
            )
            checked.max_length = file_field.max_length
            self.fields["file"] = checked
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
