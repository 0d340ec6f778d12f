"""Member accounts: login with email, password reset by email, and editing one's own profile."""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

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


_T = "network/account/"

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name=_T + "login.html",
                                                authentication_form=LoginForm),
         name="account_login"),
    path("logout/", auth_views.LogoutView.as_view(), name="account_logout"),
    path("profile/", profile, name="account_profile"),
    path("password-reset/", auth_views.PasswordResetView.as_view(
        template_name=_T + "password_reset_form.html",
        email_template_name=_T + "password_reset_email.txt",
        subject_template_name=_T + "password_reset_subject.txt",
        # Without django.contrib.sites the site name would be the host name.
        extra_email_context={"site_name": settings.WAGTAIL_SITE_NAME},
        success_url=reverse_lazy("password_reset_done")), name="password_reset"),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(
        template_name=_T + "password_reset_done.html"), name="password_reset_done"),
    path("password-reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(
        template_name=_T + "password_reset_confirm.html",
        success_url=reverse_lazy("password_reset_complete")), name="password_reset_confirm"),
    path("password-reset/complete/", auth_views.PasswordResetCompleteView.as_view(
        template_name=_T + "password_reset_complete.html"), name="password_reset_complete"),
]
