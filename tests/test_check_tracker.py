from __future__ import annotations

import pytest

from checker.checks import get_check
from checker.checks.base import Source
from checker.document import Block, Document, Image, Metadata

TC = "https://theconversation.com/why-heat-waves-are-lasting-longer-241876"
CM = "https://calmatters.org/environment/2025/04/wildfire-maps/"


def page(
    *,
    scripts: tuple[str, ...] = (),
    pixels: tuple[str, ...] = (),
    images: tuple[str, ...] = (),
    front: dict[str, str] | None = None,
    post_id: str = "",
) -> Document:
    return Document(
        "a.html", "html", "T", (Block("p", "Text.", 0, 3, 1),),
        images=tuple(Image(src=src) for src in images),
        metadata=Metadata(scripts=scripts, tracking_pixels=pixels, front_matter=front or {}, post_id=post_id),
    )  # fmt: skip


def details(doc: Document, kind: str, url: str, source_doc: Document | None = None) -> list[str]:
    check = get_check("tracker")
    assert check is not None
    source = Source(document=source_doc, url=url, url_from="command line")
    return [hit.detail for hit in check.run(doc, source, {"kind": kind})]


@pytest.mark.parametrize(
    "src",
    ["https://pixel.propublica.org/pixel.js", "http://pixel.propublica.org/pixel.js"],
)
def test_propublica_pixel_js(src: str) -> None:
    assert details(page(scripts=(src,)), "propublica", "") == []


def test_propublica_pixel_missing_or_changed() -> None:
    assert details(page(), "propublica", "") == [
        "no ProPublica PixelPing script (https://pixel.propublica.org/pixel.js)"
    ]
    changed = page(pixels=("https://pixel.propublica.org/pixel.gif?key=x",))
    assert details(changed, "propublica", "") == [
        "the ProPublica tracker was changed: "
        "https://pixel.propublica.org/pixel.gif?key=x is not pixel.js"
    ]


def counter(article_id: str) -> str:
    return f"https://counter.theconversation.com/content/{article_id}/count.gif?distributor=republish-lightbox-basic"


def test_the_conversation_counter_for_the_article_id() -> None:
    assert details(page(pixels=(counter("241876"),)), "the-conversation", TC) == []
    assert details(page(images=(counter("241876"),)), "the-conversation", TC) == []
    (wrong,) = details(page(pixels=(counter("239001"),)), "the-conversation", TC)
    assert wrong == "the page counter counts article 239001, not the original (241876)"
    # Without the original's URL only the counter's presence can be checked.
    assert details(page(pixels=(counter("239001"),)), "the-conversation", "") == []


def rtt(post: str, origin: str = "https://calmatters.org") -> str:
    return f"{origin}/?republication-pixel=true&post={post}&ga4=G-D2QGVLF6RX"


def test_tracker_tool_pixel_reports_to_the_original_site_for_its_post() -> None:
    source = page(post_id="412345")
    assert details(page(pixels=(rtt("412345"),)), "republication-tracker-tool", CM, source) == []
    (wrong,) = details(page(pixels=(rtt("409876"),)), "republication-tracker-tool", CM, source)
    assert wrong == "the tracking pixel counts post 409876, not the original (post 412345)"
    (site,) = details(
        page(pixels=(rtt("412345", "https://example.org"),)), "republication-tracker-tool", CM
    )
    assert site == "the tracking pixel reports to example.org, not to calmatters.org"


def test_tracker_tool_post_id_from_front_matter_or_url() -> None:
    tool = "republication-tracker-tool"
    # The front matter's source_post_id names the post, ahead of the source page's own.
    front = page(pixels=(rtt("1"),), front={"source_post_id": "2"})
    assert details(front, tool, CM, page(post_id="1")) == [
        "the tracking pixel counts post 1, not the original (post 2)"
    ]
    assert details(page(pixels=(rtt("2"),), front={"source_post_id": "2"}), tool, CM) == []
    # Else a WordPress ?p= in the original's URL does.
    by_url = "https://calmatters.org/?p=8"
    assert details(page(pixels=(rtt("7"),)), tool, by_url) == [
        "the tracking pixel counts post 7, not the original (post 8)"
    ]
    assert details(page(pixels=(rtt("8"),)), tool, by_url) == []
    assert details(page(), tool, CM) == [
        "no Republication Tracker Tool pixel (img#republication-tracker-tool-source)"
    ]
