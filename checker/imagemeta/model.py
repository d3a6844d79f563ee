"""What an image file (or the page's JSON-LD about it) says of its credit, field by field.

Plain frozen records, so that they ride on `Image.embedded` like the rest of the Document. Each
field keeps where it came from (the container and the tag, named as `exiftool -G1` names it),
so that a finding can quote "REUTERS/Jane Doe (IIM Credit)" and a reader can check it.
"""

from __future__ import annotations

from dataclasses import dataclass

# The fields syndicheck reads, in the order reports list them.
FIELD_NAMES = (
    "creator",
    "credit",
    "copyright",
    "source",
    "web_statement",
    "licensor_url",
    "usage_terms",
    "digital_source_type",
)
# Fields that name who made or owns the picture: a credit the page should show.
CREDIT_FIELDS = ("credit", "creator", "copyright", "source")
ORIGINS = ("IIM", "XMP", "EXIF", "C2PA", "JSON-LD")


@dataclass(frozen=True)
class EmbeddedField:
    name: str  # one of FIELD_NAMES
    value: str
    origin: str  # one of ORIGINS
    tag: str  # "IPTC:Credit", "XMP-photoshop:Credit", "IFD0:Artist", "c2pa:author", ...

    def describe(self) -> str:
        return f"{self.value} ({self.tag})"


@dataclass(frozen=True)
class C2paInfo:
    """The active manifest of a C2PA store (Content Credentials) and its validation."""

    # "valid" (trusted signer), "untrusted signer" (signature good, signer not on a trust
    # list: every self-made certificate), "tampered" (the image or an assertion changed after
    # signing), "invalid signature" (the claim's signature or certificate fails).
    state: str
    claim_generator: str = ""
    authors: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()  # "c2pa.created", "c2pa.edited", ...
    source_types: tuple[str, ...] = ()  # the actions' digitalSourceType URIs
    codes: tuple[
        str, ...
    ] = ()  # the failure codes of the validation, e.g. "assertion.dataHash.mismatch"

    @property
    def failed(self) -> bool:
        return self.state in ("tampered", "invalid signature")


@dataclass(frozen=True)
class Embedded:
    """What was read for one image: its fields, its C2PA manifest, and what could not be read."""

    file: str = ""  # the path or URL read; "" when only the page's JSON-LD spoke
    fields: tuple[EmbeddedField, ...] = ()
    c2pa: C2paInfo | None = None
    # Why something was not read ("not found", "XMP packet of 52,428,800 bytes, over ..."),
    # one line each, for `extract` and as an info finding.
    notes: tuple[str, ...] = ()

    def values(self, name: str) -> tuple[str, ...]:
        """The distinct values of one field, in reading order (IIM, XMP, EXIF, C2PA, JSON-LD)."""
        return tuple(dict.fromkeys(f.value for f in self.fields if f.name == name))

    def first(self, *names: str) -> EmbeddedField | None:
        return next((f for name in names for f in self.fields if f.name == name), None)

    @property
    def credits(self) -> tuple[EmbeddedField, ...]:
        return tuple(f for name in CREDIT_FIELDS for f in self.fields if f.name == name)
