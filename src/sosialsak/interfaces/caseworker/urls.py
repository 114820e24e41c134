import re

from django.contrib.auth import views as auth_views
from django.urls import path, register_converter
from django.urls.converters import StringConverter

from sosialsak.interfaces.caseworker import (
    views,
    views_archive,
    views_cases,
    views_rates,
    views_supervision,
)

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
    path("vedlegg/<int:vedlegg_id>/", views.vedlegg_file, name="vedlegg_file"),
]

# Payments (issue 6): imported here so the lines stay appended below the others.
from sosialsak.interfaces.caseworker import views_payments  # noqa: E402

urlpatterns += [
    path("utbetalinger/", views_payments.due, name="payments_due"),
    path("utbetalinger/eksport/", views_payments.export, name="payments_export"),
    path("utbetalinger/innstillinger/", views_payments.settings, name="payment_settings"),
    path("soknad/<int:soknad_id>/utbetalinger/", views_payments.case_payments,
         name="case_payments"),
]

# Case progress (issue 5): worklists, kartlegging, documentation, conversations, tasks.
urlpatterns += [
    path("arbeidslister/", views_cases.start, name="worklists"),
    path("arbeidslister/<slug:key>/", views_cases.worklist_page, name="worklist"),
    path("notater/", views_cases.notes_search, name="notes_search"),
    path("kontor/innstillinger/", views_cases.office_settings, name="office_settings"),
    path("kontor/satser/", views_rates.rates_page, name="rates_page"),
    path("kontor/oppbevaring/", views_archive.retention_page, name="retention_page"),
    path("kontor/internkontroll/", views_supervision.supervision_page,
         name="supervision_page"),
    path("soknad/<int:soknad_id>/kartlegging/", views_cases.kartlegging, name="kartlegging"),
    path("soknad/<int:soknad_id>/kartlegging/barn/<int:barn_id>/", views_cases.kartlegging_barn,
         name="kartlegging_barn"),
    path("soknad/<int:soknad_id>/kartlegging/<slug:del_slug>/", views_cases.kartlegging_del,
         name="kartlegging_del"),
    path("soknad/<int:soknad_id>/dokumentasjon/", views_cases.dokumentasjon_ny,
         name="dokumentasjon_ny"),
    path("soknad/<int:soknad_id>/dokumentasjon/<int:krav_id>/mottatt/",
         views_cases.dokumentasjon_mottatt, name="dokumentasjon_mottatt"),
    path("soknad/<int:soknad_id>/dokumentasjon/paminnelse/",
         views_cases.dokumentasjon_paminnelse, name="dokumentasjon_paminnelse"),
    path("soknad/<int:soknad_id>/dokumentasjon/frist-ute/", views_cases.dokumentasjon_frist_ute,
         name="dokumentasjon_frist_ute"),
    path("soknad/<int:soknad_id>/forelopig-svar/", views_cases.forelopig_svar,
         name="forelopig_svar"),
    path("soknad/<int:soknad_id>/brev/<int:brev_id>/", views_cases.brev_pdf, name="brev_pdf"),
    path("soknad/<int:soknad_id>/samtale/", views_cases.samtale_ny, name="samtale_ny"),
    path("soknad/<int:soknad_id>/veiledning/", views_cases.veiledning_ny, name="veiledning_ny"),
    path("soknad/<int:soknad_id>/oppgave/", views_cases.oppgave_ny, name="oppgave_ny"),
    path("soknad/<int:soknad_id>/oppgave/<int:oppgave_id>/utfort/", views_cases.oppgave_utfort,
         name="oppgave_utfort"),
    # The case workspace (issue 12): journal notes and documents uploaded by the office.
    path("soknad/<int:soknad_id>/notat/", views_cases.notat_ny, name="notat_ny"),
    path("soknad/<int:soknad_id>/dokument/", views_cases.dokument_ny, name="dokument_ny"),
]

# Decisions (issue 6)
from sosialsak.interfaces.caseworker import (  # noqa: E402
    views_decisions,
    views_decisions_settings,
)


class FollowUpActionConverter(StringConverter):
    """Only the known follow-up steps (issue 10: free text here reached the audit log)."""

    regex = "|".join(re.escape(a) for a in views_decisions.FOLLOW_UP_ACTIONS)


register_converter(FollowUpActionConverter, "vedtakshandling")

urlpatterns += [
    path("soknad/<int:soknad_id>/vedtak/ny/", views_decisions.builder, name="vedtak_builder"),
    path("soknad/<int:soknad_id>/vedtak/forhandsvisning/", views_decisions.preview,
         name="vedtak_preview"),
    path("soknad/<int:soknad_id>/vedtak/utkast.pdf", views_decisions.preview_pdf,
         name="vedtak_preview_pdf"),
    path("soknad/<int:soknad_id>/vedtak/", views_decisions.make, name="vedtak_make"),
    path("soknad/<int:soknad_id>/kvp-vurdering/", views_decisions.kvp, name="vedtak_kvp"),
    path("vedtaksforslag/", views_decisions.approvals, name="vedtak_godkjenning"),
    path("vedtaksforslag/<int:forslag_id>/godkjenn/", views_decisions.approve,
         name="vedtak_approve"),
    path("vedtaksforslag/<int:forslag_id>/send-tilbake/", views_decisions.return_proposal,
         name="vedtak_return"),
    path("kontor/vedtaksinnstillinger/", views_decisions_settings.decision_settings_page,
         name="decision_settings"),
    path("vedtak/<int:vedtak_id>/", views_decisions.detail, name="vedtak_detail"),
    path("klage/<int:klage_id>/klagesak.json", views_decisions.klage_export,
         name="klage_export"),
    path("vedtak/<int:vedtak_id>/<vedtakshandling:action>/", views_decisions.follow_up,
         name="vedtak_follow_up"),
    path("vedtaksdokument/<int:dokument_id>.pdf", views_decisions.dokument,
         name="vedtak_dokument"),
]

# Find and own (issue 12): one search, the person page, who handles a case.
from sosialsak.interfaces.caseworker import views_find  # noqa: E402

urlpatterns += [
    path("sok/", views_find.search, name="find"),
    path("sok/registrering/", views_find.register_hint, name="register_hint"),
    path("person/<int:person_id>/", views_find.person, name="person"),
    path("soknad/<int:soknad_id>/saksbehandler/", views_find.assign_case, name="assign_case"),
    path("arbeidsliste/fordel/", views_find.assign_bulk, name="assign_bulk"),
]

# KOSTRA 11F/11CF for the leder (issue 15)
from sosialsak.interfaces.caseworker import views_kostra  # noqa: E402

urlpatterns += [
    path("kontor/kostra/", views_kostra.kostra_page, name="kostra_page"),
    path("kontor/kostra/fil/", views_kostra.kostra_file, name="kostra_file"),
]

# Follow-up (issue 14): the person's activity plan, reached from the application.
from sosialsak.interfaces.caseworker import views_followup  # noqa: E402

urlpatterns += [
    path("soknad/<int:soknad_id>/aktivitetsplan/", views_followup.aktivitetsplan,
         name="aktivitetsplan"),
]

# Social services (issue 14): individuell plan, midlertidig botilbud, rådgivning, barnevern.
from sosialsak.interfaces.caseworker import views_services  # noqa: E402

urlpatterns += [
    path("person/<int:person_id>/tjenester/", views_services.person_services,
         name="person_services"),
    path("person/<int:person_id>/tjenester/plan/ny/", views_services.plan_ny,
         name="service_plan_ny"),
    path("person/<int:person_id>/tjenester/opphold/ny/", views_services.opphold_ny,
         name="service_opphold_ny"),
    path("person/<int:person_id>/tjenester/utestengelse/ny/", views_services.utestengelse_ny,
         name="service_utestengelse_ny"),
    path("person/<int:person_id>/tjenester/radgivning/ny/", views_services.radgivning_ny,
         name="service_radgivning_ny"),
    path("person/<int:person_id>/tjenester/radgivning/<int:radgivning_id>/henvisning/",
         views_services.henvisning_ny, name="service_henvisning_ny"),
    path("person/<int:person_id>/tjenester/radgivning/<int:radgivning_id>/avslutt/",
         views_services.radgivning_avslutt, name="service_radgivning_avslutt"),
    path("person/<int:person_id>/tjenester/bekymring/ny/", views_services.bekymring_ny,
         name="service_bekymring_ny"),
    path("person/<int:person_id>/tjenester/bekymring/<int:bekymring_id>/svar/",
         views_services.bekymring_svar, name="service_bekymring_svar"),
    path("tjenester/plan/<int:plan_id>/", views_services.plan, name="service_plan"),
    path("tjenester/plan/<int:plan_id>/deltaker/", views_services.plan_deltaker,
         name="service_plan_deltaker"),
    path("tjenester/plan/<int:plan_id>/tiltak/", views_services.plan_tiltak,
         name="service_plan_tiltak"),
    path("tjenester/plan/<int:plan_id>/mote/", views_services.plan_mote,
         name="service_plan_mote"),
    path("tjenester/plan/<int:plan_id>/deltaker/<int:deltaker_id>/samtykke/",
         views_services.samtykke_gi, name="service_samtykke_gi"),
    path("tjenester/plan/<int:plan_id>/samtykke/<int:samtykke_id>/trekk/",
         views_services.samtykke_trekk, name="service_samtykke_trekk"),
    path("tjenester/deltaker/<int:deltaker_id>/visning/", views_services.deltaker_visning,
         name="service_deltaker_visning"),
    path("tjenester/botilbud/", views_services.botilbud, name="service_botilbud"),
    path("tjenester/botilbud/<int:botilbud_id>/vurdering/", views_services.vurdering_ny,
         name="service_vurdering_ny"),
    path("tjenester/innstillinger/", views_services.innstillinger, name="service_settings"),
]

# Tiltak and the qualification programme (issue 14).
from sosialsak.interfaces.caseworker import views_kvp  # noqa: E402

urlpatterns += [
    path("tiltak/", views_kvp.tiltak_list, name="tiltak_list"),
    path("tiltak/<int:tiltak_id>/", views_kvp.tiltak_detail, name="tiltak_detail"),
    path("soknad/<int:soknad_id>/kvp/", views_kvp.case_kvp, name="case_kvp"),
    path("kvp/<int:deltakelse_id>/", views_kvp.kvp_detail, name="kvp_detail"),
]

# Insight (issue 15 items 3–6): the leder's dashboard, the cases behind a figure, exports.
from sosialsak.interfaces.caseworker import views_insight  # noqa: E402

urlpatterns += [
    path("innsikt/", views_insight.dashboard, name="insight"),
    path("innsikt/indikator/<slug:key>/<slug:group>/", views_insight.drill,
         name="insight_drill"),
    path("innsikt/indikator/<slug:key>/<slug:group>/eksport.<str:fmt>",
         views_insight.drill_export, name="insight_drill_export"),
    path("innsikt/eksport/<slug:table>.<str:fmt>", views_insight.export,
         name="insight_export"),
    path("innsikt/hva-om/", views_insight.whatif, name="insight_whatif"),
    path("innsikt/tilbakevirkende-satser/", views_insight.backdated, name="insight_backdated"),
]

# Issue 16 item 5: the message inbox and a case's thread.
from sosialsak.interfaces.caseworker import views_messages  # noqa: E402

urlpatterns += [
    path("innboks/", views_messages.innboks, name="innboks"),
    path("soknad/<int:soknad_id>/meldinger/", views_messages.meldinger, name="meldinger"),
]
