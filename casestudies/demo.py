"""Demo case studies."""


def load(stdout):
    """Create or update the demo case studies (idempotent)."""
