"""Forms of the network core: directory filters, site search, login and the member profile."""
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField

from .filters import LenientFilterForm
from .models import Person


def _clean_letter(value):
    if value and not value.isalnum():
        raise forms.ValidationError(_("Choose a letter."))
    return value.upper()


class AreaFilterForm(LenientFilterForm):
    """The form of the member-area filters (fields: network.directory.AreaFilter)."""

    def __init__(self, *args, regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.regions = list(regions)
        self.fields["region"].widget.choices = [("", _("All regions"))] + self.regions

    def clean_region(self):
        value = self.cleaned_data["region"].strip()
        if not value:
            return ""
        for region, _label in self.regions:
            if region.casefold() == value.casefold():
                return region
        raise forms.ValidationError(_("There is no member area in this region."))

    def clean_letter(self):
        return _clean_letter(self.cleaned_data["letter"])


class PeopleFilterForm(LenientFilterForm):
    """The form of the people filters (fields: network.directory.PeopleFilter)."""

    def clean_letter(self):
        return _clean_letter(self.cleaned_data["letter"])


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the site"), required=False, max_length=200)


class LoginForm(AuthenticationForm):
    """Django's login form, labelled for members who log in with their email address."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Email address or username")
        self.fields["username"].widget.attrs["autocomplete"] = "username"


class ProfileForm(forms.ModelForm):
    """What a member may change about themselves in the directory.

    Role, organisation, areas and the account link stay with the organisers.
    """

    new_photo = WagtailImageField(label=_("New photo"), required=False,
                                  help_text=_("Optional. A JPEG, PNG or WebP image, at most 10 MB."))
    remove_photo = forms.BooleanField(label=_("Remove my photo"), required=False)

    class Meta:
        model = Person
        fields = ["name", "job_title", "email", "phone", "bio", "expertise", "listed_in_directory"]
        widgets = {"expertise": forms.CheckboxSelectMultiple,
                   "bio": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "email": _("Shown to logged-in members only. Your login address does not change."),
            "phone": _("Shown to logged-in members only."),
            "listed_in_directory": _("Untick to hide yourself from the directory and the people "
                                     "listing."),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        if not self.instance.photo_id:
            del self.fields["remove_photo"]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Enter your name."))
        return name

    def save(self, commit=True):
        """Save the person, their expertise (a parental many-to-many) and a new photo."""
        person = super().save(commit=False)
        upload = self.cleaned_data.get("new_photo")
        if upload:
            person.photo = get_image_model().objects.create(
                title=person.name, file=upload, uploaded_by_user=self.user)
        elif self.cleaned_data.get("remove_photo"):
            person.photo = None
        # The in-memory relation is written by the next save() (modelcluster).
        self._save_m2m()
        person.save()
        return person
