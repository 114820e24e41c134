from django.contrib.auth import views as auth_views
from django.urls import path

from sosialsak.interfaces.caseworker import views

urlpatterns = [
    path("", views.home, name="home"),
    path("logg-inn/", auth_views.LoginView.as_view(template_name="caseworker/login.html"),
         name="login"),
    path("logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("arbeidsliste/", views.queue, name="queue"),
    path("soknad/ny/", views.register, name="register"),
    path("soknad/<int:soknad_id>/", views.case, name="case"),
    path("soknad/<int:soknad_id>/status/", views.case_status, name="case_status"),
    path("tilgangslogg/", views.audit_log, name="audit_log"),
]
