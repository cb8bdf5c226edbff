from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from bankcrm.api import api_not_found
from search.metrics_api import MetricsApi

api_v1 = [
    path("", include("customers.urls_api")),
    path("", include("search.urls_api")),
    path("", include("leads.urls_api")),
]

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="search:search", permanent=False)),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("search.urls")),
    path("lists/", include("leads.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("metrics", MetricsApi.as_view(), name="metrics"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its script from a URL, not inline, so the CSP needs no 'unsafe-inline'.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    re_path(r"^api/", api_not_found, name="api-not-found"),
]
