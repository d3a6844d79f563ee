"""`syndicheck extract` shows every field of the Document, in both formats.

Each field of each record gets a value of its own below; a field added to the model without a
value here fails the first test, and one the renderers leave out fails the others.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from checker.document import Block, Document, Image, Link, Metadata, Suppression
from checker.document_dict import document_to_dict
from checker.report.document_text import render

BLOCK = Block(kind="p", text="block-text-7431", start=0, line=3, column=5)
IMAGE = Image(
    src="https://img.example/image-src-1.jpg",
    alt="image-alt-2",
    title="image-title-3",
    caption="image-caption-4",
    credit="image-credit-5",
    caption_visible=False,
    in_body=False,
    line=11,
    column=12,
    exempt="image-exempt-6",
)
LINK = Link(
    href="/link-href-1",
    url="https://example.org/link-url-2",
    text="link-text-3",
    rel=("link-rel-4",),
    in_body=False,
    line=21,
    column=22,
)
METADATA = Metadata(
    title="meta-title-1",
    authors=("meta-author-2",),
    published="meta-published-3",
    modified="meta-modified-4",
    canonical="https://example.org/meta-canonical-5",
    robots="meta-robots-6",
    url="https://example.org/meta-url-7",
    site_name="meta-site-8",
    language="meta-language-9",
    og={"og-key-10": "og-value-11"},
    json_ld=({"@type": "json-ld-12"},),
    licence_links=("https://example.org/meta-licence-13",),
    tracking_pixels=("https://example.org/meta-pixel-14",),
    front_matter={"front-key-15": "front-value-16"},
    byline="meta-byline-17",
    scripts=("https://example.org/meta-script-18.js",),
    meta_tags={"meta-tag-19": "meta-content-20"},
    post_id="meta-post-21",
)
SUPPRESSION = Suppression(rule="suppression-rule-1", reason="suppression-reason-2", line=31)
DOCUMENT = Document(
    path="doc-path-1.html",
    kind="html",
    title="doc-title-2",
    blocks=(BLOCK,),
    images=(IMAGE,),
    links=(LINK,),
    metadata=METADATA,
    encoding="doc-encoding-3",
    hidden_text=("doc-hidden-4",),
    suppressions=(SUPPRESSION,),
)
RECORDS = (BLOCK, IMAGE, LINK, METADATA, SUPPRESSION, DOCUMENT)


def _leaves(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [text for key, item in value.items() for text in (str(key), *_leaves(item))]
    if isinstance(value, tuple | list):
        return [text for item in value for text in _leaves(item)]
    return [str(value)]


def _values(record: Any) -> list[str]:
    """The distinctive text of each field of a record (its own records' fields for nested)."""
    found = []
    for item in dataclasses.fields(record):
        value = getattr(record, item.name)
        if dataclasses.is_dataclass(value) or (
            isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0])
        ):
            continue  # checked as a record of its own
        if item.name not in ("kind", "caption_visible", "in_body", "start"):
            found += _leaves(value)
    return found


def test_every_field_of_every_record_has_a_value_of_its_own_here() -> None:
    for record in RECORDS:
        defaults = type(record)(
            **{
                f.name: getattr(record, f.name)
                for f in dataclasses.fields(record)
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            }
        )
        for item in dataclasses.fields(record):
            assert getattr(record, item.name) != getattr(defaults, item.name) or (
                item.default is dataclasses.MISSING and item.default_factory is dataclasses.MISSING
            ), f"{type(record).__name__}.{item.name} needs a value of its own in this test"


def test_extract_text_shows_every_field() -> None:
    text = render(DOCUMENT)
    for record in RECORDS:
        for value in _values(record):
            assert value in text, (type(record).__name__, value)
    assert "caption visible: False" in text


def test_extract_json_holds_every_field() -> None:
    data = document_to_dict(DOCUMENT)
    json.dumps(data)  # JSON can hold it
    for record, where in (
        (BLOCK, data["blocks"][0]),
        (IMAGE, data["images"][0]),
        (LINK, data["links"][0]),
        (METADATA, data["metadata"]),
        (SUPPRESSION, data["suppressions"][0]),
        (DOCUMENT, data),
    ):
        for item in dataclasses.fields(record):
            assert item.name in where, (type(record).__name__, item.name)
    assert data["body_text"] == DOCUMENT.body_text
