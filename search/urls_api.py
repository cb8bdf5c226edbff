from django.urls import path

from search.apis import NextProductsApi, SearchApi, SearchFeedbackApi, SimilarCustomersApi, SuggestionsApi

urlpatterns = [
    path("search/", SearchApi.as_view(), name="api-search"),
    path("search/suggestions/", SuggestionsApi.as_view(), name="api-search-suggestions"),
    path("search/feedback/", SearchFeedbackApi.as_view(), name="api-search-feedback"),
    path("customers/<int:pk>/similar/", SimilarCustomersApi.as_view(), name="api-customer-similar"),
    path("customers/<int:pk>/next-products/", NextProductsApi.as_view(), name="api-customer-next-products"),
]
