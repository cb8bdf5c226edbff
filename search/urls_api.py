from django.urls import path

from search.apis import SearchApi, SearchFeedbackApi, SimilarCustomersApi

urlpatterns = [
    path("search/", SearchApi.as_view(), name="api-search"),
    path("search/feedback/", SearchFeedbackApi.as_view(), name="api-search-feedback"),
    path("customers/<int:pk>/similar/", SimilarCustomersApi.as_view(), name="api-customer-similar"),
]
