"""The profile encoder as a governed model: registered in MLflow with what it was judged on.

Each registered version of ``bankcrm-profile-encoder`` carries its weights' sha256, its output
dimension, the profile-text recipe, its evaluation on the current book, its embedding rate on
the machine that registered it, who registered it and why. The registry's store is, unless
``MLFLOW_TRACKING_URI`` says otherwise, a schema ``mlflow`` inside the app's own database, so that
one backup holds customers, vectors and the record of the encoders that made them.

MLflow is imported inside the functions that need it: the import alone costs seconds and about
200MB, which the web process and the workers never pay.
"""

import getpass
import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path

import numpy as np
from django.conf import settings
from django.db import connection, connections

from customers import audit, embeddings, encoder_inventory
from customers.models import AuditAction, Customer
from customers.profile import PROFILE_TEXT_VERSION, build_profile_text

REGISTERED_MODEL = "bankcrm-profile-encoder"
EXPERIMENT = REGISTERED_MODEL
CHAMPION = "champion"
VARIANTS = ("torch", "onnx-int8")
EVALUATION_K = 10
RATE_TEXTS = 128
PROBE_TIMEOUT_S = 5
_ARTIFACT = "encoder"
_TOKENIZER_FILES = (
    "config.json",
    "special_tokens_map.json",
    "tokenizer.json",
    "tokenizer_config.json",
    "vocab.txt",
)
_REGISTER_LOCK = 0x6D6C666C  # pg_advisory_lock key: one first registration at a time


class EncoderRegistryError(Exception):
    """The registry cannot do what was asked; nothing in it changed."""


@dataclass(frozen=True)
class EncoderVersion:
    name: str
    version: str
    aliases: list[str]
    tags: dict[str, str]
    description: str
    run_id: str | None
    source: str
    metrics: dict[str, float] = field(default_factory=dict)
    params: dict[str, str] = field(default_factory=dict)

    @property
    def uri(self) -> str:
        return f"models:/{self.name}/{self.version}"


def tracking_uri() -> str:
    """``MLFLOW_TRACKING_URI``, or the app's own database (the test database under pytest) with
    MLflow's tables kept to the ``mlflow`` schema by the connection's search_path."""
    if settings.MLFLOW_TRACKING_URI:
        return settings.MLFLOW_TRACKING_URI
    from sqlalchemy.engine import URL

    database = connections["default"].settings_dict
    host, port = database.get("HOST") or None, database.get("PORT") or None
    query = {"options": f"-csearch_path={settings.MLFLOW_SCHEMA}"}
    if host and host.startswith("/"):  # a Unix socket folder, as the embedded server uses
        query["host"] = host
        if port:
            query["port"] = str(port)
        host = port = None
    for key, value in (database.get("OPTIONS") or {}).items():
        if key.startswith("ssl") or key == "connect_timeout":
            query[key] = str(value)
    url = URL.create(
        "postgresql+psycopg",
        username=database.get("USER") or None,
        password=database.get("PASSWORD") or None,
        host=host,
        port=int(port) if port else None,
        database=database["NAME"],
        query=query,
    )
    return url.render_as_string(hide_password=False)


def shown_uri(uri: str) -> str:
    """The URI without its password, for messages and logs."""
    if "://" in uri and not uri.startswith(("http://", "https://", "file:")):
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            return make_url(uri).render_as_string(hide_password=True)
        except ArgumentError:
            return uri.split("://", 1)[0] + "://…"
    return uri


def open_registry():
    """An ``MlflowClient`` on the registry, with MLflow's fluent API pointed at it too.

    Fails fast with ``EncoderRegistryError`` when the store does not answer (MLflow itself retries
    a database for minutes). Creates the ``mlflow`` schema in the app's database the first time;
    MLflow creates its tables there on first use.
    """
    # Commands and tests open the store briefly: no idle connections left on the app's server.
    os.environ.setdefault("MLFLOW_SQLALCHEMYSTORE_POOLCLASS", "NullPool")
    uri = tracking_uri()
    _probe(uri)
    import mlflow
    from mlflow import MlflowClient
    from mlflow.exceptions import MlflowException

    mlflow.set_tracking_uri(uri)
    mlflow.set_registry_uri(uri)
    client = MlflowClient(tracking_uri=uri, registry_uri=uri)
    try:
        client.search_registered_models(max_results=1)
    except MlflowException as error:
        raise EncoderRegistryError(
            f"The model registry at {shown_uri(uri)} failed: {error.message}"
        ) from error
    return client


def _probe(uri: str) -> None:
    if uri.startswith(("http://", "https://")):
        import requests

        try:
            requests.get(uri.rstrip("/") + "/health", timeout=PROBE_TIMEOUT_S).raise_for_status()
        except requests.RequestException as error:
            raise EncoderRegistryError(f"The model registry at {uri} is not reachable: {error}") from error
        return
    if not uri.startswith("postgresql"):
        return
    import sqlalchemy
    from sqlalchemy.pool import NullPool

    engine = sqlalchemy.create_engine(
        uri, poolclass=NullPool, connect_args={"connect_timeout": PROBE_TIMEOUT_S}
    )
    try:
        with engine.begin() as conn:
            if not settings.MLFLOW_TRACKING_URI:
                conn.exec_driver_sql(f'CREATE SCHEMA IF NOT EXISTS "{settings.MLFLOW_SCHEMA}"')
            else:
                conn.exec_driver_sql("SELECT 1")
    except (sqlalchemy.exc.SQLAlchemyError, ImportError) as error:
        reason = getattr(error, "orig", None) or error
        raise EncoderRegistryError(
            f"The model registry at {shown_uri(uri)} is not reachable: {reason}".strip()
        ) from error
    finally:
        engine.dispose()


def store_dimension() -> int:
    """The dimension of the vector column that holds profile vectors, read from the database."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT atttypmod FROM pg_attribute WHERE attrelid = %s::regclass AND attname = %s",
            [Customer._meta.db_table, Customer._meta.get_field("embedding").column],
        )
        return cursor.fetchone()[0]


@dataclass
class _Candidate:
    """An encoder about to be registered: what it is, how to run it, how to log it."""

    variant: str
    label: str
    dimension: int
    encode: Callable[[list[str]], np.ndarray]
    log: Callable[[], object]  # logs into the active run, returns MLflow's ModelInfo
    weights_sha256: Callable[[], str]
    params: dict[str, str] = field(default_factory=dict)


def register_encoder(
    *,
    variant: str = "torch",
    alias: str | None = None,
    reason: str = "",
    actor: str | None = None,
    model=None,
    rate_texts: int = RATE_TEXTS,
) -> EncoderVersion:
    """Log the encoder, register it as a new version of ``bankcrm-profile-encoder`` and record it
    in the audit log.

    ``model``: a ``SentenceTransformer`` to register instead of the packaged one (torch only).
    Everything that can refuse (the registry, the alias, the weights, the dimension) is checked
    before anything is written.
    """
    if variant not in VARIANTS:
        raise EncoderRegistryError(f"Unknown variant {variant!r}: choose one of {', '.join(VARIANTS)}.")
    if model is not None and variant != "torch":
        raise EncoderRegistryError("A model of your own is registered as the torch variant.")
    if alias is not None:
        _check_alias(alias)
    actor = actor or getpass.getuser()
    client = open_registry()
    with tempfile.TemporaryDirectory(prefix="bankcrm-encoder-") as scratch:
        candidate = _candidate(variant, model, Path(scratch))
        column = store_dimension()
        if candidate.dimension != column:
            raise EncoderRegistryError(
                f"The encoder gives {candidate.dimension}-dimensional vectors but the store's "
                f"{Customer._meta.db_table}.embedding column is vector({column}): refused, nothing "
                "was registered."
            )
        rate = _embedding_rate(candidate.encode, _sample_texts(rate_texts))
        book_params, metrics = _evaluate_book()
        metrics["embedding_rate_texts_per_s"] = rate
        tags = {
            "variant": variant,
            "embedding_model": candidate.label,
            "weights_sha256": candidate.weights_sha256(),
            "dimension": str(candidate.dimension),
            "profile_text_version": str(PROFILE_TEXT_VERSION),
            "registered_by": actor,
            "reason": reason,
        }
        params = {**tags, **candidate.params, **book_params, "device": _device(), "cpus": str(os.cpu_count())}
        version = _log_and_register(client, candidate, tags=tags, params=params, metrics=metrics, alias=alias)
    audit.record(
        request=None,
        action=AuditAction.REGISTER_ENCODER,
        actor=actor,
        filters={
            "model": REGISTERED_MODEL,
            "version": version.version,
            "variant": variant,
            "alias": alias or "",
            "weights_sha256": tags["weights_sha256"],
            "reason": reason,
        },
    )
    encoder_inventory.sync_encoder_versions(client=client)
    return version


def resolve_version(*, version: str | int | None = None, alias: str | None = None) -> EncoderVersion:
    """The registered version by number or alias (the champion when neither is given)."""
    from mlflow.exceptions import MlflowException

    if version is not None and alias is not None:
        raise EncoderRegistryError("Name a version or an alias, not both.")
    client = open_registry()
    if version is None:
        alias = alias or CHAMPION
    try:
        if alias is not None:
            found = client.get_model_version_by_alias(REGISTERED_MODEL, alias)
        else:
            found = client.get_model_version(REGISTERED_MODEL, str(version))
    except MlflowException as error:
        wanted = f"alias {alias!r}" if alias is not None else f"version {version}"
        raise EncoderRegistryError(f"{REGISTERED_MODEL} has no {wanted}: {error.message}") from error
    return _describe(client, found)


def move_alias(*, version: str | int, alias: str = CHAMPION) -> None:
    """Point ``alias`` at ``version`` (``EncoderRegistryError`` when the registry refuses)."""
    from mlflow.exceptions import MlflowException

    client = open_registry()
    try:
        client.set_registered_model_alias(REGISTERED_MODEL, alias, str(version))
    except MlflowException as error:
        raise EncoderRegistryError(
            f"Could not point {alias!r} at version {version}: {error.message}"
        ) from error


def tag_version(*, version: str | int, tags: dict[str, str]) -> None:
    """Add ``tags`` to a registered version (e.g. an overridden promotion gate)."""
    from mlflow.exceptions import MlflowException

    client = open_registry()
    try:
        for key, value in tags.items():
            client.set_model_version_tag(REGISTERED_MODEL, str(version), key, value)
    except MlflowException as error:
        raise EncoderRegistryError(f"Could not tag version {version}: {error.message}") from error


def ensure_champion(*, actor: str | None = None, rate_texts: int = RATE_TEXTS) -> EncoderVersion | None:
    """Register the packaged encoder as the champion when the registry holds no version yet; the
    new version, or None when there was one already (a run of ``bin/run`` after the first)."""
    client = open_registry()
    with _advisory_lock(_REGISTER_LOCK):
        if client.search_model_versions(f"name = '{REGISTERED_MODEL}'", max_results=1):
            encoder_inventory.sync_encoder_versions(client=client)
            return None
        return register_encoder(
            variant="torch",
            alias=CHAMPION,
            reason="The packaged encoder, registered when the registry was first used.",
            actor=actor,
            rate_texts=rate_texts,
        )


def _log_and_register(client, candidate: _Candidate, *, tags, params, metrics, alias) -> EncoderVersion:
    import mlflow
    from mlflow.exceptions import MlflowException

    try:
        client.get_registered_model(REGISTERED_MODEL)
    except MlflowException:
        client.create_registered_model(
            REGISTERED_MODEL,
            description="The sentence encoder that turns customers' profile texts into vectors.",
        )
    with mlflow.start_run(
        experiment_id=_experiment_id(client), run_name=f"register {candidate.variant}"
    ) as run:
        mlflow.log_params(params)
        mlflow.log_metrics(metrics)
        mlflow.set_tags({"registered_by": tags["registered_by"], "variant": candidate.variant})
        info = candidate.log()
        registered = client.create_model_version(
            REGISTERED_MODEL,
            source=info.model_uri,
            run_id=run.info.run_id,
            tags=tags,
            description=tags["reason"],
            model_id=info.model_id,
        )
        if alias is not None:
            client.set_registered_model_alias(REGISTERED_MODEL, alias, registered.version)
    return _describe(client, client.get_model_version(REGISTERED_MODEL, registered.version))


def _describe(client, found) -> EncoderVersion:
    metrics, params = {}, {}
    if found.run_id:
        run = client.get_run(found.run_id)
        metrics, params = dict(run.data.metrics), dict(run.data.params)
    return EncoderVersion(
        name=found.name,
        version=str(found.version),
        aliases=list(found.aliases or []),
        tags=dict(found.tags or {}),
        description=found.description or "",
        run_id=found.run_id,
        source=found.source,
        metrics=metrics,
        params=params,
    )


def _experiment_id(client) -> str:
    experiment = client.get_experiment_by_name(EXPERIMENT)
    if experiment is not None:
        return experiment.experiment_id
    artifacts = Path(settings.MLFLOW_ARTIFACTS_DIR)
    artifacts.mkdir(parents=True, exist_ok=True)
    return client.create_experiment(EXPERIMENT, artifact_location=artifacts.as_uri())


def _check_alias(alias: str) -> None:
    from mlflow.exceptions import MlflowException
    from mlflow.utils.validation import _validate_model_alias_name, _validate_model_alias_name_reserved

    try:
        _validate_model_alias_name(alias)
        _validate_model_alias_name_reserved(alias)
    except MlflowException as error:
        raise EncoderRegistryError(f"Alias {alias!r} is not allowed: {error.message}") from error


def _candidate(variant: str, model, scratch: Path) -> _Candidate:
    if variant == "onnx-int8":
        return _onnx_int8_candidate(scratch)
    return _torch_candidate(model, scratch)


def _torch_candidate(model, scratch: Path) -> _Candidate:
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize

    device = embeddings.resolve_device(settings.EMBEDDING_DEVICE)
    packaged = model is None
    if packaged:
        path = embeddings.model_path()
        _verify_packaged_weights(path)
        model = SentenceTransformer(str(path), device=device, local_files_only=True)
    if not isinstance(model[-1], Normalize):
        # Unit vectors out of the logged model, as the app stores them, whoever serves it.
        model = SentenceTransformer(modules=[*model, Normalize()], device=device)
    dimension = model.get_embedding_dimension()

    def weights_sha256() -> str:
        if packaged:
            return settings.EMBEDDING_MODEL_SHA256
        model.save(str(scratch / "weights"))
        return _digest(sorted((scratch / "weights").rglob("*.safetensors")))

    def log():
        import mlflow

        return mlflow.sentence_transformers.log_model(
            model,
            name=_ARTIFACT,
            signature=_signature(dimension),
            pip_requirements=_pins("sentence-transformers", "transformers", "torch"),
        )

    def encode(texts: list[str]) -> np.ndarray:
        return model.encode(texts, batch_size=32, convert_to_numpy=True, show_progress_bar=False)

    label = settings.EMBEDDING_MODEL_NAME if packaged else "custom"
    return _Candidate("torch", label, dimension, encode, log, weights_sha256)


def _onnx_int8_candidate(scratch: Path) -> _Candidate:
    import onnx

    source = embeddings.model_path()
    _verify_packaged_weights(source)
    onnx_file = embeddings.onnx_model_file(quantized=True)
    graph = onnx.load(str(onnx_file), load_external_data=False).graph
    dimension = graph.output[0].type.tensor_type.shape.dim[-1].dim_value
    tokenizer = scratch / "tokenizer"
    tokenizer.mkdir()
    for name in _TOKENIZER_FILES:
        shutil.copy2(source / name, tokenizer / name)
    encoder = embeddings.OnnxEncoder(onnx_file)

    def log():
        import mlflow

        return mlflow.pyfunc.log_model(
            name=_ARTIFACT,
            python_model=str(Path(__file__).with_name("encoder_pyfunc.py")),
            artifacts={"onnx": str(onnx_file), "tokenizer": str(tokenizer)},
            model_config={"max_tokens": embeddings.MAX_TOKENS},
            signature=_signature(dimension),
            pip_requirements=_pins("mlflow", "onnxruntime", "transformers", "numpy", "pandas"),
        )

    return _Candidate(
        "onnx-int8",
        settings.EMBEDDING_MODEL_NAME + "-int8",
        dimension,
        lambda texts: encoder.encode(texts),
        log,
        lambda: _digest([onnx_file]),
        params={"source_weights_sha256": settings.EMBEDDING_MODEL_SHA256},
    )


def _verify_packaged_weights(path: Path) -> None:
    try:
        embeddings.verify_model_weights(path, settings.EMBEDDING_MODEL_SHA256)
    except embeddings.ModelIntegrityError as error:
        raise EncoderRegistryError(str(error)) from error


def _signature(dimension: int):
    from mlflow.models import ModelSignature
    from mlflow.types import ColSpec, Schema, TensorSpec

    return ModelSignature(
        inputs=Schema([ColSpec("string")]),
        outputs=Schema([TensorSpec(np.dtype(np.float32), (-1, dimension))]),
    )


def _pins(*names: str) -> list[str]:
    pins = []
    for name in names:
        try:
            pins.append(f"{name}=={package_version(name).split('+')[0]}")
        except PackageNotFoundError:
            pins.append(name)
    return pins


def _digest(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        with open(path, "rb") as weights:
            for block in iter(lambda: weights.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def _device() -> str:
    return embeddings.resolve_device(settings.EMBEDDING_DEVICE)


def _sample_texts(count: int) -> list[str]:
    """Real profile texts from the book; synthetic customers' when the book has too few."""
    texts = list(
        Customer.objects.exclude(profile_text="")
        .order_by("id")
        .values_list("profile_text", flat=True)[:count]
    )
    if len(texts) < count:
        from customers.generator import generate_customers

        for data in generate_customers(count - len(texts), seed=13, as_of=date.today()):
            texts.append(build_profile_text(Customer(**data)))
    return texts


def _embedding_rate(encode: Callable[[list[str]], np.ndarray], texts: list[str]) -> float:
    encode(texts[:8])  # first call pays for lazy initialisation
    started = time.perf_counter()
    encode(texts)
    return len(texts) / (time.perf_counter() - started)


def _evaluate_book() -> tuple[dict[str, str], dict[str, float]]:
    """The search's scores on the current book, per query file and mode; skipped (and said so)
    when the book has no embedded customer or a query file cannot be read."""
    from django.db.models import Count

    from search.evaluation import MODES, InvalidQueryFile, load_queries, mean_scores, score_query

    customers = Customer.objects.count()
    labels = (
        Customer.objects.filter(embedding__isnull=False).values("embedding_model").annotate(n=Count("id"))
    )
    embedded = sum(row["n"] for row in labels)
    params = {
        "book.customers": str(customers),
        "book.embedded": str(embedded),
        "book.embedding_models": ", ".join(f"{row['embedding_model']}: {row['n']}" for row in labels) or "-",
        "eval.k": str(EVALUATION_K),
    }
    metrics: dict[str, float] = {}
    if not embedded:
        params["eval.skipped"] = "the book is empty" if not customers else "no customer is embedded yet"
        return params, metrics
    for name, path in settings.ENCODER_EVALUATION_FILES.items():
        try:
            entries = load_queries(path)
        except InvalidQueryFile as error:
            params[f"eval.{name}.skipped"] = str(error)[:500]
            continue
        params[f"eval.{name}.file"] = str(path)[:500]
        for mode in MODES:
            mean = mean_scores([score_query(entry, mode=mode, k=EVALUATION_K) for entry in entries])
            prefix = f"{name}.{mode}"
            metrics[f"{prefix}.violations_at_{EVALUATION_K}"] = float(mean["violations"])
            metrics[f"{prefix}.queries_scored"] = float(mean["queries"])
            if mean["queries"]:
                metrics[f"{prefix}.precision_at_{EVALUATION_K}"] = mean["precision"]
                metrics[f"{prefix}.ndcg_at_{EVALUATION_K}"] = mean["ndcg"]
    return params, metrics


@contextmanager
def _advisory_lock(key: int) -> Iterator[None]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [key])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
