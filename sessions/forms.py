"""The listing filter form of the sessions app.

The series generator's form is in ``admin_forms.py``, the sign-up form in ``registration/forms.py``.
"""
from __future__ import annotations

import re
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from network.filters import LenientFilterForm

_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


class SessionFilterForm(LenientFilterForm):
    """The form of the programme's filters (fields: sessions.listing.SessionFilter)."""

    UPCOMING, PAST = "upcoming", "past"

    def clean_month(self):
        value = self.cleaned_data["month"].strip()
        if not value:
            return None
        match = _MONTH_RE.match(value)
        if not match or not (1 <= int(match[2]) <= 12) or not (2000 <= int(match[1]) <= 2100):
            raise forms.ValidationError(_("Give a month as year-month, e.g. 2026-03."))
        return date(int(match[1]), int(match[2]), 1)
