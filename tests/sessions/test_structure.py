"""The sessions app's dependency rule: models never import views, views import domain modules
rather than other views, and nothing imports inside a function to dodge an import cycle."""
import ast
from pathlib import Path

import pytest

import sessions

ROOT = Path(sessions.__file__).parent
# The packages whose layering this file guards (demo content and migrations aside).
LAYERED = ["models", "calendars", "registration", "signals.py", "panels.py", "blocks.py",
           "admin_forms.py", "admin_views.py", "generator.py", "localtime.py", "recurrence.py",
           "languages.py"]
# Only URLconfs and admin hooks wire views to addresses, so only they may import views.
WIRING = {"urls.py", "wagtail_hooks.py"}


def python_files(*names):
    for name in names:
        path = ROOT / name
        yield from sorted(path.rglob("*.py")) if path.is_dir() else [path]


def module_name(path):
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path):
    """(module names an import statement may load, the statement) for each import in ``path``."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield [alias.name for alias in node.names], node
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            yield [base] + [f"{base}.{alias.name}" for alias in node.names], node


def is_views(name):
    last = name.rsplit(".", 1)[-1]
    return last == "views" or last.endswith("_views")


def test_the_rule_reads_relative_imports():
    """The checks below read relative imports right (a guard against a vacuous pass)."""
    sample = ROOT / "models" / "pages.py"
    names = [name for found, _node in imports(sample) for name in found]
    assert "sessions.registration.forms.RegistrationForm" in names
    assert not any(is_views(name) for name in names)


@pytest.mark.parametrize("path", list(python_files("models")), ids=lambda p: p.name)
def test_models_never_import_views(path):
    bad = [name for found, _node in imports(path) for name in found if is_views(name)]
    assert not bad, f"{path.relative_to(ROOT.parent)} imports views: {bad}"


@pytest.mark.parametrize("path", [p for p in python_files(*LAYERED) if p.name not in WIRING],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_views_and_domain_modules_do_not_import_views(path):
    bad = [name for found, _node in imports(path) for name in found if is_views(name)]
    assert not bad, f"{path.relative_to(ROOT.parent)} imports views: {bad}"


@pytest.mark.parametrize("path", list(python_files(*LAYERED)), ids=lambda p: str(p.relative_to(ROOT)))
def test_nothing_is_imported_inside_a_function(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    hidden = [f"{function.name}:{node.lineno}"
              for function in ast.walk(tree)
              if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef))
              for node in ast.walk(function) if isinstance(node, (ast.Import, ast.ImportFrom))]
    assert not hidden, f"{path.relative_to(ROOT.parent)} imports inside functions: {hidden}"
