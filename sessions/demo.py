"""Demo content of the sessions app: a year of thematic sessions, a working group, intervisions."""


def load(stdout):
    """Create or update the demo sessions and intervision records (idempotent)."""
    from .demo_intervision import load_intervisions

    load_intervisions(stdout)
