"""Log in with the email address (any capitalisation) or the username."""
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from . import identity


class EmailOrUsernameBackend(ModelBackend):
    """Django's model backend that also accepts the account's email address as login.

    The username is tried first, exactly as Django does (the admin and the demo accounts log
    in that way). Otherwise the value is matched against the email addresses, ignoring case:
    the account that verified the address first (network/identity.py); an unverified address
    only if exactly one account has it. If two accounts share an unverified address, neither
    can log in with it (the username still works), because guessing between them would log
    someone into the wrong account.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        user_model = get_user_model()
        if username is None:
            username = kwargs.get(user_model.USERNAME_FIELD)
        if username is None or password is None:
            return None
        user = user_model._default_manager.filter(**{user_model.USERNAME_FIELD: username}).first()
        if user is None and "@" in username:
            user = identity.user_for_login_email(username)
        if user is None:
            # Run the hasher anyway so that response time does not reveal whether an account
            # exists (as ModelBackend does).
            user_model().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
