"""The README's two commands stay true: CI runs the test command, and it names real things."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _readme_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text, flags=re.S)[:2]


def test_ci_runs_the_readme_test_command():
    _, test_command = _readme_commands()
    assert test_command.strip() in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_serve_command_uses_what_the_project_ships():
    serve_command, _ = _readme_commands()
    assert "manage.py migrate" in serve_command
    assert "manage.py load_demo_network" in serve_command
    assert "gunicorn network.wsgi:application" in serve_command
    assert "127.0.0.1:8000" in serve_command
    assert (ROOT / "network" / "management" / "commands" / "load_demo_network.py").exists()
    assert (ROOT / "constraints.txt").exists()
