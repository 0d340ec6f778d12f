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
    assert "\n" not in serve_command.strip(), "one copy-pasteable line"
    assert "manage.py migrate" in serve_command
    assert "manage.py load_demo_network" in serve_command
    assert "gunicorn network.wsgi:application" in serve_command
    assert "127.0.0.1:8000" in serve_command
    assert (ROOT / "network" / "management" / "commands" / "load_demo_network.py").exists()
    assert (ROOT / "constraints.txt").exists()


def _gunicorn_environment(command):
    """The VAR=value assignments before gunicorn, and its --env settings module."""
    command = re.sub(r"\\\n\s*", " ", command)  # join shell continuation lines
    match = re.search(r"((?:[A-Z_]+=\S+ +)+)\S*gunicorn network\.wsgi:application\b(.*)", command)
    assert match, "no VAR=value assignments before gunicorn"
    env = dict(pair.split("=", 1) for pair in match.group(1).split())
    module = re.search(r"--env DJANGO_SETTINGS_MODULE=(\S+)", match.group(2)).group(1)
    return env, module


def test_serve_command_runs_the_production_settings_over_local_http():
    env, module = _gunicorn_environment(_readme_commands()[0])
    assert module == "network.settings.production"
    assert env["LOCAL_HTTP"] == "1"
    assert env["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert env["SERVE_MEDIA"] == "1" and env["SECRET_KEY"]
    assert "DEBUG" not in env
    # Every variable it sets is explained in the configuration table.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    for name in env:
        assert f"`{name}`" in table, name


def test_smoke_serves_as_the_readme_does():
    readme_env, readme_module = _gunicorn_environment(_readme_commands()[0])
    smoke_env, smoke_module = _gunicorn_environment(
        (ROOT / ".ci" / "smoke").read_text(encoding="utf-8"))
    assert smoke_module == readme_module
    assert smoke_env.keys() == readme_env.keys()
    assert {k: v for k, v in smoke_env.items() if k != "SECRET_KEY"} == {
        k: v for k, v in readme_env.items() if k != "SECRET_KEY"}
