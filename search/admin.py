from django.contrib import admin

from search.models import SearchFeedback


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records the app writes; admins and compliance read them."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(SearchFeedback)
class SearchFeedbackAdmin(ReadOnlyAdmin):
    list_display = ["updated_at", "actor", "useful", "query", "customer", "encoder_version", "reason"]
    list_filter = ["useful", "encoder_version", "updated_at"]
    search_fields = ["actor", "query", "reason", "customer__external_id"]
    list_select_related = ["customer"]
    date_hierarchy = "updated_at"
    show_full_result_count = False
