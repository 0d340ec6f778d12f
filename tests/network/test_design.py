"""The visual identity and the page shell (#16): readable colours, the contract's components in
the stylesheet, social-media previews and canonical links on every page, the filter script, and
error pages that stand on their own."""
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from PIL import Image

ROOT = Path(settings.BASE_DIR)
SITE_CSS = (ROOT / "static/css/site.css").read_text()
PRINT_CSS = (ROOT / "static/css/print.css").read_text()

# Text colour on background, as the components use them (docs/design.md, "Contrast").
# Names are tokens of :root in site.css; "#ffffff" is white text.
CONTRAST_PAIRS = [
    ("ink", "paper"), ("ink", "surface"), ("ink", "tint"), ("ink", "brand-light"), ("ink", "accent-light"),
    ("ink", "success-bg"), ("ink", "warning-bg"), ("ink", "error-bg"), ("ink", "focus"),
    ("muted", "paper"), ("muted", "tint"), ("muted", "brand-light"),
    ("brand", "paper"), ("brand", "tint"), ("brand", "brand-light"),
    ("brand-dark", "paper"), ("brand-dark", "brand-light"),
    ("accent", "paper"), ("accent", "tint"), ("accent", "accent-light"),
    ("success", "paper"), ("success", "success-bg"),
    ("warning", "paper"), ("warning", "warning-bg"),
    ("error", "paper"), ("error", "error-bg"),
    ("#ffffff", "brand"), ("#ffffff", "brand-dark"), ("#ffffff", "muted"),
    ("on-dark-muted", "brand-dark"),
]

# Every class the design contract names (the other templates use these and nothing else).
CONTRACT_CLASSES = [
    "button", "button--secondary", "button--on-dark", "button--small", "actions",
    "chip-list", "chip", "chip--active",
    "badge", "badge--info", "badge--success", "badge--warning", "badge--danger", "badge--neutral",
    "date-badge", "date-badge__month", "date-badge__day", "date-badge__weekday",
    "card-grid", "card-list", "card", "card__media", "card__body", "card__title", "card__meta", "card__text",
    "card__footer", "card--row", "card--cancelled",
    "flag", "flag--nl", "flag--dk",
    "notice", "notice--info", "notice--success", "notice--warning", "notice--error",
    "empty-state", "empty-state__title",
    "page-head", "page-head__lead", "page-head__meta", "breadcrumb",
    "section-head", "section-head__more",
    "key-figures", "key-figure", "key-figure__value", "pull-quote", "prose", "table", "table-wrap",
    "field", "field__help", "field__error", "stacked-form",
    "listing", "listing__results", "listing__filters", "filter-panel", "filter-panel__toggle",
    "filter-panel__count", "filters",
]
CONTRACT_TOKENS = [
    "ink", "muted", "brand", "brand-dark", "accent", "paper", "tint", "line", "error", "focus",
    "radius", "max", "brand-light", "accent-light", "success", "warning", "warning-bg", "success-bg",
    "error-bg", "surface", "shadow",
    "step--1", "step-0", "step-1", "step-2", "step-3", "step-4",
    "space-1", "space-2", "space-3", "space-4", "space-5", "space-6", "measure",
]


def root_tokens():
    """The custom properties of :root in site.css, name → value."""
    block = re.search(r":root\s*\{(.*?)\n\}", SITE_CSS, re.S).group(1)
    block = re.sub(r"/\*.*?\*/", "", block, flags=re.S)
    return {name: value.strip() for name, value in re.findall(r"--([\w-]+):\s*([^;]+);", block)}


def luminance(colour):
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground, background):
    """WCAG 2.1 contrast ratio of two #rrggbb colours."""
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_ratios_tell_apart_light_and_dark():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize(("text", "background"), CONTRAST_PAIRS, ids=lambda name: name.lstrip("#"))
def test_every_documented_colour_pair_is_readable(text, background):
    tokens = root_tokens()
    colours = [name if name.startswith("#") else tokens[name] for name in (text, background)]
    assert all(re.fullmatch(r"#[0-9a-fA-F]{6}", colour) for colour in colours), colours
    assert contrast(*colours) >= 4.5, f"--{text} on --{background}: {contrast(*colours):.2f}:1"


def test_the_contract_tokens_are_defined():
    missing = [name for name in CONTRACT_TOKENS if name not in root_tokens()]
    assert not missing


def test_every_contract_class_is_styled():
    selectors = set(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", re.sub(r"/\*.*?\*/", "", SITE_CSS, flags=re.S)))
    assert not [name for name in CONTRACT_CLASSES if name not in selectors]


def test_wide_screens_show_the_filter_panel_open():
    # CSS where ::details-content is known; filters.js sets "open" everywhere else.
    assert "details.filter-panel::details-content" in SITE_CSS
    script = (ROOT / "static/js/filters.js").read_text()
    assert "data-filter-panel" in script and "(min-width: 56rem)" in script


class HeadParser(HTMLParser):
    """The <meta> and <link> elements of a page, and its scripts."""

    def __init__(self):
        super().__init__()
        self.meta, self.links, self.scripts = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            self.meta.append(attrs)
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script":
            self.scripts.append(attrs)

    def property(self, name):
        return [m.get("content") for m in self.meta if m.get("property") == name or m.get("name") == name]


def head(html):
    parser = HeadParser()
    parser.feed(html)
    return parser


@pytest.mark.django_db
def test_home_page_has_a_social_preview_and_one_canonical_link(client, site):
    page = head(client.get("/en/").content.decode())
    for name in ("og:site_name", "og:title", "og:description", "og:url", "og:locale", "og:image",
                 "og:image:width", "og:image:height", "twitter:card"):
        assert len(page.property(name)) == 1, name
    assert page.property("og:site_name") == [settings.WAGTAIL_SITE_NAME]
    assert page.property("og:url") == ["http://testserver/en/"]
    assert page.property("og:locale") == ["en_GB"]
    assert page.property("twitter:card") == ["summary_large_image"]
    assert page.property("theme-color")
    canonical = [link["href"] for link in page.links if link.get("rel") == "canonical"]
    assert canonical == ["http://testserver/en/"]


@pytest.mark.django_db
def test_the_share_image_is_an_absolute_address_of_a_shipped_1200_by_630_png(client, site):
    page = head(client.get("/en/").content.decode())
    image_url = page.property("og:image")[0]
    parts = urlsplit(image_url)
    assert parts.scheme == "http" and parts.netloc == "testserver"
    assert parts.path == settings.STATIC_URL + "img/share.png"
    with Image.open(finders.find("img/share.png")) as image:
        assert image.size == (1200, 630)
        assert (page.property("og:image:width"), page.property("og:image:height")) == (["1200"], ["630"])
    assert client.get(parts.path).status_code == 200


@pytest.mark.django_db
def test_canonical_link_leaves_out_the_query_string(client, site):
    page = head(client.get("/en/?utm_source=newsletter&page=2").content.decode())
    assert [link["href"] for link in page.links if link.get("rel") == "canonical"] == ["http://testserver/en/"]


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "locale"), [("nl", "nl_NL"), ("da", "da_DK")])
def test_social_preview_names_the_language_of_the_page(client, site, language, locale):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    assert head(response.content.decode()).property("og:locale") == [locale]


@pytest.mark.django_db
def test_views_without_a_page_get_a_preview_and_no_canonical_link(client, site):
    page = head(client.get("/en/search/?q=vacancy").content.decode())
    assert page.property("og:url") == ["http://testserver/en/search/"]
    assert not [link for link in page.links if link.get("rel") == "canonical"]


@pytest.mark.django_db
def test_the_filter_script_is_served_and_loaded_deferred(client, site):
    page = head(client.get("/en/").content.decode())
    scripts = [s for s in page.scripts if s.get("src", "").endswith("js/filters.js")]
    assert len(scripts) == 1 and "defer" in scripts[0]
    response = client.get(scripts[0]["src"])
    assert response.status_code == 200
    assert "javascript" in response["Content-Type"]


@pytest.mark.django_db
def test_header_shows_the_logo_next_to_the_network_name(client, site):
    html = client.get("/en/").content.decode()
    header = html[html.index('<header class="site-header'):html.index("</header>")]
    assert re.search(r'<img class="site-header__logo" src="[^"]*img/logo\.svg" alt=""', header)
    assert f"<span>{settings.WAGTAIL_SITE_NAME}</span>" in header
    assert finders.find("img/logo.svg") and finders.find("img/favicon.svg")


def test_server_error_page_stands_alone():
    """500.html is rendered without a request or context processors: it still has the stylesheet,
    the logo (inline) and a way home."""
    html = render_to_string("500.html")
    assert "css/site.css" in html and "<svg" in html and 'href="/"' in html
    assert "error-page" in html


@pytest.mark.django_db
def test_not_found_page_offers_home_and_search(client, site):
    html = client.get("/en/no-such-page/").content.decode()
    assert 'class="container narrow error-page"' in html
    assert 'href="/en/"' in html and 'href="/en/search/"' in html


def test_print_styles_leave_out_navigation_and_forms_on_a4():
    assert re.search(r"@page\s*\{[^}]*size:\s*A4", PRINT_CSS)
    hidden = re.search(r"([^{}]*)\{\s*display:\s*none\s*!important", PRINT_CSS).group(1)
    for selector in (".main-nav", ".language-switcher", ".site-search", ".site-footer", ".filter-panel",
                     ".no-print", "form", "button", ".calendar-menu", ".registration"):
        assert selector in [part.strip() for part in hidden.split(",")], selector
