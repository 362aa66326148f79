"""Attachments are sealed at rest with the identity keyring; rotation keeps old files
readable, and files stored before sealing still download."""

from __future__ import annotations

import base64
import hashlib
import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text

from apik_intake.attachments.service.sealing import (
    MAGIC,
    SealedStore,
    UnreadableAttachment,
    storage_key,
    unseal,
)
from apik_intake.attachments.service.storage import LocalDirectoryStore
from apik_shared.platform.crypto import FieldCipher
from apik_testing.services import RunningService
from tests.intake.builders import report_body

# A KTP scan stand-in: a PNG with a recognisable NIK inside.
KTP = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"NIK 1771010101900001 BUDI SANTOSO" * 20


def keyring(kid: str) -> str:
    return f"{kid}:" + base64.urlsafe_b64encode(os.urandom(32)).decode()


def files_under(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")]


async def upload(intake: RunningService, headers: dict, data: bytes, name: str) -> tuple:
    report = (
        await intake.client.post("/api/v1/intake/reports", json=report_body(), headers=headers)
    ).json()
    response = await intake.client.post(
        f"/api/v1/intake/reports/{report['id']}/attachments",
        params={"filename": name},
        content=data,
        headers={**headers, "content-type": "application/octet-stream"},
    )
    assert response.status_code == 201, response.text
    return report["id"], response.json()


async def download(intake: RunningService, headers: dict, report_id: str, attachment: dict):
    return await intake.client.get(
        f"/api/v1/intake/reports/{report_id}/attachments/{attachment['id']}", headers=headers
    )


async def test_the_file_on_disk_holds_no_plain_content_and_downloads_plain(intake, officer):
    unique = KTP + uuid.uuid4().bytes
    report_id, attachment = await upload(intake, officer, unique, "ktp.png")
    digest = hashlib.sha256(unique).hexdigest()
    assert attachment["sha256"] == digest and attachment["size"] == len(unique)
    root = Path(intake.app.state.settings.attachments_dir)
    key = await intake.scalar(
        "SELECT storage_key FROM attachment WHERE id = :id", id=uuid.UUID(attachment["id"])
    )
    [stored] = [p for p in files_under(root) if p.name == key]
    # Named by a keyed hash, not by the checksum anyone holding the document can compute.
    assert key != digest and not any(p.name == digest for p in files_under(root))
    on_disk = stored.read_bytes()
    assert on_disk.startswith(MAGIC)
    assert b"1771010101900001" not in on_disk and b"BUDI" not in on_disk
    assert unique not in on_disk and base64.b64encode(unique)[:40] not in on_disk
    response = await download(intake, officer, report_id, attachment)
    assert response.status_code == 200 and response.content == unique
    assert response.headers["etag"] == f'"{digest}"'


async def test_a_rotated_keyring_still_opens_old_files_and_seals_new_ones_with_the_new_key(
    intake, officer
):
    old = KTP + uuid.uuid4().bytes
    report_id, before = await upload(intake, officer, old, "ktp-lama.png")
    vault: SealedStore = intake.app.state.attachments
    rotated = FieldCipher(keyring("k2") + "," + intake.app.state.settings.pii_keys)
    intake.app.state.attachments = SealedStore(vault.store, rotated, vault.name_key)
    try:
        response = await download(intake, officer, report_id, before)
        assert response.status_code == 200 and response.content == old
        new = KTP + uuid.uuid4().bytes
        _, after = await upload(intake, officer, new, "ktp-baru.png")
        key = await intake.scalar(
            "SELECT storage_key FROM attachment WHERE id = :id", id=uuid.UUID(after["id"])
        )
        blob = await vault.store.get(key)
        assert blob.startswith(MAGIC + b"k2:")
    finally:
        intake.app.state.attachments = vault


async def test_a_file_stored_before_sealing_still_downloads(intake, officer):
    """Rows from before migration 0014 have no storage_key: plain bytes under the SHA-256."""
    legacy = b"%PDF-1.4\n% surat kuasa lama\n" + uuid.uuid4().hex.encode() + b"\n%%EOF\n"
    digest = hashlib.sha256(legacy).hexdigest()
    report = (
        await intake.client.post("/api/v1/intake/reports", json=report_body(), headers=officer)
    ).json()
    vault: SealedStore = intake.app.state.attachments
    await vault.store.put(digest, legacy)
    attachment_id = uuid.uuid4()
    async with intake.app.state.database.sessions() as session, session.begin():
        await session.execute(
            text(
                "INSERT INTO attachment (id, report_id, filename, media_type, size, sha256,"
                " uploaded_by) VALUES (:id, :report, 'kuasa.pdf', 'application/pdf', :size,"
                " :sha, 'petugas')"
            ),
            {
                "id": attachment_id,
                "report": uuid.UUID(report["id"]),
                "size": len(legacy),
                "sha": digest,
            },
        )
    response = await download(intake, officer, report["id"], {"id": str(attachment_id)})
    assert response.status_code == 200 and response.content == legacy


async def test_sealed_files_open_only_with_their_keys_and_for_their_own_checksum(
    tmp_path: Path,
):
    store = LocalDirectoryStore(tmp_path)
    old_keys = keyring("k1")
    first = FieldCipher(old_keys)
    name_key = b"n" * 32
    vault = SealedStore(store, first, name_key)
    digest = hashlib.sha256(KTP).hexdigest()
    key = await vault.put(sha256=digest, data=KTP)
    assert key == storage_key(name_key, digest)
    assert await vault.get(sha256=digest, key=key) == KTP
    blob = await store.get(key)
    # Moved under another checksum, the file does not open (the checksum is bound to it).
    with pytest.raises(UnreadableAttachment):
        unseal(first, blob, hashlib.sha256(b"other").hexdigest())
    # A keyring that lost the old key cannot open it; one that kept it can.
    with pytest.raises(UnreadableAttachment):
        await SealedStore(store, FieldCipher(keyring("k2")), name_key).get(sha256=digest, key=key)
    rotated = FieldCipher(keyring("k2") + "," + old_keys)
    assert await SealedStore(store, rotated, name_key).get(sha256=digest, key=key) == KTP
