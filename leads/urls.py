from django.urls import path

from leads.views import (
    BulkStatusView,
    EntryUpdateView,
    LeadListExportView,
    LeadListIndexView,
    LeadListPageView,
    SaveSearchAsListView,
)

app_name = "leads"

urlpatterns = [
    path("", LeadListIndexView.as_view(), name="index"),
    path("save/", SaveSearchAsListView.as_view(), name="save"),
    path("<int:pk>/", LeadListPageView.as_view(), name="detail"),
    path("<int:pk>/export/", LeadListExportView.as_view(), name="export"),
    path("<int:pk>/bulk/", BulkStatusView.as_view(), name="bulk"),
    path("<int:pk>/entries/<int:customer_id>/", EntryUpdateView.as_view(), name="entry"),
]
