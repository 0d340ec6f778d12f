"""Read a Wagtail admin form the way a browser submits it, for tests that post what users post.

``browser_form_data(html)`` collects the fields of the page edit form from the rendered HTML
(checked boxes only, selected options, textarea text, nothing inside ``<template>`` or
disabled) and adds what the admin's JavaScript adds on load: the ``-count`` input of each
(empty) StreamField. The result can be posted with Django's test client.
"""
import json
from dataclasses import dataclass
from html.parser import HTMLParser

from django.urls import reverse


def add_url(library):
    """The admin's form for adding a case study to ``library``."""
    return reverse("wagtailadmin_pages:add", args=("casestudies", "casestudypage", library.pk))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


SKIPPED_INPUT_TYPES = {"submit", "button", "image", "reset", "file"}


@dataclass
class StreamWidget:
    """A StreamField in the form: its name, telepath-packed definition, value and errors."""

    name: str
    definition: dict
    value: list
    errors: object

    @property
    def meta(self):
        """The StreamBlock's options as the admin's JavaScript gets them (minNum, blockCounts…)."""
        return self.definition["_args"][3]

    @property
    def new_block_states(self):
        """The state each kind of block starts with when added, by block name."""
        return self.definition["_args"][2]


class _FormParser(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.depth = 0  # >0 while inside the form
        self.in_template = 0
        self.fields = []  # (name, value) in document order
        self.streams = []  # (name, initial JSON value)
        self._select = None
        self._select_options = []
        self._textarea = None
        self._option = None

    def _belongs(self, attrs):
        if self.in_template or "disabled" in attrs:
            return False
        return self.depth > 0 or attrs.get("form") == self.form_id

    def handle_starttag(self, tag, attrs_list):
        attrs = {name: ("" if value is None else value) for name, value in attrs_list}
        if tag == "template":
            self.in_template += 1
            return
        if tag == "form":
            if attrs.get("id") == self.form_id:
                self.depth = 1
            return
        if (tag == "div" and self.depth and not self.in_template
                and "w-block" in attrs.get("data-controller", "").split()):
            # A StreamField: JavaScript builds its inputs from the definition and the
            # arguments [value, errors]; the div's id is the field's name (input prefix).
            self.streams.append(StreamWidget(attrs["id"],
                                             json.loads(attrs["data-w-block-data-value"]),
                                             *json.loads(attrs["data-w-block-arguments-value"])))
        if not self._belongs(attrs):
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in SKIPPED_INPUT_TYPES:
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value", "on")))
                return
            self.fields.append((name, attrs.get("value", "")))
        elif tag == "select" and name:
            self._select = (name, "multiple" in attrs)
            self._select_options = []
        elif tag == "option" and self._select:
            self._option = [attrs.get("value"), "selected" in attrs, ""]
            self._select_options.append(self._option)
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_endtag(self, tag):
        if tag == "template":
            self.in_template -= 1
        elif tag == "form" and self.depth:
            self.depth = 0
        elif tag == "option":
            self._option = None
        elif tag == "select" and self._select:
            name, multiple = self._select
            chosen = [o for o in self._select_options if o[1]]
            if not chosen and not multiple and self._select_options:
                chosen = self._select_options[:1]
            for value, _selected, text in chosen:
                self.fields.append((name, value if value is not None else text.strip()))
            self._select = None
        elif tag == "textarea" and self._textarea:
            name, text = self._textarea
            # Browsers drop one newline directly after <textarea>.
            self.fields.append((name, text[1:] if text.startswith("\n") else text))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data
        elif self._option is not None:
            self._option[2] += data


def browser_form_data(html, form_id="page-edit-form", encode_stream=None):
    """The fields a browser would post from the form ``form_id`` of ``html``, as a dict of lists.

    StreamFields must be empty (as on a new page): their ``-count`` input is added as 0. Or
    ``encode_stream(stream, data)`` adds each StreamField's inputs as the admin's JavaScript
    would (tests/multihost/adminform.py).
    """
    parser = _FormParser(form_id)
    parser.feed(html)
    data = {}
    for name, value in parser.fields:
        data.setdefault(name, []).append(value)
    for stream in parser.streams:
        if encode_stream is not None:
            encode_stream(stream, data)
            continue
        if stream.value:
            raise NotImplementedError("only empty StreamFields are emulated; post the blocks "
                                      "with wagtail.test.utils.form_data.streamfield")
        data[f"{stream.name}-count"] = ["0"]
    return data


def stream_widgets(html, form_id="page-edit-form"):
    """The StreamFields of the form, as ``StreamWidget`` objects."""
    parser = _FormParser(form_id)
    parser.feed(html)
    return {stream.name: stream for stream in parser.streams}


def type_title(data, title):
    """Type ``title`` into a new page's title, and fill the slug as the admin's JavaScript does."""
    from django.utils.text import slugify

    data["title"] = [title]
    if not data.get("slug", [""])[0]:
        data["slug"] = [slugify(title)]
    return data
