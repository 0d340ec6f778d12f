"""Admin views of the directory: CSV import and export, personal-data export and erasure;
the list of locked logins, and the admin's throttled password reset.

Registered in wagtail_hooks.py; the work itself is done in csv_io.py and personal_data.py.
"""
import ipaddress
import json
import logging

from axes.utils import reset as axes_reset
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.account import PasswordResetConfirmView as WagtailPasswordResetConfirmView
from wagtail.admin.views.account import PasswordResetView as WagtailPasswordResetView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import csv_io, personal_data, throttling
from .accounts import ResetProvesAddressMixin
from .http import no_store
from .models import Person
from .permissions import ORGANISERS

logger = logging.getLogger(__name__)

IMPORT_KINDS = {"areas": "memberarea", "people": "person"}


def can_import(user, kind):
    """Importing creates and changes rows: both permissions on that model are needed."""
    model = IMPORT_KINDS[kind]
    return user.has_perms([f"network.add_{model}", f"network.change_{model}"])


def can_export(user, kind):
    """Areas are public facts; the people export carries contact details (change permission)."""
    if kind == "areas":
        return user.has_perm("network.view_memberarea") or user.has_perm("network.change_memberarea")
    return user.has_perm("network.change_person")


def can_export_personal_data(user):
    return user.has_perm("network.change_person")


def can_erase(user):
    return user.has_perm("network.delete_person")


def can_use_tools(user):
    return any(can_import(user, kind) or can_export(user, kind) for kind in IMPORT_KINDS)


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("CSV file"),
                           help_text=gettext_lazy("UTF-8 text, comma or semicolon separated, with a "
                                                  "header row. See the organiser guide for the columns."))


class DirectoryToolsView(WagtailAdminTemplateMixin, TemplateView):
    """The start page of import and export, with the column lists."""

    template_name = "network/admin/directory_tools.html"
    page_title = gettext_lazy("Directory import and export")
    header_icon = "download"

    def dispatch(self, request, *args, **kwargs):
        if not can_use_tools(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["kinds"] = [
            {"kind": kind, "label": _("Member areas") if kind == "areas" else _("People"),
             "columns": csv_io.AREA_COLUMNS if kind == "areas" else csv_io.PEOPLE_COLUMNS,
             "required": csv_io.AREA_REQUIRED if kind == "areas" else csv_io.PEOPLE_REQUIRED,
             "can_import": can_import(user, kind), "can_export": can_export(user, kind)}
            for kind in IMPORT_KINDS
        ]
        return context


class ImportView(WagtailAdminTemplateMixin, FormView):
    """Upload a CSV; "Check" only reports, "Import" writes when (and only when) all is well."""

    form_class = ImportForm
    template_name = "network/admin/import.html"
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        self.kind = kwargs["kind"]
        if self.kind not in IMPORT_KINDS or not can_import(request.user, self.kind):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Import member areas") if self.kind == "areas" else _("Import people")

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("network_directory_tools"), "label": _("Directory import and export")},
            {"url": "", "label": self.get_page_title()},
        ]

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        # Read at most one byte more than allowed: enough to tell that the file is too large.
        data = upload.read(csv_io.MAX_BYTES + 1)
        dry_run = self.request.POST.get("action") != "import"
        plan = csv_io.import_csv(self.kind, data, dry_run=dry_run)
        if plan.ok and not dry_run:
            messages.success(self.request, _("Import done: %(c)d created, %(u)d updated, "
                                             "%(n)d unchanged.") % {
                "c": len(plan.created), "u": len(plan.updated), "n": len(plan.unchanged)})
        return self.render_to_response(self.get_context_data(
            form=form, plan=plan, dry_run=dry_run, filename=upload.name))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kind"] = self.kind
        context["columns"] = csv_io.AREA_COLUMNS if self.kind == "areas" else csv_io.PEOPLE_COLUMNS
        return context


def export_csv(request, kind):
    """Download the areas or the people (with contact details) as CSV."""
    if kind not in IMPORT_KINDS or not can_export(request.user, kind):
        raise PermissionDenied
    text = csv_io.export_areas() if kind == "areas" else csv_io.export_people()
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="directory-{kind}-{stamp}.csv"'
    return no_store(response)


def personal_data_export(request, pk):
    """Download everything stored about one person as JSON (and log that it was done)."""
    if not can_export_personal_data(request.user):
        raise PermissionDenied
    person = get_object_or_404(Person, pk=pk)
    data = personal_data.export_person(person)
    personal_data.log_export(person, request.user)
    response = HttpResponse(json.dumps(data, indent=2, ensure_ascii=False),
                            content_type="application/json; charset=utf-8")
    name = slugify(person.name) or f"person-{person.pk}"
    response["Content-Disposition"] = f'attachment; filename="personal-data-{name}.json"'
    return no_store(response)


class EraseView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then erase one person's personal data (see personal_data.erase_person)."""

    template_name = "network/admin/erase_person.html"
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not can_erase(request.user):
            raise PermissionDenied
        self.person = get_object_or_404(Person, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Erase personal data")

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("wagtailsnippets_network_person:list"), "label": _("People")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["person"] = self.person
        context["new_name"] = personal_data.erased_name(self.person)
        context["related"] = personal_data.related_rows(self.person)
        return context

    def post(self, request, *args, **kwargs):
        if request.POST.get("confirm") != "erase":
            messages.error(request, _("Tick the box to confirm the erasure."))
            return self.get(request, *args, **kwargs)
        old_name = self.person.name
        new_name = personal_data.erase_person(self.person, request.user)
        messages.success(request, _("The personal data of %(old)s has been erased; the entry is now "
                                    "“%(new)s”.") % {"old": old_name, "new": new_name})
        return redirect("wagtailsnippets_network_person:list")


def can_unlock(user):
    """Organisers and superusers see locked logins and lift the locks."""
    return user.is_active and (user.is_superuser or user.groups.filter(name=ORGANISERS).exists())


class LockedAccountsView(WagtailAdminTemplateMixin, TemplateView):
    """The accounts and client addresses locked after failed logins, each with "Unlock"."""

    template_name = "network/admin/locked_accounts.html"
    page_title = gettext_lazy("Locked accounts")
    header_icon = "lock"

    def dispatch(self, request, *args, **kwargs):
        if not can_unlock(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["accounts"], context["addresses"] = throttling.current_lockouts()
        context["account_limit"] = settings.AXES_FAILURE_LIMIT
        context["address_limit"] = settings.LOGIN_ADDRESS_FAILURE_LIMIT
        context["minutes"] = throttling.cool_off_minutes()
        return context

    def get(self, request, *args, **kwargs):
        return no_store(super().get(request, *args, **kwargs))

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "").strip()
        address = request.POST.get("ip_address", "").strip()
        if username:
            axes_reset(username=username)
            logger.warning("Login lock lifted for account %r by %s", username, request.user.get_username())
            messages.success(request, _("%(username)s can log in again.") % {"username": username})
        elif address and _is_ip_address(address):
            axes_reset(ip=address)
            logger.warning("Login lock lifted for address %s by %s", address, request.user.get_username())
            messages.success(request, _("Logins from %(address)s are allowed again.") % {"address": address})
        else:
            messages.error(request, _("Choose an account or an address to unlock."))
        return redirect("network_locked_accounts")


def _is_ip_address(value):
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


class AdminPasswordResetView(throttling.ThrottledPasswordResetMixin, WagtailPasswordResetView):
    """Wagtail's "forgotten password" page, with the same limits as the site's."""


class AdminPasswordResetConfirmView(ResetProvesAddressMixin, WagtailPasswordResetConfirmView):
    """Wagtail's "set a new password" page; the new password also proves the address."""
