from django.urls import path

from search.apis import SearchApi, SimilarCustomersApi

urlpatterns = [
    path("search/", SearchApi.as_view(), name="api-search"),
    path("customers/<int:pk>/similar/", SimilarCustomersApi.as_view(), name="api-customer-similar"),
]
