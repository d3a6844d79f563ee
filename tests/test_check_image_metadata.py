"""`image-metadata`: each of its findings fires on one page and stays quiet on its twin.

The images are real files beside the article: Pillow draws them, exiftool writes their
metadata, c2pa-python signs them with a certificate made at test time.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from checkrun import findings_of, run
from imagefiles import GENERATED, c2pa_signed, needs_exiftool, picture, tagged, tampered
from pages import BODY, CREDIT, LINK, write_case

from checker.checks import get_check
from checker.checks.base import Source
from checker.findings import Severity
from checker.imagemeta.attach import attach_embedded
from checker.loaders import load_file

REUTERS = ("-IPTC:Credit=REUTERS/Zoë Ångström", "-IPTC:By-line=Zoë Ångström",
           "-IPTC:CodedCharacterSet=UTF8")  # fmt: skip


def figure(caption: str, src: str = "photo.jpg") -> str:
    shown = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f'<figure><img src="{src}" alt="The talks">{shown}</figure>'


def check(tmp_path: Path, caption: str, *, rules: str = "default", src: str = "photo.jpg"):
    article, source = write_case(tmp_path, figure(caption, src) + BODY + CREDIT + LINK)
    return findings_of(run(article, source, rules=(rules,)), "image-metadata")


# 1. The file names a creator or agency, the page shows no credit.


@needs_exiftool
def test_an_embedded_credit_with_no_visible_credit_is_an_error(tmp_path: Path) -> None:
    tagged(tmp_path / "photo.jpg", *REUTERS)
    (finding,) = check(tmp_path, "Delegates arrive for the talks.")
    assert finding.severity == Severity.ERROR
    assert "the page shows no credit" in finding.message
    assert "REUTERS/Zoë Ångström (IPTC:Credit)" in finding.evidence


@needs_exiftool
def test_the_embedded_credit_shown_in_the_caption_is_quiet(tmp_path: Path) -> None:
    tagged(tmp_path / "photo.jpg", *REUTERS)
    assert check(tmp_path, "Delegates arrive for the talks. REUTERS/Zoë Ångström") == []


def test_a_file_without_credits_is_quiet(tmp_path: Path) -> None:
    picture(tmp_path / "photo.jpg")
    assert check(tmp_path, "Delegates arrive for the talks.") == []


# 2. The visible credit names another agency or photographer.


@needs_exiftool
def test_another_agency_in_the_caption_is_a_warning_with_both(tmp_path: Path) -> None:
    tagged(tmp_path / "photo.jpg", *REUTERS)
    (finding,) = check(tmp_path, "Delegates arrive. (AP Photo/Evan Vucci)")
    assert finding.severity == Severity.WARNING
    assert "another agency" in finding.message
    assert "AP Photo/Evan Vucci" in finding.evidence and "REUTERS/Zoë" in finding.evidence


@needs_exiftool
def test_another_photographer_of_the_same_agency_is_a_warning(tmp_path: Path) -> None:
    tagged(tmp_path / "photo.jpg", *REUTERS)
    (finding,) = check(tmp_path, "Delegates arrive. REUTERS/John Smith")
    assert "another photographer" in finding.message


@needs_exiftool
@pytest.mark.parametrize(
    "caption",
    ["Delegates arrive. Photo: Reuters", "Delegates arrive. REUTERS/Zoe Angstrom/File Photo",
     "Delegates arrive. Photo: Zoë Ångström"],
)  # fmt: skip
def test_a_shorter_or_differently_accented_credit_is_not_a_contradiction(
    tmp_path: Path, caption: str
) -> None:
    tagged(tmp_path / "photo.jpg", *REUTERS)
    assert check(tmp_path, caption) == []


# 3. Marked as generated, not labelled.


@needs_exiftool
def test_a_generated_image_without_a_label_is_reported_at_the_packs_level(tmp_path: Path) -> None:
    tagged(tmp_path / "photo.jpg", f"-XMP-iptcExt:DigitalSourceType={GENERATED}")
    (default,) = check(tmp_path, "The skyline at dusk. Illustration: Daily Wire Review")
    assert default.severity == Severity.WARNING
    assert "trainedAlgorithmicMedia (XMP-iptcExt:DigitalSourceType)" in default.evidence
    (wire,) = check(tmp_path, "The skyline at dusk. Illustration: Daily Wire Review", rules="wire")
    assert wire.severity == Severity.ERROR


@needs_exiftool
def test_a_generated_image_labelled_in_its_caption_is_quiet(tmp_path: Path) -> None:
    tagged(tmp_path / "photo.jpg", f"-XMP-iptcExt:DigitalSourceType={GENERATED}")
    assert check(tmp_path, "The skyline at dusk. AI-generated illustration", rules="wire") == []


def test_a_c2pa_manifest_saying_generated_counts_too(tmp_path: Path) -> None:
    pytest.importorskip("c2pa")
    (tmp_path / "photo.jpg").write_bytes(c2pa_signed(source_type=GENERATED))
    (finding,) = check(tmp_path, "The skyline at dusk. Illustration: Daily Wire Review")
    assert "(c2pa:digitalSourceType)" in finding.evidence
    assert check(tmp_path, "The skyline at dusk, created with AI. Illustration: DWR") == []


# 4. C2PA manifests that fail validation.


def test_a_manifest_tampered_after_signing_is_a_warning(tmp_path: Path) -> None:
    pytest.importorskip("c2pa")
    (tmp_path / "photo.jpg").write_bytes(tampered(c2pa_signed(author="Jane Doe")))
    (finding,) = check(tmp_path, "Delegates arrive. Photo: Jane Doe")
    assert finding.severity == Severity.WARNING
    assert "(tampered)" in finding.message
    assert "assertion.dataHash.mismatch" in finding.evidence


def test_a_valid_manifest_by_an_untrusted_signer_is_quiet(tmp_path: Path) -> None:
    pytest.importorskip("c2pa")
    (tmp_path / "photo.jpg").write_bytes(c2pa_signed(author="Jane Doe"))
    assert check(tmp_path, "Delegates arrive. Photo: Jane Doe") == []


# 5. image-rights: the embedded credit says whose the image is.


@needs_exiftool
def test_an_embedded_credit_naming_the_source_makes_a_renamed_photo_the_sources(
    tmp_path: Path,
) -> None:
    tagged(tmp_path / "renamed.jpg", "-IPTC:Credit=ProPublica", "-IPTC:By-line=Jane Doe")
    tagged(tmp_path / "own.jpg", "-IPTC:Credit=Daily Wire Review", "-IPTC:By-line=Sam Lee")
    article, _ = write_case(
        tmp_path, figure("At the hearing.", "renamed.jpg") + figure("Outside.", "own.jpg") + BODY
    )
    document = attach_embedded(load_file(article), article)
    rights = get_check("image-rights")
    assert rights is not None
    params = {**rights.defaults, "allowed": [r"\bchart\b"]}
    hits = list(rights.run(document, Source(publisher="ProPublica"), params))
    assert [hit.values["src"].rsplit("/", 1)[-1] for hit in hits] == ["renamed.jpg"]
    assert 'its file\'s credit, "ProPublica"' in hits[0].detail


# Unreadable files and where files are looked up.


def test_a_damaged_file_is_one_info_finding(tmp_path: Path) -> None:
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe1\xff\xff" + b"\x00" * 30)
    (finding,) = check(tmp_path, "Delegates arrive. Photo: Jane Doe")
    assert finding.severity == Severity.INFO
    assert "could not be read" in finding.message


def test_a_missing_file_and_a_web_image_without_network_say_nothing(tmp_path: Path) -> None:
    assert check(tmp_path, "Delegates arrive.", src="gone.jpg") == []
    assert check(tmp_path, "Delegates arrive.", src="https://cdn.example.org/a.jpg") == []


@needs_exiftool
def test_a_site_path_is_read_under_the_images_root(tmp_path: Path) -> None:
    root = tmp_path / "site"
    (root / "media").mkdir(parents=True)
    tagged(root / "media" / "photo.jpg", *REUTERS)
    article, source = write_case(tmp_path, figure("Delegates.", "/media/photo.jpg") + BODY)
    without = findings_of(run(article, source), "image-metadata")
    assert without == []
    with_root = findings_of(run(article, source, images_root=str(root)), "image-metadata")
    assert [f.severity for f in with_root] == [Severity.ERROR]


@needs_exiftool
def test_a_web_image_is_read_beside_the_saved_page_or_under_the_images_root(
    tmp_path: Path,
) -> None:
    """A saved page with its own address given: "photo.jpg" and "/media/p.jpg" became URLs."""
    root = tmp_path / "site"
    (root / "media").mkdir(parents=True)
    tagged(root / "media" / "p.jpg", "-IPTC:Credit=AFP")
    tagged(tmp_path / "photo.jpg", "-IPTC:Credit=dpa")
    url = '<meta property="og:url" content="https://news.example.org/2025/story.html">'
    article, _ = write_case(
        tmp_path, figure("a", "photo.jpg") + figure("b", "/media/p.jpg") + BODY, head=url
    )
    document = attach_embedded(
        load_file(article, url="https://news.example.org/2025/story.html"),
        article,
        images_root=str(root),
    )
    beside, rooted = document.images
    assert beside.src == "https://news.example.org/2025/photo.jpg"
    assert beside.embedded is not None and beside.embedded.values("credit") == ("dpa",)
    assert rooted.embedded is not None and rooted.embedded.values("credit") == ("AFP",)


def test_a_path_outside_the_article_folder_is_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    picture(tmp_path / "secret.jpg")
    article, _ = write_case(folder, figure("x", "../secret.jpg") + BODY)
    (image,) = attach_embedded(load_file(article), article).images
    assert image.embedded is not None
    assert image.embedded.notes == ("not read: outside the article's folder and --images-root",)


def test_a_server_script_s_address_is_no_file_to_read(tmp_path: Path) -> None:
    # "../../image.php?src=...&w=660" on a saved page names a script on the site, not a file:
    # no note (no image-metadata finding); an image file name with a query is still looked up.
    folder = tmp_path / "articles"
    folder.mkdir()
    picture(folder / "photo.jpg")
    markup = figure("x", "../../image.php?src=/images/post.jpg&amp;w=660")
    markup += figure("y", "photo.jpg?w=660")
    article, _ = write_case(folder, markup + BODY)
    script, photo = attach_embedded(load_file(article), article).images
    assert script.embedded is None
    assert photo.embedded is not None and photo.embedded.file.endswith("photo.jpg")


def test_a_device_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "zero.jpg").symlink_to("/dev/zero")  # resolves outside: refused as such
    os.mkfifo(tmp_path / "pipe.jpg")  # reading a FIFO would block for ever
    article, _ = write_case(tmp_path, figure("x", "zero.jpg") + figure("y", "pipe.jpg") + BODY)
    zero, pipe = attach_embedded(load_file(article), article).images
    assert zero.embedded is not None and zero.embedded.notes[0].startswith("not read: outside")
    assert pipe.embedded is not None and pipe.embedded.notes == ("not read: not a regular file",)
