"""Front-end forms for intervision records: the members' filter and the case owner's follow-up."""
import django_filters
from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from network.filters import LenientFilterSet
from network.models import MemberArea, Theme

from .models import FollowUpAction


class RecordFilter(LenientFilterSet):
    """Filter the members' list by theme and by area (by slug; unknown values are ignored and
    reported, see network.filters)."""

    theme = django_filters.ModelChoiceFilter(
        queryset=Theme.objects.all(), to_field_name="slug", field_name="themes",
        label=_("Theme"), empty_label=_("All themes"))
    area = django_filters.ModelChoiceFilter(
        queryset=MemberArea.objects.all(), to_field_name="slug", label=_("Area"),
        empty_label=_("All areas"))


class FollowUpForm(forms.Form):
    """The case owner's follow-up: the report, the status of each action, approving the summary.

    The confidentiality level is deliberately not here: organisers set it in the admin, where
    widening needs the case owner's recorded consent.
    """

    follow_up_report = forms.CharField(
        label=_("Follow-up report"), required=False, max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What did you do with the advice, and what came of it?"))

    def __init__(self, *args, record, **kwargs):
        super().__init__(*args, **kwargs)
        self.record = record
        self.actions = list(record.actions.all())
        self.fields["follow_up_report"].initial = record.follow_up_report
        for action in self.actions:
            self.fields[f"action_{action.pk}"] = forms.ChoiceField(
                label=action.description, choices=FollowUpAction.Status.choices, initial=action.status)
        if record.public_summary:
            self.fields["public_summary_approved"] = forms.BooleanField(
                label=_("I approve the anonymised summary shown above for publication"),
                required=False, initial=record.public_summary_approved)

    def action_fields(self):
        """Bound fields of the actions' statuses, for the template."""
        return [self[f"action_{action.pk}"] for action in self.actions]

    @transaction.atomic  # the report and the statuses together or not at all (#14)
    def save(self):
        """Write the report, the statuses and the approval (only what changed)."""
        data = self.cleaned_data
        record = self.record
        record.follow_up_report = data["follow_up_report"]
        fields = ["follow_up_report"]
        if "public_summary_approved" in data:
            record.public_summary_approved = data["public_summary_approved"]
            fields.append("public_summary_approved")
        # update_fields: the level is untouched, so no consent question arises here.
        record.save(update_fields=fields)
        for action in self.actions:
            status = data[f"action_{action.pk}"]
            if action.status != status:
                action.status = status
                action.save(update_fields=["status"])
        return record
