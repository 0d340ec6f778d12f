"""The admin form of an intervision record (named by ``IntervisionRecord.base_form_class``)."""
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm


class IntervisionRecordForm(WagtailAdminModelForm):
    """Admin form: widening the level needs the case owner's consent, which it records."""

    owner_consent = forms.BooleanField(
        label=_("The case owner consents to widening the confidentiality level"), required=False,
        help_text=_("Needed only when the level is widened (to all members or to a public "
                    "summary). The consent is recorded with your name and the time."))

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.for_user = for_user

    def clean(self):
        cleaned = super().clean()
        # Read by IntervisionRecord.clean() (run by the model form after this) and save().
        self.instance.widening_consent = bool(cleaned.get("owner_consent"))
        self.instance.consent_recorded_by = self.for_user
        return cleaned
