"""The admin form of a case study: drafts may be incomplete; contributors keep to their own areas.

Completeness is checked with Wagtail's deferred validation: on "Save draft" the page views
call ``defer_required_fields()``, which relaxes the required fields (and, through the
StreamField, the body's required sections) and sets ``is_deferred_validation``. Submitting for
review and publishing validate everything, and the error summary then names each missing piece.
"""
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from . import roles

#: What each required field says when it is left empty on submit or publish.
MISSING_MESSAGES = {
    "summary": _("Write a summary: two or three plain sentences."),
    "areas": _("Choose the member area(s) the case comes from."),
    "themes": _("Choose at least one theme."),
    "period_start": _("Give the date the case started."),
}


class CaseStudyPageForm(WagtailAdminPageForm):
    """Limits the areas a contributor can pick to their own (plus those already on the case).

    Areas an editor already put on a joint case stay selectable, so a contributor can save
    the case without silently dropping them; but at least one chosen area must be theirs.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, message in MISSING_MESSAGES.items():
            if name in self.fields:
                self.fields[name].error_messages["required"] = message
        self.area_scoped = roles.is_area_scoped(self.for_user)
        if self.area_scoped and "areas" in self.fields:
            own = roles.own_area_ids(self.for_user)
            current = {area.pk for area in self.instance.areas.all()} if self.instance.pk else set()
            field = self.fields["areas"]
            field.queryset = field.queryset.filter(pk__in=own | current)
            field.help_text = _("You can write about the member area(s) you belong to.")
            # "Write a case study about <area>" on the dashboard links here with ?area=<pk>
            # (see wagtail_hooks.remember_chosen_area).
            chosen = getattr(self.for_user, "_casestudy_new_case_area", None)
            if chosen in own and not self.is_bound and not self.instance.pk:
                self.initial["areas"] = [chosen]

    def clean_areas(self):
        areas = self.cleaned_data.get("areas")
        # A draft may have no area yet; any area it does name must include one of the user's.
        if self.area_scoped and areas is not None and (areas or not self.is_deferred_validation):
            own = roles.own_area_ids(self.for_user)
            if not own:
                raise ValidationError(_("Your account is not linked to a member area in the "
                                        "directory; ask a network editor to link it."))
            if not {area.pk for area in areas} & own:
                raise ValidationError(_("Choose at least one member area you belong to."))
        return areas

    def _post_clean(self):
        # Wagtail defers the form's required fields for a draft but still runs the model's
        # full_clean(): tell the page, so that its own completeness rules wait too.
        self.instance.is_deferred_validation = self.is_deferred_validation
        try:
            super()._post_clean()
        finally:
            self.instance.is_deferred_validation = False

    def is_valid(self):
        # Checked after the formsets are cleaned (ClusterForm validates them in is_valid).
        valid = super().is_valid()
        # Every case names at least one person members can call. A draft of a page that is not
        # live yet may still lack one.
        contacts = self.formsets.get("contacts")
        if contacts is not None and (not self.is_deferred_validation or self._is_live()):
            if not any(self._keeps(form) for form in contacts.forms):
                message = _("Add at least one contact person from the directory.")
                self.add_error(None, message)  # in the error summary at the top
                contacts.non_form_errors().append(message)  # and on the Contact people panel
                valid = False
        if not valid and not self.is_deferred_validation and self.errors:
            # Given a non-field error, Wagtail's error message lists every field's error by
            # label, so the contributor reads all that is missing at once, not one by one.
            self.add_error(None, _("A case study needs all of the above before it can be "
                                   "submitted for review or published."))
        return valid

    @staticmethod
    def _keeps(form):
        """Whether a contact row will be saved: an existing or filled-in row, not deleted."""
        cleaned = getattr(form, "cleaned_data", None) or {}
        if cleaned.get("DELETE"):
            return False
        return bool(form.instance.pk or cleaned.get("person") or form.has_changed())

    def _is_live(self):
        # A page being added has live=True by default until the create view decides.
        return bool(self.instance.pk and self.instance.live)
