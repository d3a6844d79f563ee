"""C2PA manifests (Content Credentials), read with c2pa-python when it is installed.

c2pa-python is an optional extra (`pip install 'syndicheck[c2pa]'`): its wheel is 16 MB and
its native library 53 MB installed, and it brings requests and cryptography. Without it, a file
that carries a manifest gets a note saying so, finding 4 (a manifest that fails validation)
cannot fire, and finding 3 (generated images) rests on IPTC's digital source type alone.

The reader is told not to fetch remote manifests nor OCSP answers: nothing leaves the machine
for a local file. No trust list is loaded, so a good signature by a certificate nobody vouches
for reads "untrusted signer"; only a failed hash or signature counts as a failure.
"""

from __future__ import annotations

import io
import json
from typing import Any

from checker.imagemeta.model import C2paInfo

_SETTINGS = {"verify": {"remote_manifest_fetch": False, "ocsp_fetch": False}}
# JUMBF boxes labelled "c2pa" are how a manifest store sits in JPEG (APP11), PNG (caBX) and
# the rest: enough to tell "there is a manifest" without the library.
_MARK = b"jumb"
_LABEL = b"c2pa"
_TAMPERED = ("dataHash.mismatch", "bmffHash.mismatch", "boxesHash.mismatch", "hashedURI.mismatch",
             "collectionHash.mismatch", "assertion.missing", "assertion.cbor.invalid")  # fmt: skip


def available() -> bool:
    try:
        import c2pa  # noqa: F401
    except (ImportError, OSError):  # OSError: the wheel's native library cannot load
        return False
    return True


def has_manifest(data: bytes) -> bool:
    at = data.find(_MARK)
    return at >= 0 and _LABEL in data[at : at + 64]


def read_manifest(
    data: bytes, mime: str, present: bool | None = None
) -> tuple[C2paInfo | None, list[str]]:
    """The active manifest and its validation state; (None, []) when the file carries none.

    `present`: whether the container's headers hold a manifest, when the caller knows (a
    JPEG's APP11 segments); None scans the bytes.
    """
    if not (has_manifest(data) if present is None else present):
        return None, []
    try:
        import c2pa
    except (ImportError, OSError):
        return None, ["a C2PA manifest is present but not read: install syndicheck[c2pa]"]
    try:
        context = c2pa.Context.from_dict(_SETTINGS)
        reader = c2pa.Reader.try_create(mime, io.BytesIO(data), None, context)
        if reader is None:
            return None, []
        with reader:
            store = json.loads(reader.json())
    except (c2pa.C2paError, ValueError, OSError) as error:
        return None, [f"C2PA manifest cannot be read: {' '.join(str(error).split())[:200]}"]
    return _info(store), []


def _info(store: dict[str, Any]) -> C2paInfo:
    manifest = store.get("manifests", {}).get(store.get("active_manifest", ""), {})
    codes = [str(s.get("code", "")) for s in store.get("validation_status", []) or []]
    results = (store.get("validation_results") or {}).get("activeManifest") or {}
    codes += [str(s.get("code", "")) for s in results.get("failure", []) or []]
    codes = list(dict.fromkeys(c for c in codes if c))
    actions: list[str] = []
    source_types: list[str] = []
    authors: list[str] = []
    for assertion in manifest.get("assertions", []) or []:
        label = str(assertion.get("label", ""))
        data = assertion.get("data") or {}
        if label.startswith("c2pa.actions"):
            for action in data.get("actions", []) or []:
                actions.append(str(action.get("action", "")))
                if action.get("digitalSourceType"):
                    source_types.append(str(action["digitalSourceType"]))
        elif label in ("stds.schema-org.CreativeWork", "cawg.metadata"):
            authors += _names(data.get("author") or data.get("creator"))
    return C2paInfo(
        state=_state(codes, str(store.get("validation_state", ""))),
        claim_generator=_generator(manifest),
        authors=tuple(dict.fromkeys(authors)),
        actions=tuple(dict.fromkeys(a for a in actions if a)),
        source_types=tuple(dict.fromkeys(source_types)),
        codes=tuple(c for c in codes if c != "signingCredential.untrusted"),
    )


def _state(codes: list[str], validation_state: str) -> str:
    if any(c.endswith(t) or t in c for c in codes for t in _TAMPERED):
        return "tampered"
    failures = [c for c in codes if c != "signingCredential.untrusted"]
    if failures or validation_state.lower() == "invalid":
        return "invalid signature"
    if "signingCredential.untrusted" in codes:
        return "untrusted signer"
    return "valid"


def _generator(manifest: dict[str, Any]) -> str:
    info = manifest.get("claim_generator_info") or []
    if info and isinstance(info[0], dict):
        name, version = str(info[0].get("name", "")), str(info[0].get("version", ""))
        return f"{name} {version}".strip()
    return str(manifest.get("claim_generator", ""))


def _names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        if isinstance(item, dict) and item.get("name"):
            names.append(str(item["name"]))
        elif isinstance(item, str) and item.strip():
            names.append(item.strip())
    return names
