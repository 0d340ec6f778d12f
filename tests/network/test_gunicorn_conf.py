"""gunicorn.conf.py: every way the site is served reads it, and it keeps workers small (#17).

The malloc and garbage-collector settings are process-wide, so the checks of what they do run
in a fresh Python process rather than in the test runner's.
"""
import os
import re
import runpy
import subprocess
import sys
import types
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONF = ROOT / "gunicorn.conf.py"
GLIBC = sys.platform == "linux" and os.confstr("CS_GNU_LIBC_VERSION") is not None


def _python(code, **env):
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          env=dict(os.environ, **env), timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def _gunicorn_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    serve = re.findall(r"```sh\n(.+?)\n```", readme, flags=re.S)[0]
    procfile = (ROOT / "Procfile").read_text(encoding="utf-8")
    web = next(line for line in procfile.splitlines() if line.startswith("web:"))
    return [serve, web]


@pytest.mark.parametrize("command", _gunicorn_commands(), ids=["readme", "procfile"])
def test_the_serve_commands_leave_gunicorn_reading_the_project_config(command):
    # gunicorn reads ./gunicorn.conf.py unless told another file; both run from the project.
    assert not re.search(r"gunicorn\b.*\s(-c|--config)[\s=]", command)
    assert "network.wsgi:application" in command


def test_gunicorn_takes_the_worker_hook_from_the_config():
    from gunicorn.app.base import Application
    from gunicorn.config import Config

    class Probe(Application):
        def __init__(self):
            self.cfg = Config()

    probe = Probe()
    probe.load_config_from_file(str(CONF))
    assert probe.cfg.post_worker_init.__name__ == "post_worker_init"
    assert probe.cfg.post_worker_init.__module__ != "gunicorn.config"  # ours, not the default


@pytest.mark.skipif(not GLIBC, reason="the mmap threshold is glibc's")
def test_large_blocks_are_given_back_after_a_larger_one_was_freed():
    # Without a fixed threshold, freeing 30 MB raises glibc's to 30 MB, and the next 20 MB
    # block comes from the heap, where it stays after it is freed.
    code = f"""
import ctypes, runpy
class Info(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks",
                 "uordblks", "fordblks", "keepcost")]
libc = ctypes.CDLL(None)
libc.mallinfo2.restype = Info
if {{conf}}:
    runpy.run_path({str(CONF)!r})
freed = bytearray(30 << 20)
del freed
block = bytearray(20 << 20)
print(libc.mallinfo2().hblkhd >= 20 << 20)
"""
    assert _python(code.replace("{conf}", "True")).strip() == "True"
    assert _python(code.replace("{conf}", "False")).strip() == "False"  # the check can fail


def test_a_worker_freezes_the_application_with_its_views_loaded():
    code = f"""
import gc, runpy, sys
import django
django.setup()
conf = runpy.run_path({str(CONF)!r})
before = gc.get_freeze_count()
loaded = "intervisions.views" in sys.modules
conf["post_worker_init"](None)
print(before, gc.get_freeze_count(), loaded, "intervisions.views" in sys.modules)
"""
    before, after, loaded_before, loaded_after = _python(
        code, DJANGO_SETTINGS_MODULE="network.settings.test").split()
    assert before == "0" and int(after) > 100_000
    # The views are imported by the URLconf, before the freeze rather than by the first request.
    assert (loaded_before, loaded_after) == ("False", "True")


def test_a_worker_hands_free_heap_pages_back_every_few_requests():
    post_request = runpy.run_path(str(CONF))["post_request"]
    trims = []
    post_request.__globals__["_malloc_trim"] = trims.append
    worker = types.SimpleNamespace()
    every = post_request.__globals__["TRIM_EVERY"]
    for _ in range(every * 3 - 1):
        post_request(worker, None, {}, None)
    assert trims == [0, 0]
