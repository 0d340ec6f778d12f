"""The Wagtail admin's page edit form as a browser posts it, StreamFields with content included.

``tests/casestudies/adminform.py`` reads the plain fields of the form and knows empty
StreamFields only; a published case study has a body. In the browser the admin's JavaScript
builds a StreamField's inputs from its block definition and value (telepath-packed JSON in the
``w-block`` element's data attributes). ``edit_form_data`` does the same in Python, so an edit
posted over HTTP keeps the body exactly as it was.
"""
from __future__ import annotations

import json

from tests.casestudies.adminform import browser_form_data


def _unpack(node, table):
    """Telepath's packed JSON with its ``_ref`` back-references resolved."""
    if isinstance(node, list):
        return [_unpack(item, table) for item in node]
    if not isinstance(node, dict):
        return node
    if "_ref" in node:
        return table[node["_ref"]]
    if "_dict" in node:
        result = {key: _unpack(value, table) for key, value in node["_dict"].items()}
    elif "_list" in node:
        result = [_unpack(item, table) for item in node["_list"]]
    elif "_val" in node:
        result = node["_val"]
    else:
        result = {key: _unpack(value, table) for key, value in node.items() if key != "_id"}
    if "_id" in node:
        table[node["_id"]] = result
    return result


def _stream_children(definition):
    """A StreamBlock's child block definitions by name (its args hold them in groups)."""
    children = {}
    for _group, blocks in definition["_args"][1]:
        for block in blocks:
            children[block["_args"][0]] = block
    return children


def _blank_draft(state):
    """Whether a Draftail content state holds nothing: its editor then posts ``null``."""
    try:
        blocks = json.loads(state or "null") or {"blocks": []}
    except ValueError:
        return False
    return all(block.get("type") == "unstyled" and not block.get("text", "").strip()
               and not block.get("entityRanges") for block in blocks["blocks"])


def _encode(definition, value, prefix, out):
    kind = definition["_type"]
    args = definition["_args"]
    if kind == "wagtail.blocks.StreamBlock":
        children = _stream_children(definition)
        out[f"{prefix}-count"] = [str(len(value))]
        for index, child in enumerate(value):
            item = f"{prefix}-{index}"
            out[f"{item}-type"] = [child["type"]]
            out[f"{item}-id"] = [child.get("id") or ""]
            out[f"{item}-deleted"] = [""]
            out[f"{item}-order"] = [str(index)]
            _encode(children[child["type"]], child["value"], f"{item}-value", out)
    elif kind == "wagtail.blocks.StructBlock":
        for child in args[1]:
            name = child["_args"][0]
            _encode(child, (value or {}).get(name), f"{prefix}-{name}", out)
    elif kind == "wagtail.blocks.ListBlock":
        items = value or []
        out[f"{prefix}-count"] = [str(len(items))]
        for index, item in enumerate(items):
            out[f"{prefix}-{index}-id"] = [item.get("id") or ""]
            out[f"{prefix}-{index}-deleted"] = [""]
            out[f"{prefix}-{index}-order"] = [str(index)]
            _encode(args[1], item["value"], f"{prefix}-{index}-value", out)
    elif kind == "wagtail.blocks.FieldBlock":
        if args[1].get("_type") == "wagtail.widgets.DraftailRichTextArea" and _blank_draft(value):
            out[prefix] = ["null"]  # what Draftail posts for an empty editor
        elif isinstance(value, dict):  # a chooser's state: the chosen object's id is posted
            out[prefix] = [str(value.get("id", ""))]
        elif value is None:
            out[prefix] = [""]
        elif isinstance(value, bool):
            if value:
                out[prefix] = ["on"]
        elif isinstance(value, list):
            out[prefix] = [str(item) for item in value]
        else:
            out[prefix] = [str(value)]
    elif kind != "wagtail.blocks.StaticBlock":
        raise NotImplementedError(f"posting a {kind} is not emulated")


def edit_form_data(html, form_id="page-edit-form"):
    """Every field a browser would post from the page edit form in ``html``, as a dict of
    lists: the plain fields as rendered, each StreamField as its JavaScript would post it."""
    return browser_form_data(html, form_id, encode_stream=lambda stream, data: _encode(
        _unpack(stream.definition, {}), stream.value or [], stream.name, data))
