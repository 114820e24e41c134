from django.urls import path

from sosialsak.interfaces.citizen import views

app_name = "citizen"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("soknad/<int:soknad_id>/", views.soknad, name="soknad"),
    path("aktivitet/<int:aktivitet_id>/enig/", views.agree, name="agree"),
]

# Issue 16: login (items 1), the application form (2), following a case (3) and appeals (6).
from sosialsak.interfaces.citizen import oidc, views_appeal, views_apply, views_follow  # noqa: E402

urlpatterns += [
    path("logg-inn/", oidc.login_page, name="login"),
    path("logg-inn/idporten/", oidc.start, name="login_start"),
    path("logg-inn/svar/", oidc.callback, name="login_callback"),
    path("sok/", views_apply.start, name="apply"),
    path("sok/<slug:step>/", views_apply.step, name="apply_step"),
    path("soknad/<int:soknad_id>/oversikt/", views_follow.follow, name="follow"),
    path("soknad/<int:soknad_id>/brev/<int:dokument_id>.pdf", views_follow.letter,
         name="letter"),
    path("vedtak/<int:vedtak_id>/klage/", views_appeal.appeal, name="appeal"),
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
