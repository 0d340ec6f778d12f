"""``{% email_confirmation_note %}``: for a logged-in member whose e-mail address is not
confirmed (network/identity.py), why it matters and a button that sends the link. Renders
nothing for visitors and for members with a confirmed address.

Other apps' templates use it where an address would be matched (sign-up form, "My sessions").
"""
from django import template

from .. import identity

register = template.Library()


@register.inclusion_tag("network/account/confirm_email_note.html", takes_context=True)
def email_confirmation_note(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or identity.verified_email(user):
        return {"show": False}
    return {"show": True, "email": user.email, "next": request.get_full_path(),
            "address_of_others": bool(user.email) and not identity.can_send_confirmation(user),
            "csrf_token": context.get("csrf_token")}
