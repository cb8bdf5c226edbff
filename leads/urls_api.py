from django.urls import path

import bankcrm.converters  # noqa: F401  (registers api_id)
from leads.apis import LeadListBulkApi, LeadListDetailApi, LeadListEntryApi, LeadListExportApi, LeadListsApi

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
