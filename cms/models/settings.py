"""Site-wide settings editors change in the admin (Settings → School)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="home")
class SchoolSettings(BaseSiteSetting):
    """The school's name and contacts shown in the header and footer of every public page."""

    school_name = models.CharField(
        _("school name"),
        max_length=120,
        default="Trường THPT Sóc Trăng",
        help_text=_("Shown in the header of every page."),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)

    class Meta:
        verbose_name = _("school")
