"""The sign-up form on a session page.

Imported by the session page model (``SessionPage.get_context``), so it must not import
``sessions.models``.
"""
from __future__ import annotations

from types import SimpleNamespace

from django import forms
from django.db.models import OuterRef, Subquery
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from network import memo
from network.localized import localized, localized_field_names
from network.models import MemberArea, Person
from network.translation import active_language


def area_choices():
    """[(id, escaped name in the active language)] of the member areas in the directory, by
    name: kept until the areas are written (``network.memo.remember_tables``), since a network
    of #17's size has some two thousand, every session page offers them, and a sign-up (a
    write to other tables) must not make the next one read them again."""

    def load():
        rows = (MemberArea.objects.in_directory().order_by("name")
                .values("pk", *localized_field_names("name")))
        return [(str(row["pk"]), escape(localized(SimpleNamespace(**row), "name")))
                for row in rows]

    return memo.remember_tables("sessions.registration.area_choices", active_language(), load)


class AreaSelect(forms.Select):
    """The member-area select, its options written in one pass from ``area_choices``.

    Django's select renders a template per option: about a millisecond each, two seconds for
    a large network's areas. The markup is the same. Validation still goes through the
    field's queryset, so only areas in the directory are accepted.
    """

    def __init__(self, *args, empty_label="", **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_label = empty_label

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        chosen = set(self.format_value(value))
        options = [("", escape(self.empty_label)), *area_choices()]
        html = "".join(f'<option value="{pk}"{" selected" if pk in chosen else ""}>{label}</option>'
                       for pk, label in options)
        # Attributes in Django's own order (name first, as its select template writes them).
        return mark_safe(f'<select name="{escape(name)}"{flatatt(attrs)}>{html}</select>')  # noqa: S308 — escaped above


class RegistrationForm(forms.Form):
    """Signing up for a session: who you are and which member area (centre) you come for."""

    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(label=_("E-mail address"), max_length=254,
                             help_text=_("We send the confirmation, the join link and any "
                                         "changes here."))
    area = forms.ModelChoiceField(label=_("Your member area"), queryset=MemberArea.objects.none(),
                                  empty_label=_("Choose your centre"),
                                  error_messages={"invalid_choice": _(
                                      "Choose a member area from the list.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        area = self.fields["area"]
        area.widget = AreaSelect(empty_label=area.empty_label)
        # After the widget: the field hands it its choices, from which Django decides that the
        # select is ``required`` (the first choice is empty); AreaSelect writes the options.
        area.queryset = MemberArea.objects.in_directory().order_by("name")
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
