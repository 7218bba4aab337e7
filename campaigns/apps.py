from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    """Campaigns: time-bound actions around the year's observances."""

    name = "campaigns"
    verbose_name = _("Campaigns")
