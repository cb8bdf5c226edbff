from django.urls import path, register_converter

from leads.apis import LeadListBulkApi, LeadListDetailApi, LeadListEntryApi, LeadListExportApi, LeadListsApi


class IdConverter:
    """Any path segment: a whole number is that id; anything else is id 0, which nothing has. So
    every id the path can hold answers the API's JSON 404, never the site's HTML one."""

    regex = "[^/]+"

    def to_python(self, value: str) -> int:
        return int(value) if value.lstrip("-").isdigit() and len(value) < 40 else 0

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "api_id")

urlpatterns = [
    path("lists/", LeadListsApi.as_view(), name="api-lead-lists"),
    path("lists/<api_id:pk>/", LeadListDetailApi.as_view(), name="api-lead-list"),
    path("lists/<api_id:pk>/export/", LeadListExportApi.as_view(), name="api-lead-list-export"),
    path("lists/<api_id:pk>/entries/bulk/", LeadListBulkApi.as_view(), name="api-lead-list-bulk"),
    path(
        "lists/<api_id:pk>/entries/<api_id:customer_id>/",
        LeadListEntryApi.as_view(),
        name="api-lead-list-entry",
    ),
]
