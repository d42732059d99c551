"""Simple illustrations for the demo articles and stories, drawn with Pillow at load time.

Our own pictures (no stock photos, nothing downloaded): flat shapes in calm colours, one of a
few scenes chosen from the page's slug, each with alt text that says what it shows. They make
the demo exercise the whole image path: upload, renditions, and serving with DEBUG off.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from typing import Any

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images.models import Image
from wagtail.models import Collection

WIDTH, HEIGHT = 1200, 630
PALETTES = [
    # sky, ground, accent, figure one, figure two
    ("#dcebf2", "#9cc3a5", "#f2c14e", "#41617a", "#c4695a"),
    ("#f5e6d3", "#b7c9a8", "#e8925c", "#3f5d6e", "#8a6fa8"),
    ("#e4e9f5", "#a9bcd0", "#f4d35e", "#2f5d62", "#d08c60"),
    ("#eef3e2", "#8fb996", "#ffd166", "#355070", "#b56576"),
]

Draw = ImageDraw.ImageDraw


def _figure(draw: Draw, x: int, ground: int, height: int, colour: str) -> None:
    head = height // 5
    draw.ellipse((x - head // 2, ground - height, x + head // 2, ground - height + head), colour)
    draw.rounded_rectangle(
        (x - head // 2 - 14, ground - height + head + 12, x + head // 2 + 14, ground),
        radius=head // 2,
        fill=colour,
    )


def _two_figures(draw: Draw, p: tuple[str, ...]) -> None:
    draw.ellipse((850, 90, 1010, 250), p[2])
    draw.rectangle((0, 430, WIDTH, HEIGHT), p[1])
    _figure(draw, 520, 470, 250, p[3])
    _figure(draw, 660, 470, 215, p[4])


def _path_over_hills(draw: Draw, p: tuple[str, ...]) -> None:
    draw.ellipse((140, 80, 280, 220), p[2])
    draw.ellipse((-200, 360, 700, 900), p[1])
    draw.ellipse((450, 400, 1400, 960), p[3])
    draw.polygon([(560, HEIGHT), (720, HEIGHT), (640, 440), (610, 440)], fill=p[0])


def _window_light(draw: Draw, p: tuple[str, ...]) -> None:
    draw.rectangle((0, 470, WIDTH, HEIGHT), p[1])
    draw.rectangle((420, 90, 780, 400), p[3])
    draw.rectangle((440, 110, 590, 235), p[2])
    draw.rectangle((610, 110, 760, 235), p[2])
    draw.rectangle((440, 255, 590, 380), p[2])
    draw.rectangle((610, 255, 760, 380), p[2])
    draw.rounded_rectangle((300, 420, 900, 470), radius=20, fill=p[4])


SCENES: list[tuple[Callable[[Draw, tuple[str, ...]], None], str]] = [
    (_two_figures, "Illustration: two people standing side by side under a rising sun."),
    (_path_over_hills, "Illustration: a path winding between green hills toward the sun."),
    (_window_light, "Illustration: a warm, lit window above a table at home."),
]


def draw_png(slug: str) -> tuple[bytes, str]:
    """A PNG for the slug, and the alt text describing it (the same slug, the same picture)."""
    digest = hashlib.sha256(slug.encode()).digest()
    scene, alt_text = SCENES[digest[0] % len(SCENES)]
    palette = PALETTES[digest[1] % len(PALETTES)]
    picture = PILImage.new("RGB", (WIDTH, HEIGHT), palette[0])
    scene(ImageDraw.Draw(picture), palette)
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return out.getvalue(), alt_text


def _root_collection() -> Collection:
    """Wagtail's root collection (a migration creates it; a flushed test database has none)."""
    root = Collection.get_first_root_node()
    return root if root is not None else Collection.add_root(name="Root")


def illustration_block(slug: str, title: str) -> tuple[str, dict[str, Any]]:
    """An ``image`` body block with the page's illustration (the image is created once)."""
    data, alt_text = draw_png(slug)
    image_title = f"Illustration: {title}"
    image = Image.objects.filter(title=image_title).first()
    if image is None:
        image = Image(title=image_title, collection=_root_collection())
        image.file = ImageFile(io.BytesIO(data), name=f"illustration-{slug}.png")
        image.save()
    return ("image", {"image": image, "alt_text": alt_text, "caption": ""})


def with_illustration(slug: str, title: str, body: list[tuple[str, Any]]) -> list[Any]:
    """The body with the illustration after its first block (usually the opening paragraph)."""
    return [*body[:1], illustration_block(slug, title), *body[1:]]
