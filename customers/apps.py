from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CustomersConfig(AppConfig):
    name = "customers"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth import signals as auth_signals
        from django.core import checks

        from customers import encoders, signals
        from customers.access import ensure_role_groups

        post_migrate.connect(ensure_role_groups, sender=self)
        checks.register(encoders.check_backends)
        auth_signals.user_logged_in.connect(signals.audit_login, dispatch_uid="audit_login")
        auth_signals.user_logged_out.connect(signals.audit_logout, dispatch_uid="audit_logout")
        auth_signals.user_login_failed.connect(signals.audit_login_failed, dispatch_uid="audit_login_failed")
