"""The dependency rules of docs/architecture.md, checked on the source itself.

- The hub (``network``) knows none of the apps built on it: no module under ``network/``
  imports ``sessions``, ``casestudies`` or ``intervisions`` (at module level or inside a
  function), and the hub's templates neither load those apps' tag libraries nor use their URL
  namespaces or templates. They plug into the hub's extension points instead (network/hub.py).
  Two exceptions, because they are the *project* rather than the hub app: the project's
  URLconf (``network/urls.py``), which includes every app's URLs, and the settings package
  (``network/settings/``), which lists every installed app.
- Models never import views (``views`` modules, ``*_views`` modules), and never import
  anything inside a function (the usual way of hiding an import cycle).

Each rule is also run on a planted violation, so that a rule that silently checks nothing
fails too.
"""
import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HUB = "network"
TENANTS = ("sessions", "casestudies", "intervisions")
# The project's URLconf and settings name every app; they are the project, not the hub app.
HUB_EXEMPT = ("network/urls.py", "network/settings/")
HUB_TEMPLATES = ("templates/network", "templates/includes", "templates/base.html")


# ------------------------------------------------------------------------------------------
# Reading the code
# ------------------------------------------------------------------------------------------

def python_files(directory):
    return sorted(path for path in Path(directory).rglob("*.py") if "__pycache__" not in path.parts)


def imports(path):
    """Every import in the file as (line, module, imported names, inside a function).

    ``module`` is the dotted module path; a relative import keeps its leading dots.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                for alias in child.names:
                    found.append((child.lineno, alias.name, (), in_function))
            elif isinstance(child, ast.ImportFrom):
                module = "." * child.level + (child.module or "")
                found.append((child.lineno, module, tuple(a.name for a in child.names), in_function))
            visit(child, in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                           ast.Lambda)))

    visit(tree, False)
    return found


def hub_import_violations(root):
    """Imports of the other apps by modules of the hub app."""
    problems = []
    for path in python_files(root / HUB):
        relative = path.relative_to(root).as_posix()
        if relative.startswith(HUB_EXEMPT):
            continue
        for line, module, _names, _in_function in imports(path):
            top = module.split(".")[0]
            # "from . import x" and "from .x import y" stay inside the hub.
            if top in TENANTS:
                problems.append(f"{relative}:{line} imports {module}")
    return problems


def tenant_template_names(root):
    """The tag libraries, URL namespaces and template folders of the apps built on the hub."""
    libraries, namespaces = set(), set()
    for app in TENANTS:
        for path in python_files(root / app) if (root / app).is_dir() else []:
            if path.parent.name == "templatetags" and path.name != "__init__.py":
                libraries.add(path.stem)
            if path.name == "urls.py":
                match = re.search(r"""^app_name\s*=\s*["'](\w+)["']""", path.read_text(encoding="utf-8"),
                                  re.MULTILINE)
                if match:
                    namespaces.add(match.group(1))
    return libraries, namespaces | set(TENANTS)


TAG = re.compile(r"{%\s*(\w+)(.*?)%}", re.DOTALL)
QUOTED = re.compile(r"""["']([^"']*)["']""")
# Text shown to people may speak of sessions and intervision; only template code is checked.
PROSE_TAGS = {"translate", "trans", "blocktranslate", "blocktrans", "comment"}


def template_violations(root):
    """Hub templates that load, link to or include anything of the other apps."""
    libraries, namespaces = tenant_template_names(root)
    folders = set(TENANTS) | namespaces
    files = []
    for name in HUB_TEMPLATES:
        path = root / name
        files += sorted(path.rglob("*.html")) if path.is_dir() else [path] if path.exists() else []
    problems = []
    for path in files:
        relative = path.relative_to(root).as_posix()
        for match in TAG.finditer(path.read_text(encoding="utf-8")):
            tag, args = match.group(1), match.group(2)
            if tag in PROSE_TAGS:
                continue
            if tag == "load":
                loaded = set(args.split()) - {"from"}
                for library in sorted(loaded & libraries):
                    problems.append(f"{relative} loads {library}")
            for text in QUOTED.findall(args):
                if tag == "url" and text.split(":")[0] in namespaces and ":" in text:
                    problems.append(f"{relative} links to {text}")
                elif text.split("/")[0] in folders and "/" in text:
                    problems.append(f"{relative} uses the template {text}")
    return problems


def model_modules(root):
    """Every ``models.py`` and every module of a ``models/`` package of the project's apps."""
    found = []
    for app in sorted(p.parent for p in root.glob("*/apps.py")):
        for path in python_files(app):
            if "migrations" in path.parts:
                continue
            if path.name == "models.py" or "models" in path.relative_to(app).parts[:-1]:
                found.append(path)
    return found


def is_views_module(module, names):
    parts = [part for part in module.split(".") if part] + list(names)
    return any(part == "views" or part.endswith("_views") for part in parts)


def model_violations(root):
    """Models that import views, or import anything inside a function."""
    problems = []
    for path in model_modules(root):
        relative = path.relative_to(root).as_posix()
        for line, module, names, in_function in imports(path):
            if is_views_module(module, names):
                problems.append(f"{relative}:{line} imports views ({module})")
            if in_function:
                problems.append(f"{relative}:{line} imports {module or names} inside a function")
    return problems


# ------------------------------------------------------------------------------------------
# The rules, on the project
# ------------------------------------------------------------------------------------------

def test_the_hub_imports_none_of_the_apps_built_on_it():
    assert hub_import_violations(ROOT) == []


def test_the_hub_templates_load_nothing_of_the_apps_built_on_it():
    assert template_violations(ROOT) == []


def test_models_import_no_views_and_nothing_inside_functions():
    assert model_violations(ROOT) == []


def test_the_rules_look_at_real_files():
    # A moved folder must not turn a rule into one that checks nothing.
    assert len(python_files(ROOT / HUB)) > 10
    assert {"session_tags", "casestudy_tags"} <= tenant_template_names(ROOT)[0]
    assert any(p.name == "home_page.html" for p in (ROOT / "templates/network").rglob("*.html"))
    assert {p.relative_to(ROOT).parts[0] for p in model_modules(ROOT)} >= {"network", "sessions",
                                                                           "casestudies"}


# ------------------------------------------------------------------------------------------
# Each rule catches a planted violation
# ------------------------------------------------------------------------------------------

def write(root, name, text):
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def project(tmp_path):
    """A tiny project that keeps every rule."""
    write(tmp_path, "network/apps.py", "")
    write(tmp_path, "network/models.py", "from django.db import models\nfrom .blocks import X\n")
    write(tmp_path, "network/urls.py", "from sessions import urls\n")
    write(tmp_path, "network/settings/base.py", "import casestudies\n")
    write(tmp_path, "network/views.py", "from . import hub\n")
    write(tmp_path, "sessions/apps.py", "")
    write(tmp_path, "sessions/models/__init__.py", "from .pages import SessionPage\n")
    write(tmp_path, "sessions/urls.py", 'app_name = "sessions"\n')
    write(tmp_path, "sessions/views.py", "from network.models import Theme\n")
    write(tmp_path, "sessions/templatetags/session_tags.py", "")
    write(tmp_path, "templates/base.html", '{% load i18n %}{% translate "Our sessions" %}'
                                          '{% include "includes/header.html" %}')
    write(tmp_path, "templates/network/home_page.html",
          '{% extends "base.html" %}{% load hub_tags %}{% hub_sections "home" %}')
    return tmp_path


def test_the_planted_project_keeps_every_rule(project):
    assert hub_import_violations(project) == []
    assert template_violations(project) == []
    assert model_violations(project) == []


@pytest.mark.parametrize("name, text", [
    ("network/demo.py", "from sessions.demo import load\n"),
    ("network/views.py", "def view(request):\n    import casestudies.models\n"),
    ("network/management/commands/load.py", "from intervisions import demo\n"),
])
def test_a_hub_import_of_another_app_is_caught(project, name, text):
    write(project, name, text)
    assert len(hub_import_violations(project)) == 1


@pytest.mark.parametrize("text", [
    "{% load i18n session_tags %}",
    "<a href=\"{% url 'sessions:my_registrations' %}\">x</a>",
    '{% include "sessions/includes/session_list.html" %}',
])
def test_a_hub_template_using_another_app_is_caught(project, text):
    write(project, "templates/includes/header.html", text)
    assert len(template_violations(project)) == 1


@pytest.mark.parametrize("name, text", [
    ("network/models.py", "from .views import paginate\n"),
    ("sessions/models/pages.py", "from ..registration import organiser_views\n"),
    ("sessions/models/pages.py", "def serve(self):\n    from ..forms import ListingForm\n"),
])
def test_models_importing_views_or_inside_a_function_are_caught(project, name, text):
    write(project, name, text)
    assert len(model_violations(project)) == 1
