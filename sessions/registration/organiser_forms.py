"""Forms of the organisers' registrations view in the admin: add someone, e-mail everyone."""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from network.models import MemberArea


def _no_line_breaks(value):
    # A name ends up in the To: header and a subject in Subject:; a line break there would be a
    # header injection (Django refuses to send it, so the organiser would get a server error).
    if "\n" in value or "\r" in value:
        raise forms.ValidationError(_("Enter this on one line."))
    return value


class AddRegistrationForm(forms.Form):
    """An organiser signs someone up by hand (after the deadline too)."""

    name = forms.CharField(label=_("Name"), max_length=120)
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    area = forms.ModelChoiceField(
        label=_("Member area"), required=False, queryset=MemberArea.objects.none(),
        empty_label=_("— no member area (guest) —"),
        help_text=_("The per-area limit counts this area."))
    notify = forms.BooleanField(label=_("Send the confirmation e-mail"), required=False,
                                initial=True,
                                help_text=_("With the calendar invitation and the link to see or "
                                            "cancel the registration."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Set here, not at import time, so each form sees the current areas. Former members
        # are left out, as in the public directory.
        self.fields["area"].queryset = MemberArea.objects.in_directory().order_by("name")

    def clean_name(self):
        return _no_line_breaks(self.cleaned_data["name"])


class MessageRegistrantsForm(forms.Form):
    """An organiser's e-mail to everyone registered for one session."""

    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(label=_("Message"), max_length=10000, widget=forms.Textarea(
        attrs={"rows": 8}), help_text=_("Plain text. Each person's e-mail starts with “Dear "
                                        "<name>” and ends with the session details and their "
                                        "own links."))
    include_waiting = forms.BooleanField(label=_("Also send it to the waiting list"),
                                         required=False)

    def clean_subject(self):
        return _no_line_breaks(self.cleaned_data["subject"])
