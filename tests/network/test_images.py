"""Pictures: the responsive ``<img>`` tag, flat query counts for lists of cards, and the rule
that every image has alt text, as an editor meets it in the admin (docs/images.md)."""
import io
import json
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template import engines
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection, UploadedFile

from network import illustrations
from network.images import with_card_images
from network.media import shared_media_collection
from network.models import MemberArea
from network.permissions import EDITORS
from tests.factories import MemberAreaFactory, UserFactory

Image = get_image_model()


def jpeg(width=1600, height=1067, colour=(180, 120, 80)):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, "JPEG")
    return buffer.getvalue()


def make_image(title="Harbour front", description="A quay with gabled houses", **size):
    return Image.objects.create(title=title, description=description,
                                collection=shared_media_collection(),
                                file=ImageFile(io.BytesIO(jpeg(**size)), name=f"{title}.jpg"))


def render(source, **context):
    return engines["django"].from_string("{% load image_tags %}" + source).render(context)


def img(html):
    found = BeautifulSoup(html, "html.parser").find_all("img")
    assert len(found) == 1, html
    return found[0]


def widths(srcset):
    return [int(re.search(r" (\d+)w$", part.strip()).group(1)) for part in srcset.split(",")]


# --- the tag ------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_card_image_has_webp_srcset_sizes_dimensions_lazy_loading_and_its_description_as_alt():
    tag = img(render('{% responsive_image image "card" %}', image=make_image()))
    assert widths(tag["srcset"]) == [400, 640, 960]
    assert all(".webp" in part for part in tag["srcset"].split(","))
    assert tag["sizes"] == "(min-width: 56rem) 22rem, 100vw"
    # The browser reserves a 3:2 box before the picture arrives.
    assert (int(tag["width"]), int(tag["height"])) == (640, 427)
    assert tag["src"] in tag["srcset"]
    assert tag["loading"] == "lazy" and tag["decoding"] == "async"
    assert "fetchpriority" not in tag.attrs
    assert tag["alt"] == "A quay with gabled houses"


@pytest.mark.django_db
def test_hero_image_loads_at_once_with_high_priority():
    tag = img(render('{% responsive_image image "hero" %}', image=make_image()))
    assert widths(tag["srcset"]) == [800, 1200, 1600]
    assert tag["loading"] == "eager" and tag["fetchpriority"] == "high"
    assert (int(tag["width"]), int(tag["height"])) == (1200, 800)


@pytest.mark.django_db
def test_explicit_alt_wins_and_an_empty_one_marks_the_picture_decorative():
    image = make_image()
    assert img(render('{% responsive_image image "thumb" alt="Logo of the town" %}',
                      image=image))["alt"] == "Logo of the town"
    html = render('{% responsive_image image "card" alt="" class="card__img" %}', image=image)
    assert 'alt=""' in html and img(html)["class"] == ["card__img"]


@pytest.mark.django_db
def test_a_small_original_is_not_listed_twice_at_the_same_width():
    tag = img(render('{% responsive_image image "hero" %}', image=make_image(width=900, height=600)))
    assert widths(tag["srcset"]) == [800, 900]


def test_no_image_renders_nothing():
    assert render('{% responsive_image image "card" %}|{% image_url_for image "og" as url %}{{ url }}',
                  image=None) == "|"


@pytest.mark.django_db
def test_open_graph_url_is_a_1200_by_630_jpeg():
    image = make_image()
    url = render('{% image_url_for image "og" as url %}{{ url }}', image=image)
    assert url.endswith(".jpg")
    rendition = image.renditions.get(filter_spec="fill-1200x630|format-jpeg")
    assert (rendition.width, rendition.height) == (1200, 630) and rendition.url == url


def test_an_unknown_preset_is_a_clear_error():
    with pytest.raises(ValueError, match="card, hero, thumb, og"):
        render('{% responsive_image image "banner" %}', image=object())


# --- lists of cards -----------------------------------------------------------------------------

CARDS = '{% for area in areas %}{% responsive_image area.card_image "card" %}{% endfor %}'


def _areas_with_images(count):
    for i in range(count):
        MemberAreaFactory(image=make_image(f"Area {i}", width=480, height=320))


def _queries_for_cards():
    with CaptureQueriesContext(connection) as queries:
        html = render(CARDS, areas=with_card_images(MemberArea.objects.order_by("pk"), "image"))
    return len(queries), html.count("<img")


@pytest.mark.django_db
def test_a_list_of_eight_cards_costs_the_queries_of_two():
    _areas_with_images(2)
    render(CARDS, areas=MemberArea.objects.all())  # the renditions are made once, on first view
    two = _queries_for_cards()
    _areas_with_images(6)
    render(CARDS, areas=MemberArea.objects.all())
    eight = _queries_for_cards()
    assert two[1] == 2 and eight[1] == 8
    assert eight[0] == two[0] == 2  # areas with their images, the images' renditions


@pytest.mark.django_db
def test_card_image_is_the_areas_picture_or_none():
    area = MemberAreaFactory()
    assert area.card_image is None
    area.image = make_image()
    assert area.card_image == area.image


# --- alt text required in the admin -------------------------------------------------------------

@pytest.fixture
def editor_client(client):
    """A network editor in the admin: may add and change images in "Shared media"."""
    user = UserFactory(username="editor-images")
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return client


def _upload(name="street.jpg"):
    return SimpleUploadedFile(name, jpeg(400, 300), content_type="image/jpeg")


@pytest.mark.django_db
def test_editor_cannot_add_an_image_without_a_description_and_keeps_what_was_typed(editor_client):
    collection = shared_media_collection()
    response = editor_client.post(reverse("wagtailimages:add"), {
        "title": "Market on the Brink", "file": _upload(), "collection": collection.pk,
        "description": "   "})
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert "Describe the picture: the description is its alt text." in page.get_text()
    assert page.find("input", {"name": "title"})["value"] == "Market on the Brink"
    assert not Image.objects.filter(title="Market on the Brink").exists()

    response = editor_client.post(reverse("wagtailimages:add"), {
        "title": "Market on the Brink", "file": _upload(), "collection": collection.pk,
        "description": "Market stalls with striped roofs on a square"})
    assert response.status_code == 302
    image = Image.objects.get(title="Market on the Brink")
    assert image.description == "Market stalls with striped roofs on a square"


@pytest.mark.django_db
def test_the_add_form_labels_the_description_as_alt_text(editor_client):
    page = BeautifulSoup(editor_client.get(reverse("wagtailimages:add")).content, "html.parser")
    field = page.find(["input", "textarea"], attrs={"name": "description"})
    assert field.has_attr("required")
    assert "Description (alt text)" in page.get_text()


@pytest.mark.django_db
def test_editor_cannot_remove_the_description_of_an_image(editor_client):
    image = make_image()
    response = editor_client.post(reverse("wagtailimages:edit", args=[image.pk]), {
        "title": image.title, "collection": image.collection_id, "description": ""})
    assert response.status_code == 200
    image.refresh_from_db()
    assert image.description == "A quay with gabled houses"


@pytest.mark.django_db
def test_multiple_upload_keeps_the_file_pending_until_it_has_a_description(editor_client):
    """The multiple uploader saves each file first and asks for its details after: without a
    description the file is kept as a pending upload, and becomes an image only once the
    editor has described it."""
    collection = shared_media_collection()
    before = Image.objects.count()
    response = editor_client.post(reverse("wagtailimages:add_multiple"),
                                  {"files[]": _upload("quay.jpg"), "collection": collection.pk})
    data = json.loads(response.content)
    assert data["success"] and "uploaded_file_id" in data and "image_id" not in data
    assert Image.objects.count() == before
    upload_id = data["uploaded_file_id"]
    url = reverse("wagtailimages:create_multiple_from_uploaded_image", args=[upload_id])
    prefix = f"uploaded-image-{upload_id}"

    refused = json.loads(editor_client.post(url, {
        f"{prefix}-title": "Quay", f"{prefix}-collection": collection.pk,
        f"{prefix}-description": ""}).content)
    assert refused["success"] is False
    assert "Describe the picture" in refused["form"]
    assert Image.objects.count() == before and UploadedFile.objects.filter(pk=upload_id).exists()

    saved = json.loads(editor_client.post(url, {
        f"{prefix}-title": "Quay", f"{prefix}-collection": collection.pk,
        f"{prefix}-description": "A quay with a moored boat"}).content)
    assert saved["success"] is True
    assert Image.objects.get(pk=saved["image_id"]).description == "A quay with a moored boat"


# --- the generated illustrations ----------------------------------------------------------------

@pytest.mark.parametrize("scene", illustrations.SCENES)
def test_illustrations_are_deterministic_small_jpegs_with_alt_text(scene):
    picture = illustrations.draw("test-key", scene, "DK")
    again = illustrations.draw.__wrapped__("test-key", scene, "DK")
    assert picture.content == again.content
    assert picture.content != illustrations.draw("other-key", scene, "DK").content
    with PILImage.open(io.BytesIO(picture.content)) as opened:
        assert (opened.format, opened.size) == ("JPEG", (1600, 1067))
    assert len(picture.content) < 200 * 1024
    assert picture.description.startswith("Illustration: ")
    assert len(picture.description) <= 255


def test_vacancy_illustration_says_how_many_shops_are_empty_in_the_countrys_language():
    dutch = illustrations.draw("v", "vacancy", "NL").description
    danish = illustrations.draw("v", "vacancy", "DK").description
    assert re.search(r"(two|three) shop units are empty, with “TE HUUR” \(for rent\)", dutch)
    assert "“LEJES” (for rent)" in danish


@pytest.mark.django_db
def test_demo_image_is_stored_once_in_the_demo_collection():
    first = illustrations.demo_image("Test street (demo illustration)", "t", "square", "NL")
    second = illustrations.demo_image("Test street (demo illustration)", "t", "square", "NL")
    assert first.pk == second.pk
    assert first.collection.name == "Demo illustrations"
    # Under "Shared media", so editors and contributors may choose it.
    assert first.collection.get_parent() == Collection.objects.get(name="Shared media")
    assert first.description == illustrations.draw("t", "square", "NL").description
    assert (first.width, first.height) == (1600, 1067)


@pytest.mark.django_db
def test_an_english_description_is_marked_english_on_a_dutch_page():
    """Descriptions are not translated: on /nl/ a screen reader must read the alt in English."""
    from django.utils import translation

    from network.images import render_image

    picture = make_image(description="Illustration: a market square with trees")
    with translation.override("nl"):
        html = render_image(picture, "card")
        decorative = render_image(picture, "card", alt="")
    with translation.override("en"):
        english = render_image(picture, "card")
    assert 'lang="en"' in html
    assert 'lang="en"' not in decorative
    assert 'lang=' not in english
