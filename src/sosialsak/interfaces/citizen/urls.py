from django.urls import path

from sosialsak.interfaces.citizen import views

app_name = "citizen"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("soknad/<int:soknad_id>/", views.soknad, name="soknad"),
    path("aktivitet/<int:aktivitet_id>/enig/", views.agree, name="agree"),
]

# Issue 16 items 4 and 5: documents and messages (own modules; the apply/follow work is elsewhere).
from sosialsak.interfaces.citizen import views_upload  # noqa: E402

urlpatterns += [
    path("soknad/<int:soknad_id>/dokument/", views_upload.last_opp, name="last_opp"),
]

from sosialsak.interfaces.citizen import views_messages  # noqa: E402

urlpatterns += [
    path("meldinger/", views_messages.meldinger, name="meldinger"),
    path("soknad/<int:soknad_id>/meldinger/", views_messages.trad, name="trad"),
]
