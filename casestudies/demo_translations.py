"""The demo case studies in the other two languages: PO files in ``demo_translations/<lang>/``,
loaded by ``load_demo_network`` after every page has been linked into every language's tree
(see ``network.demo_i18n``).

Six cases are translated, as a translation agency would have done it: four written in English
(into Dutch and Danish), the Schiedam case written in Dutch (into English and Danish) and the
Køge case written in Danish (into English and Dutch). The other cases are left untranslated on
purpose: their pages show the original text, marked with its language, which is what members
see for any case nobody has translated yet.

After changing a translated case in ``demo_content``, refresh its files (translations of
unchanged texts are kept; changed texts come back empty, and the demo loader and
tests/casestudies/test_demo_languages.py name them until they are translated)::

    manage.py demo_translation_po casestudies <slug> --lang en --lang nl --lang da
"""
from network.demo_i18n import load_app_translations

#: The translated cases: slug -> the languages they are translated into.
TRANSLATED_CASES = {
    "vlaardingen-golden-triangle": ("nl", "da"),
    "leeuwarden-owners-pact": ("nl", "da"),
    "deventer-year-round-programme": ("nl", "da"),
    "svendborg-harbour-street-greening": ("nl", "da"),
    "schiedam-ondermijning-hoogstraat": ("en", "da"),
    "koge-dialogue-group": ("en", "nl"),
}


def load(stdout):
    """Import the case studies' demo translations and publish the translated pages
    (idempotent)."""
    load_app_translations(__file__, stdout)
