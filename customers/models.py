from datetime import date
from decimal import Decimal
from functools import cache

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Q, Value, When
from pgvector.django import HnswIndex, VectorField

from customers.choices import (
    SEGMENT_THRESHOLDS,
    STATE_CHOICES,
    EmbeddingStatus,
    EmploymentStatus,
    Interest,
    PreferredChannel,
    Product,
    RiskTolerance,
    Segment,
    segment_for_assets,
)
from customers.encoder_model import DIMENSIONS as EMBEDDING_DIMENSIONS
from customers.fields import ATTRIBUTES, MAX_AGE

CREDIT, INCOME, ASSETS, DEPENDENTS = (
    ATTRIBUTES[name] for name in ("credit_score", "annual_income", "investable_assets", "dependents")
)


def whole_years_between(start: date, end: date) -> int:
    """Completed years from ``start`` to ``end`` (a birthday on 29 February counts on 1 March)."""
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def segment_expression() -> Case:
    """The database's own rule for ``segment``: derived from investable assets, never stale."""
    return Case(
        *[
            When(investable_assets__gte=threshold, then=Value(segment.value))
            for segment, threshold in SEGMENT_THRESHOLDS[:-1]
        ],
        default=Value(Segment.MASS_MARKET.value),
        output_field=models.CharField(max_length=20),
    )


def vector_index(*, name: str, field: str) -> HnswIndex:
    """The HNSW index of a vector slot; both slots are built alike, so a switch keeps recall.

    ef_construction 256 against 128 doubles the build (535 s against 284 s a million on 2 cores)
    for a graph whose ef_search 300 finds more (recall@10 0.976) than 128's 800 (0.988 in one
    build, 0.944-0.948 at 400-600), in 6 ms against 9.
    """
    return HnswIndex(name=name, fields=[field], m=16, ef_construction=256, opclasses=["vector_cosine_ops"])


class Customer(models.Model):
    external_id = models.CharField(max_length=64, unique=True)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=32, blank=True)
    date_of_birth = models.DateField()
    city = models.CharField(max_length=100)
    state = models.CharField(max_length=2, choices=STATE_CHOICES)
    occupation = models.CharField(max_length=100, blank=True)
    employment_status = models.CharField(max_length=20, choices=EmploymentStatus.choices)
    annual_income = models.DecimalField(
        max_digits=INCOME.digits[0], decimal_places=INCOME.digits[1], validators=INCOME.validators()
    )
    investable_assets = models.DecimalField(
        max_digits=ASSETS.digits[0], decimal_places=ASSETS.digits[1], validators=ASSETS.validators()
    )
    credit_score = models.PositiveSmallIntegerField(validators=CREDIT.validators())
    risk_tolerance = models.CharField(max_length=20, choices=RiskTolerance.choices)
    dependents = models.PositiveSmallIntegerField(default=0, validators=DEPENDENTS.validators())
    segment = models.GeneratedField(
        expression=segment_expression(),
        output_field=models.CharField(max_length=20, choices=Segment.choices),
        db_persist=True,
    )
    customer_since = models.DateField()
    preferred_channel = models.CharField(max_length=20, choices=PreferredChannel.choices)
    products = ArrayField(models.CharField(max_length=32, choices=Product.choices), default=list, blank=True)
    interests = ArrayField(
        models.CharField(max_length=32, choices=Interest.choices), default=list, blank=True
    )
    notes = models.TextField(blank=True)
    relationship_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="customers",
    )
    last_contact_date = models.DateField(null=True, blank=True)

    profile_text = models.TextField(blank=True, editable=False)
    # The profile text (occupation, interests, the RM's notes) for full-text ranking.
    search_document = models.GeneratedField(
        expression=SearchVector("profile_text", config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    embedding = VectorField(dimensions=EMBEDDING_DIMENSIONS, null=True, blank=True, editable=False)
    embedding_model = models.CharField(max_length=100, blank=True, editable=False)
    embedding_text_hash = models.CharField(max_length=64, blank=True, editable=False)
    embedding_status = models.CharField(
        max_length=10,
        choices=EmbeddingStatus.choices,
        default=EmbeddingStatus.PENDING,
        editable=False,
    )
    embedded_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Two vector slots, blue/green: ``embedding`` (slot a) and ``embedding_b``. Each records the
    # registered encoder version that made it; ``EncoderDeployment`` says which slot searches read.
    embedding_version = models.PositiveIntegerField(null=True, blank=True, editable=False)
    embedding_b = VectorField(dimensions=EMBEDDING_DIMENSIONS, null=True, blank=True, editable=False)
    embedding_b_text_hash = models.CharField(max_length=64, blank=True, db_default="", editable=False)
    embedding_b_version = models.PositiveIntegerField(null=True, blank=True, editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        permissions = [
            ("view_customer_pii", "Can see customers' email, phone and date of birth unmasked"),
            ("view_all_customers", "Can see every customer, not only their own or their team's book"),
        ]
        indexes = [
            vector_index(name="customer_embedding_hnsw", field="embedding"),
            vector_index(name="customer_embedding_b_hnsw", field="embedding_b"),
            GinIndex(fields=["products"], name="customer_products_gin"),
            GinIndex(fields=["interests"], name="customer_interests_gin"),
            GinIndex(fields=["search_document"], name="customer_search_document_gin"),
            models.Index(fields=["credit_score"], name="customer_credit_score_idx"),
            models.Index(fields=["annual_income"], name="customer_income_idx"),
            models.Index(fields=["investable_assets"], name="customer_assets_idx"),
            models.Index(fields=["customer_since"], name="customer_since_idx"),
            models.Index(fields=["date_of_birth"], name="customer_dob_idx"),
            models.Index(fields=["state"], name="customer_state_idx"),
            models.Index(fields=["embedding_status"], name="customer_embedding_status_idx"),
            models.Index(fields=["relationship_manager"], name="customer_rm_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=CREDIT.range_q(), name="customer_credit_score_range"),
            models.CheckConstraint(condition=DEPENDENTS.range_q(), name="customer_dependents_range"),
            models.CheckConstraint(condition=INCOME.range_q(), name="customer_income_not_negative"),
            models.CheckConstraint(condition=ASSETS.range_q(), name="customer_assets_not_negative"),
            models.CheckConstraint(
                condition=Q(state__in=[code for code, _ in STATE_CHOICES]),
                name="customer_state_code",
            ),
            models.CheckConstraint(
                condition=Q(employment_status__in=EmploymentStatus.values),
                name="customer_employment_status_code",
            ),
            models.CheckConstraint(
                condition=Q(risk_tolerance__in=RiskTolerance.values),
                name="customer_risk_tolerance_code",
            ),
            models.CheckConstraint(
                condition=Q(preferred_channel__in=PreferredChannel.values),
                name="customer_preferred_channel_code",
            ),
            models.CheckConstraint(
                condition=Q(embedding_status__in=EmbeddingStatus.values),
                name="customer_embedding_status_code",
            ),
            models.CheckConstraint(
                condition=Q(products__contained_by=Product.values),
                name="customer_product_codes",
            ),
            models.CheckConstraint(
                condition=Q(interests__contained_by=Interest.values),
                name="customer_interest_codes",
            ),
            models.CheckConstraint(
                condition=Q(last_contact_date__isnull=True)
                | Q(last_contact_date__gte=models.F("customer_since")),
                name="customer_contact_after_joining",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name} ({self.external_id})"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def segment_code(self) -> str:
        """The segment, also before the row is saved (``segment`` is computed by the database)."""
        return segment_for_assets(self.investable_assets)

    @property
    def segment_label(self) -> str:
        return Segment(self.segment_code()).label

    @property
    def age(self) -> int:
        return whole_years_between(self.date_of_birth, date.today())

    @property
    def tenure_years(self) -> int:
        return whole_years_between(self.customer_since, date.today())

    def clean(self, *, birth_date_hidden: bool = False) -> None:
        """``birth_date_hidden``: the caller may not see the date of birth, so no answer may depend
        on it: the rule that compares with it runs only when nothing else is wrong (else a
        write refused anyway would say on which side of it a date lies), and its message does
        not name it."""
        errors = {}
        today = date.today()
        if self.date_of_birth and self.date_of_birth > today:
            errors["date_of_birth"] = "Date of birth cannot be in the future."
        elif self.date_of_birth and whole_years_between(self.date_of_birth, today) > MAX_AGE:
            errors["date_of_birth"] = f"Date of birth gives an age over {MAX_AGE}; check the year."
        if self.customer_since and self.customer_since > today:
            errors["customer_since"] = "Customer since cannot be in the future."
        if self.last_contact_date and self.customer_since and self.last_contact_date < self.customer_since:
            errors["last_contact_date"] = "Last contact cannot be before the customer joined."
        for field in ("products", "interests"):
            values = getattr(self, field) or []
            if len(values) != len(set(values)):
                errors[field] = "List each code once."
        compare_with_birth = not (errors and birth_date_hidden) and "customer_since" not in errors
        born, joined = self.date_of_birth, self.customer_since
        if compare_with_birth and born and joined and joined < born:
            errors["customer_since"] = (
                "Customer since is not valid for this customer."
                if birth_date_hidden
                else "Customer since cannot be before the date of birth."
            )
        if errors:
            raise ValidationError(errors)


@cache
def field_bounds(name: str) -> tuple[Decimal | int, Decimal | int]:
    """The least and greatest value a numeric customer field can hold: its validators and, for
    money, its column's digits. Age and tenure are derived from dates, so 0 to ``MAX_AGE``."""
    if name in ("age", "tenure_years"):
        return 0, MAX_AGE
    field = Customer._meta.get_field(name)
    lows = [v.limit_value for v in field.validators if isinstance(v, MinValueValidator)]
    highs = [v.limit_value for v in field.validators if isinstance(v, MaxValueValidator)]
    if isinstance(field, models.DecimalField):
        highs.append(
            Decimal(10) ** (field.max_digits - field.decimal_places) - Decimal(10) ** -field.decimal_places
        )
    return max(lows), min(highs)


class Team(models.Model):
    """Relationship managers who work together; its leads see every member's book."""

    name = models.CharField(max_length=100, unique=True)
    leads = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="teams_led", blank=True)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="teams", blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TokenScope(models.TextChoices):
    READ_CUSTOMERS = "customers:read", "Read customers"
    WRITE_CUSTOMERS = "customers:write", "Create, change and delete customers"
    SEARCH = "search", "Search customers"
    READ_PII = "customers:pii", "See email, phone and date of birth unmasked"
    METRICS = "metrics", "Read the monitoring figures (/metrics, for Prometheus)"


class ServiceToken(models.Model):
    """An integrating system's credential: only a hash of the key is stored, shown once."""

    name = models.CharField(
        max_length=100, unique=True, help_text="Which system uses it, e.g. 'core-banking'."
    )
    prefix = models.CharField(max_length=12, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    scopes = ArrayField(models.CharField(max_length=32, choices=TokenScope.choices), default=list)
    team = models.ForeignKey(
        Team,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text="Limit the token to this team's books; empty: the whole book.",
    )
    created_by = models.CharField(max_length=150, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scopes__contained_by=TokenScope.values), name="service_token_scope_codes"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class AuditAction(models.TextChoices):
    LOGIN = "login", "Login"
    LOGIN_FAILED = "login_failed", "Failed login"
    LOGOUT = "logout", "Logout"
    SEARCH = "search", "Search"
    LIST = "list", "List customers"
    VIEW = "view", "View a customer"
    SIMILAR = "similar", "Similar customers"
    EXPORT = "export", "Export"
    CREATE = "create", "Create a customer"
    UPDATE = "update", "Update a customer"
    DELETE = "delete", "Delete a customer"
    EXTERNAL_ID_TAKEN = "external_id_taken", "External id already in use"
    WRITE_REFUSED = "write_refused", "Customer create or update refused"
    REGISTER_ENCODER = "register_encoder", "Register an encoder version"
    PROMOTE_ENCODER = "promote_encoder", "Promote an encoder version"
    ROLLBACK_ENCODER = "rollback_encoder", "Roll back to an encoder version"
    PRUNE_ENCODERS = "prune_encoders", "Prune older encoder versions' vectors"
    LEAD_LIST_SAVE = "lead_list_save", "Save a lead list"
    LEAD_LIST_UPDATE = "lead_list_update", "Update lead list entries"


class EncoderDeployment(models.Model):
    """Which registered encoder version each vector slot of the customer table holds, and which
    slot searches read. One row (id 1); none yet means slot a, version 1, the configured encoder.

    ``*_variant`` and ``*_weights_sha256`` copy the version's registry tags, so that web processes
    and workers realise a version from the packaged weights without MLflow. An empty variant is
    the encoder ``EMBEDDING_BACKEND`` configures (before any promotion). ``filling_slot``: a
    promotion is embedding the book into that slot, so changes are embedded into it too.
    ``*_served``: the slot's version has been active, so switching back to it needs no gate.
    """

    SLOTS = (("a", "Slot a (embedding)"), ("b", "Slot b (embedding_b)"))

    active_slot = models.CharField(max_length=1, choices=SLOTS, default="a")
    a_version = models.PositiveIntegerField(null=True, blank=True, default=1)
    a_variant = models.CharField(max_length=20, blank=True)
    a_weights_sha256 = models.CharField(max_length=64, blank=True)
    a_served = models.BooleanField(default=True)
    b_version = models.PositiveIntegerField(null=True, blank=True)
    b_variant = models.CharField(max_length=20, blank=True)
    b_weights_sha256 = models.CharField(max_length=64, blank=True)
    b_served = models.BooleanField(default=False)
    filling_slot = models.CharField(max_length=1, choices=SLOTS, blank=True)
    switched_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="encoder_deployment_one_row"),
            models.CheckConstraint(condition=Q(active_slot__in=["a", "b"]), name="encoder_deployment_slot"),
            models.CheckConstraint(
                condition=~Q(filling_slot=models.F("active_slot")), name="encoder_deployment_fills_standby"
            ),
        ]

    def __str__(self) -> str:
        return f"slot {self.active_slot} active"


class EncoderVersion(models.Model):
    """The app's copy of one registered version of ``bankcrm-profile-encoder``: what the
    "Encoder versions" admin page shows, read without MLflow (web processes never import it).

    Written by the processes that change the registry (``register_encoder``, ``promote_encoder``,
    ``sync_encoder_versions``), from the version's tags, aliases and its registration run's
    metrics; the registry stays the record, this row is refreshed from it.
    """

    version = models.PositiveIntegerField(unique=True)
    variant = models.CharField(max_length=20, blank=True)
    embedding_model = models.CharField(max_length=100, blank=True)
    weights_sha256 = models.CharField(max_length=64, blank=True)
    dimension = models.PositiveIntegerField(null=True, blank=True)
    profile_text_version = models.CharField(max_length=20, blank=True)
    aliases = ArrayField(models.CharField(max_length=255), default=list, blank=True)
    metrics = models.JSONField(default=dict, blank=True)
    params = models.JSONField(default=dict, blank=True)
    tags = models.JSONField(default=dict, blank=True)
    registered_by = models.CharField(max_length=150, blank=True)
    reason = models.TextField(blank=True)
    registered_at = models.DateTimeField(null=True, blank=True)
    synced_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-version"]
        default_permissions = ("view",)
        permissions = [("operate_encoderversion", "Can promote, roll back and prune encoder versions")]

    def __str__(self) -> str:
        return f"version {self.version}"


class EncoderOperationKind(models.TextChoices):
    PROMOTE = "promote", "Promote"
    ROLLBACK = "rollback", "Roll back"
    PRUNE = "prune", "Prune"


class EncoderOperationStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    REFUSED = "refused", "Refused"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled"


class EncoderOperation(models.Model):
    """A promotion, rollback or prune asked for in admin, and how far it got.

    A worker on the ``embed-bulk`` queue runs it as ``manage.py promote_encoder`` (or
    ``prune_encoders``) in a child process, which writes its progress and outcome here; the admin
    page reads them.
    """

    ACTIVE = (EncoderOperationStatus.QUEUED, EncoderOperationStatus.RUNNING)

    kind = models.CharField(max_length=10, choices=EncoderOperationKind.choices)
    version = models.PositiveIntegerField(null=True, blank=True)
    reason = models.TextField(blank=True)
    force = models.BooleanField(default=False)
    requested_by = models.CharField(max_length=150)
    status = models.CharField(
        max_length=10, choices=EncoderOperationStatus.choices, default=EncoderOperationStatus.QUEUED
    )
    texts_done = models.BigIntegerField(default=0)
    texts_total = models.BigIntegerField(default=0)
    message = models.TextField(blank=True)
    gate = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.kind} {self.version or ''} ({self.status})".replace("  ", " ")

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def percent(self) -> int | None:
        """Whole percent of the book's texts embedded into the standby slot; None before counting."""
        if not self.texts_total:
            return None
        return int(100 * self.texts_done / self.texts_total)


class AuditEvent(models.Model):
    """One thing someone did, kept for ever: the database refuses UPDATE and DELETE on this table.

    Actors are copied as text (not foreign keys) so that removing a user or token later neither
    needs to touch the log nor loses who did what.
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.CharField(max_length=150, db_index=True, help_text="Username, or token:<name>.")
    actor_user_id = models.BigIntegerField(null=True, blank=True)
    actor_token_id = models.BigIntegerField(null=True, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    action = models.CharField(max_length=20, choices=AuditAction.choices, db_index=True)
    path = models.CharField(max_length=300, blank=True)
    query = models.TextField(blank=True, help_text="The search text, as typed.")
    filters = models.JSONField(default=dict, blank=True)
    customer_ids = ArrayField(models.BigIntegerField(), default=list, blank=True)
    changed_fields = ArrayField(models.CharField(max_length=50), default=list, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [GinIndex(fields=["customer_ids"], name="audit_customer_ids_gin")]
        default_permissions = ("view",)
        permissions = [("export_auditevent", "Can export the audit log")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit events are append-only.")
