from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("cadenza.api.urls", namespace="api")),
    path("", include("cadenza.web.urls")),
]

# Styled error pages with the search box (web/views/errors.py).
handler400 = "cadenza.web.views.errors.bad_request"
handler403 = "cadenza.web.views.errors.permission_denied"
handler404 = "cadenza.web.views.errors.page_not_found"
handler500 = "cadenza.web.views.errors.server_error"
