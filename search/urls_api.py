from django.urls import path

import bankcrm.converters  # noqa: F401  (registers api_id)
from search.apis import NextProductsApi, SearchApi, SearchFeedbackApi, SimilarCustomersApi, SuggestionsApi

urlpatterns = [
    path("search/", SearchApi.as_view(), name="api-search"),
    path("search/suggestions/", SuggestionsApi.as_view(), name="api-search-suggestions"),
    path("search/feedback/", SearchFeedbackApi.as_view(), name="api-search-feedback"),
    path("customers/<api_id:pk>/similar/", SimilarCustomersApi.as_view(), name="api-customer-similar"),
    path(
        "customers/<api_id:pk>/next-products/", NextProductsApi.as_view(), name="api-customer-next-products"
    ),
]
