"""The intervisions app's demo page ("How intervision works") in Dutch and Danish, as PO files
in ``demo_translations/<lang>/`` (see ``network.demo_i18n``), loaded by ``load_demo_network``
after every page has been linked into every language's tree."""
from network.demo_i18n import load_app_translations

TRANSLATED_PAGES = ["intervision"]


def load(stdout):
    """Import this app's demo translations and publish the translated pages (idempotent)."""
    load_app_translations(__file__, stdout)
