from django.conf import settings
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

# The development login provider (issue 16): mounted outside production only (settings).
if settings.SOSIALSAK_DEV_IDP:
    from sosialsak.interfaces.citizen import dev_idp

    urlpatterns.insert(0, path("dev-idp/", include([
        path(".well-known/openid-configuration", dev_idp.configuration),
        path("jwks", dev_idp.jwks),
        path("authorize", dev_idp.authorize, name="dev_idp_authorize"),
        path("token", dev_idp.token),
    ])))
