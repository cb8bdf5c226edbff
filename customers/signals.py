"""Login, logout and failed logins go on the audit trail."""

from customers import audit
from customers.models import AuditAction


def audit_login(sender, request, user, **kwargs) -> None:
    audit.record(request=request, action=AuditAction.LOGIN, actor=user)


def audit_logout(sender, request, user, **kwargs) -> None:
    audit.record(request=request, action=AuditAction.LOGOUT, actor=user)


def audit_login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = str(credentials.get("username") or "")[:140]
    audit.record(request=request, action=AuditAction.LOGIN_FAILED, actor=f"{username or '?'} (failed)")
