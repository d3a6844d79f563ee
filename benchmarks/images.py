"""Reading credits inside image files, against exiftool: `python benchmarks/images.py`.

Prints the median cost per image of syndicheck's reader (`checker.imagemeta.read_image`, the
file's bytes in memory -> fields) beside `exiftool -j -G1` on the same files (one process per
file, as a tool that shells out per image would, and one process for all files, divided by
their number), then the share that reading five local images adds to checking an article
(`check_article` with the default pack, median of the rounds).

The images are made here (Pillow draws them, exiftool writes their metadata, c2pa-python signs
some when it is installed): nothing is read from ../shared and nothing is downloaded. Needs
Debian's `libimage-exiftool-perl`. `--rounds N` (default 15).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image

from checker.engine import CheckRequest, check_article
from checker.imagemeta import read_image
from checker.imagemeta.attach import attach_embedded
from checker.loaders import load_document

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

TAGS = (
    "-IPTC:CodedCharacterSet=UTF8", "-IPTC:By-line=Zoë Ångström",
    "-IPTC:Credit=REUTERS/Zoë Ångström",
    "-IPTC:Source=Reuters", "-IPTC:CopyrightNotice=© Reuters 2026", "-XMP-dc:Creator=Zoë Ångström",
    "-XMP-photoshop:Credit=REUTERS", "-XMP-dc:Rights=© Reuters",
    "-XMP-xmpRights:WebStatement=https://example.org/terms", "-EXIF:Artist=Zoë Ångström",
    "-EXIF:Copyright=© Reuters",
)  # fmt: skip


def make_images(folder: Path, exiftool: str) -> list[Path]:
    """Ten news-sized JPEGs (1600x1067, ~300 kB) and two PNGs, with credits written by exiftool."""
    files = []
    for index in range(10):
        path = folder / f"photo-{index}.jpg"
        image = Image.effect_noise((1600, 1067), 40 + index).convert("RGB")
        image.save(path, quality=85)
        files.append(path)
    for index in range(2):
        path = folder / f"chart-{index}.png"
        Image.new("RGB", (800, 500), "white").save(path)
        files.append(path)
    jpegs = [str(p) for p in files if p.suffix == ".jpg"]
    subprocess.run([exiftool, "-q", "-overwrite_original", *TAGS, *jpegs], check=True)
    pngs = [str(p) for p in files if p.suffix == ".png"]
    xmp = [t for t in TAGS if not t.startswith("-IPTC")]
    subprocess.run([exiftool, "-q", "-overwrite_original", *xmp, *pngs], check=True)
    try:
        from imagefiles import c2pa_signed

        for index in range(2):
            path = folder / f"signed-{index}.jpg"
            path.write_bytes(c2pa_signed(author="Zoë Ångström"))
            files.append(path)
    except ImportError:
        print("c2pa-python not installed: no signed images in the set")
    return files


def median_seconds(action: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=15)
    rounds = parser.parse_args().rounds
    exiftool = shutil.which("exiftool")
    if exiftool is None:
        sys.exit("exiftool is missing: apt-get install libimage-exiftool-perl")
    version = subprocess.run([exiftool, "-ver"], capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        files = make_images(folder, exiftool)
        kinds = {"JPEG (IIM+XMP+EXIF)": [p for p in files if p.name.startswith("photo")],
                 "PNG (XMP+EXIF)": [p for p in files if p.suffix == ".png"],
                 "JPEG with C2PA": [p for p in files if p.name.startswith("signed")]}  # fmt: skip
        print(f"{len(files)} images, {rounds} rounds; exiftool {version}")
        print(f"{'images':<22}{'n':>3}{'syndicheck ms':>15}{'exiftool/file ms':>18}"
              f"{'exiftool batch ms':>19}")  # fmt: skip
        for kind, paths in kinds.items():
            if not paths:
                continue
            ours = statistics.median(
                median_seconds(lambda p=p: read_image(p.read_bytes(), str(p)), rounds)
                for p in paths
            )
            one = statistics.median(
                median_seconds(
                    lambda p=p: subprocess.run(
                        [exiftool, "-j", "-G1", str(p)], capture_output=True
                    ),
                    max(3, rounds // 3),
                )
                for p in paths
            )
            batch = median_seconds(
                lambda paths=paths: subprocess.run(
                    [exiftool, "-j", "-G1", *map(str, paths)], capture_output=True
                ),
                max(3, rounds // 3),
            ) / len(paths)
            print(f"{kind:<22}{len(paths):>3}{ours * 1000:>15.2f}{one * 1000:>18.1f}"
                  f"{batch * 1000:>19.1f}")  # fmt: skip
        article = folder / "article.html"
        figures = "".join(
            f'<figure><img src="{p.name}" alt=""><figcaption>Scene {i}. REUTERS/Zoë Ångström'
            "</figcaption></figure><p>" + "Paragraph of the story with enough words. " * 20 + "</p>"
            for i, p in enumerate(files[:5])
        )
        article.write_text(
            f"<html><head><title>t</title></head><body><article><h1>Title</h1>{figures}"
            "<p>This article was originally published by Reuters.</p></article></body></html>",
            encoding="utf-8",
        )
        request = CheckRequest(str(article), rules=("default",))
        check = median_seconds(lambda: check_article(request), rounds)
        document = load_document(article)
        attach = median_seconds(lambda: attach_embedded(document, str(article)), rounds)
        print(
            f"check of an article with five local images: {check * 1000:.1f} ms median, of which "
            f"reading the five files {attach * 1000:.1f} ms ({attach / check:.0%})"
        )


if __name__ == "__main__":
    main()
