"""The network core's demo pages (the home page and About) in Dutch and Danish, as PO files in
``demo_translations/<lang>/`` (see ``network.demo_i18n``), loaded by ``load_demo_network``
after every page has been linked into every language's tree.

The home page's slug is the one exception to "slugs stay as in the source": the three home
pages sit side by side under Wagtail's root, so the Dutch and Danish ones keep the slugs
Wagtail gave them ("home-nl", "home-da"); nobody sees them, the language prefix addresses them.
"""
from network.demo_i18n import load_app_translations

TRANSLATED_PAGES = ["home", "about"]


def load(stdout):
    """Import this app's demo translations and publish the translated pages (idempotent)."""
    load_app_translations(__file__, stdout)
