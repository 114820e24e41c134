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
from sosialsak.contexts.casefile.worklists import LISTS, worklist, worklist_counts
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


def _krav(k: Any) -> dict[str, Any]:
    return {"id": k.pk, "tittel": k.tittel, "frist": k.frist, "status": k.status,
            "levert_via": k.levert_via}


@router.get("/arbeidslister", response=list[s.WorklistCountOut])
def list_worklists(request: HttpRequest, mine: bool = False) -> list[dict[str, Any]]:
    """Count the lines of each worklist (no personal data)."""
    with audit_channel("api"):
        counts = worklist_counts(scope=scope_of(request), actor=request.user, today=today(),
                                 mine_only=mine)
    return [{"key": k, "tittel": str(w.tittel), "beskrivelse": str(w.beskrivelse),
             "antall": counts[k], "i_bruk": w.i_bruk} for k, w in LISTS.items() if k in counts]


@router.get("/arbeidslister/{key}", response={200: list[s.WorkItemOut], 404: Error})
def get_worklist(request: HttpRequest, key: Code, mine: bool = False) -> list[dict[str, Any]]:
    """List the applications on one worklist; each read is audit-logged (an unknown key is
    404 before anything is logged, so only a known key names the list in the purpose)."""
    with audit_channel("api"):
        items = worklist(scope=scope_of(request), actor=request.user, key=key, today=today(),
                         purpose=f"api: arbeidsliste {key}", mine_only=mine)
    return [dataclasses.asdict(i) for i in items]


@router.get("/soknader/{soknad_id}/kartlegging", response={200: s.KartleggingOut, 404: Error})
def get_kartlegging(request: HttpRequest, soknad_id: Id) -> dict[str, Any]:
    """Read the mapping: each section's state, the children blocking a decision, a summary."""
    with audit_channel("api"):
        read = mapping_read(scope=scope_of(request), actor=request.user, soknad_id=soknad_id)
    return dataclasses.asdict(read)


@router.post("/soknader/{soknad_id}/kartlegging",
             response={201: s.KartleggingsdelOut, **ERRORS})
def post_kartlegging(request: HttpRequest, soknad_id: Id,
                     body: s.KartleggingIn) -> tuple[int, dict[str, Any]]:
    """Save one section of the mapping (a new dated, signed version)."""
    with audit_channel("api"):
        row = ops.save_kartlegging(
            scope=scope_of(request), actor=request.user, soknad_id=soknad_id,
            del_type=body.del_type, barn_id=body.barn_id, svar=dict(body.svar), now=now(),
            ikke_kartlagt_grunn=body.ikke_kartlagt_grunn)
    return 201, {"id": row.pk, "del_type": row.del_type, "barn_id": row.barn_id,
                 "fullfort": row.fullfort, "skrevet_at": row.skrevet_at}


@router.post("/soknader/{soknad_id}/dokumentasjon",
             response={201: s.DokumentasjonOut, **ERRORS})
def post_dokumentasjon(request: HttpRequest, soknad_id: Id,
                       body: s.DokumentasjonIn) -> tuple[int, dict[str, Any]]:
    """Ask for documents: the deadline from the rules, the letter, the Digisos event."""
    with audit_channel("api"):
        krav = ops.request_dokumentasjon(
            scope=scope_of(request), actor=request.user, soknad_id=soknad_id,
            titler=body.titler, dager=body.dager, frist=body.frist,
            beskrivelse=body.beskrivelse, now=now())
    return 201, {"krav": [_krav(k) for k in krav], "brev_id": krav.brev_id,
                 "antall_apne": krav.antall_apne, "over_terskel": krav.over_terskel}


@router.post("/dokumentasjonskrav/{krav_id}/mottatt",
             response={200: s.DokumentasjonskravOut, **ERRORS})
def post_mottatt(request: HttpRequest, krav_id: Id, body: s.MottattIn) -> dict[str, Any]:
    """Record that a requested document arrived, and how."""
    with audit_channel("api"):
        krav = ops.mark_dokumentasjon_received(scope=scope_of(request), actor=request.user,
                                               krav_id=krav_id, now=now(),
                                               levert_via=body.levert_via)
    return _krav(krav)


@router.post("/soknader/{soknad_id}/dokumentasjon/paminnelse",
             response={200: s.BrevIdsOut, **ERRORS})
def post_paminnelse(request: HttpRequest, soknad_id: Id) -> dict[str, Any]:
    """Send a reminder letter for open requests not yet reminded."""
    with audit_channel("api"):
        ids = ops.send_dokumentasjon_reminders(scope=scope_of(request), actor=request.user,
                                               soknad_id=soknad_id, now=now())
    return {"brev_ids": ids}


@router.post("/dokumentasjon/paminnelser", response={200: s.SoknadIdsOut, **ERRORS})
def post_due_reminders(request: HttpRequest) -> dict[str, Any]:
    """Send every reminder that is due in the caller's office (for a scheduled job)."""
    with audit_channel("api"):
        ids = ops.send_due_reminders(scope=scope_of(request), actor=request.user, now=now())
    return {"soknad_ids": ids}


@router.post("/soknader/{soknad_id}/dokumentasjon/frist-ute",
             response={200: list[s.DokumentasjonskravOut], **ERRORS})
def post_frist_ute(request: HttpRequest, soknad_id: Id) -> list[dict[str, Any]]:
    """Close the requests whose deadline has passed; decide on the information available."""
    with audit_channel("api"):
        closed = ops.mark_dokumentasjon_not_delivered(scope=scope_of(request),
                                                      actor=request.user,
                                                      soknad_id=soknad_id, now=now())
    return [_krav(k) for k in closed]


@router.post("/soknader/{soknad_id}/forelopig-svar",
             response={201: s.ForelopigSvarOut, **ERRORS})
def post_forelopig_svar(request: HttpRequest, soknad_id: Id,
                        body: s.ForelopigSvarIn) -> tuple[int, dict[str, Any]]:
    """Send the preliminary reply (fvl § 11 a): letter and Digisos event in one action."""
    with audit_channel("api"):
        brev = ops.send_forelopig_svar(scope=scope_of(request), actor=request.user,
                                       soknad_id=soknad_id, grunn=body.grunn,
                                       forventet_dato=body.forventet_dato, now=now())
    return 201, {"brev_id": brev.pk, "forventet_dato": brev.frist}


@router.get("/soknader/{soknad_id}/brev/{brev_id}", response={404: Error})
def get_brev(request: HttpRequest, soknad_id: Id, brev_id: Id) -> HttpResponse:
    """Download a stored letter as PDF."""
    with audit_channel("api"):
        letter = letter_pdf(scope=scope_of(request), actor=request.user, soknad_id=soknad_id,
                            brev_id=brev_id)
    response = HttpResponse(letter.pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{letter.filnavn}"'
    return response


@router.post("/soknader/{soknad_id}/samtaler", response={201: s.CreatedOut, **ERRORS})
def post_samtale(request: HttpRequest, soknad_id: Id,
                 body: s.SamtaleIn) -> tuple[int, dict[str, Any]]:
    """Record a meeting or contact, with its notes and any follow-up task."""
    with audit_channel("api"):
        row = ops.record_samtale(scope=scope_of(request), actor=request.user,
                                 soknad_id=soknad_id, now=now(),
                                 data=ops.SamtaleInput(**body.dict()))
    return 201, {"id": row.pk}


@router.get("/samtaler", response={200: list[s.NoteHitOut], **ERRORS})
def get_samtaler(request: HttpRequest, q: SearchTerm) -> list[dict[str, Any]]:
    """Search the conversation notes in the caller's scope."""
    with audit_channel("api"):
        hits = search_notes(scope=scope_of(request), actor=request.user, term=q)
    return [dataclasses.asdict(h) for h in hits]


@router.post("/soknader/{soknad_id}/veiledning", response={201: s.CreatedOut, **ERRORS})
def post_veiledning(request: HttpRequest, soknad_id: Id,
                    body: s.VeiledningIn) -> tuple[int, dict[str, Any]]:
    """Record the information, advice and guidance offered (sosialtjenesteloven § 17)."""
    with audit_channel("api"):
        row = ops.record_veiledning(scope=scope_of(request), actor=request.user,
                                    soknad_id=soknad_id, now=now(),
                                    data=ops.VeiledningInput(**body.dict()))
    return 201, {"id": row.pk}


@router.post("/soknader/{soknad_id}/oppgaver", response={201: s.OppgaveOut, **ERRORS})
def post_oppgave(request: HttpRequest, soknad_id: Id,
                 body: s.OppgaveIn) -> tuple[int, dict[str, Any]]:
    """Open a follow-up task."""
    with audit_channel("api"):
        task = ops.create_oppgave(scope=scope_of(request), actor=request.user,
                                  soknad_id=soknad_id, tittel=body.tittel, frist=body.frist,
                                  now=now())
    return 201, {"id": task.pk, "tittel": task.tittel, "frist": task.frist, "utfort_at": None}


@router.post("/oppgaver/{oppgave_id}/utfort", response={200: s.OppgaveOut, **ERRORS})
def post_oppgave_utfort(request: HttpRequest, oppgave_id: Id) -> dict[str, Any]:
    """Mark a task done."""
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


@router.get("/kontorinnstillinger", response={200: s.OfficeSettingsSchema, 404: Error})
def get_office_settings(request: HttpRequest) -> dict[str, Any]:
    """Read the caller's office settings (opening hours, duty contact, thresholds)."""
    return dataclasses.asdict(settings_for(_own_office(request)))


@router.put("/kontorinnstillinger", response={200: s.OfficeSettingsSchema, **ERRORS})
def put_office_settings(request: HttpRequest, body: s.OfficeSettingsSchema) -> dict[str, Any]:
    """Change the office settings; only the office's leder may (others get 404)."""
    kontor_id = getattr(request.user, "kontor_id", None) or 0
    with audit_channel("api"):
        update_office_settings(scope=scope_of(request), actor=request.user, kontor_id=kontor_id,
                               data=Settings(**body.dict()), now=now())
    return dataclasses.asdict(settings_for(kontor_id))
