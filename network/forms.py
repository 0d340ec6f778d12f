"""Forms of the network core: directory filters and site search."""
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AreaKind, Country, OrganisationModel, Theme


class AreaFilterForm(forms.Form):
    """Directory filters. Every field is optional; invalid values are reported, not fatal."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    country = forms.ChoiceField(label=_("Country"), required=False,
                                choices=[("", _("All countries"))] + Country.choices)
    region = forms.CharField(label=_("Region"), required=False, max_length=120)
    kind = forms.ChoiceField(label=_("Kind of area"), required=False,
                             choices=[("", _("All kinds"))] + AreaKind.choices)
    organisation_model = forms.ChoiceField(
        label=_("Organisation model"), required=False,
        choices=[("", _("All models"))] + OrganisationModel.choices,
    )
    theme = forms.ModelChoiceField(label=_("Expertise"), required=False,
                                   queryset=Theme.objects.all(), to_field_name="slug",
                                   empty_label=_("Any theme"))

    def valid_filters(self):
        """The cleaned values of the fields that were valid, ignoring the rest."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items()
                if value not in (None, "") and name not in self.errors}


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the site"), required=False, max_length=200)
