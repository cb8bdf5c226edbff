from django.urls import path

from search.views import BookView, CustomerDetailView, SearchExportView, SearchPageView

app_name = "search"

urlpatterns = [
    path("search/", SearchPageView.as_view(), name="search"),
    path("search/export/", SearchExportView.as_view(), name="export"),
    path("customers/<int:pk>/", CustomerDetailView.as_view(), name="customer"),
    path("book/", BookView.as_view(), name="book"),
]
