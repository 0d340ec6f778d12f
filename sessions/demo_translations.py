"""The sessions app's demo pages in Dutch and Danish: the programme page and the six sessions
the demo features, as PO files in ``demo_translations/<lang>/`` (see ``network.demo_i18n``),
loaded by ``load_demo_network`` after every page has been linked into every language's tree.

Which sessions: the demo's sessions sit on a fixed calendar (``sessions.demo``: the second
Thursday of each month of 2026 and 2027, and the working group's three meetings in 2027), so
the choice is a fixed list of slugs, not "the next six" computed on the day of loading, which
would need new translations every month. They are the first six sessions after the demo's
launch in December 2026: the ones the home page and the programme show first. Each file also
translates what a session gets once it has taken place (its summary, the questions to take
home and the notes' title), so these pages stay fully translated after their date.
"""
from pathlib import Path

from network.demo_i18n import load_app_translations

# The programme page (slug "sessions") and, in date order, the featured sessions.
INDEX_PAGE_SLUG = "sessions"
FEATURED_SESSIONS = [
    "2026-12-vacancy",                        # 10 Dec 2026, Living above the shop (Boxtel)
    "2027-01-branding",                       # 21 Jan 2027 (moved from 14 Jan), Horsens
    "working-group-organisation-structure",   # 9 Feb 2027, working group 1, Deventer
    "2027-02-vacancy",                        # 11 Feb 2027, Valby
    "2027-03-public-space",                   # 11 Mar 2027, Vlaardingen
    "working-group-financing",                # 16 Mar 2027, working group 2, online
]
TRANSLATED_PAGES = [INDEX_PAGE_SLUG, *FEATURED_SESSIONS]
DIRECTORY = Path(__file__).parent / "demo_translations"


def load(stdout):
    """Import this app's demo translations and publish the translated pages (idempotent)."""
    load_app_translations(__file__, stdout)
