"""Append an event to an application's log. Callers are inside their own transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone

from sosialsak.contexts.intake.models import Hendelse, Soknad

# The codes the timeline and the innsyn export understand. A code is never reused for another
# meaning; add new ones at the end.
TYPES = {
    "intake.soknad.mottatt": "Søknaden er mottatt",
    "intake.soknad.status": "Status er endret",
    "intake.soknad.tildelt": "Søknaden er tildelt NAV-kontor",
    "intake.soknad.ettersendelse": "Dokumenter er ettersendt",
    "cases.dokumentasjon.etterspurt": "Dokumentasjon er etterspurt",
    "cases.dokumentasjon.mottatt": "Dokumentasjon er mottatt",
    "cases.forelopig_svar": "Foreløpig svar er sendt",
    "decisions.sak.opprettet": "Sak er opprettet",
    "decisions.vedtak.fattet": "Vedtak er fattet",
    "decisions.vilkar": "Vilkår er satt",
    "payments.utbetaling": "Utbetaling er planlagt eller endret",
    # Case progress (issue 5). Internal to the office: the innsyn export should not publish
    # kartlegging, samtale, veiledning or oppgave events (their data holds ids only).
    "cases.dokumentasjon.paminnelse": "Påminnelse om dokumentasjon er sendt",
    "cases.dokumentasjon.frist_ute": "Fristen for dokumentasjon er ute",
    "cases.dokumentasjon.lukket": "Saken er ferdig; dokumentasjonskravene er lukket",
    "cases.kartlegging.oppdatert": "Kartleggingen er oppdatert",
    "cases.samtale": "Samtale eller møte er registrert",
    "cases.veiledning": "Opplysning, råd og veiledning er gitt (§ 17)",
    "cases.oppgave.opprettet": "Oppfølgingsoppgave er opprettet",
    "cases.oppgave.utfort": "Oppfølgingsoppgave er utført",
    # Payments (issue 6): the person's account and payment wishes, and consent (sotjl. § 22).
    "payments.betalingsprofil": "Kontonummer eller ønske om samlet utbetaling er endret",
    "payments.samtykke": "Samtykke til utbetaling til andre er registrert eller trukket",
    # Decisions (issue 6). Internal to the office unless the innsyn export maps them:
    # kvp.vurdert, til_godkjenning, returnert, klage.* (the letters are in vedtak.fattet and
    # forhandsvarsel, whose data carry brev_id and dokumentlager_id).
    "decisions.kvp.vurdert": "Retten til kvalifiseringsprogram er vurdert",
    "decisions.vedtak.til_godkjenning": "Vedtak er sendt til godkjenning",
    "decisions.vedtak.returnert": "Vedtaksforslag er sendt tilbake til saksbehandler",
    "decisions.vilkar.brudd": "Brudd på vilkår er registrert",
    "decisions.forhandsvarsel": "Forhåndsvarsel om redusert stønad er sendt",
    "decisions.forhandsvarsel.svar": "Svaret på forhåndsvarselet er registrert",
    "decisions.vedtak.forsendelse": "Det er registrert hvordan vedtaket ble sendt",
    "decisions.klage.mottatt": "Klage er mottatt",
    "decisions.klage.for_sent": "Det er vurdert om en klage etter fristen skal behandles",
    "decisions.klage.oversendt": "Klagen er sendt til Statsforvalteren",
    "decisions.klage.avgjort": "Statsforvalteren har avgjort klagen",
    # Issue 4/6: documentation a decision requires, frame decisions, and retractions. All are
    # published in innsyn (dokumentasjonkrav, rammevedtak, saksStatus FEILREGISTRERT).
    "decisions.dokumentasjonkrav": "Dokumentasjonskrav i vedtak er satt eller endret",
    "decisions.rammevedtak": "Rammevedtak er fattet",
    "decisions.sak.status": "Sakens status er endret (feilregistrert)",
    # Issue 12: who handles the case (internal to the office, never in innsyn).
    "intake.soknad.saksbehandler": "Saksbehandler er endret",
    # The case workspace: journal notes and documents the office uploads (internal).
    "cases.journalnotat": "Journalnotat er skrevet",
    "cases.dokument.lastet_opp": "Dokument er lastet opp av kontoret",
    # Issue 14: a payment held until a condition is met, and released when it is. The
    # payment's own state goes to innsyn through payments.utbetaling.
    "payments.tilbakeholdt": "Utbetaling holdes tilbake til vilkåret er oppfylt",
    "payments.frigitt": "Utbetaling er frigitt fordi vilkåret er oppfylt",
    # Issue 14: tiltak referrals (internal to the office) and the qualification programme
    # (KVP). The innsyn export publishes the KVP steps the person must know of: the programme
    # plan and its end as conditions, and the decisions with letters (reduction, extension,
    # end) as vedtakFattet.
    "tiltak.henvisning.henvist": "Henvist til tiltak",
    "tiltak.henvisning.plass": "Fått plass i tiltak fra ventelisten",
    "tiltak.henvisning.startet": "Startet i tiltak",
    "tiltak.henvisning.avsluttet": "Avsluttet i tiltak",
    "kvp.screenet": "Vurderes for kvalifiseringsprogram",
    "kvp.vurdert": "Retten til kvalifiseringsprogram er vurdert (§ 29)",
    "kvp.sokt": "Søknad om kvalifiseringsprogram er registrert",
    "kvp.vedtak": "Vedtak om kvalifiseringsprogram er fattet",
    "kvp.programplan": "Programplanen er lagret",
    "kvp.startet": "Kvalifiseringsprogrammet har startet",
    "kvp.fravaer": "Fravær i programmet er registrert",
    "kvp.reduksjon": "Vedtak om trekk i kvalifiseringsstønad for fravær",
    "kvp.forlenget": "Vedtak om forlengelse av kvalifiseringsprogrammet",
    "kvp.avbrutt": "Kvalifiseringsprogrammet er midlertidig avbrutt",
    "kvp.gjenopptatt": "Kvalifiseringsprogrammet er gjenopptatt",
    "kvp.avsluttet": "Kvalifiseringsprogrammet er avsluttet",
}


def record_hendelse(
    *,
    soknad: Soknad,
    type: str,
    data: dict[str, Any] | None = None,
    actor: object | None = None,
    at: datetime | None = None,
    tekst: str | None = None,
) -> Hendelse:
    """Append one hendelse. Raise KeyError for an unknown type (a typo must not pass silently)."""
    default_text = TYPES[type]
    return Hendelse.objects.create(
        soknad=soknad,
        at=at or timezone.now(),
        type=type,
        tekst=(tekst or default_text)[:300],
        data=data or {},
        actor_id=getattr(actor, "pk", None),
    )


def record_hendelser(
    *,
    soknad: Soknad,
    events: list[tuple[str, dict[str, Any]]],
    actor: object | None = None,
    at: datetime | None = None,
) -> list[Hendelse]:
    """Append several hendelser (type, data) in one INSERT (issue 13: intake writes row kinds,
    not rows). Raise KeyError for an unknown type, before anything is written."""
    when = at or timezone.now()
    rows = [Hendelse(soknad=soknad, at=when, type=type, tekst=TYPES[type][:300], data=data,
                     actor_id=getattr(actor, "pk", None)) for type, data in events]
    return Hendelse.objects.bulk_create(rows)
