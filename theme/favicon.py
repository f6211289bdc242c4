"""Draw the site's icon: 工 (the journal's 工运) in white on the journal's red, as SVG and as .ico.

The character is drawn from rectangles (no font needed, the same in every browser). Run
`python theme/favicon.py` after changing it; both files are committed under theme/static/.
"""

from pathlib import Path

RED = "#9b1c1c"  # --accent in static/css/site.css
GRID = 32  # the drawing's units; the SVG scales, the .ico is rendered at 16, 32 and 48 px
RADIUS = 6
STROKES = [(8, 6, 16, 4), (14, 6, 4, 20), (5, 22, 22, 4)]  # 工: top bar, stem, base (x, y, width, height)
STATIC = Path(__file__).parent / "static"


def svg() -> str:
    rects = "".join(f'<rect x="{x}" y="{y}" width="{w}" height="{h}"/>' for x, y, w, h in STROKES)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {GRID} {GRID}">'
            f'<rect width="{GRID}" height="{GRID}" rx="{RADIUS}" fill="{RED}"/>'
            f'<g fill="#fff">{rects}</g></svg>\n')


def ico(path: Path) -> None:
    from PIL import Image, ImageDraw

    scale = 8  # drawn large, scaled down smoothly for each size
    image = Image.new("RGBA", (GRID * scale, GRID * scale), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, GRID * scale - 1, GRID * scale - 1), RADIUS * scale, fill=RED)
    for x, y, w, h in STROKES:
        draw.rectangle((x * scale, y * scale, (x + w) * scale - 1, (y + h) * scale - 1), fill="#ffffff")
    image.save(path, format="ICO", sizes=[(16, 16), (32, 32), (48, 48)])


if __name__ == "__main__":
    (STATIC / "favicon.svg").write_text(svg(), encoding="utf-8")
    ico(STATIC / "favicon.ico")
