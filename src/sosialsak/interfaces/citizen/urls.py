from django.urls import path

from sosialsak.interfaces.citizen import views

app_name = "citizen"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("soknad/<int:soknad_id>/", views.soknad, name="soknad"),
    path("aktivitet/<int:aktivitet_id>/enig/", views.agree, name="agree"),
]
