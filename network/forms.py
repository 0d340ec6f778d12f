"""Forms of the network core: directory filters, site search, login, the member profile, and
the forms that set an account's e-mail address (the admin's account page and user forms)."""
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField
from wagtail.users import forms as wagtail_user_forms

from . import identity
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

    def clean_email(self):
        """A new directory address is one's own: not another account's, nor another person's.

        An address kept as it was is not checked again, so that a shared address from before
        (an office's) does not block saving the rest of the profile.
        """
        email = self.cleaned_data["email"].strip()
        unchanged = identity.normalise(email) == identity.normalise(self.initial.get("email"))
        if not unchanged and identity.directory_email_in_use(email, person=self.instance,
                                                             user=self.user):
            raise forms.ValidationError(DIRECTORY_EMAIL_TAKEN, code="email_taken")
        return email

    @transaction.atomic  # all or nothing: no orphaned photo if the person cannot be saved (#14)
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


# --- forms that set an account's e-mail address --------------------------------------------

ACCOUNT_EMAIL_TAKEN = _("Another account already uses this e-mail address. Each account needs "
                        "an address of its own.")
DIRECTORY_EMAIL_TAKEN = _("This e-mail address belongs to someone else in the network. Enter "
                          "an address of your own.")


class AccountEmailMixin:
    """For every form that sets ``User.email``: one account per address, and a new address
    is confirmed from its mailbox before anything is matched on it (network/identity.py).

    Pass ``request`` to tell the person on the next page that a confirmation was sent.
    """

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.email_before = self.instance.email if self.instance.pk else ""

    def clean_email(self):
        """Refuse an address another account uses or has verified (any capitalisation). One
        kept as it was is not checked again: an old duplicate must not block other changes."""
        email = (self.cleaned_data.get("email") or "").strip()
        unchanged = identity.normalise(email) == identity.normalise(self.email_before)
        if not unchanged and identity.email_in_use(email, exclude_user=self.instance):
            raise forms.ValidationError(ACCOUNT_EMAIL_TAKEN, code="email_taken")
        return email

    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            self.confirm_new_email(user)
        return user

    def confirm_new_email(self, user):
        """Send a confirmation to a new (or changed) address that is not verified yet."""
        changed = identity.normalise(user.email) != identity.normalise(self.email_before)
        if user.email and changed and not identity.verified_email(user):
            identity.send_email_confirmation(self.request, user, user.email)


class AccountEmailForm(AccountEmailMixin, forms.ModelForm):
    """The e-mail address on the admin's account page (its own panel: Wagtail's name-and-email
    panel shows the name only, ``WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False``)."""

    email = forms.EmailField(required=True, label=_("Email"))

    class Meta:
        model = get_user_model()
        fields = ["email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if identity.verified_email(self.instance):
            help_text = _("Confirmed. If you change it, we send a confirmation link to the new "
                          "address.")
        else:
            help_text = _("Not confirmed yet. We send a confirmation link to a new address; until "
                          "you follow it, session registrations are not matched to it.")
        self.fields["email"].help_text = help_text


class UserCreationForm(AccountEmailMixin, wagtail_user_forms.UserCreationForm):
    """Wagtail's "Add user" form, with unique addresses and a confirmation to the new one."""


class UserEditForm(AccountEmailMixin, wagtail_user_forms.UserEditForm):
    """Wagtail's user edit form, with unique addresses and a confirmation to a new one."""
