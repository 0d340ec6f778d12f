"""The sign-up form on a session page.

Imported by the session page model (``SessionPage.get_context``), so it must not import
``sessions.models``.
"""
from __future__ import annotations

from django import forms
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from network.area_picker import AreaChoiceField
from network.models import MemberArea, Person


class RegistrationForm(forms.Form):
    """Signing up for a session: who you are and which member area (centre) you come for."""

    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(label=_("E-mail address"), max_length=254,
                             help_text=_("We send the confirmation, the join link and any "
                                         "changes here."))
    # A select, or a text field with suggestions in a large network (network.area_picker).
    area = AreaChoiceField(label=_("Your member area"), empty_label=_("Choose your centre"),
                           error_messages={"invalid_choice": _(
                               "Choose a member area from the list.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Tell us your name."))
        return name

    @staticmethod
    def member_area(user, chosen):
        """The member area a member signs up for: one of their directory entry's areas (the
        one picked if it is theirs), not any area they pick; ``chosen`` if they have none."""
        person = getattr(user, "person", None)
        if person is None:
            return chosen
        areas = list(person.areas.order_by("name"))
        if not areas:
            return chosen
        return chosen if chosen in areas else areas[0]

    @classmethod
    def initial_for(cls, user):
        """Name, e-mail and area of the logged-in member's directory entry, to prefill."""
        if user is None or not user.is_authenticated:
            return {}
        account = Person._meta.get_field("user").remote_field
        if account.is_cached(user):
            person = user.person if hasattr(user, "person") else None
            area = person and person.areas.order_by("name").values_list("pk", flat=True).first()
        else:
            # The directory entry with the id of its first area in one query, kept on the user
            # as ``user.person`` for the page's other sections.
            first_area = (MemberArea.objects.filter(people=OuterRef("pk")).order_by("name")
                          .values("pk")[:1])
            person = (Person.objects.filter(user=user).annotate(first_area=Subquery(first_area))
                      .first())
            account.set_cached_value(user, person)
            area = person and person.first_area
        initial = {"email": user.email, "name": user.get_full_name()}
        if person is not None:
            initial["name"] = person.name
            initial["email"] = user.email or person.email
            initial["area"] = area
        return {key: value for key, value in initial.items() if value}
