from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from bankcrm import exports
from bankcrm.read_only_admin import ReadOnlyModelAdmin
from customers import access, audit, encoder_inventory, encoder_operations, services
from customers.models import (
    AuditAction,
    AuditEvent,
    Customer,
    EncoderOperationKind,
    EncoderVersion,
    ServiceToken,
    Team,
    TokenScope,
)
from customers.selectors import customers_visible_to


class CustomerAdminForm(forms.ModelForm):
    """The admin asks ``customers.access`` as the API does: staff who are not bank-wide keep
    customers in their own book, and are not told which external ids other books hold."""

    request = None

    def clean(self):
        cleaned = super().clean()
        if "relationship_manager" in cleaned:
            customer = None if self.instance._state.adding else self.instance
            data = {"relationship_manager": cleaned["relationship_manager"]}
            try:
                access.check_assignment(self.request.user, data=data, customer=customer)
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned

    def validate_unique(self):
        super().validate_unique()
        if self.has_error("external_id", code="unique"):
            holder = Customer.objects.filter(external_id=self.instance.external_id).first()
            audit.record(
                request=self.request,
                action=AuditAction.EXTERNAL_ID_TAKEN,
                customer_ids=[holder.pk] if holder else [],
                changed_fields=["external_id"],
            )
            message = access.external_id_taken_message(self.request.user)
            self._errors["external_id"] = self.error_class([message])


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = [
        "external_id",
        "last_name",
        "first_name",
        "state",
        "employment_status",
        "segment",
        "credit_score",
        "relationship_manager",
        "embedding_status",
    ]
    list_filter = [
        "segment",
        "employment_status",
        "risk_tolerance",
        "preferred_channel",
        "embedding_status",
        "state",
        "relationship_manager",
    ]
    search_fields = ["external_id", "first_name", "last_name", "email", "occupation", "city"]
    list_select_related = ["relationship_manager"]
    autocomplete_fields = ["relationship_manager"]
    readonly_fields = [
        "segment",
        "profile_text",
        "embedding_status",
        "embedding_model",
        "embedded_at",
        "created_at",
        "updated_at",
    ]
    exclude = ["embedding", "embedding_text_hash"]
    actions = ["re_embed"]
    list_per_page = 50
    show_full_result_count = False

    def get_queryset(self, request):
        return customers_visible_to(request.user)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (CustomerAdminForm, form), {"request": request})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        visible = str(object_id).isdigit() and self.get_queryset(request).filter(pk=object_id).exists()
        if request.method == "GET" and visible:
            audit.record(request=request, action=AuditAction.VIEW, customer_ids=[int(object_id)])
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        services.customer_save(customer=obj)
        audit.record(
            request=request,
            action=AuditAction.UPDATE if change else AuditAction.CREATE,
            customer_ids=[obj.pk],
            changed_fields=form.changed_data,
        )

    def delete_model(self, request, obj):
        pk = obj.pk
        services.customer_delete(customer=obj)
        audit.record(request=request, action=AuditAction.DELETE, customer_ids=[pk])

    @transaction.atomic  # the admin's change and delete views are atomic already; its bulk action is not
    def delete_queryset(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        for customer in queryset:
            services.customer_delete(customer=customer)
        audit.record(request=request, action=AuditAction.DELETE, customer_ids=ids)

    @admin.action(description="Re-embed the selected customers")
    def re_embed(self, request, queryset):
        ids = services.request_reembedding(customer_ids=list(queryset.values_list("id", flat=True)))
        services.request_embedding(customer_ids=ids)
        self.message_user(request, f"Queued {len(ids)} customers for embedding.", messages.SUCCESS)


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    filter_horizontal = ["leads", "members"]


class ServiceTokenForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(choices=TokenScope.choices, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = ServiceToken
        fields = ["name", "scopes", "team"]


@admin.register(ServiceToken)
class ServiceTokenAdmin(admin.ModelAdmin):
    form = ServiceTokenForm
    list_display = [
        "name",
        "prefix",
        "scopes",
        "team",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["revoked_at", "team"]
    search_fields = ["name", "prefix"]
    readonly_fields = ["prefix", "created_by", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        key, obj.prefix, obj.key_hash = access.new_token_key()
        obj.created_by = request.user.get_username()
        super().save_model(request, obj, form, change)
        self.message_user(
            request,
            f"Token created. Copy the key now; it is not shown again: {key}",
            messages.WARNING,
        )

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # revoke instead: the audit trail refers to tokens by id

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request, queryset):
        for token in queryset:
            access.revoke_service_token(token=token)
        self.message_user(request, f"Revoked {queryset.count()} tokens.", messages.SUCCESS)


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyModelAdmin):
    """Compliance reads and exports the trail here; nobody adds, changes or deletes events."""

    list_display = ["at", "actor", "action", "ip_address", "query", "customer_count", "path"]
    list_filter = ["action", "at"]
    search_fields = ["actor", "query", "path", "ip_address"]
    date_hierarchy = "at"
    actions = ["export_csv"]
    list_per_page = 100
    show_full_result_count = False

    @admin.display(description="Customers")
    def customer_count(self, event: AuditEvent) -> int:
        return len(event.customer_ids)

    def get_search_results(self, request, queryset, search_term):
        queryset, duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.strip().isdigit():
            queryset |= self.model.objects.filter(customer_ids__contains=[int(search_term.strip())])
        return queryset, duplicates

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.has_perm("customers.export_auditevent"):
            actions.pop("export_csv", None)
        return actions

    @admin.action(description="Export the selected events as CSV")
    def export_csv(self, request, queryset):
        out = exports.ExportFile()
        audit.write_audit_csv(queryset.order_by("at", "id"), out)
        response = out.response(filename="audit-events.csv")
        audit.record(request=request, action=AuditAction.EXPORT, filters={"audit_events": queryset.count()})
        return response


class EncoderOperationForm(forms.Form):
    """One admin action on the encoder: promote a version, roll back, prune, or cancel a request."""

    CANCEL = "cancel"

    operation = forms.ChoiceField(choices=[*EncoderOperationKind.choices, (CANCEL, "Cancel")])
    version = forms.IntegerField(required=False, min_value=1)
    operation_id = forms.IntegerField(required=False, min_value=1)
    reason = forms.CharField(max_length=500, help_text="Why: kept in the audit log.")
    force = forms.BooleanField(required=False, help_text="Switch even if the evaluation gate refuses.")

    def clean(self):
        cleaned = super().clean()
        operation = cleaned.get("operation")
        if operation == EncoderOperationKind.PROMOTE and not cleaned.get("version"):
            self.add_error("version", "Choose the version to promote.")
        if operation == self.CANCEL and not cleaned.get("operation_id"):
            self.add_error("operation_id", "Say which queued operation to cancel.")
        if cleaned.get("force") and operation != EncoderOperationKind.PROMOTE:
            self.add_error("force", "Only a promotion can override the gate.")
        return cleaned


@admin.register(EncoderVersion)
class EncoderVersionAdmin(ReadOnlyModelAdmin):
    """The "Encoder versions" page: every registered version with its aliases, metrics and
    coverage, who registered and promoted it and why, and the operations asked for here.

    Compliance (``view_encoderversion``) reads it; only users with ``operate_encoderversion``
    (admins) may act, and their actions run on a worker, not in this process.
    """

    change_list_template = "admin/customers/encoderversion/overview.html"

    @staticmethod
    def can_operate(request) -> bool:
        return request.user.has_perm("customers.operate_encoderversion")

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            return self._operate(request)
        return self._render(request, form=EncoderOperationForm())

    def _operate(self, request):
        if not self.can_operate(request):
            raise PermissionDenied
        form = EncoderOperationForm(request.POST)
        if not form.is_valid():
            return self._render(request, form=form, status=400)
        data = form.cleaned_data
        try:
            if data["operation"] == EncoderOperationForm.CANCEL:
                operation = encoder_operations.cancel_operation(
                    operation_id=data["operation_id"], user=request.user, request=request
                )
                self.message_user(request, operation.message, messages.SUCCESS)
            else:
                operation = encoder_operations.request_operation(
                    kind=data["operation"],
                    version=data["version"],
                    reason=data["reason"],
                    force=data["force"],
                    user=request.user,
                    request=request,
                )
                self.message_user(
                    request,
                    f"{operation.get_kind_display()} version {operation.version} is queued for a worker on "
                    "the embed-bulk queue; its progress shows below.",
                    messages.SUCCESS,
                )
        except encoder_operations.OperationRefused as refused:
            self.message_user(request, f"Refused: {refused}", messages.ERROR)
        return redirect("admin:customers_encoderversion_changelist")

    def _render(self, request, *, form: EncoderOperationForm, status: int = 200):
        overview = encoder_inventory.encoder_overview()
        context = {
            **self.admin_site.each_context(request),
            "title": "Encoder versions",
            "opts": self.model._meta,
            "overview": overview,
            "form": form,
            "can_operate": self.can_operate(request),
            "refresh_seconds": 5 if overview.running else None,
        }
        return TemplateResponse(request, self.change_list_template, context, status=status)
