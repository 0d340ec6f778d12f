"""Member accounts: login with email, password reset by email, editing one's own profile, and
confirming one's e-mail address (network/identity.py)."""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.urls import path, reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import identity
from .absolute_urls import site_url
from .forms import LoginForm, ProfileForm
from .http import private_link
from .throttling import ThrottledPasswordResetMixin


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request):
    """Edit the directory entry (Person) linked to the logged-in account, and only that one."""
    person = getattr(request.user, "person", None)
    if person is None:
        return render(request, "network/account/no_profile.html", status=200)
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES, instance=person, user=request.user)
        if form.is_valid():
            form.save()
            messages.success(request, _("Your profile has been saved."))
            return redirect("account_profile")
    else:
        form = ProfileForm(instance=person, user=request.user)
    return render(request, "network/account/profile.html", {"form": form, "person": person})


class PasswordResetView(ThrottledPasswordResetMixin, auth_views.PasswordResetView):
    """Django's view, with the e-mail's name and link from settings rather than the request,
    and a limit on requests per address and per client (network/throttling.py).

    Like every e-mail, the link is on SITE_URL: it never depends on the Host header, and the
    network's name (not the host, which is what Django would use without contrib.sites) signs it.
    """

    @property
    def extra_email_context(self):
        """Read when the e-mail is sent, so that settings changed in tests apply."""
        return {"network_name": settings.WAGTAIL_SITE_NAME, "site_url": site_url()}


class ResetProvesAddressMixin:
    """For a password-reset confirmation view: a new password set through the e-mailed link
    also proves the address.

    The link went to the account's address, and Django's token is bound to that address, so
    the account's ``email`` is verified once the new password is saved (network/identity.py).
    """

    def form_valid(self, form):
        response = super().form_valid(form)
        if self.user.email:
            identity.mark_verified(self.user, self.user.email)
        return response


class PasswordResetConfirmView(ResetProvesAddressMixin, auth_views.PasswordResetConfirmView):
    """Django's view; the new password also proves the address."""


# --- confirming an e-mail address (network/identity.py) -------------------------------------

# How the reasons a confirmation link fails are answered: expired or spent links are gone
# (410), anything else is a bad request (400).
_INVALID_STATUS = {"expired": 410, "used": 410, "changed": 410, "invalid": 400}


@require_http_methods(["GET", "HEAD", "POST"])
def confirm_email(request, token):
    """GET shows a button (mail scanners open links; they must not confirm); POST confirms.

    Works logged in or not, and logs nobody in: the link proves the address, not a password.
    """
    try:
        user, email = identity.check_token(token)
    except identity.InvalidConfirmation as invalid:
        return private_link(render(request, "network/account/email_confirm_invalid.html",
                                   {"reason": invalid.reason},
                                   status=_INVALID_STATUS[invalid.reason]))
    if request.method == "POST":
        identity.mark_verified(user, email)
        return private_link(render(request, "network/account/email_confirmed.html",
                                   {"email": email}))
    return private_link(render(request, "network/account/email_confirm.html", {
        "email": email, "account": user.get_full_name() or user.get_username()}))


# One confirmation e-mail per account and minute, against a member (or a script) filling
# someone's inbox by pressing the button.
SEND_INTERVAL = 60


def _back(request):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return reverse("account_profile")


@login_required
@require_POST
def send_confirmation(request):
    """The "Send me a confirmation e-mail" button: a link to the account's current address."""
    user = request.user
    if identity.verified_email(user):
        messages.info(request, _("Your e-mail address is already confirmed."))
    elif not identity.can_send_confirmation(user):
        messages.error(request, _("We cannot confirm this address by e-mail: another account "
                                  "uses it too, or there is none. Reset your password through "
                                  "the e-mail, or ask the network coordinator."))
    elif not cache.add(f"identity:confirmation-sent:{user.pk}", True, SEND_INTERVAL):
        messages.info(request, _("We sent you a confirmation e-mail a moment ago. Please check "
                                 "your inbox and spam folder."))
    else:
        identity.send_email_confirmation(request, user, user.email)
    return redirect(_back(request))


_T = "network/account/"

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name=_T + "login.html",
                                                authentication_form=LoginForm),
         name="account_login"),
    path("logout/", auth_views.LogoutView.as_view(), name="account_logout"),
    path("profile/", profile, name="account_profile"),
    path("password-reset/", PasswordResetView.as_view(
        template_name=_T + "password_reset_form.html",
        email_template_name=_T + "password_reset_email.txt",
        subject_template_name=_T + "password_reset_subject.txt",
        success_url=reverse_lazy("password_reset_done")), name="password_reset"),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(
        template_name=_T + "password_reset_done.html"), name="password_reset_done"),
    path("password-reset/<uidb64>/<token>/", PasswordResetConfirmView.as_view(
        template_name=_T + "password_reset_confirm.html",
        success_url=reverse_lazy("password_reset_complete")), name="password_reset_confirm"),
    path("password-reset/complete/", auth_views.PasswordResetCompleteView.as_view(
        template_name=_T + "password_reset_complete.html"), name="password_reset_complete"),
    path("email/confirm/<str:token>/", confirm_email, name="account_email_confirm"),
    path("email/send-confirmation/", send_confirmation, name="account_email_send"),
]
