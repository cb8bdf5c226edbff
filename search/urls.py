from django.urls import path

from search.views import (
    BookView,
    CustomerDetailView,
    SearchExportView,
    SearchFeedbackView,
    SearchPageView,
)

app_name = "search"

urlpatterns = [
    path("search/", SearchPageView.as_view(), name="search"),
    path("search/export/", SearchExportView.as_view(), name="export"),
    path("search/feedback/", SearchFeedbackView.as_view(), name="feedback"),
    path("customers/<int:pk>/", CustomerDetailView.as_view(), name="customer"),
    path("book/", BookView.as_view(), name="book"),
]
