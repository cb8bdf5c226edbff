from django.urls import path

from search.views import CustomerDetailView, SearchPageView

app_name = "search"

urlpatterns = [
    path("search/", SearchPageView.as_view(), name="search"),
    path("customers/<int:pk>/", CustomerDetailView.as_view(), name="customer"),
]
