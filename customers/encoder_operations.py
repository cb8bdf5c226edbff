"""Promotions, rollbacks and prunes asked for in admin, run by a worker as management commands.

The web process records the request (``EncoderOperation``, and the audit log) and, once that is
committed, sends its id to the ``embed-bulk`` queue. The worker runs ``manage.py
promote_encoder`` (or ``prune_encoders``) in a child process: the switch needs MLflow, which
neither the web process nor the workers import, and a promotion embeds the whole book, which is
the bulk workers' job. The child writes its progress and outcome into the row; the admin page
shows them. One operation at a time: a request while another is queued or running, or while a
promotion or bulk re-embedding started from the command line holds the book, is refused.
"""

import os
import subprocess
import sys
from datetime import timedelta

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from customers import audit
from customers.encoder_deployment import deployment_row, describe
from customers.models import (
    AuditAction,
    EncoderOperation,
    EncoderOperationKind,
    EncoderOperationStatus,
    EncoderVersion,
)
from customers.services import bulk_embedding_running

# A running operation whose child has written nothing for this long while nothing holds the
# book's lock has lost its process (a worker killed with it): it no longer blocks new requests.
ABANDONED_AFTER = timedelta(minutes=2)
MESSAGE_TAIL = 4000
_AUDIT_ACTIONS = {
    EncoderOperationKind.PROMOTE: AuditAction.PROMOTE_ENCODER,
    EncoderOperationKind.ROLLBACK: AuditAction.ROLLBACK_ENCODER,
    EncoderOperationKind.PRUNE: AuditAction.PRUNE_ENCODERS,
}


class OperationRefused(Exception):
    """The request cannot be queued as asked; nothing was queued."""


def request_operation(
    *,
    kind: str,
    user,
    reason: str,
    version: int | None = None,
    force: bool = False,
    request: HttpRequest | None = None,
) -> EncoderOperation:
    """Queue a promotion of ``version``, a rollback to the standby slot's version, or a prune of
    the standby slot, for a worker; audited as requested. ``OperationRefused`` says why not."""
    if force and kind != EncoderOperationKind.PROMOTE:
        raise OperationRefused("Only a promotion can override the gate.")
    with transaction.atomic():
        deployment = describe(deployment_row(for_update=True))  # one request at a time
        _refuse_if_busy()
        standby = deployment.standby
        if kind == EncoderOperationKind.PROMOTE:
            if not EncoderVersion.objects.filter(version=version).exists():
                raise OperationRefused(f"Version {version} is not registered.")
            if deployment.active.version == version:
                raise OperationRefused(f"Version {version} is already active.")
        elif kind == EncoderOperationKind.ROLLBACK:
            if standby.version is None or not deployment.standby_served or deployment.filling is not None:
                raise OperationRefused(
                    "No previous version's vectors are kept, so there is nothing to roll back to: "
                    "promote a version instead."
                )
            version = standby.version
        elif kind == EncoderOperationKind.PRUNE:
            if standby.version is None:
                raise OperationRefused("The standby slot holds no version: nothing to prune.")
            version = standby.version
        else:
            raise OperationRefused(f"Unknown operation {kind!r}.")
        operation = EncoderOperation.objects.create(
            kind=kind, version=version, reason=reason, force=force, requested_by=user.get_username()
        )
        audit.record(
            request=request,
            action=_AUDIT_ACTIONS[kind],
            actor=user,
            filters={
                "version": str(version),
                "outcome": "requested",
                "operation": operation.pk,
                "reason": reason,
                "force": force,
            },
        )
        transaction.on_commit(lambda: _send(operation.pk))
    return operation


def cancel_operation(*, operation_id: int, user, request: HttpRequest | None = None) -> EncoderOperation:
    """Cancel a request no worker has taken yet (none serves the queue, say); audited."""
    with transaction.atomic():
        operation = EncoderOperation.objects.select_for_update().filter(pk=operation_id).first()
        if operation is None or operation.status != EncoderOperationStatus.QUEUED:
            raise OperationRefused("Only a queued operation can be cancelled; this one is not queued.")
        operation.status = EncoderOperationStatus.CANCELLED
        operation.finished_at = timezone.now()
        operation.message = f"Cancelled by {user.get_username()} before a worker took it."
        operation.save()
        audit.record(
            request=request,
            action=_AUDIT_ACTIONS[operation.kind],
            actor=user,
            filters={"version": str(operation.version), "outcome": "cancelled", "operation": operation.pk},
        )
    return operation


def _refuse_if_busy() -> None:
    for operation in EncoderOperation.objects.filter(status__in=EncoderOperation.ACTIVE):
        if _abandoned(operation):
            finish(
                operation_id=operation.pk,
                status=EncoderOperationStatus.FAILED,
                message="Its process is gone (no progress, and nothing holds the book). "
                "Promoting the same version again resumes the fill where it stopped.",
            )
            continue
        progress = f", {operation.percent}% embedded" if operation.percent is not None else ""
        raise OperationRefused(
            f"Another operation is {operation.status} ({operation.get_kind_display().lower()} "
            f"version {operation.version}, asked by {operation.requested_by}{progress}): wait for it "
            "to finish."
        )
    if bulk_embedding_running():
        raise OperationRefused(
            "A promotion or a bulk re-embedding started from the command line is running; wait for it "
            "to finish."
        )


def _abandoned(operation: EncoderOperation) -> bool:
    return (
        operation.status == EncoderOperationStatus.RUNNING
        and operation.updated_at < timezone.now() - ABANDONED_AFTER
        and not bulk_embedding_running()
    )


def _send(operation_id: int) -> None:
    from customers.tasks import run_encoder_operation_task

    run_encoder_operation_task.apply_async(
        kwargs={"operation_id": operation_id}, queue=settings.ENCODER_OPERATION_QUEUE
    )


def command_line(operation: EncoderOperation) -> list[str]:
    """The management command that does ``operation``, as the worker runs it."""
    manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
    common = [
        f"--reason={operation.reason}",
        f"--actor={operation.requested_by}",
        f"--operation={operation.pk}",
    ]
    if operation.kind == EncoderOperationKind.PRUNE:
        return [*manage, "prune_encoders", *common]
    return [*manage, "promote_encoder", str(operation.version), *common] + (
        ["--force"] if operation.force else []
    )


def run_operation(*, operation_id: int) -> str:
    """Run a queued operation to its end in a child process (the worker imports no MLflow); its
    status afterwards. A message delivered twice runs it once."""
    with transaction.atomic():
        operation = EncoderOperation.objects.select_for_update().filter(pk=operation_id).first()
        if operation is None or operation.status != EncoderOperationStatus.QUEUED:
            return operation.status if operation else "missing"
        operation.status = EncoderOperationStatus.RUNNING
        operation.started_at = timezone.now()
        operation.save()
    completed = subprocess.run(  # noqa: S603 (our own manage.py, arguments as a list)
        command_line(operation),
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        check=False,
    )
    operation.refresh_from_db()
    if operation.status == EncoderOperationStatus.RUNNING:  # the child ended without saying how
        output = (completed.stdout + completed.stderr).strip()[-MESSAGE_TAIL:]
        ok = completed.returncode == 0
        finish(
            operation_id=operation_id,
            status=EncoderOperationStatus.SUCCEEDED if ok else EncoderOperationStatus.FAILED,
            message=f"The command exited with status {completed.returncode}.\n{output}".strip(),
        )
        operation.refresh_from_db()
    return operation.status


def record_progress(*, operation_id: int, done: int, total: int) -> None:
    """The child's progress: texts embedded into the standby slot so far, of ``total``.

    Written and committed on a connection of its own: the fill reports from inside its reading
    transaction, which commits only when the whole book is staged.
    """
    own = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with own.cursor() as cursor:
            cursor.execute(
                f"UPDATE {EncoderOperation._meta.db_table}"
                " SET texts_done = %s, texts_total = %s, updated_at = %s WHERE id = %s",
                [min(done, total), total, timezone.now(), operation_id],
            )
    finally:
        own.close()


def finish(*, operation_id: int, status: str, message: str, gate: dict | None = None) -> None:
    """The operation's outcome: succeeded, refused by the gate (with its figures) or failed."""
    changes = {
        "status": status,
        "message": message,
        "finished_at": timezone.now(),
        "updated_at": timezone.now(),
    }
    if gate is not None:
        changes["gate"] = gate
    if status == EncoderOperationStatus.SUCCEEDED:
        changes["texts_done"] = F("texts_total")
    EncoderOperation.objects.filter(pk=operation_id).update(**changes)
