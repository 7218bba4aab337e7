"""The observances the school's plan names, with their dates in any year."""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Observance(models.TextChoices):
    """The days and periods campaigns are built around."""

    INTERNATIONAL_WOMENS_DAY = "international-womens-day", _("International Women's Day (8/3)")
    HAPPINESS_DAY = "happiness-day", _("International Day of Happiness (20/3)")
    FAMILY_DAY = "family-day", _("Vietnamese Family Day (28/6)")
    VIETNAMESE_WOMENS_DAY = "vietnamese-womens-day", _("Vietnamese Women's Day (20/10)")
    ACTION_MONTH = (
        "action-month",
        _(
            "Action Month for gender equality and the prevention of gender-based violence "
            "(15/11–15/12)"
        ),
    )
    ELIMINATION_OF_VIOLENCE_DAY = (
        "elimination-of-violence-day",
        _("International Day for the Elimination of Violence against Women (25/11)"),
    )
    OTHER = "other", _("Other")


# (start month, start day, end month, end day) of each dated observance.
_DATES = {
    Observance.INTERNATIONAL_WOMENS_DAY: (3, 8, 3, 8),
    Observance.HAPPINESS_DAY: (3, 20, 3, 20),
    Observance.FAMILY_DAY: (6, 28, 6, 28),
    Observance.VIETNAMESE_WOMENS_DAY: (10, 20, 10, 20),
    Observance.ACTION_MONTH: (11, 15, 12, 15),
    Observance.ELIMINATION_OF_VIOLENCE_DAY: (11, 25, 11, 25),
}


@dataclass(frozen=True)
class ObservanceDate:
    """One observance in one year."""

    observance: Observance
    start: datetime.date
    end: datetime.date

    @property
    def label(self):
        return self.observance.label

    @property
    def is_period(self) -> bool:
        return self.start != self.end


def observances_in(year: int) -> list[ObservanceDate]:
    """The dated observances of ``year``, in calendar order."""
    dates = [
        ObservanceDate(obs, datetime.date(year, sm, sd), datetime.date(year, em, ed))
        for obs, (sm, sd, em, ed) in _DATES.items()
    ]
    return sorted(dates, key=lambda d: (d.start, d.end))


def upcoming_observances(today: datetime.date, count: int = 4) -> list[ObservanceDate]:
    """The next ``count`` observances that have not ended by ``today`` (running ones included)."""
    candidates = observances_in(today.year) + observances_in(today.year + 1)
    return [d for d in candidates if d.end >= today][:count]
