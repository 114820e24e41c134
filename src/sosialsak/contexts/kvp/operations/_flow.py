"""Screening, the § 29 assessment, the application and the grant or refusal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction

from sosialsak import rules
from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.decisions.operations import (
    BarnBegrunnelse,
    KvpUtkast,
    UtbetalingValg,
    VedtakUtkast,
    make_vedtak,
    record_kvp_vurdering,
    writable_soknad,
)
from sosialsak.contexts.intake.household import household_of
from sosialsak.contexts.intake.models import Kanal
from sosialsak.contexts.intake.operations import PostInput, SoknadInput, register_soknad
from sosialsak.contexts.kvp.models import (
    AndreYtelser,
    Deltakelse,
    ScreeningGrunn,
    Status,
    Vurdering,
)
from sosialsak.contexts.kvp.operations._common import event, locked
from sosialsak.contexts.kvp.policy import check_step, fail
from sosialsak.contexts.people.models import Kilde
from sosialsak.contexts.people.operations import BarnInput, StatedApplicant, record_household
from sosialsak.kernel.bounds import check_case_date
from sosialsak.kernel.clock import local_date

OPEN = (Status.SCREENET, Status.VURDERT, Status.SOKT, Status.INNVILGET, Status.I_PROGRAM,
        Status.AVBRUTT)
POST_TEKST = "Kvalifiseringsprogram og kvalifiseringsstønad (sosialtjenesteloven §§ 29 og 35)"


@transaction.atomic
def screen(*, scope: Scope, actor: object, soknad_id: int, grunn: str, now: datetime,
           notat: str = "") -> Deltakelse:
    """Mark the person in this case as someone to assess for KVP (from the screening list)."""
    soknad = writable_soknad(scope, soknad_id, lock=True)
    if grunn not in ScreeningGrunn.values:
        raise fail("grunn", f"ukjent grunn «{grunn}».")
    if Deltakelse.objects.filter(person_id=soknad.person_id, kontor_id=soknad.kontor_id,
                                 status__in=OPEN).exists():
        raise fail("soknad_id", "personen er allerede i et KVP-løp ved kontoret.",
                   code="kvp_finnes")
    d = Deltakelse.objects.create(
        person_id=soknad.person_id, kontor_id=soknad.kontor_id, fra_soknad=soknad,
        screening_grunn=grunn, screening_notat=notat.strip(), screenet_at=now,
        screenet_av_id=getattr(actor, "pk", None), endret_at=now)
    event(d, "screenet", actor, now, "vurdere kvalifiseringsprogram", grunn=grunn)
    return d


@dataclass(frozen=True)
class VurderingInput:
    vesentlig_nedsatt_arbeidsevne: bool
    andre_ytelser: str  # AndreYtelser value
    arbeidsevnevurdering: bool
    egnet: bool
    begrunnelse: str
    vurdert_dato: date | None = None


@transaction.atomic
def assess(*, scope: Scope, actor: object, deltakelse_id: int, data: VurderingInput,
           now: datetime) -> Vurdering:
    """Record the structured § 29 assessment. The rules' checklist decides the right together
    with the caseworker's judgement that the programme is suitable and necessary; the
    assessment is also recorded where the § 20 a check looks for it."""
    d = locked(scope, deltakelse_id)
    check_step("vurdere", d.status)
    day = data.vurdert_dato or local_date(now)
    check_case_date(day, field="vurdert_dato")
    if day > local_date(now):
        raise fail("vurdert_dato", "datoen kan ikke være fram i tid.")
    if data.andre_ytelser not in AndreYtelser.values:
        raise fail("andre_ytelser", f"ukjent verdi «{data.andre_ytelser}».")
    if not data.begrunnelse.strip():
        raise fail("begrunnelse", "skriv vurderingen.")
    born = d.person.fodselsdato
    if born is None:
        raise fail("fodselsdato", "personens fødselsdato mangler; alderen kan ikke vurderes.")
    sjekk = rules.kvp_inngangsvilkar(
        fodselsdato=born, on=day,
        vesentlig_nedsatt_arbeidsevne=data.vesentlig_nedsatt_arbeidsevne,
        andre_ytelser=rules.AndreYtelser(data.andre_ytelser),
        arbeidsevnevurdering=data.arbeidsevnevurdering)
    har_rett = sjekk.oppfylt and data.egnet
    lines = [f"{'✓' if s.ok else '✗'} {s.message}" for s in sjekk.items]
    lines.append("✓ Programmet er egnet og nødvendig." if data.egnet
                 else "✗ Programmet er ikke vurdert som egnet og nødvendig.")
    text = "\n".join([*lines, "", data.begrunnelse.strip()])
    case = d.soknad if d.soknad_id else d.fra_soknad
    assert case is not None
    old = record_kvp_vurdering(scope=scope, actor=actor, soknad_id=case.pk, har_rett=har_rett,
                               begrunnelse=text, now=now, vurdert_dato=day)
    v = Vurdering.objects.create(
        person_id=d.person_id, soknad=case, deltakelse=d, vurdert_dato=day,
        vesentlig_nedsatt_arbeidsevne=data.vesentlig_nedsatt_arbeidsevne,
        andre_ytelser=data.andre_ytelser, arbeidsevnevurdering=data.arbeidsevnevurdering,
        egnet=data.egnet, har_rett=har_rett, begrunnelse=data.begrunnelse.strip(),
        sjekker=[{"kode": s.code, "ok": s.ok, "tekst": s.message, "hjemmel": s.hjemmel}
                 for s in sjekk.items], fritekst=old, vurdert_at=now,
        vurdert_av_id=getattr(actor, "pk", None))
    d.status, d.endret_at = Status.VURDERT, now
    d.save(update_fields=["status", "endret_at"])
    event(d, "vurdert", actor, now, "vurdere rett til KVP", har_rett=har_rett,
          vurdering_id=v.pk)
    return v


@transaction.atomic
def apply(*, scope: Scope, actor: object, deltakelse_id: int, mottatt_at: datetime,
          kanal: str, now: datetime) -> Deltakelse:
    """Register the application for KVP as a case of its own (KOSTRA: REG_DATO), with the
    household as stated in the case the person was found in."""
    d = locked(scope, deltakelse_id)
    check_step("soke", d.status)
    if kanal not in Kanal.values:
        raise fail("kanal", f"ukjent kanal «{kanal}».")
    origin = household_of(d.fra_soknad)
    h = origin.husstand
    person = d.person
    stated = StatedApplicant(
        fornavn=h.fornavn if h else person.fornavn, etternavn=h.etternavn if h else
        person.etternavn, telefon=h.telefon if h else person.telefon,
        gateadresse=h.gateadresse if h else person.gateadresse,
        postnummer=h.postnummer if h else person.postnummer,
        poststed=h.poststed if h else person.poststed,
        kommunenummer=h.kommunenummer if h else person.kommunenummer,
        kontonummer=h.kontonummer if h else "")
    husstand = record_household(
        person=person, stated=stated, partner=None,
        barn=[BarnInput(navn=b.navn, fodselsdato=b.fodselsdato,
                        bosted=getattr(b, "bosted", "FAST"))
              for b in origin.barn if b.fodselsdato is not None],
        kilde=Kilde.SAKSBEHANDLER, at=mottatt_at, kontor_id=d.kontor_id, actor=actor)
    soknad = register_soknad(
        scope=scope, actor=actor, kontor=d.fra_soknad.kontor, person=person,
        data=SoknadInput(kanal=kanal, mottatt_at=mottatt_at,
                         poster=[PostInput(type="ANNET", beskrivelse=POST_TEKST)]),
        husstand=husstand)
    d.soknad, d.reg_dato, d.status, d.endret_at = soknad, local_date(mottatt_at), Status.SOKT, now
    d.save(update_fields=["soknad", "reg_dato", "status", "endret_at"])
    event(d, "sokt", actor, now, "registrere søknad om KVP", reg_dato=d.reg_dato.isoformat())
    return d


@dataclass(frozen=True)
class VedtakInput:
    innvilget: bool
    begrunnelse: str
    fakta: str
    start: date | None = None  # planned start (grant)
    kontonummer: str = ""  # where the stønad is paid (grant)


def _barn(d: Deltakelse, innvilget: bool) -> tuple[BarnBegrunnelse, ...]:
    text = ("Du får barnetillegg for barnet for hver dag du deltar i programmet (§ 35)."
            if innvilget else "Avslaget gjelder programmet. Barnets behov vurderes i saken om "
            "økonomisk stønad.")
    assert d.soknad is not None
    return tuple(BarnBegrunnelse(b.pk, text) for b in household_of(d.soknad).barn)


@transaction.atomic
def decide(*, scope: Scope, actor: object, deltakelse_id: int, data: VedtakInput,
           now: datetime) -> Deltakelse:
    """Grant or refuse KVP (§§ 29, 35). A grant is the § 35 decision for the ordinary
    programme period (2 years from the start): kvalifiseringsstønad for each month from the
    rules, paid monthly through the payment plan. Its reasons say that unauthorised absence
    reduces the stønad, so a later reduction carries out this decision (§ 36)."""
    d = locked(scope, deltakelse_id)
    check_step("vedta", d.status)
    assert d.soknad is not None
    if not data.begrunnelse.strip() or not data.fakta.strip():
        raise fail("begrunnelse", "skriv fakta og begrunnelse for vedtaket.")
    post = d.soknad.poster.order_by("id").first()
    assert post is not None
    today = local_date(now)
    if data.innvilget:
        start = data.start or today
        check_case_date(start, field="start")
        slutt = rules.kvp_programperiode(start=start).ordinaer_slutt
        if not data.kontonummer.strip():
            raise fail("kontonummer", "oppgi kontonummeret stønaden skal betales til.")
        begrunnelse = (
            f"{data.begrunnelse.strip()}\n\nDu har rett til kvalifiseringsprogram "
            f"(sosialtjenesteloven § 29). Programmet er på full tid, hele året, og varer i "
            f"inntil to år fra {start:%d.%m.%Y} så lenge vilkårene er oppfylt (§ 30).\n\n"
            "Kvalifiseringsstønaden er 2 ganger grunnbeløpet (G) i året, og 2/3 av dette før "
            "du fyller 25 år. Den endres når G endres 1. mai (§ 35). Annen inntekt og andre "
            "ytelser trekkes fra etter § 35.\n\nDu må møte i programmet etter programplanen. "
            "Fravær uten gyldig grunn fører til trekk i stønaden for hver dag. Sykefravær må "
            "dokumenteres med egenmelding eller legeerklæring.")
        utkast = VedtakUtkast(
            post_ids=(post.pk,), hjemmel="§ 35", utfall="INNVILGET", stonadsform="BIDRAG",
            begrunnelse=begrunnelse, fakta=data.fakta.strip(), periode_fra=start,
            periode_til=slutt, kvp=KvpUtkast(deltakelse_fra=start),
            barn=_barn(d, True), sak_tittel="Kvalifiseringsstønad",
            utbetaling=UtbetalingValg(hyppighet="MANEDLIG",
                                      kontonummer=data.kontonummer.strip()))
    else:
        utkast = VedtakUtkast(
            post_ids=(post.pk,), hjemmel="§ 35", utfall="AVSLATT", begrunnelse=(
                f"{data.begrunnelse.strip()}\n\nVilkårene for kvalifiseringsprogram står i "
                "sosialtjenesteloven § 29."), fakta=data.fakta.strip(),
            barn=_barn(d, False), sak_tittel="Kvalifiseringsprogram")
    vedtak = make_vedtak(scope=scope, actor=actor, soknad_id=d.soknad.pk, data=utkast, now=now)
    d.vedtak, d.vedtak_dato, d.endret_at = vedtak, today, now
    d.status = Status.INNVILGET if data.innvilget else Status.AVSLATT
    if data.innvilget:
        d.slutt_dato = None  # set when the programme starts
    d.save(update_fields=["vedtak", "vedtak_dato", "status", "slutt_dato", "endret_at"])
    event(d, "vedtak", actor, now, "fatte vedtak om KVP", vedtak_id=vedtak.pk,
          innvilget=data.innvilget, vedtak_dato=today.isoformat())
    return d
