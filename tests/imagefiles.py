"""Test images made at test time: Pillow draws a tiny picture, exiftool writes its metadata,
c2pa-python signs it with a throwaway certificate chain made here. Nothing is downloaded.

exiftool is Debian's `libimage-exiftool-perl`; `.ci/run` installs it when it is missing.
"""

from __future__ import annotations

import datetime
import functools
import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

EXIFTOOL = shutil.which("exiftool")
needs_exiftool = pytest.mark.skipif(
    EXIFTOOL is None, reason="exiftool missing: apt-get install libimage-exiftool-perl"
)
GENERATED = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
CAPTURE = "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture"


def picture(path: Path, color: str = "steelblue") -> Path:
    """A tiny image in the format the file name says (JPEG, PNG, TIFF, WebP)."""
    Image.new("RGB", (24, 16), color).save(path)
    return path


def tiff_picture(path: Path, order: str) -> Path:
    """A tiny TIFF in Intel ("II") or Motorola ("MM") byte order: Pillow writes RGB in II, and
    MM only for its 16-bit big-endian grey mode."""
    if order == "II":
        return picture(path)
    Image.new("I;16B", (24, 16), 1000).save(path, "TIFF")
    return path


def exiftool_write(path: Path, *assignments: str, args: tuple[str, ...] = ()) -> Path:
    """Write tags with exiftool: `exiftool_write(p, "-IPTC:Credit=AP")`."""
    assert EXIFTOOL is not None
    command = [EXIFTOOL, "-q", "-overwrite_original", *args, *assignments, str(path)]
    subprocess.run(command, check=True, capture_output=True, timeout=60)
    return path


def exiftool_read(path: Path) -> dict[str, Any]:
    """What `exiftool -j -G1` reads from the file."""
    assert EXIFTOOL is not None
    command = [EXIFTOOL, "-j", "-G1", str(path)]
    out = subprocess.run(command, check=True, capture_output=True, timeout=60).stdout
    data: dict[str, Any] = json.loads(out)[0]
    return data


def tagged(path: Path, *assignments: str, args: tuple[str, ...] = ()) -> Path:
    """A tiny picture at `path` carrying the given exiftool assignments."""
    return exiftool_write(picture(path), *assignments, args=args)


@functools.cache
def signing_chain() -> tuple[bytes, bytes]:
    """(certificate chain PEM, private key PEM): an ES256 signer under a throwaway root.

    C2PA refuses a self-signed end-entity certificate: the signer is issued by a root made
    here, with digitalSignature use and the emailProtection purpose c2pa accepts.
    """
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = datetime.datetime.now(datetime.UTC)

    def name(common: str) -> x509.Name:
        return x509.Name(
            [
                x509.NameAttribute(NameOID.COMMON_NAME, common),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, "syndicheck tests"),
            ]
        )

    def usage(signer: bool) -> x509.KeyUsage:
        return x509.KeyUsage(
            digital_signature=True, content_commitment=False, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=not signer,
            crl_sign=not signer, encipher_only=False, decipher_only=False,
        )  # fmt: skip

    root_key = ec.generate_private_key(ec.SECP256R1())
    root = (
        x509.CertificateBuilder()
        .subject_name(name("Test Root"))
        .issuer_name(name("Test Root"))
        .public_key(root_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(usage(False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), False)
        .sign(root_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = (
        x509.CertificateBuilder()
        .subject_name(name("Test Signer"))
        .issuer_name(root.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage(True), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), False
        )
        .sign(root_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    chain = leaf.public_bytes(pem) + root.public_bytes(pem)
    private = key.private_bytes(
        pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return chain, private


def c2pa_signed(
    *, source_type: str = "", author: str = "", generator: str = "syndicheck-tests"
) -> bytes:
    """A tiny JPEG signed with a C2PA manifest: one `c2pa.created` action, an optional author."""
    import c2pa

    plain = io.BytesIO()
    Image.new("RGB", (24, 16), "orange").save(plain, "JPEG")
    plain.seek(0)
    # c2pa requires a source type on `c2pa.created`: a camera's, unless the test says otherwise.
    action = {"action": "c2pa.created", "digitalSourceType": source_type or CAPTURE}
    assertions: list[dict[str, Any]] = [{"label": "c2pa.actions", "data": {"actions": [action]}}]
    if author:
        work = {"@context": "https://schema.org", "@type": "CreativeWork",
                "author": [{"@type": "Person", "name": author}]}  # fmt: skip
        assertions.append({"label": "stds.schema-org.CreativeWork", "data": work})
    manifest = {
        "claim_generator_info": [{"name": generator, "version": "1.0"}],
        "title": "picture.jpg",
        "assertions": assertions,
    }
    chain, key = signing_chain()
    info = c2pa.C2paSignerInfo(c2pa.C2paSigningAlg.ES256, chain, key, None)
    signed = io.BytesIO()
    with c2pa.Signer.from_info(info) as signer, c2pa.Builder(manifest) as builder:
        builder.sign(signer, "image/jpeg", plain, signed)
    return signed.getvalue()


def tampered(data: bytes) -> bytes:
    """The signed image with one byte of its picture data changed after signing."""
    changed = bytearray(data)
    changed[-10] ^= 0xFF  # inside the entropy-coded scan, before the EOI marker
    return bytes(changed)
