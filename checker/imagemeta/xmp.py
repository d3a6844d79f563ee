"""XMP packets (a JPEG's APP1, a PNG's iTXt `XML:com.adobe.xmp`, a WebP's XMP chunk).

Pillow hands over the packet; defusedxml parses it (no entities, no external references), after
a size check, so that a 50 MB packet is one note rather than a long parse. A property may be
written as an element or, in RDF's short form, as an attribute of `rdf:Description`; lists are
`rdf:Seq`/`rdf:Bag` and language alternatives `rdf:Alt` (every `rdf:li` is kept, as exiftool
lists them).
"""

from __future__ import annotations

from collections.abc import Iterator
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from checker.imagemeta.model import EmbeddedField

MAX_PACKET = 2_000_000  # bytes; real packets are a few kB, Photoshop's largest a few hundred

_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_PHOTOSHOP = "{http://ns.adobe.com/photoshop/1.0/}"
_RIGHTS = "{http://ns.adobe.com/xap/1.0/rights/}"
_PLUS = "{http://ns.useplus.org/ldf/xmp/1.0/}"
_EXT = "{http://iptc.org/std/Iptc4xmpExt/2008-02-29/}"

# (namespace + property) -> (field, exiftool -G1 tag)
_PROPERTIES = {
    _DC + "creator": ("creator", "XMP-dc:Creator"),
    _PHOTOSHOP + "Credit": ("credit", "XMP-photoshop:Credit"),
    _DC + "rights": ("copyright", "XMP-dc:Rights"),
    _PHOTOSHOP + "Source": ("source", "XMP-photoshop:Source"),
    _RIGHTS + "WebStatement": ("web_statement", "XMP-xmpRights:WebStatement"),
    _RIGHTS + "UsageTerms": ("usage_terms", "XMP-xmpRights:UsageTerms"),
    _EXT + "DigitalSourceType": ("digital_source_type", "XMP-iptcExt:DigitalSourceType"),
}
# plus:Licensor is a list of structures; exiftool flattens their URLs into one tag.
_LICENSOR = _PLUS + "Licensor"
_LICENSOR_URL = _PLUS + "LicensorURL"


def read_xmp(packet: bytes | str) -> tuple[list[EmbeddedField], list[str]]:
    """The credit fields of one XMP packet, and notes on what could not be read."""
    data = packet.encode("utf-8") if isinstance(packet, str) else packet
    if len(data) > MAX_PACKET:
        return [], [
            f"XMP packet of {len(data):,} bytes, over the {MAX_PACKET:,}-byte limit: not read"
        ]
    # The packet wrapper's processing instructions and padding are fine for the parser; a
    # trailing NUL (some writers add one) is not.
    data = data.strip(b"\x00 \r\n\t")
    try:
        root = fromstring(data, forbid_dtd=True)
    except (ParseError, DefusedXmlException, ValueError) as error:
        return [], [f"malformed XMP packet: {error}"]
    fields: list[EmbeddedField] = []
    for description in root.iter(_RDF + "Description"):
        for key, value in description.attrib.items():
            if key in _PROPERTIES and value.strip():
                name, tag = _PROPERTIES[key]
                fields.append(EmbeddedField(name, value.strip(), "XMP", tag))
        for child in description:
            if child.tag in _PROPERTIES:
                name, tag = _PROPERTIES[child.tag]
                fields += [EmbeddedField(name, v, "XMP", tag) for v in _values(child)]
            elif child.tag == _LICENSOR:
                fields += [
                    EmbeddedField("licensor_url", v, "XMP", "XMP-plus:LicensorURL")
                    for v in _licensor_urls(child)
                ]
    return fields, []


def _values(prop: Element) -> Iterator[str]:
    """A property's values: its text, or the items of its Seq, Bag or Alt; its rdf:resource."""
    container = next((c for c in prop if c.tag in (_RDF + "Seq", _RDF + "Bag", _RDF + "Alt")), None)
    if container is None:
        text = (prop.text or "").strip() or prop.get(_RDF + "resource", "").strip()
        if text:
            yield text
        return
    for item in container:
        if item.tag == _RDF + "li" and (text := (item.text or "").strip()):
            yield text


def _licensor_urls(prop: Element) -> Iterator[str]:
    for element in prop.iter():
        url = element.get(_LICENSOR_URL, "").strip()
        if element.tag == _LICENSOR_URL:
            url = (element.text or "").strip()
        if url:
            yield url
