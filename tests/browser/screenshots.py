"""Regenerate the screenshots in docs/screenshots/ (#16):

    .venv/bin/python -m tests.browser.screenshots

Runs the screenshot journey (tests/browser/test_screenshots.py) against the demo network served
as the README serves it, with ``SCREENSHOTS=1``, which makes it write the pictures. Needs
Chromium and axe-core like every browser journey; extra arguments go to pytest.
"""
import os
import sys
from pathlib import Path

import pytest


def main(argv=()):
    os.environ["SCREENSHOTS"] = "1"
    os.environ.setdefault("BROWSER_TESTS", "required")  # never a silent skip
    here = Path(__file__).resolve().parent
    return pytest.main(["-m", "browser", "-n0", "-q", "-p", "no:cacheprovider",
                        str(here / "test_screenshots.py"), *argv])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
