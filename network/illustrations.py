"""Generated illustrations for the demo network: stylised town-centre streets drawn with Pillow.

The demo needs pictures it may ship, so it draws them: a sky, a row of gabled facades in warm
colours with windows and shop fronts, a pavement and a cobbled street, and a scene on top that
fits a theme (empty shops with "TE HUUR"/"LEJES" boards, a square with trees, banners, market
stalls, bicycles, an evening street, a harbour quay). Each drawing is deterministic: the same
key, scene and country give the same picture (byte for byte), so loading the demo twice changes
nothing. The alt text is written from the same choices the drawing made, so it says what is
drawn ("two of the shops are empty…").

The drawings are the project's own work, released under CC0 (docs/images.md).

``draw()`` makes the picture; ``demo_image()`` stores it once as a Wagtail image in the
"Demo illustrations" collection (under "Shared media") and finds it again by title.
"""
from __future__ import annotations

import functools
import io
import random
from dataclasses import dataclass

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model

from .media import shared_media_collection

WIDTH, HEIGHT = 1600, 1067
JPEG_QUALITY = 82
#: Where the facades meet the pavement.
STREET_LINE = 790
COLLECTION = "Demo illustrations"
CREDIT = "Centre Network demo illustration, CC0"
LICENCE = "CC0 1.0 (public domain dedication), own work of the Centre Network project"

#: The scenes ``draw`` knows, and which one suits each theme of the network's vocabulary.
SCENES = ("street", "vacancy", "square", "banners", "market", "bicycles", "evening", "digital",
          "harbour")
THEME_SCENES = {
    "vacancy": "vacancy", "public-space": "square", "branding": "banners", "events": "market",
    "mobility": "bicycles", "safety": "evening", "undermining": "evening",
    "digitalisation": "digital", "financing": "street", "governance": "street",
}
#: A "for rent" board in the country's language.
FOR_RENT = {"NL": "TE HUUR", "DK": "LEJES"}

_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve")
_WARM_NL = [(150, 62, 46), (178, 92, 60), (120, 52, 40), (205, 150, 70), (226, 208, 168),
            (190, 110, 84), (160, 84, 64), (214, 176, 96)]
_WARM_DK = [(238, 196, 88), (226, 150, 120), (214, 120, 84), (240, 222, 180), (200, 160, 90),
            (232, 176, 140), (246, 210, 130), (190, 90, 70)]
_AWNINGS = [(30, 90, 130), (150, 30, 40), (40, 110, 70), (200, 120, 30), (90, 60, 120)]
_CLOTHES = [(40, 70, 140), (170, 50, 50), (60, 120, 80), (230, 170, 40), (80, 80, 90),
            (200, 110, 150)]


@dataclass(frozen=True)
class Illustration:
    """A drawn picture: JPEG bytes and the alt text that says what it shows."""

    key: str
    scene: str
    country: str
    content: bytes
    description: str

    @property
    def filename(self):
        return f"demo-{self.key}.jpg"


def scene_for_theme(theme_slug):
    """The scene that illustrates a theme (a plain street for themes without their own)."""
    return THEME_SCENES.get(theme_slug, "street")


@functools.lru_cache(maxsize=64)
def draw(key, scene="street", country="NL"):
    """Draw the illustration for ``key`` (the seed) as a 1600×1067 JPEG with its alt text.

    ``scene`` is one of ``SCENES``; ``country`` ("NL" or "DK") chooses the style of the
    facades and the language of the "for rent" boards. Cached per process by its arguments.
    """
    if scene not in SCENES:
        raise ValueError(f"Unknown scene {scene!r}; choose one of {', '.join(SCENES)}")
    rng = random.Random(f"{key}:{scene}:{country}")
    picture = PILImage.new("RGB", (WIDTH, HEIGHT))
    canvas = ImageDraw.Draw(picture)
    evening = scene == "evening"
    _sky(canvas, evening)
    houses = _facades(canvas, rng, country, scene)
    if scene == "harbour":
        _harbour(canvas, rng)
    else:
        _street(canvas, rng, cycle_lane=scene == "bicycles" and country == "NL")
    extra = {
        "square": _square, "banners": _banners, "market": _market, "bicycles": _bicycles,
        "evening": _lamps,
    }.get(scene)
    detail = extra(canvas, rng, houses) if extra else ""
    people = 0 if evening else _people(canvas, rng)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return Illustration(key=key, scene=scene, country=country, content=buffer.getvalue(),
                        description=_describe(scene, country, houses, detail, people))


# --- parts of the picture ----------------------------------------------------------------------

def _sky(canvas, evening):
    top, bottom = ((28, 36, 78), (214, 128, 92)) if evening else ((104, 160, 214), (214, 232, 244))
    for y in range(STREET_LINE):
        t = y / STREET_LINE
        canvas.line([(0, y), (WIDTH, y)], fill=_mix(top, bottom, t))
    if not evening:
        for cx, cy in ((260, 140), (1150, 90), (820, 210)):
            for dx, dy, r in ((0, 0, 46), (50, -14, 58), (104, 4, 42)):
                canvas.ellipse([cx + dx - r, cy + dy - r // 2, cx + dx + r, cy + dy + r // 2],
                               fill=(246, 248, 250))


def _facades(canvas, rng, country, scene):
    """A row of gabled houses with shops on the ground floor; returns what was drawn."""
    palette = _WARM_DK if country == "DK" else _WARM_NL
    lit = scene == "evening"
    houses = []
    x = -rng.randint(10, 60)
    while x < WIDTH:
        width = rng.randint(160, 230)
        height = rng.randint(360, 500)
        houses.append({"x": x, "width": width, "top": STREET_LINE - height,
                       "colour": rng.choice(palette), "empty": False, "shutter": False})
        x += width
    shops = [house for house in houses if house["x"] > 0 and house["x"] + house["width"] < WIDTH]
    if scene == "vacancy":
        for house in rng.sample(shops, k=min(len(shops), rng.choice((2, 3)))):
            house["empty"] = True
    if scene == "evening":
        for house in rng.sample(shops, k=min(len(shops), 2)):
            house["shutter"] = True
    for house in houses:
        _house(canvas, rng, house, country, lit)
        _shop_front(canvas, rng, house, country, scene)
    return houses


def _house(canvas, rng, house, country, lit):
    x, width, top, colour = house["x"], house["width"], house["top"], house["colour"]
    right = x + width
    outline = _shade(colour, 0.7)
    canvas.rectangle([x, top, right, STREET_LINE], fill=colour, outline=outline, width=2)
    middle = x + width // 2
    gable = rng.choice(("stepped", "neck", "pointed")) if country == "NL" else rng.choice(
        ("roof", "pointed"))
    if gable == "stepped":
        step_w, step_h, steps = width / 8, 34, 3
        points = [(x, top)]
        for i in range(steps):
            points += [(x + step_w * i, top - step_h * (i + 1)),
                       (x + step_w * (i + 1), top - step_h * (i + 1))]
        crown = top - step_h * (steps + 1)
        points += [(x + step_w * steps, crown), (right - step_w * steps, crown)]
        for i in reversed(range(steps)):
            points += [(right - step_w * (i + 1), top - step_h * (i + 1)),
                       (right - step_w * i, top - step_h * (i + 1))]
        points.append((right, top))
        canvas.polygon(points, fill=colour, outline=outline)
    elif gable == "neck":
        neck = width // 3
        canvas.rectangle([middle - neck // 2, top - 110, middle + neck // 2, top], fill=colour,
                         outline=outline)
        canvas.polygon([(x, top), (middle - neck // 2, top - 60), (middle - neck // 2, top)],
                       fill=colour, outline=outline)
        canvas.polygon([(right, top), (middle + neck // 2, top - 60), (middle + neck // 2, top)],
                       fill=colour, outline=outline)
        canvas.polygon([(middle - neck // 2 - 8, top - 110), (middle, top - 150),
                        (middle + neck // 2 + 8, top - 110)], fill=(240, 236, 226))
    elif gable == "roof":
        canvas.polygon([(x - 6, top), (x + 24, top - 90), (right - 24, top - 90), (right + 6, top)],
                       fill=(150, 56, 40), outline=(110, 40, 30))
        for ry in range(top - 80, top, 18):
            canvas.line([(x + 10, ry), (right - 10, ry)], fill=(128, 46, 34), width=2)
    else:
        canvas.polygon([(x, top), (middle, top - 120), (right, top)], fill=colour, outline=outline)
        canvas.ellipse([middle - 14, top - 62, middle + 14, top - 34], fill=(240, 236, 226))
    # Upper floors: two or three windows a floor.
    columns = 3 if width > 190 else 2
    pane = (255, 214, 120) if lit else (70, 92, 116)
    frame = (246, 242, 232)
    gap = width / columns
    y = top + 34
    while y + 70 < STREET_LINE - 170:
        for c in range(columns):
            wx = int(x + gap * c + gap / 2 - 18)
            window_lit = lit and rng.random() < 0.6
            canvas.rectangle([wx - 4, y - 4, wx + 40, y + 68], fill=frame)
            canvas.rectangle([wx, y, wx + 36, y + 64], fill=pane if window_lit or not lit
                             else (40, 50, 70))
            canvas.line([(wx + 18, y), (wx + 18, y + 64)], fill=frame, width=3)
            canvas.line([(wx, y + 28), (wx + 36, y + 28)], fill=frame, width=3)
        y += 100


def _shop_front(canvas, rng, house, country, scene):
    x, width = house["x"], house["width"]
    right = x + width
    base = STREET_LINE
    canvas.rectangle([x + 6, base - 160, right - 6, base - 134], fill=(48, 44, 48))
    door = (right - 48, base - 118, right - 14, base)
    if house["shutter"]:
        canvas.rectangle([x + 12, base - 128, right - 12, base], fill=(150, 152, 156))
        for sy in range(base - 124, base, 9):
            canvas.line([(x + 12, sy), (right - 12, sy)], fill=(118, 120, 126), width=2)
        return
    window = (x + 14, base - 118, right - 58, base - 14)
    if house["empty"]:
        canvas.rectangle(window, fill=(206, 204, 196), outline=(120, 120, 120), width=3)
        canvas.rectangle(door, fill=(110, 104, 100))
        board_w = min(170, window[2] - window[0] - 8)
        bx = (window[0] + window[2]) // 2 - board_w // 2
        by = window[1] + 22
        canvas.rectangle([bx, by, bx + board_w, by + 52], fill=(255, 255, 255),
                         outline=(190, 30, 30), width=4)
        text = FOR_RENT.get(country, FOR_RENT["NL"])
        size = 24
        while True:  # the largest text that fits the board
            font = _font(size)
            box = canvas.textbbox((0, 0), text, font=font)
            if box[2] - box[0] <= board_w - 14 or size <= 12:
                break
            size -= 2
        canvas.text((bx + (board_w - (box[2] - box[0])) // 2, by + 26 - (box[3] + box[1]) // 2),
                    text, font=font, fill=(190, 30, 30))
        return
    evening = scene == "evening"
    canvas.rectangle(window, fill=(255, 226, 150) if evening else (150, 186, 204),
                     outline=(40, 40, 44), width=3)
    # Goods in the window.
    for _ in range(4):
        gx = rng.randint(window[0] + 8, window[2] - 30)
        gh = rng.randint(20, 50)
        canvas.rectangle([gx, window[3] - gh, gx + 22, window[3] - 4], fill=rng.choice(_CLOTHES))
    if scene == "digital" and rng.random() < 0.6:
        _qr_poster(canvas, rng, window[0] + 10, window[1] + 10)
    canvas.rectangle(door, fill=(60, 50, 46))
    canvas.ellipse([door[2] - 10, base - 62, door[2] - 4, base - 56], fill=(220, 190, 90))
    # A striped awning over the window.
    colour = rng.choice(_AWNINGS)
    top, bottom = base - 134, base - 104
    left, end = x + 8, right - 52
    stripes = max(3, (end - left) // 24)
    stripe_w = (end - left) / stripes
    for i in range(stripes):
        fill = colour if i % 2 == 0 else (246, 242, 232)
        sx = left + stripe_w * i
        canvas.polygon([(sx, top), (sx + stripe_w, top), (sx + stripe_w + 3, bottom),
                        (sx + 3, bottom)], fill=fill)


def _qr_poster(canvas, rng, x, y):
    cell = 6
    canvas.rectangle([x - 6, y - 6, x + 21 * cell + 6, y + 21 * cell + 6], fill=(255, 255, 255))
    for row in range(21):
        for col in range(21):
            corner = (row < 7 and col < 7) or (row < 7 and col > 13) or (row > 13 and col < 7)
            if corner:
                ring = max(abs(row % 14 - 3), abs(col % 14 - 3)) if row < 7 or col < 7 else 0
                on = ring != 2
            else:
                on = rng.random() < 0.5
            if on:
                canvas.rectangle([x + col * cell, y + row * cell, x + col * cell + cell - 1,
                                  y + row * cell + cell - 1], fill=(20, 20, 24))


def _street(canvas, rng, cycle_lane=False):
    canvas.rectangle([0, STREET_LINE, WIDTH, STREET_LINE + 46], fill=(196, 190, 180))
    for px in range(0, WIDTH, 60):
        canvas.line([(px, STREET_LINE), (px - 10, STREET_LINE + 46)], fill=(176, 170, 160))
    canvas.rectangle([0, STREET_LINE + 46, WIDTH, STREET_LINE + 54], fill=(150, 146, 140))
    y = STREET_LINE + 54
    canvas.rectangle([0, y, WIDTH, HEIGHT], fill=(104, 96, 88))
    row = 0
    while y < HEIGHT:
        height = 14 + row * 4
        width = height * 2
        offset = (row % 2) * width // 2
        for cx in range(-width + offset, WIDTH, width):
            shade = rng.randint(-6, 6)
            canvas.rounded_rectangle([cx + 2, y + 2, cx + width - 2, y + height - 1], radius=4,
                                     fill=(128 + shade, 118 + shade, 108 + shade))
        y += height
        row += 1
    if cycle_lane:
        canvas.rectangle([0, STREET_LINE + 58, WIDTH, STREET_LINE + 118], fill=(172, 74, 62))
        for lx in range(40, WIDTH, 220):
            canvas.rectangle([lx, STREET_LINE + 86, lx + 90, STREET_LINE + 90],
                             fill=(240, 236, 226))


def _harbour(canvas, rng):
    canvas.rectangle([0, STREET_LINE, WIDTH, STREET_LINE + 70], fill=(176, 168, 156))
    canvas.rectangle([0, STREET_LINE + 70, WIDTH, STREET_LINE + 84], fill=(110, 104, 98))
    for y in range(STREET_LINE + 84, HEIGHT):
        t = (y - STREET_LINE - 84) / (HEIGHT - STREET_LINE - 84)
        canvas.line([(0, y), (WIDTH, y)], fill=_mix((64, 118, 150), (30, 66, 96), t))
    for _ in range(60):
        wx, wy = rng.randint(0, WIDTH), rng.randint(STREET_LINE + 100, HEIGHT - 10)
        canvas.arc([wx, wy, wx + 40, wy + 12], 200, 340, fill=(150, 196, 220), width=2)
    # A moored boat.
    bx, by = rng.randint(200, 1000), STREET_LINE + 150
    canvas.polygon([(bx, by), (bx + 380, by), (bx + 330, by + 60), (bx + 40, by + 60)],
                   fill=(36, 60, 96), outline=(20, 30, 50))
    canvas.rectangle([bx + 120, by - 50, bx + 240, by], fill=(240, 236, 226))
    canvas.line([(bx + 300, by), (bx + 300, by - 220)], fill=(90, 70, 50), width=6)


def _square(canvas, rng, houses):
    canvas.rectangle([0, 880, WIDTH, HEIGHT], fill=(200, 190, 172))
    for gx in range(0, WIDTH, 80):
        canvas.line([(gx, 880), (gx - 40, HEIGHT)], fill=(184, 174, 156))
    trees = rng.choice((3, 4))
    spacing = WIDTH // trees
    for i in range(trees):
        tx = spacing * i + spacing // 2 + rng.randint(-40, 40)
        canvas.rectangle([tx - 10, 760, tx + 10, 960], fill=(96, 70, 48))
        for dx, dy, r in ((0, 0, 110), (-70, 40, 80), (70, 40, 80), (0, -60, 80)):
            canvas.ellipse([tx + dx - r, 700 + dy - r, tx + dx + r, 700 + dy + r],
                           fill=_shade((70, 130, 70), 0.85 + 0.3 * rng.random()))
        canvas.ellipse([tx - 60, 950, tx + 60, 980], fill=(150, 140, 120))
        # A bench beside each tree.
        bx = tx + 140
        canvas.rectangle([bx, 960, bx + 150, 972], fill=(120, 80, 50))
        canvas.rectangle([bx, 930, bx + 150, 942], fill=(120, 80, 50))
        for leg in (bx + 10, bx + 130):
            canvas.rectangle([leg, 972, leg + 8, 1000], fill=(50, 50, 54))
    return f"a square with {_NUMBERS[trees]} trees and benches"


def _banners(canvas, rng, houses):
    colour = rng.choice(_AWNINGS)
    for house in houses[1::2]:
        bx = house["x"] + house["width"] // 2 - 28
        by = house["top"] + 40
        canvas.line([(bx - 10, by), (bx + 66, by)], fill=(40, 40, 44), width=4)
        canvas.polygon([(bx, by), (bx + 56, by), (bx + 56, by + 170), (bx + 28, by + 150),
                        (bx, by + 170)], fill=colour)
        canvas.ellipse([bx + 12, by + 30, bx + 44, by + 62], fill=(246, 242, 232))
    # A line of pennants across the street.
    y0 = min(house["top"] for house in houses) + 160
    pennants = [(246, 242, 232), colour, (230, 170, 40)]
    for i, px in enumerate(range(0, WIDTH, 64)):
        sag = 40 * (1 - ((px - WIDTH / 2) / (WIDTH / 2)) ** 2)
        canvas.polygon([(px, y0 + sag), (px + 48, y0 + sag), (px + 24, y0 + sag + 50)],
                       fill=pennants[i % 3])
    canvas.line([(0, y0), (WIDTH, y0)], fill=(60, 60, 64), width=2)
    return "banners in one colour on the facades and pennants across the street"


def _market(canvas, rng, houses):
    stalls = rng.choice((3, 4))
    spacing = WIDTH // stalls
    for i in range(stalls):
        sx = spacing * i + 50
        width = spacing - 100
        colour = rng.choice(_AWNINGS)
        for post in (sx, sx + width - 10):
            canvas.rectangle([post, 780, post + 10, 960], fill=(90, 80, 70))
        for s in range(8):
            fill = colour if s % 2 == 0 else (246, 242, 232)
            canvas.rectangle([sx - 20 + s * (width + 40) / 8, 740,
                              sx - 20 + (s + 1) * (width + 40) / 8, 790], fill=fill)
        canvas.rectangle([sx - 10, 880, sx + width + 10, 900], fill=(150, 110, 70))
        canvas.rectangle([sx, 900, sx + width, 960], fill=(120, 86, 56))
        for gx in range(sx + 10, sx + width - 20, 26):
            canvas.ellipse([gx, 856, gx + 24, 880], fill=rng.choice(
                [(200, 50, 40), (230, 170, 40), (90, 150, 60), (220, 120, 40)]))
    return f"{_NUMBERS[stalls]} market stalls with striped roofs"


def _bicycles(canvas, rng, houses):
    bikes = rng.choice((5, 6, 7))
    start = rng.randint(80, 400)
    for i in range(bikes):
        bx, by = start + i * 140, 980
        colour = rng.choice(_CLOTHES)
        for wx in (bx, bx + 70):
            canvas.ellipse([wx - 30, by - 30, wx + 30, by + 30], outline=(30, 30, 34), width=5)
        canvas.line([(bx, by), (bx + 30, by - 40), (bx + 70, by), (bx + 35, by)], fill=colour,
                    width=6)
        canvas.line([(bx + 30, by - 40), (bx + 62, by - 42)], fill=colour, width=6)
        canvas.line([(bx + 62, by - 42), (bx + 70, by)], fill=colour, width=6)
        canvas.line([(bx + 22, by - 50), (bx + 38, by - 50)], fill=(30, 30, 34), width=6)
    canvas.rectangle([start - 40, 1006, start + bikes * 140, 1014], fill=(120, 124, 130))
    return f"{_NUMBERS[bikes]} bicycles parked in a rack"


def _lamps(canvas, rng, houses):
    for lx in range(120, WIDTH, 360):
        canvas.ellipse([lx - 60, 440, lx + 60, 530], fill=(196, 150, 112))
        canvas.rectangle([lx - 5, 480, lx + 5, STREET_LINE + 40], fill=(40, 40, 46))
        canvas.ellipse([lx - 22, 466, lx + 22, 500], fill=(255, 230, 150))
    return "street lamps"


def _people(canvas, rng):
    count = rng.choice((2, 3, 4))
    for _ in range(count):
        px = rng.randint(60, WIDTH - 60)
        py = rng.randint(STREET_LINE + 60, STREET_LINE + 120)
        scale = 1 + (py - STREET_LINE) / 400
        body = int(70 * scale)
        canvas.rounded_rectangle([px - 18 * scale, py - body, px + 18 * scale, py], radius=12,
                                 fill=rng.choice(_CLOTHES))
        canvas.ellipse([px - 14 * scale, py - body - 30 * scale, px + 14 * scale, py - body - 2],
                       fill=rng.choice([(232, 190, 160), (190, 140, 100), (130, 90, 60)]))
        canvas.rectangle([px - 12 * scale, py, px - 3 * scale, py + 40 * scale], fill=(50, 50, 60))
        canvas.rectangle([px + 3 * scale, py, px + 12 * scale, py + 40 * scale], fill=(50, 50, 60))
    return count


def _describe(scene, country, houses, detail, people):
    """The alt text: what the drawing shows, in one or two short sentences (≤ 255 chars)."""
    style = "Dutch gabled" if country == "NL" else "Danish"
    street = "a harbour quay with a moored boat" if scene == "harbour" else "a cobbled street"
    if scene == "evening":
        text = f"Illustration: an evening shopping street of {style} houses with lit windows"
        shutters = sum(house["shutter"] for house in houses)
        text += f" and {detail}; {_NUMBERS[shutters]} shops have closed roller shutters."
        return text
    text = f"Illustration: a row of {style} houses with shops and striped awnings along {street}"
    if scene == "vacancy":
        empty = sum(house["empty"] for house in houses)
        board = FOR_RENT.get(country, FOR_RENT["NL"])
        text += (f"; {_NUMBERS[empty]} shop units are empty, with “{board}” (for rent) "
                 f"boards in their windows")
    elif scene == "digital":
        text += "; QR-code posters hang in the shop windows"
    elif detail:
        text += f", with {detail}"
    if people:
        text += f". {_NUMBERS[people].capitalize()} people walk by"
    return text + "."


@functools.lru_cache(maxsize=8)
def _font(size):
    return ImageFont.load_default(size=size)


def _mix(a, b, t):
    return tuple(int(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _shade(colour, factor):
    return tuple(max(0, min(255, int(c * factor))) for c in colour)


# --- storing them as Wagtail images -----------------------------------------------------------

def demo_collection():
    """The "Demo illustrations" collection under "Shared media" (whose permissions it inherits,
    so editors and contributors may choose its pictures), created on first use."""
    shared = shared_media_collection()
    return shared.get_children().filter(name=COLLECTION).first() or shared.add_child(
        name=COLLECTION)


def demo_image(title, key, scene="street", country="NL"):
    """The Wagtail image titled ``title`` in the demo collection, drawn and stored the first
    time (idempotent: looked up by title; its alt text is brought up to date)."""
    image_model = get_image_model()
    collection = demo_collection()
    found = image_model.objects.filter(title=title, collection=collection).first()
    if found is not None:
        description = draw(key, scene, country).description
        if found.description != description:
            found.description = description
            found.save(update_fields=["description"])
        return found
    picture = draw(key, scene, country)
    image = image_model(title=title, description=picture.description, collection=collection,
                        file=ImageFile(io.BytesIO(picture.content), name=picture.filename))
    # Size and hash, as the admin's upload form records them (duplicate detection, listing).
    image._set_image_file_metadata()
    image.save()
    return image
