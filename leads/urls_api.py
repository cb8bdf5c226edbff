from django.urls import path

from leads.apis import LeadListBulkApi, LeadListDetailApi, LeadListEntryApi, LeadListExportApi, LeadListsApi

urlpatterns = [
    path("lists/", LeadListsApi.as_view(), name="api-lead-lists"),
    path("lists/<int:pk>/", LeadListDetailApi.as_view(), name="api-lead-list"),
    path("lists/<int:pk>/export/", LeadListExportApi.as_view(), name="api-lead-list-export"),
    path("lists/<int:pk>/entries/bulk/", LeadListBulkApi.as_view(), name="api-lead-list-bulk"),
    path("lists/<int:pk>/entries/<int:customer_id>/", LeadListEntryApi.as_view(), name="api-lead-list-entry"),
]
