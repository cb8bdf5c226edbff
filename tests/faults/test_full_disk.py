"""The disk that exports are written to fills up: the caller gets a clear 507 and nothing
half-written, and the space is given back. The disk is a 64 KiB tmpfs of the test's own."""

import os
import subprocess

import factory
import pytest
from django.test import override_settings

from customers import services
from customers.models import AuditAction, AuditEvent
from tests.factories import CustomerFactory, user_in_role

pytestmark = [pytest.mark.faults]


class TinyDisk:
    def __init__(self, path) -> None:
        self.path = path
        self.filler = path / "filler"

    def free(self) -> int:
        stat = os.statvfs(self.path)
        return stat.f_bavail * stat.f_frsize

    def fill(self, *, leave: int = 0) -> None:
        """Fill the disk, then give back about ``leave`` bytes."""
        with open(self.filler, "ab", buffering=0) as filler:
            try:
                while filler.write(b"x" * 4096):
                    pass
            except OSError:
                pass
        os.truncate(self.filler, max(0, os.path.getsize(self.filler) - leave))

    def empty(self) -> None:
        self.filler.unlink(missing_ok=True)


@pytest.fixture
def tiny_disk(tmp_path):
    mount = tmp_path / "exports"
    mount.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", str(mount)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {mounted.stderr.decode().strip()}")
    try:
        with override_settings(EXPORT_DIR=str(mount)):
            yield TinyDisk(mount)
    finally:
        subprocess.run(["umount", str(mount)], check=True)


@pytest.fixture
def many_customers(db):
    """About 30 KB of CSV: more than the disk has left."""
    rows = factory.build_batch(
        dict, 100, FACTORY_CLASS=CustomerFactory, notes=factory.Sequence("Note {}.".format)
    )
    return services.customers_bulk_upsert(rows=rows, embed=False)[0]


def exports_recorded() -> int:
    return AuditEvent.objects.filter(action=AuditAction.EXPORT).count()


def test_an_api_export_that_fills_the_disk_answers_507_serves_nothing_and_frees_the_space(
    tiny_disk, api_client, many_customers
):
    tiny_disk.fill(leave=8192)
    free = tiny_disk.free()

    response = api_client.get("/api/v1/customers/export/")

    assert response.status_code == 507
    assert response.json() == {
        "detail": "The export could not be written: the disk for exports is full. Nothing was exported; "
        "try again later, or ask an administrator to free space in EXPORT_DIR."
    }
    assert tiny_disk.free() == free  # the part written is gone
    assert sorted(os.listdir(tiny_disk.path)) == ["filler"]
    assert exports_recorded() == 0

    tiny_disk.empty()
    response = api_client.get("/api/v1/customers/export/")
    assert response.status_code == 200
    body = response.getvalue()
    assert int(response["Content-Length"]) == len(body)
    assert len(body.decode().splitlines()) == 1 + len(many_customers)
    assert exports_recorded() == 1


def test_the_search_page_and_the_audit_log_exports_answer_507_on_a_full_disk(
    tiny_disk, client, user, api_client
):
    tiny_disk.fill()
    client.force_login(user)
    response = client.get("/search/export/", {"q": "retirees in Florida"})
    assert response.status_code == 507
    assert response["Content-Type"].startswith("text/plain")
    assert "the disk for exports is full" in response.content.decode()
    assert exports_recorded() == 0  # nothing was exported, so no export is on the trail
    tiny_disk.empty()
    delivered = client.get("/search/export/", {"q": "retirees in Florida"})
    assert delivered.status_code == 200 and delivered.getvalue().startswith(b"rank,")
    assert exports_recorded() == 1
    tiny_disk.fill()

    officer = user_in_role("compliance_fay", "Compliance officers", is_staff=True)
    client.force_login(officer)
    api_client.get("/api/v1/customers/")
    event = AuditEvent.objects.latest("id")
    response = client.post(
        "/admin/customers/auditevent/", {"action": "export_csv", "_selected_action": [event.pk]}
    )
    assert response.status_code == 507
    assert "the disk for exports is full" in response.content.decode()
