"""JSON API for case progress (issue 5): worklists, kartlegging, documentation requests, the
preliminary reply, conversations, § 17 guidance, tasks and office settings.

Same rules as the caseworker pages: each endpoint makes one call inward under
``audit_channel("api")``; errors use the API's one shape ``{code, message, extra}``.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router

from sosialsak.contexts.audit.log import audit_channel
from sosialsak.contexts.casefile.worklists import ASSIGNED, LISTS, worklist, worklist_counts
from sosialsak.contexts.cases import operations as ops
from sosialsak.contexts.cases.mapping import mapping_read
from sosialsak.contexts.cases.reads import letter_pdf, search_notes
from sosialsak.contexts.offices.operations import update_office_settings
from sosialsak.contexts.offices.policy import Settings
from sosialsak.contexts.offices.queries import settings_for
from sosialsak.interfaces.api import cases_schemas as s
from sosialsak.interfaces.api.bounds import Code, Id, SearchTerm
from sosialsak.interfaces.api.schemas import Error
from sosialsak.interfaces.caseworker.common import now, scope_of, today
from sosialsak.kernel.errors import NotFound

router = Router(tags=["saksgang"])
ERRORS: dict[int, Any] = {400: Error, 404: Error}


def _assigned(tildelt: str) -> str:
    """The worklists' assignment filter; an unknown value is no filter, as on the page."""
    return tildelt if tildelt in ASSIGNED else ""


def _krav(k: Any) -> dict[str, Any]:
    return {"id": k.pk, "tittel": k.tittel, "frist": k.frist, "status": k.status,
            "levert_via": k.levert_via}


@router.get("/arbeidslister", response=list[s.WorklistCountOut],
            summary="Tell linjer i arbeidslistene")
def list_worklists(request: HttpRequest, mine: bool = False,
                   tildelt: Code = "") -> list[dict[str, Any]]:
    """Tell linjene i hver arbeidsliste (ingen personopplysninger). `tildelt` filtrerer som
    arbeidskøen: `mine`, `unassigned` (uten saksbehandler) eller `team` (mitt kontor)."""
    with audit_channel("api"):
        counts = worklist_counts(scope=scope_of(request), actor=request.user, today=today(),
                                 mine_only=mine, assigned=_assigned(tildelt))
    return [{"key": k, "tittel": str(w.tittel), "beskrivelse": str(w.beskrivelse),
             "antall": counts[k], "i_bruk": w.i_bruk} for k, w in LISTS.items() if k in counts]


@router.get("/arbeidslister/{key}", response={200: list[s.WorkItemOut], 404: Error},
            summary="List søknader i én arbeidsliste")
def get_worklist(request: HttpRequest, key: Code, mine: bool = False,
                 tildelt: Code = "") -> list[dict[str, Any]]:
    """List søknadene i én arbeidsliste; hver lesing loggføres (en ukjent nøkkel gir 404 før noe
    loggføres, så bare en kjent nøkkel navngir listen i formålet)."""
    with audit_channel("api"):
        items = worklist(scope=scope_of(request), actor=request.user, key=key, today=today(),
                         purpose=f"api: arbeidsliste {key}", mine_only=mine,
                         assigned=_assigned(tildelt))
    return [dataclasses.asdict(i) for i in items]


@router.get("/soknader/{soknad_id}/kartlegging", response={200: s.KartleggingOut, 404: Error},
            summary="Les kartleggingen")
def get_kartlegging(request: HttpRequest, soknad_id: Id) -> dict[str, Any]:
    """Les kartleggingen: tilstanden til hver del, barna som hindrer vedtak, og et sammendrag."""
    with audit_channel("api"):
        read = mapping_read(scope=scope_of(request), actor=request.user, soknad_id=soknad_id)
    return dataclasses.asdict(read)


@router.post("/soknader/{soknad_id}/kartlegging",
             response={201: s.KartleggingsdelOut, **ERRORS}, summary="Lagre del av kartleggingen")
def post_kartlegging(request: HttpRequest, soknad_id: Id,
                     body: s.KartleggingIn) -> tuple[int, dict[str, Any]]:
    """Lagre én del av kartleggingen (en ny datert og signert versjon)."""
    with audit_channel("api"):
        row = ops.save_kartlegging(
            scope=scope_of(request), actor=request.user, soknad_id=soknad_id,
            del_type=body.del_type, barn_id=body.barn_id, svar=dict(body.svar), now=now(),
            ikke_kartlagt_grunn=body.ikke_kartlagt_grunn)
    return 201, {"id": row.pk, "del_type": row.del_type, "barn_id": row.barn_id,
                 "fullfort": row.fullfort, "skrevet_at": row.skrevet_at}


@router.post("/soknader/{soknad_id}/dokumentasjon",
             response={201: s.DokumentasjonOut, **ERRORS}, summary="Be om dokumentasjon")
def post_dokumentasjon(request: HttpRequest, soknad_id: Id,
                       body: s.DokumentasjonIn) -> tuple[int, dict[str, Any]]:
    """Be om dokumentasjon: fristen etter reglene, brevet og Digisos-hendelsen."""
    with audit_channel("api"):
        krav = ops.request_dokumentasjon(
            scope=scope_of(request), actor=request.user, soknad_id=soknad_id,
            titler=body.titler, dager=body.dager, frist=body.frist,
            beskrivelse=body.beskrivelse, now=now())
    return 201, {"krav": [_krav(k) for k in krav], "brev_id": krav.brev_id,
                 "antall_apne": krav.antall_apne, "over_terskel": krav.over_terskel}


@router.post("/dokumentasjonskrav/{krav_id}/mottatt",
             response={200: s.DokumentasjonskravOut, **ERRORS},
             summary="Registrer mottatt dokumentasjon")
def post_mottatt(request: HttpRequest, krav_id: Id, body: s.MottattIn) -> dict[str, Any]:
    """Registrer at etterspurt dokumentasjon er kommet, og hvordan."""
    with audit_channel("api"):
        krav = ops.mark_dokumentasjon_received(scope=scope_of(request), actor=request.user,
                                               krav_id=krav_id, now=now(),
                                               levert_via=body.levert_via)
    return _krav(krav)


@router.post("/soknader/{soknad_id}/dokumentasjon/paminnelse",
             response={200: s.BrevIdsOut, **ERRORS}, summary="Send påminnelse om dokumentasjon")
def post_paminnelse(request: HttpRequest, soknad_id: Id) -> dict[str, Any]:
    """Send påminnelsesbrev for åpne dokumentasjonskrav som ikke er purret ennå."""
    with audit_channel("api"):
        ids = ops.send_dokumentasjon_reminders(scope=scope_of(request), actor=request.user,
                                               soknad_id=soknad_id, now=now())
    return {"brev_ids": ids}


@router.post("/dokumentasjon/paminnelser", response={200: s.SoknadIdsOut, **ERRORS},
             summary="Send alle påminnelser som forfaller")
def post_due_reminders(request: HttpRequest) -> dict[str, Any]:
    """Send alle påminnelser som forfaller ved kallerens kontor (for en planlagt jobb)."""
    with audit_channel("api"):
        ids = ops.send_due_reminders(scope=scope_of(request), actor=request.user, now=now())
    return {"soknad_ids": ids}


@router.post("/soknader/{soknad_id}/dokumentasjon/frist-ute",
             response={200: list[s.DokumentasjonskravOut], **ERRORS},
             summary="Lukk dokumentasjonskrav med utløpt frist")
def post_frist_ute(request: HttpRequest, soknad_id: Id) -> list[dict[str, Any]]:
    """Lukk kravene der fristen er ute; vedtaket treffes på de opplysningene som finnes."""
    with audit_channel("api"):
        closed = ops.mark_dokumentasjon_not_delivered(scope=scope_of(request),
                                                      actor=request.user,
                                                      soknad_id=soknad_id, now=now())
    return [_krav(k) for k in closed]


@router.post("/soknader/{soknad_id}/forelopig-svar",
             response={201: s.ForelopigSvarOut, **ERRORS}, summary="Send foreløpig svar")
def post_forelopig_svar(request: HttpRequest, soknad_id: Id,
                        body: s.ForelopigSvarIn) -> tuple[int, dict[str, Any]]:
    """Send foreløpig svar (fvl. § 11 a): brev og Digisos-hendelse i én handling."""
    with audit_channel("api"):
        brev = ops.send_forelopig_svar(scope=scope_of(request), actor=request.user,
                                       soknad_id=soknad_id, grunn=body.grunn,
                                       forventet_dato=body.forventet_dato, now=now())
    return 201, {"brev_id": brev.pk, "forventet_dato": brev.frist}


@router.get("/soknader/{soknad_id}/brev/{brev_id}", response={404: Error},
            summary="Last ned brev som PDF")
def get_brev(request: HttpRequest, soknad_id: Id, brev_id: Id) -> HttpResponse:
    """Last ned et lagret brev som PDF."""
    with audit_channel("api"):
        letter = letter_pdf(scope=scope_of(request), actor=request.user, soknad_id=soknad_id,
                            brev_id=brev_id)
    response = HttpResponse(letter.pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{letter.filnavn}"'
    return response


@router.post("/soknader/{soknad_id}/samtaler", response={201: s.CreatedOut, **ERRORS},
             summary="Registrer samtale eller kontakt")
def post_samtale(request: HttpRequest, soknad_id: Id,
                 body: s.SamtaleIn) -> tuple[int, dict[str, Any]]:
    """Registrer et møte eller en kontakt, med notater og eventuell oppfølgingsoppgave."""
    with audit_channel("api"):
        row = ops.record_samtale(scope=scope_of(request), actor=request.user,
                                 soknad_id=soknad_id, now=now(),
                                 data=ops.SamtaleInput(**body.dict()))
    return 201, {"id": row.pk}


@router.get("/samtaler", response={200: list[s.NoteHitOut], **ERRORS},
            summary="Søk i samtalenotater")
def get_samtaler(request: HttpRequest, q: SearchTerm) -> list[dict[str, Any]]:
    """Søk i samtalenotatene i kallerens tilgang."""
    with audit_channel("api"):
        hits = search_notes(scope=scope_of(request), actor=request.user, term=q)
    return [dataclasses.asdict(h) for h in hits]


@router.post("/soknader/{soknad_id}/veiledning", response={201: s.CreatedOut, **ERRORS},
             summary="Registrer gitt veiledning")
def post_veiledning(request: HttpRequest, soknad_id: Id,
                    body: s.VeiledningIn) -> tuple[int, dict[str, Any]]:
    """Registrer opplysninger, råd og veiledning som er gitt (sosialtjenesteloven § 17)."""
    with audit_channel("api"):
        row = ops.record_veiledning(scope=scope_of(request), actor=request.user,
                                    soknad_id=soknad_id, now=now(),
                                    data=ops.VeiledningInput(**body.dict()))
    return 201, {"id": row.pk}


@router.post("/soknader/{soknad_id}/oppgaver", response={201: s.OppgaveOut, **ERRORS},
             summary="Opprett oppfølgingsoppgave")
def post_oppgave(request: HttpRequest, soknad_id: Id,
                 body: s.OppgaveIn) -> tuple[int, dict[str, Any]]:
    """Opprett en oppfølgingsoppgave i saken."""
    with audit_channel("api"):
        task = ops.create_oppgave(scope=scope_of(request), actor=request.user,
                                  soknad_id=soknad_id, tittel=body.tittel, frist=body.frist,
                                  now=now())
    return 201, {"id": task.pk, "tittel": task.tittel, "frist": task.frist, "utfort_at": None}


@router.post("/oppgaver/{oppgave_id}/utfort", response={200: s.OppgaveOut, **ERRORS},
             summary="Merk oppgave som utført")
def post_oppgave_utfort(request: HttpRequest, oppgave_id: Id) -> dict[str, Any]:
    """Merk en oppgave som utført."""
    with audit_channel("api"):
        task = ops.complete_oppgave(scope=scope_of(request), actor=request.user,
                                    oppgave_id=oppgave_id, now=now())
    return {"id": task.pk, "tittel": task.tittel, "frist": task.frist,
            "utfort_at": task.utfort_at}


def _own_office(request: HttpRequest) -> int:
    kontor_id = getattr(request.user, "kontor_id", None)
    if kontor_id is None or not scope_of(request).kontor_allowed(kontor_id):
        raise NotFound("Du hører ikke til et NAV-kontor.")
    return int(kontor_id)


@router.get("/kontorinnstillinger", response={200: s.OfficeSettingsSchema, 404: Error},
            summary="Les kontorinnstillinger")
def get_office_settings(request: HttpRequest) -> dict[str, Any]:
    """Les kallerens kontorinnstillinger (åpningstider, vaktkontakt, terskler)."""
    return dataclasses.asdict(settings_for(_own_office(request)))


@router.put("/kontorinnstillinger", response={200: s.OfficeSettingsSchema, **ERRORS},
            summary="Endre kontorinnstillinger")
def put_office_settings(request: HttpRequest, body: s.OfficeSettingsSchema) -> dict[str, Any]:
    """Endre kontorinnstillingene; bare kontorets leder kan (andre får 404)."""
    kontor_id = getattr(request.user, "kontor_id", None) or 0
    with audit_channel("api"):
        update_office_settings(scope=scope_of(request), actor=request.user, kontor_id=kontor_id,
                               data=Settings(**body.dict()), now=now())
    return dataclasses.asdict(settings_for(kontor_id))
