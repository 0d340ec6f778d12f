"""Member accounts: login with email, password reset by email, and editing one's own profile."""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .absolute_urls import site_url
from .forms import LoginForm, ProfileForm


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


class PasswordResetView(auth_views.PasswordResetView):
    """Django's view, with the e-mail's name and link from settings rather than the request.

    Like every e-mail, the link is on SITE_URL: it never depends on the Host header, and the
    network's name (not the host, which is what Django would use without contrib.sites) signs it.
    """

    @property
    def extra_email_context(self):
        """Read when the e-mail is sent, so that settings changed in tests apply."""
        return {"network_name": settings.WAGTAIL_SITE_NAME, "site_url": site_url()}


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
    path("password-reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(
        template_name=_T + "password_reset_confirm.html",
        success_url=reverse_lazy("password_reset_complete")), name="password_reset_confirm"),
    path("password-reset/complete/", auth_views.PasswordResetCompleteView.as_view(
        template_name=_T + "password_reset_complete.html"), name="password_reset_complete"),
]
