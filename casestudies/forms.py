"""The admin form of a case study: contributors may only choose their own member areas."""
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from . import roles


class CaseStudyPageForm(WagtailAdminPageForm):
    """Limits the areas a contributor can pick to their own (plus those already on the case).

    Areas an editor already put on a joint case stay selectable, so a contributor can save
    the case without silently dropping them; but at least one chosen area must be theirs.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.area_scoped = roles.is_area_scoped(self.for_user)
        if self.area_scoped and "areas" in self.fields:
            own = roles.own_area_ids(self.for_user)
            current = {area.pk for area in self.instance.areas.all()} if self.instance.pk else set()
            field = self.fields["areas"]
            field.queryset = field.queryset.filter(pk__in=own | current)
            field.help_text = _("You can write about the member area(s) you belong to.")

    def clean_areas(self):
        areas = self.cleaned_data.get("areas")
        if self.area_scoped and areas is not None:
            own = roles.own_area_ids(self.for_user)
            if not own:
                raise ValidationError(_("Your account is not linked to a member area in the "
                                        "directory; ask a network editor to link it."))
            if not {area.pk for area in areas} & own:
                raise ValidationError(_("Choose at least one member area you belong to."))
        return areas

    def is_valid(self):
        # Checked after the formsets are cleaned (ClusterForm validates them in is_valid).
        valid = super().is_valid()
        contacts = self.formsets.get("contacts")
        # Every case names at least one person members can call. A draft of a page that is not
        # live yet may still lack one (Wagtail defers required fields when saving drafts).
        if valid and contacts is not None and (not self.is_deferred_validation or self._is_live()):
            kept = [form for form in contacts.forms
                    if form.cleaned_data and not form.cleaned_data.get("DELETE")]
            if not kept:
                self.add_error(None, _("Add at least one contact person from the directory."))
                return False
        return valid

    def _is_live(self):
        # A page being added has live=True by default until the create view decides.
        return bool(self.instance.pk and self.instance.live)
