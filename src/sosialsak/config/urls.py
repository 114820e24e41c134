from django.contrib import admin
from django.urls import include, path

from sosialsak.interfaces.api.api import api

admin.site.site_header = "sosialsak – administrasjon"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("mine/", include("sosialsak.interfaces.citizen.urls")),
    path("", include("sosialsak.interfaces.caseworker.urls")),
]
