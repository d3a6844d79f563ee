"""Issue 12, image files: a stored result is reused only while the image files its check looked
at (read, found missing) are exactly as they were. The images are real JPEGs with IPTC credits
(Pillow draws them, exiftool writes the credit); each audit is a real run, twice."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from fixtures.audit.make import audit_config as config
from fixtures.audit.make import make_archive
from imagefiles import needs_exiftool, picture, tagged
from pages import BODY, write_case

from checker.audit import run_audit
from checker.audit.run import AuditOutcome
from checker.imagemeta.attach import REFUSED, attach_embedded, noting_files, unchanged
from checker.loaders import load_file

pytestmark = needs_exiftool
REUTERS = "-IPTC:Credit=REUTERS/Jane Doe"
AP = "-IPTC:Credit=AP Photo/Evan Vucci"


def archive(tmp_path: Path) -> tuple[Path, Path]:
    """One article naming `photo.jpg` beside it (no file yet): (the manifest, the photo)."""
    root = tmp_path / "arch"
    manifest = make_archive(root, 1)
    article = root / "articles" / "a0.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text + "\n![Delegates arrive for the talks.](photo.jpg)\n", "utf-8")
    return manifest, root / "articles" / "photo.jpg"


def evidence(outcome: AuditOutcome) -> list[str]:
    """What `image-metadata` said of the photo's embedded credit."""
    (result,) = outcome.run.results
    return [f.evidence for f in result.findings if f.rule.endswith("/image-metadata")]


def test_an_unchanged_image_is_reused_and_recorded(tmp_path: Path) -> None:
    manifest, photo = archive(tmp_path)
    tagged(photo, REUTERS)
    first = run_audit(config(tmp_path, manifest))
    assert (first.checked, first.reused) == (1, 0)
    assert evidence(first) == ["photo.jpg embedded credit: REUTERS/Jane Doe (IPTC:Credit)"]
    second = run_audit(config(tmp_path, manifest))
    assert (second.checked, second.reused) == (0, 1)
    assert evidence(second) == evidence(first)
    db = sqlite3.connect(tmp_path / "history.sqlite")
    (stored,) = db.execute("SELECT checked_with FROM articles WHERE run_id = ?", (first.run_id,))
    ((named, resolved, state),) = json.loads(stored[0])["images"]
    assert named == resolved == str(photo.resolve())
    assert len(state) == 32  # a digest of the bytes, not "missing" or a reason


def test_a_changed_credit_checks_the_article_again(tmp_path: Path) -> None:
    manifest, photo = archive(tmp_path)
    tagged(photo, REUTERS)
    first = run_audit(config(tmp_path, manifest))
    assert "REUTERS/Jane Doe" in evidence(first)[0]
    tagged(photo, AP)  # the same name, a new credit inside
    second = run_audit(config(tmp_path, manifest))
    assert (second.checked, second.reused) == (1, 0)
    assert evidence(second) == ["photo.jpg embedded credit: AP Photo/Evan Vucci (IPTC:Credit)"]
    third = run_audit(config(tmp_path, manifest))
    assert (third.checked, third.reused) == (0, 1)


def test_a_missing_image_that_appears_checks_the_article_again(tmp_path: Path) -> None:
    manifest, photo = archive(tmp_path)
    first = run_audit(config(tmp_path, manifest))
    assert evidence(first) == []
    tagged(photo, REUTERS)
    second = run_audit(config(tmp_path, manifest))
    assert (second.checked, second.reused) == (1, 0)
    assert evidence(second) == ["photo.jpg embedded credit: REUTERS/Jane Doe (IPTC:Credit)"]


def test_a_deleted_image_checks_the_article_again(tmp_path: Path) -> None:
    manifest, photo = archive(tmp_path)
    tagged(photo, REUTERS)
    first = run_audit(config(tmp_path, manifest))
    assert len(evidence(first)) == 1
    photo.unlink()
    second = run_audit(config(tmp_path, manifest))
    assert (second.checked, second.reused) == (1, 0)
    assert evidence(second) == []


def test_a_record_from_before_image_files_were_recorded_is_not_reused(tmp_path: Path) -> None:
    """Such a record may have read an image file it does not name: it is checked once again."""
    manifest, photo = archive(tmp_path)
    tagged(photo, REUTERS)
    first = run_audit(config(tmp_path, manifest))
    db = sqlite3.connect(tmp_path / "history.sqlite")
    (stored,) = db.execute("SELECT checked_with FROM articles WHERE run_id = ?", (first.run_id,))
    old = json.loads(stored[0])
    del old["images"]
    with db:
        db.execute("UPDATE articles SET checked_with = ?", (json.dumps(old),))
    db.close()
    second = run_audit(config(tmp_path, manifest))
    assert (second.checked, second.reused) == (1, 0)


def test_a_relinked_or_refused_file_is_judged_by_where_it_resolves(tmp_path: Path) -> None:
    """A link retargeted to a file with the same bytes is a change (its path is in a finding);
    a file refused for lying outside is never read, then or when the record is checked."""
    folder = tmp_path / "site"
    folder.mkdir()
    picture(folder / "a.jpg")
    shutil.copy(folder / "a.jpg", folder / "b.jpg")
    (folder / "link.jpg").symlink_to("a.jpg")
    picture(tmp_path / "secret.jpg")
    article, _ = write_case(folder, '<img src="link.jpg"><img src="../secret.jpg">' + BODY)
    with noting_files() as looked:
        attach_embedded(load_file(article), article)
    linked, refused = looked[str(folder / "link.jpg")], looked[str(folder / "../secret.jpg")]
    assert linked[0] == str(folder / "a.jpg") and refused[1] == REFUSED
    assert unchanged(str(folder / "link.jpg"), *linked)
    assert unchanged(str(folder / "../secret.jpg"), *refused)
    (folder / "link.jpg").unlink()
    (folder / "link.jpg").symlink_to("b.jpg")
    assert not unchanged(str(folder / "link.jpg"), *linked)
