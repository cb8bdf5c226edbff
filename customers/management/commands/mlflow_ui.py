import os
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from customers import encoder_registry
from customers.encoder_registry import EncoderRegistryError


class Command(BaseCommand):
    help = (
        "Serve the MLflow UI (mlflow server) on the encoder registry's store: the app's database "
        "unless MLFLOW_TRACKING_URI names another. Replaces this process."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=5000)
        parser.add_argument("--workers", type=int, default=1)

    def handle(self, *args, host, port, workers, **options):
        executable = Path(sys.executable).with_name("mlflow")
        if not executable.exists():
            raise CommandError(f"{executable} is missing: the UI needs the full mlflow package.")
        uri = encoder_registry.tracking_uri()
        if uri.startswith(("http://", "https://")):
            raise CommandError(f"MLFLOW_TRACKING_URI is a server already: open {uri}.")
        try:
            encoder_registry.open_registry()  # the schema and MLflow's tables, before the server starts
        except EncoderRegistryError as error:
            raise CommandError(str(error)) from error
        artifacts = Path(settings.MLFLOW_ARTIFACTS_DIR)
        artifacts.mkdir(parents=True, exist_ok=True)
        # The store's URI (with any password) goes by the environment, not the command line.
        environment = {
            **os.environ,
            "MLFLOW_BACKEND_STORE_URI": uri,
            "MLFLOW_DEFAULT_ARTIFACT_ROOT": artifacts.as_uri(),
            "MLFLOW_ARTIFACTS_DESTINATION": artifacts.as_uri(),
        }
        # MLflow's job runner (GenAI evaluations; a third process of ~300MB) has nothing to do here.
        environment.setdefault("MLFLOW_SERVER_ENABLE_JOB_EXECUTION", "false")
        arguments = ["server", "--host", host, "--port", str(port), "--workers", str(workers)]
        self.stdout.write(f"MLflow UI on http://{host}:{port}, store {encoder_registry.shown_uri(uri)}")
        self.stdout.flush()
        os.execve(executable, [str(executable), *arguments], environment)  # noqa: S606
