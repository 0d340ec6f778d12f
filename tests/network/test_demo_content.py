"""The demo network's content is data: literals only, and the hub's content names no other app.

Fast checks on the source, without loading anything into a database.
"""
import ast
from pathlib import Path

import pytest

from network import demo_content

ROOT = Path(__file__).resolve().parents[2]
CONTENT_MODULES = ["network/demo_content.py", "sessions/demo_content.py",
                   "casestudies/demo_content.py", "intervisions/demo_page.py"]
# Calls allowed in content: dict(...) and the datetime constructors.
ALLOWED_CALLS = {"dict", "datetime.date", "datetime.time", "datetime.datetime", "datetime.timedelta"}


def _dotted(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def _logic_in(node):
    """The nodes of an assigned value that are not literals (or names of other constants)."""
    found = []
    for child in ast.walk(node):
        if isinstance(child, ast.Call) and _dotted(child.func) not in ALLOWED_CALLS:
            found.append(ast.unparse(child))
        elif isinstance(child, ast.Name) and not child.id.isupper() and child.id not in (
                "dict", "datetime"):
            found.append(child.id)
        elif isinstance(child, ast.Lambda | ast.ListComp | ast.DictComp | ast.SetComp
                        | ast.GeneratorExp | ast.IfExp | ast.JoinedStr):
            found.append(ast.unparse(child))
    return found


@pytest.mark.parametrize("path", CONTENT_MODULES)
def test_demo_content_modules_hold_only_literals(path):
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    for statement in tree.body:
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
            continue  # the docstring
        if isinstance(statement, ast.Import):
            assert [alias.name for alias in statement.names] == ["datetime"], path
            continue
        assert isinstance(statement, ast.Assign), (path, ast.unparse(statement)[:80])
        assert all(isinstance(t, ast.Name) and t.id.isupper() for t in statement.targets), path
        assert _logic_in(statement.value) == [], (path, statement.lineno)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def test_hub_demo_content_links_to_no_other_app():
    """Pages of other apps bring their own content; the hub's texts link to none of them."""
    texts = list(_strings([demo_content.HOME_PAGE, demo_content.STANDARD_PAGES]))
    assert texts
    assert not [text for text in texts if "href=" in text or "/en/intervisions/" in text]
