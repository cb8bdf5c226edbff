import json
import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import BaseCommand

from customers.models import Customer

RM_GROUP = "Relationship managers"
RM_PERMISSIONS = ["view_customer", "change_customer", "view_customer_pii"]
DEMO_USERS = [
    # username, role, env var holding the password
    ("admin", "admin", "DEMO_ADMIN_PASSWORD"),
    ("rm_alice", "rm", "DEMO_RM_PASSWORD"),
    ("rm_bob", "rm", "DEMO_RM_PASSWORD"),
]


class Command(BaseCommand):
    help = (
        "Create the demo users (an admin and two RMs) and generate demo customers split between "
        "the RMs. Safe to run again: existing users keep their passwords unless DEMO_*_PASSWORD "
        "is set, and customers are only added up to --customers."
    )

    def add_arguments(self, parser):
        parser.add_argument("--customers", type=int, default=5000)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument(
            "--credentials-file", type=Path, default=settings.BASE_DIR / ".data" / "demo-credentials.json"
        )

    def handle(self, *args, customers, seed, credentials_file, **options):
        group, _ = Group.objects.get_or_create(name=RM_GROUP)
        group.permissions.set(
            Permission.objects.filter(content_type__app_label="customers", codename__in=RM_PERMISSIONS)
        )
        credentials = json.loads(credentials_file.read_text()) if credentials_file.exists() else {}
        User = get_user_model()
        for username, role, env_var in DEMO_USERS:
            user, created = User.objects.get_or_create(username=username)
            password = os.environ.get(env_var)
            if password is None and (created or username not in credentials):
                password = secrets.token_urlsafe(12)
            if password is not None:
                user.set_password(password)
                credentials[username] = password
            user.is_staff = user.is_superuser = role == "admin"
            user.save()
            if role == "rm":
                user.groups.add(group)
        credentials_file.parent.mkdir(parents=True, exist_ok=True)
        credentials_file.write_text(json.dumps(credentials, indent=2))
        credentials_file.chmod(0o600)

        existing = Customer.objects.count()
        if existing < customers:
            call_command(
                "generate_customers",
                count=customers - existing,
                start=existing,
                seed=seed,
                rm=[name for name, role, _ in DEMO_USERS if role == "rm"],
                no_embed=True,
                stdout=self.stdout,
            )
        self.stdout.write(f"Demo users (password kept in {credentials_file}):")
        for username, role, _ in DEMO_USERS:
            self.stdout.write(f"  {username:<10} {role:<6} {credentials.get(username, '(unchanged)')}")
