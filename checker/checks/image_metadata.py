"""`image-metadata`: what the image files say of their credit, against what the page shows.

The loading step (checker.imagemeta.attach) has read each image's IPTC IIM, XMP, EXIF and
C2PA manifest, and the page's JSON-LD ImageObjects, into `Image.embedded`. This check compares:

1. the file names a creator or an agency and the page shows no visible credit (the rule's
   severity, an error in the bundled packs), quoting the embedded credit;
2. the visible credit names another agency or photographer than the file (a warning);
3. the file or its manifest marks the image as made or composited with a generative model
   (IPTC digital source type `trainedAlgorithmicMedia`, `compositeWithTrainedAlgorithmicMedia`)
   and its caption carries none of the accepted `labels` (`generated_severity`, a warning
   unless the pack asks for more);
4. a C2PA manifest fails validation: tampered after signing, or a bad signature (a warning;
   a signer missing from a trust list is not a failure);
and, at info, a file that could not be read (damaged, too large), so that a silent pass is
never mistaken for a checked one.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any

from checker.checks.base import CheckKind, Hit, Source
from checker.checks.image_credit import image_status, visible_credit
from checker.credit_vocabulary import AGENCIES
from checker.document import Document, Image
from checker.findings import Severity
from checker.imagemeta.model import Embedded
from checker.lazy_pattern import LazyPattern
from checker.loaders.credits import credit_in
from checker.patterns import search_any
from checker.text import shorten

FINDINGS = ("uncredited", "contradicts", "generated", "c2pa-invalid", "unreadable")
# IPTC's NewsCodes, and schema.org's names for the same two (on a page's ImageObject).
GENERATED_TYPES = (
    "trainedAlgorithmicMedia",
    "compositeWithTrainedAlgorithmicMedia",
    "TrainedAlgorithmicMediaDigitalSource",
    "CompositeWithTrainedAlgorithmicMediaDigitalSource",
)
DEFAULT_LABELS = [
    r"(?i)\bAI[- ]generated\b",
    r"(?i)\b(?:generated|created|made|produced|composited)\s+(?:with|by|using)\s+(?:an?\s+)?"
    r"(?:AI|artificial\s+intelligence|generative|Midjourney|DALL[·-]?E|Stable\s+Diffusion"
    r"|Firefly|Imagen)",
    r"(?i)\bAI\s+(?:image|illustration|art|artwork|rendering)\b",
    r"(?i)\bsynthetic\s+image\b",
    r"(?i)\billustration\b.{0,40}\b(?:AI|artificial\s+intelligence)\b",
]
_AGENCY = LazyPattern(rf"\b(?:{AGENCIES})\b")
# Words of a credit that name no one: what is left after them is a photographer's name.
_NOT_NAMES = frozenset(
    {"photo", "photos", "photograph", "photographer", "image", "images", "picture", "credit",
     "credits", "courtesy", "of", "via", "by", "for", "the", "file", "staff", "handout",
     "illustration", "graphic", "copyright", "all", "rights", "reserved", "press", "wire",
     "agency", "photography", "and", "c"}
)  # fmt: skip
_WORD = LazyPattern(r"[^\W\d_][\w'’.-]*")
_MATCH = 85
# Notes that are no problem of the file: it is not there, or the per-page cap was reached.
QUIET_NOTES = (
    "not found",
    "not read: only the first",
)  # rapidfuzz partial ratio at which two spellings of a name are the same name


def agencies(text: str) -> set[str]:
    """The agencies a credit names, as keys: "REUTERS" and "Reuters" are both "reuters".

    The agency list is the credit vocabulary's (checker.credit_vocabulary.AGENCIES); its pattern is
    case-sensitive ("AP", not "ap" in a word), so title case catches "REUTERS" and "getty".
    """
    found = set()
    for variant in (text, text.title()):
        for match in _AGENCY.finditer(variant):
            words = match.group(0).casefold().replace("-", " ").split()
            found.add("ap" if words[:2] == ["associated", "press"] else words[0])
    return found


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _names_left(text: str) -> str:
    """A credit without its agencies and label words: the photographer's name, if any."""
    text = _AGENCY.sub(" ", text)
    words = [w for w in _WORD.findall(text) if _fold(w).strip(".") not in _NOT_NAMES]
    words = [w for w in words if not agencies(w)]
    return " ".join(w for w in words if len(w) > 1 and w[0].isupper())


def _same_name(name: str, texts: tuple[str, ...]) -> bool:
    from rapidfuzz import fuzz  # only when an image file holds a credit (start-up, issue 14)

    folded = _fold(name)
    return any(fuzz.partial_ratio(folded, _fold(text)) >= _MATCH for text in texts)


def contradiction(shown: str, embedded: Embedded) -> str:
    """How the visible credit contradicts the file's, in words; "" when it does not."""
    credits = tuple(f.value for f in embedded.credits)
    if not credits:
        return ""
    shown_agencies = agencies(shown)
    file_agencies = set().union(*(agencies(text) for text in credits))
    if shown_agencies and file_agencies and not shown_agencies & file_agencies:
        return "another agency"
    name = _names_left(shown)
    creators = embedded.values("creator")
    if name and creators and not _same_name(name, credits):
        return "another photographer"
    return ""


def _embedded_credit(embedded: Embedded) -> str:
    return "; ".join(f.describe() for f in embedded.credits[:4])


def generated_by(embedded: Embedded) -> str:
    """What marks the image as generated ("trainedAlgorithmicMedia (XMP-iptcExt:...)"), or ""."""
    for field in embedded.fields:
        if (
            field.name == "digital_source_type"
            and field.value.rstrip("/").rsplit("/", 1)[-1] in GENERATED_TYPES
        ):
            return f"{field.value.rsplit('/', 1)[-1]} ({field.tag})"
    return ""


def _labelled(image: Image, labels: list[str]) -> bool:
    caption = image.caption if image.caption_visible else ""
    return search_any(labels, f"{caption}\n{image.credit}")


def run(article: Document, source: Source, params: Mapping[str, Any]) -> Iterator[Hit]:
    for image in article.images:
        status = image_status(image, article)
        if image.embedded is None or status in ("outside body", "tracking pixel"):
            continue
        for detail, evidence, at_most in _problems(image, image.embedded, status, params):
            yield Hit(
                detail,
                image.line,
                image.column,
                shorten(evidence, 300),
                {"src": image.src},
                at_most=at_most,
            )


def _problems(
    image: Image, embedded: Embedded, status: str, params: Mapping[str, Any]
) -> Iterator[tuple[str, str, Severity | None]]:
    """(detail, evidence, at most this severity) for each of the findings the rule reports."""
    wanted = set(params["report"])
    credit = _embedded_credit(embedded)
    shown = visible_credit(image)
    if "uncredited" in wanted and credit and status == "uncredited":
        yield (
            "the image file names its creator or agency, but the page shows no credit",
            f"{image.src} embedded credit: {credit}",
            None,
        )
    if "contradicts" in wanted and credit and shown and not image.exempt:
        how = contradiction(credit_in(shown) or shown, embedded)
        if how:
            yield (
                f'the visible credit "{shorten(shown, 80)}" names {how} than the file does',
                f"{image.src} page: {shown} | file: {credit}",
                Severity.WARNING,
            )
    marked = generated_by(embedded)
    labels = [str(label) for label in params["labels"]]
    if "generated" in wanted and marked and not _labelled(image, labels):
        yield (
            "the image is marked as made with a generative model, and its caption does not say so",
            f"{image.src} marked: {marked}",
            Severity.parse(str(params["generated_severity"])),
        )
    c2pa = embedded.c2pa
    if "c2pa-invalid" in wanted and c2pa is not None and c2pa.failed:
        yield (
            f"the image's C2PA Content Credentials fail validation ({c2pa.state})",
            f"{image.src} c2pa: {', '.join(c2pa.codes) or c2pa.state}",
            Severity.WARNING,
        )
    problems = [note for note in embedded.notes if not note.startswith(QUIET_NOTES)]
    if "unreadable" in wanted and problems and not image.exempt:
        yield (
            f"the image file's embedded credits could not be read: {problems[0]}",
            f"{embedded.file}: {'; '.join(problems)}",
            Severity.INFO,
        )


def _validate(params: Mapping[str, Any]) -> None:
    unknown = set(params["report"]) - set(FINDINGS)
    if unknown:
        known = ", ".join(FINDINGS)
        raise ValueError(f"report: unknown {', '.join(sorted(unknown))}; known: {known}")
    if str(params["generated_severity"]).lower() not in ("error", "warning", "info"):
        raise ValueError("generated_severity must be error, warning or info")


CHECK = CheckKind(
    name="image-metadata",
    run=run,
    description=(
        "The credits inside the image files (IPTC, XMP, EXIF, C2PA) and the page's JSON-LD "
        "agree with what the page shows."
    ),
    defaults={
        "report": list(FINDINGS),
        "labels": DEFAULT_LABELS,
        "generated_severity": "warning",
    },
    regex_params=frozenset({"labels"}),
    validate=_validate,
)
