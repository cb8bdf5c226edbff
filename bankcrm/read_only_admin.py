from django.contrib import admin


class ReadOnlyModelAdmin(admin.ModelAdmin):
    """Records the app writes (audit events, feedback, figures, the registry's copy): admin shows
    them and nobody adds, changes or deletes one by hand."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
