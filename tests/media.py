"""The media route as the README's serve command has it (``SERVE_MEDIA=1``), for tests."""
import importlib
from contextlib import contextmanager


@contextmanager
def media_served_from(settings, root):
    """Serve ``root`` at MEDIA_URL for the duration, as ``SERVE_MEDIA=1`` does (the project's
    URLconf adds the route at import time, so it is reloaded both ways)."""
    import network.urls

    settings.MEDIA_ROOT = str(root)
    settings.SERVE_MEDIA = True
    importlib.reload(network.urls)
    settings.ROOT_URLCONF = "network.urls"
    try:
        yield root
    finally:
        settings.SERVE_MEDIA = False
        importlib.reload(network.urls)
