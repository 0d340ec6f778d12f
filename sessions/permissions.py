"""What the Organisers may do with sessions: keep the series and schedule the programme.

Collected by ``network.permissions.apply_grants`` (see ``SessionsConfig.permissions_module``).
"""
from network.permissions import ORGANISERS, Grant, crud

GRANTS = [
    # Series are snippets; the sessions themselves are pages under the programme page.
    Grant(ORGANISERS, permissions=crud("network_sessions", "sessionseries")),
    Grant(ORGANISERS, page_type="network_sessions.SessionIndexPage",
          page_permissions=("add_page", "change_page", "publish_page")),
]
