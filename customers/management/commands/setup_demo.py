import json
import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand

from customers.access import ensure_role_groups
from customers.models import Customer, Team

ROLE_GROUP = {"rm": "Relationship managers", "lead": "Team leads", "compliance": "Compliance officers"}
DEMO_USERS = [
    # username, role, env var holding the password
    ("admin", "admin", "DEMO_ADMIN_PASSWORD"),
    ("rm_alice", "rm", "DEMO_RM_PASSWORD"),
    ("rm_bob", "rm", "DEMO_RM_PASSWORD"),
    ("lead_carol", "lead", "DEMO_RM_PASSWORD"),
    ("compliance_dan", "compliance", "DEMO_RM_PASSWORD"),
]
DEMO_TEAM = "Retail West"


class Command(BaseCommand):
    help = (
        "Create the demo users (an admin, two RMs, their team lead and a compliance officer) and "
        "generate demo customers split between the RMs. Safe to run again: existing users keep "
        "their passwords unless DEMO_*_PASSWORD is set, and customers are only added up to --customers."
    )

    def add_arguments(self, parser):
        parser.add_argument("--customers", type=int, default=5000)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument(
            "--credentials-file", type=Path, default=settings.BASE_DIR / ".data" / "demo-credentials.json"
        )

    def handle(self, *args, customers, seed, credentials_file, **options):
        ensure_role_groups()
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
            user.is_staff = user.is_staff or role == "compliance"  # reads the audit log in admin
            user.save()
            if role in ROLE_GROUP:
                user.groups.add(Group.objects.get(name=ROLE_GROUP[role]))
        team, _ = Team.objects.get_or_create(name=DEMO_TEAM)
        team.members.add(*User.objects.filter(username__in=[n for n, r, _ in DEMO_USERS if r == "rm"]))
        team.leads.add(*User.objects.filter(username__in=[n for n, r, _ in DEMO_USERS if r == "lead"]))
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
            self.stdout.write(f"  {username:<15} {role:<11} {credentials.get(username, '(unchanged)')}")
