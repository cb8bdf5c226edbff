from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    name = "search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from customers.access import ensure_role_groups

        # Compliance reads this app's records: grant it once their permissions exist.
        post_migrate.connect(ensure_role_groups, sender=self, dispatch_uid="search_role_groups")
