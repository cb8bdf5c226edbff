from django.contrib import admin, messages

from customers import services
from customers.models import Customer


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

    def save_model(self, request, obj, form, change):
        services.customer_save(customer=obj)

    def delete_model(self, request, obj):
        services.customer_delete(customer=obj)

    @admin.action(description="Re-embed the selected customers")
    def re_embed(self, request, queryset):
        ids = services.request_reembedding(customer_ids=list(queryset.values_list("id", flat=True)))
        services.request_embedding(customer_ids=ids)
        self.message_user(request, f"Queued {len(ids)} customers for embedding.", messages.SUCCESS)
