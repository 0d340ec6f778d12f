"""Demo intervision records."""


def load_intervisions(stdout):
    """Create or update the demo intervision records (idempotent)."""
