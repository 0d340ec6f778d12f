"""Gunicorn settings that keep each worker's memory small (#17: ≤ 150 MB resident).

Gunicorn reads this file from the folder it is started in (``./gunicorn.conf.py``, its
default), so the README's serve command, the ``Procfile`` and ``bench/load.py`` all use it: start
gunicorn from the project folder. The command line still sets the workers and the address.
What each step saves, measured with the site served as ``bench/load.py`` serves it, is in
docs/performance.md ("Memory").
"""
import ctypes
import gc
import logging

logger = logging.getLogger("gunicorn.error")

# glibc raises its mmap threshold to the size of each large block freed, up to 32 MB: after
# Wagtail decodes an image for a rendition (tens of MB) or a large feed is built, later large
# blocks come from the heap, whose free space is never given back. A fixed threshold (which
# also stops the raising) keeps every block over 128 KiB in its own mapping, returned on free.
# Set here, in the master before it forks, so that every worker inherits it.
MMAP_THRESHOLD = 128 * 1024
_M_MMAP_THRESHOLD = -3  # <malloc.h>
# Smaller blocks freed in the middle of the heap stay with the process until malloc_trim()
# hands their pages back; every TRIM_EVERY requests a worker does so, after the answer is sent
# (a few hundredths of a millisecond as a rule, a few milliseconds at worst).
TRIM_EVERY = 16


def _libc(name):
    """A glibc function, or None on a C library without it (musl, macOS)."""
    try:
        return getattr(ctypes.CDLL(None), name)
    except (AttributeError, OSError):
        return None


def _fix_mmap_threshold():
    """Fix glibc's mmap threshold (see MMAP_THRESHOLD); False where there is no ``mallopt``."""
    mallopt = _libc("mallopt")
    return bool(mallopt and mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD))


_fix_mmap_threshold()
_malloc_trim = _libc("malloc_trim")


def post_worker_init(worker):
    """Load the URLconf (every view module) now, then freeze what the worker has imported.

    ``gc.freeze()`` moves the ~220,000 objects of the imported code out of the collector's
    reach: a full collection no longer walks them (340 ms each before, 11 ms after, measured at
    the large size). It is there for those pauses; the resident size did not change measurably.
    """
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 — imports the views, as the first request would
    gc.collect()
    gc.freeze()
    logger.debug("Froze %d objects after loading the application", gc.get_freeze_count())


def post_request(worker, req, environ, resp):
    """Every TRIM_EVERY requests, give the heap's free pages back to the system."""
    worker.requests_since_trim = getattr(worker, "requests_since_trim", 0) + 1
    if _malloc_trim and worker.requests_since_trim >= TRIM_EVERY:
        worker.requests_since_trim = 0
        _malloc_trim(0)
