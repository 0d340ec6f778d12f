"""Sessions in three languages (#15, docs/languages.md, docs/sessions.md "Languages").

A session is *one event*, whatever language its page is read in. The page in the default
locale (English) is the **canonical** session: registrations, places, the waiting list,
feeds and intervision records belong to it. Its pages in the other locales are
translations (wagtail-localize) or aliases (made by ``network.translation``) that carry the
text in that language.

This module holds the mechanisms that keep it that way:

- ``default_language()`` and ``canonical_of(page)``: which row is the event of record;
- ``attach_texts(sessions)``: for a list of canonical sessions, each one's page in the active
  language (title, description, address) from one query, for listings and feeds;
- ``session_text(session, language)``: one session's page in a given language (e-mails);
- ``sync_translations(session)``: after the canonical session is published, copy its facts
  (time, status, place, capacity, series, themes, hosts…) onto its translations and publish
  them, so no language shows another time or status. Aliases follow by Wagtail itself.
"""
from __future__ import annotations

import copy
import logging

from django.conf import settings
from django.db import transaction
from django.utils.translation import get_supported_language_variant
from wagtail_localize.models import Translation, TranslationSource

from network.translation import active_language, localized_pages

logger = logging.getLogger(__name__)

# Facts of the event: the same in every language, copied from the canonical session onto its
# translations on publish and never translated (the picture too: every language shows the same
# one). Everything else a session page holds is text (title, description, agenda, summary,
# materials, cancellation reason, hosts' roles).
FACT_FIELDS = (
    "date", "start_time", "end_time", "time_zone", "format", "join_url", "venue", "address",
    "host_area", "organiser", "series", "themes", "capacity", "registration_opens",
    "registration_closes", "max_per_area", "status", "recording_url", "image",
)


def default_language() -> str:
    """The language code of the default locale, where canonical sessions live ("en")."""
    return get_supported_language_variant(settings.LANGUAGE_CODE)


def canonical_of(page):
    """The canonical session of ``page``: itself in the default locale; for an alias or a
    translation, the page with the same ``translation_key`` in the default locale (itself if
    there is none, e.g. a session that exists only in another locale by mistake)."""
    if page.pk is None:
        return page
    found = (type(page).objects.filter(translation_key=page.translation_key)
             .canonical().first())
    return found or page


def attach_texts(sessions, language=None):
    """Give each canonical session in ``sessions`` its text in ``language`` (default: the
    active one), from one query: ``session.text`` is its live page in that language (the
    translation, the alias, or the session itself when there is none) and
    ``session.text_lang`` the language code of that text when it is not ``language`` (for a
    ``lang`` attribute), else "". Returns the sessions as a list.

    Facts (time, status, places) are read from the session itself; only title, description,
    address and cancellation reason come from ``session.text``.
    """
    sessions = list(sessions)
    language = language or active_language()
    texts = {}
    if sessions and language != default_language():
        texts = localized_pages(sessions, language=language)
    for session in sessions:
        text = texts.get(session.translation_key, session)
        session.text = text
        # An alias shows the canonical (default-language) text; a translation its own.
        code = language if text is not session and not text.alias_of_id else default_language()
        session.text_lang = "" if code == language else code
    return sessions


def session_text(session, language):
    """``session``'s live page in ``language`` (its translation or alias), or ``session``."""
    if not language or language == default_language():
        return session
    found = (type(session).objects.live().filter(translation_key=session.translation_key,
                                               locale__language_code=language).first())
    return found or session


def localized_copy(session, text):
    """A copy of the canonical ``session`` showing the title, description, cancellation reason
    and address (``url_path``) of ``text`` (its page in another language), for calendars: the
    facts, UID and SEQUENCE stay the canonical session's."""
    if text is session:
        return session
    shown = copy.copy(session)
    for name in ("title", "description", "cancellation_reason", "url_path"):
        setattr(shown, name, getattr(text, name))
    # The page the event links to is the page in that language.
    shown.text = text
    # A new translation changes what the event says: its change time counts too.
    if text.changed_at and (session.changed_at is None or text.changed_at > session.changed_at):
        shown.changed_at = text.changed_at
    return shown


# --- keeping translations in step ---------------------------------------------------------


def translations_of(session):
    """The non-alias pages of ``session`` in other locales (its translations)."""
    return list(type(session).objects.filter(translation_key=session.translation_key,
                                           alias_of__isnull=True)
                .exclude(pk=session.pk).order_by("pk"))


def sync_translations(session, user=None):
    """Bring the translations of the canonical ``session`` up to date with its facts and
    publish them; their translated text stays. Returns the translations touched.

    Where wagtail-localize knows the translation (a ``TranslationSource`` for the session),
    its own mechanism does it: the source is refreshed from the database and each enabled
    translation saved and published (``Translation.save_target``), which copies the
    synchronised fields (``SessionPage.translatable_fields``: the facts) and keeps each
    segment's translation. A translation made another way gets the facts copied onto a new
    revision, which is published.
    """
    translations = translations_of(session)
    if not translations:
        return []
    done = _sync_with_wagtail_localize(session, translations, user)
    for page in translations:
        if page.locale_id not in done:
            copy_facts(session, page, user=user)
    return translations


def _sync_with_wagtail_localize(session, translations, user):
    source = TranslationSource.objects.filter(object_id=session.translation_key,
                                              locale_id=session.locale_id).first()
    if source is None:
        return set()
    source.update_from_db()
    done = set()
    targets = Translation.objects.filter(
        source=source, enabled=True,
        target_locale_id__in=[page.locale_id for page in translations])
    for target in targets.select_related("target_locale"):
        target.save_target(user=user, publish=True)
        done.add(target.target_locale_id)
    return done


def copy_facts(session, page, user=None):
    """Copy the facts of the canonical ``session`` onto its translation ``page`` and publish
    it as a new revision. A live translation starts from its live content, so an unfinished
    draft of its text is not published with the facts (it stays in the page's history)."""
    page = page.specific
    if not page.live and page.latest_revision_id:
        page = page.get_latest_revision_as_object()
    for name in FACT_FIELDS:
        if name == "themes":
            page.themes = list(session.themes.all())
        else:
            setattr(page, name, getattr(session, name))
    if not session.cancellation_reason:
        page.cancellation_reason = ""
    elif not page.cancellation_reason:
        # Until someone translates it, the reason is shown as written.
        page.cancellation_reason = session.cancellation_reason
    hosts = [(host.person_id, host.name) for host in session.hosts.all()]
    if [(host.person_id, host.name) for host in page.hosts.all()] != hosts:
        session.copy_child_relation("hosts", page)
    revision = page.save_revision(user=user, clean=False, log_action=True)
    revision.publish(user=user)
    return page


def sync_on_publish(session, user=None):
    """After the canonical ``session`` was published: sync its translations once the
    transaction commits (a failed publish changes nothing)."""
    session_id, model = session.pk, type(session)

    def sync():
        current = model.objects.filter(pk=session_id).first()
        if current is None:
            return
        try:
            with transaction.atomic():
                sync_translations(current, user=user)
        except Exception:
            # The event itself is published; a translation that cannot be saved (a validation
            # rule its text breaks) must not undo that. Editors see it in the translation.
            logger.exception("Could not bring the translations of session %s up to date",
                             session_id)

    transaction.on_commit(sync)
