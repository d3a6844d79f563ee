"""Images and links outside the body: built when first read, the same as if built at once."""

from __future__ import annotations

import copy
import pickle
import threading
from dataclasses import replace

from checker.document import Document, Image, Link, changed
from checker.loaders import load_document
from checker.loaders import outside as outside_module
from checker.loaders.outside import Deferred

PAGE = """<html><head><title>T</title></head><body>
<nav><a href="/home">Home</a> <a href="/news">News</a><img src="/logo-wide.png" alt="x"></nav>
<article><h1>Headline</h1>
<p>First paragraph of the story, long enough to be the body of this article. <a href="https://example.org/original">the original</a></p>
<figure><img src="/photo.jpg"><figcaption>A photo. Photo: Jane Doe/Agency</figcaption></figure>
<p>Second paragraph of the story, with more words in it than the navigation has.</p>
</article>
<aside><a href="/related">Related story</a><img src="/teaser.jpg"></aside>
<footer><a href="/about">About</a></footer>
</body></html>
"""


def _unbuilt(document: Document, name: str) -> bool:
    value = document.__dict__[name]
    return isinstance(value, Deferred) and value.pending


def test_body_records_are_read_without_building_the_rest() -> None:
    document = load_document(PAGE, kind="html")
    body_links, body_images = document.body_links, document.body_images
    assert _unbuilt(document, "links") and _unbuilt(document, "images")
    assert [link.href for link in body_links] == ["https://example.org/original"]
    assert [image.src for image in body_images] == ["/photo.jpg"]
    # Built on first read: every record in document order, the body's among them.
    links = document.links
    assert not _unbuilt(document, "links")
    assert [link.href for link in links] == [
        "/home", "/news", "https://example.org/original", "/related", "/about",
    ]  # fmt: skip
    assert [link.in_body for link in links] == [False, False, True, False, False]
    assert tuple(link for link in links if link.in_body) == body_links == document.body_links
    images = document.images
    assert [(image.src, image.in_body) for image in images] == [
        ("/logo-wide.png", False), ("/photo.jpg", True), ("/teaser.jpg", False),
    ]  # fmt: skip
    assert tuple(image for image in images if image.in_body) == body_images


def test_a_document_built_later_equals_one_built_at_once() -> None:
    later = load_document(PAGE, kind="html")
    now = load_document(PAGE, kind="html")
    now.links, now.images  # noqa: B018 - read: built now
    assert _unbuilt(later, "links")
    assert later == now  # compared field by field, which builds them
    assert not _unbuilt(later, "links")


def test_copies_stand_alone() -> None:
    document = load_document(PAGE, kind="html")
    restored = pickle.loads(pickle.dumps(document))
    assert not _unbuilt(restored, "links") and not _unbuilt(restored, "images")
    assert restored == document
    assert copy.deepcopy(load_document(PAGE, kind="html")) == document
    assert replace(load_document(PAGE, kind="html"), title="x").links == document.links


def test_changed_leaves_the_other_records_unbuilt() -> None:
    document = load_document(PAGE, kind="html")
    images = tuple(replace(image, alt="changed") for image in document.images)
    updated = changed(document, images=images)
    assert updated.images == images
    assert _unbuilt(updated, "links")
    assert updated.links == document.links and updated.title == document.title


def test_documents_built_by_hand_keep_their_tuples() -> None:
    link = Link(href="/a", url="", in_body=False)
    image = Image(src="/b.jpg")
    document = Document(path="p", kind="html", title="", blocks=(), images=(image,), links=(link,))
    assert document.links == (link,) and document.body_links == ()
    assert document.images == (image,) and document.body_images == (image,)
    assert Document(path="p", kind="text", title="", blocks=()).links == ()


def test_only_the_most_recent_wait_with_their_page() -> None:
    """A run of many articles keeps their documents: older ones build and let the page go."""
    kept = outside_module.KEPT
    documents = [load_document(PAGE, kind="html") for _ in range(kept)]
    assert all(_unbuilt(document, "links") for document in documents[-kept // 2 :])
    more = [load_document(PAGE, kind="html") for _ in range(kept // 2)]
    # Each document waits with two record sets: the first ones loaded were built.
    assert not _unbuilt(documents[0], "links") and not _unbuilt(documents[0], "images")
    assert _unbuilt(more[-1], "links")
    assert documents[0].links == more[-1].links


def test_a_thread_builds_only_the_pages_it_parsed() -> None:
    mine = load_document(PAGE, kind="html")
    theirs: list[Document] = []

    def load_many() -> None:
        theirs.extend(load_document(PAGE, kind="html") for _ in range(outside_module.KEPT + 4))

    thread = threading.Thread(target=load_many)
    thread.start()
    thread.join()
    assert _unbuilt(mine, "links")
    assert not _unbuilt(theirs[0], "links")  # built in its own thread, past the limit
    assert mine.links == theirs[0].links


LEAD_PAGE = """<html><head><title>Headline</title>
<meta property="og:image" content="https://ex.org/lead.jpg"></head><body>
<nav><a href="/home">Home</a><img src="/logo-wide.png" alt="x"></nav>
<header><h1>Headline</h1><figure><img src="https://ex.org/lead.jpg">
<figcaption>Lead. Photo: A B/Agency</figcaption></figure></header>
<article>
<p>First paragraph of the story, long enough to be the body of this article, with more words.</p>
<figure><img src="/photo.jpg"><figcaption>A photo. Photo: Jane Doe/Agency</figcaption></figure>
<p>Second paragraph of the story, with more words in it than the navigation has.</p>
</article>
<aside><a href="/related">Related story</a><img src="/teaser.jpg"></aside>
</body></html>
"""


def test_lead_images_are_found_when_the_images_are_first_read() -> None:
    # The lead photo sits above the body: a body image, found on first read of the images
    # (a source's never are), whichever is read first, and never counted outside as well.
    whole_first = load_document(LEAD_PAGE, kind="html")
    assert _unbuilt(whole_first, "images")
    assert [(image.src, image.in_body) for image in whole_first.images] == [
        ("/logo-wide.png", False), ("https://ex.org/lead.jpg", True), ("/photo.jpg", True),
        ("/teaser.jpg", False),
    ]  # fmt: skip
    body_first = load_document(LEAD_PAGE, kind="html")
    assert [image.src for image in body_first.body_images] == [
        "https://ex.org/lead.jpg", "/photo.jpg",
    ]  # fmt: skip
    assert _unbuilt(body_first, "images")
    assert body_first == whole_first
