"""Embedded credits through the command line: `extract` shows them, `check --images-root`
finds them, and web images are fetched only with --allow-network (a loopback server here)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from imagefiles import c2pa_signed, exiftool_write, needs_exiftool, picture, tagged
from loopback import Recording, serve
from pages import BODY, SOURCE_PAGE, news_page

from checker.cli import cli
from checker.imagemeta import read_image

IMAGES: dict[str, tuple[str, bytes]] = {}


class Handler(Recording):
    def do_GET(self) -> None:
        Handler.hits.append(self.path)
        if self.path not in IMAGES:
            self.send_error(404)
            return
        kind, body = IMAGES[self.path]
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    yield from serve(Handler, tmp_path, monkeypatch)


def page(tmp_path: Path, src: str, caption: str = "Delegates arrive.") -> str:
    path = tmp_path / "article.html"
    figure = f'<figure><img src="{src}" alt="x"><figcaption>{caption}</figcaption></figure>'
    path.write_text(news_page(figure + BODY), encoding="utf-8")
    (tmp_path / "source.html").write_text(SOURCE_PAGE, encoding="utf-8")
    return str(path)


@needs_exiftool
def test_extract_shows_every_embedded_field_with_its_tag(tmp_path: Path) -> None:
    tagged(tmp_path / "photo.jpg", "-IPTC:Credit=AFP", "-XMP-dc:Creator=Zoë Ångström")
    article = page(tmp_path, "photo.jpg")
    text = CliRunner().invoke(cli, ["extract", article])
    assert text.exit_code == 0
    assert "           credit: AFP  [IIM IPTC:Credit]" in text.output
    assert "           creator: Zoë Ångström  [XMP XMP-dc:Creator]" in text.output
    data = json.loads(CliRunner().invoke(cli, ["extract", article, "--format", "json"]).output)
    (image,) = data["images"]
    assert image["embedded"]["fields"] == [
        {"name": "credit", "value": "AFP", "origin": "IIM", "tag": "IPTC:Credit"},
        {"name": "creator", "value": "Zoë Ångström", "origin": "XMP", "tag": "XMP-dc:Creator"},
    ]


def test_extract_shows_the_page_json_ld_about_an_image(tmp_path: Path) -> None:
    path = tmp_path / "article.html"
    ld = (
        '<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":'
        '"ImageObject","contentUrl":"https://cdn.example.org/p.jpg","creditText":"Jane Doe/AP",'
        '"creator":{"@type":"Person","name":"Jane Doe"},"license":"https://example.org/l",'
        '"acquireLicensePage":"https://example.org/buy"}]}</script>'
    )
    figure = '<figure><img src="https://cdn.example.org/p.jpg#x" alt="x"></figure>'
    path.write_text(news_page(figure + BODY, head=ld), encoding="utf-8")
    data = json.loads(CliRunner().invoke(cli, ["extract", str(path), "--format", "json"]).output)
    fields = data["images"][0]["embedded"]["fields"]
    assert [(f["name"], f["value"]) for f in fields] == [
        ("credit", "Jane Doe/AP"),
        ("creator", "Jane Doe"),
        ("web_statement", "https://example.org/l"),
        ("licensor_url", "https://example.org/buy"),
    ]
    assert {f["origin"] for f in fields} == {"JSON-LD"}


@needs_exiftool
def test_extract_takes_an_images_root(tmp_path: Path) -> None:
    (tmp_path / "static").mkdir()
    tagged(tmp_path / "static" / "photo.jpg", "-IPTC:Credit=dpa")
    article = page(tmp_path, "/static/photo.jpg")
    without = CliRunner().invoke(cli, ["extract", article])
    assert "IPTC:Credit" not in without.output
    with_root = CliRunner().invoke(cli, ["extract", article, "--images-root", str(tmp_path)])
    assert "credit: dpa  [IIM IPTC:Credit]" in with_root.output


@needs_exiftool
def test_web_images_are_fetched_only_with_allow_network(tmp_path: Path, base: str) -> None:
    path = exiftool_write(picture(tmp_path / "served.jpg"), "-IPTC:Credit=REUTERS/Jane Doe")
    IMAGES["/img/photo.jpg"] = ("image/jpeg", path.read_bytes())
    IMAGES["/img/page.jpg"] = ("text/html", b"<html>not an image</html>")
    article = page(tmp_path, f"{base}/img/photo.jpg")
    source = str(tmp_path / "source.html")
    args = ["check", article, "--source", source, "--rules", "default", "--format", "json"]
    offline = CliRunner().invoke(cli, args)
    assert Handler.hits == []
    # No finding of the image-metadata rule (the rule itself is described under "rules").
    offline_findings = json.loads(offline.output)["results"][0]["findings"]
    assert offline.exit_code in (0, 1) and offline_findings is not None
    assert [f for f in offline_findings if f["check"] == "image-metadata"] == []
    online = CliRunner().invoke(cli, [*args, "--allow-network", "--allow-private"])
    assert Handler.hits == ["/img/photo.jpg"]
    (finding,) = [
        f for f in json.loads(online.output)["results"][0]["findings"]
        if f["check"] == "image-metadata"
    ]  # fmt: skip
    assert "REUTERS/Jane Doe (IPTC:Credit)" in finding["evidence"]
    page(tmp_path, f"{base}/img/page.jpg")
    CliRunner().invoke(cli, ["extract", article])  # extract never fetches
    assert Handler.hits == ["/img/photo.jpg"]
    not_image = CliRunner().invoke(cli, [*args, "--allow-network", "--allow-private"])
    (note,) = [
        f for f in json.loads(not_image.output)["results"][0]["findings"]
        if f["check"] == "image-metadata"
    ]  # fmt: skip
    assert note["severity"] == "info"
    assert "the server sent text/html, not an image" in note["message"]


def test_a_manifest_is_noted_when_c2pa_python_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("c2pa")
    signed = c2pa_signed()
    monkeypatch.setitem(sys.modules, "c2pa", None)  # `import c2pa` now raises ImportError
    embedded = read_image(signed, "signed.jpg")
    assert embedded.c2pa is None
    assert embedded.notes == ("a C2PA manifest is present but not read: install syndicheck[c2pa]",)


def test_c2pa_states_read_back(tmp_path: Path) -> None:
    pytest.importorskip("c2pa")
    from imagefiles import GENERATED, tampered

    signed = c2pa_signed(source_type=GENERATED, author="Zoë Ångström", generator="Test Cam")
    valid = read_image(signed, "signed.jpg")
    assert valid.c2pa is not None
    assert (valid.c2pa.state, valid.c2pa.claim_generator) == ("untrusted signer", "Test Cam 1.0")
    assert valid.c2pa.actions == ("c2pa.created",)
    assert valid.c2pa.authors == ("Zoë Ångström",)
    assert valid.values("digital_source_type") == (GENERATED,)
    broken = read_image(tampered(signed), "tampered.jpg")
    assert broken.c2pa is not None and broken.c2pa.state == "tampered" and broken.c2pa.failed
    plain = picture(tmp_path / "plain.jpg")
    assert read_image(plain.read_bytes(), "plain.jpg").c2pa is None
