from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    """Plans: the school's official *Kế hoạch* documents."""

    name = "plans"
    verbose_name = _("Plans")
