"""Writes for midlertidig botilbud (sotjl. § 27): providers and their assessments, stays, and
the exclusion of a person from a provider as an enkeltvedtak with its letter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.decisions.models import DokumentType, Vedtak
from sosialsak.contexts.decisions.operations._letter import (
    klageinfo,
    kontor_of,
    mottaker_of,
    name_of,
    store,
)
from sosialsak.contexts.intake.saksnummer import saksnummer
from sosialsak.contexts.locking import lock
from sosialsak.contexts.services import access
from sosialsak.contexts.services.models import (
    Botilbud,
    BotilbudType,
    Kvalitetsvurdering,
    Opphold,
    Utestengelse,
)
from sosialsak.contexts.services.operations._plan import _fail, _text
from sosialsak.formats import letters
from sosialsak.kernel.clock import local_date
from sosialsak.kernel.errors import NotFound

OBJ = "botilbud"
MAX_PRIS = 100_000


@dataclass(frozen=True)
class BotilbudInput:
    navn: str
    type: str
    adresse: str = ""


def _office(scope: Scope, actor: object, purpose: str) -> int:
    """The office a writer registers a provider for: their own (a writer has one)."""
    if not scope.can_write or len(scope.kontor_ids) != 1:
        record(actor=actor, action=Action.DENIED, object_type=OBJ, object_id="",
               purpose=purpose)
        raise NotFound(access.NOT_FOUND)
    return next(iter(scope.kontor_ids))


@transaction.atomic
def create_botilbud(*, scope: Scope, actor: object, data: BotilbudInput) -> Botilbud:
    kontor_id = _office(scope, actor, "registrere botilbud")
    if data.type not in BotilbudType.values:
        raise _fail("type", "ukjent type botilbud.")
    b = Botilbud.objects.create(kontor_id=kontor_id, navn=_text(data.navn, "navn", limit=200),
                                adresse=_text(data.adresse, "adresse", limit=200,
                                              required=False), type=data.type)
    access.write_log(actor=actor, object_type=OBJ, object_id=b.pk,
                     purpose="registrere botilbud", kontor_id=kontor_id)
    return b


def _writable_botilbud(scope: Scope, actor: object, pk: int, purpose: str) -> Botilbud:
    if scope.can_write and access.in_scope(Botilbud, scope).filter(pk=pk).exists():
        row = lock(Botilbud, pk)
        if row is not None:
            return row
    record(actor=actor, action=Action.DENIED, object_type=OBJ, object_id=pk, purpose=purpose)
    raise NotFound(access.NOT_FOUND)


@dataclass(frozen=True)
class VurderingInput:
    dato: date
    vurdert_av: str
    funn: str
    forsvarlig: bool
    godkjent_for_barn: bool


@transaction.atomic
def record_vurdering(*, scope: Scope, actor: object, botilbud_id: int, data: VurderingInput,
                     now: datetime) -> Kvalitetsvurdering:
    """Record a quality assessment of a provider (is it forsvarlig, § 4; for children?)."""
    b = _writable_botilbud(scope, actor, botilbud_id, "registrere kvalitetsvurdering")
    if data.dato > local_date(now):
        raise _fail("dato", "vurderingen kan ikke være fram i tid.")
    if data.godkjent_for_barn and not data.forsvarlig:
        raise _fail("godkjent_for_barn", "et botilbud som ikke er forsvarlig, kan ikke "
                    "godkjennes for barn.")
    v = Kvalitetsvurdering.objects.create(
        botilbud=b, dato=data.dato, vurdert_av=_text(data.vurdert_av, "vurdert_av", limit=200),
        funn=_text(data.funn, "funn"), forsvarlig=data.forsvarlig,
        godkjent_for_barn=data.godkjent_for_barn, registrert_at=now,
        registrert_av_id=getattr(actor, "pk", None))
    access.write_log(actor=actor, object_type=OBJ, object_id=b.pk,
                     purpose="registrere kvalitetsvurdering", kontor_id=b.kontor_id)
    return v


@dataclass(frozen=True)
class OppholdInput:
    botilbud_id: int
    fra: date
    pris_per_dogn: int
    antall_voksne: int = 1
    antall_barn: int = 0
    til: date | None = None
    vedtak_id: int | None = None


def _check_opphold(data: OppholdInput) -> None:
    if not 0 <= data.pris_per_dogn <= MAX_PRIS:
        raise _fail("pris_per_dogn", f"prisen må være mellom 0 og {MAX_PRIS} kr.")
    if not 1 <= data.antall_voksne <= 20:
        raise _fail("antall_voksne", "minst én og høyst 20 voksne.")
    if not 0 <= data.antall_barn <= 20:
        raise _fail("antall_barn", "høyst 20 barn.")
    if data.til is not None and data.til <= data.fra:
        raise _fail("til", "utflyttingsdagen må være etter innflyttingsdagen.")


@transaction.atomic
def record_opphold(*, scope: Scope, actor: object, person_id: int, data: OppholdInput,
                   now: datetime) -> Opphold:
    """Record a stay in temporary housing for the person's household."""
    soknad = access.anchor_soknad(scope, actor, person_id, "registrere opphold i botilbud")
    _check_opphold(data)
    if not Botilbud.objects.filter(pk=data.botilbud_id, kontor_id__in=scope.kontor_ids).exists():
        raise _fail("botilbud_id", "velg et av kontorets botilbud.")
    if data.vedtak_id and not Vedtak.objects.filter(pk=data.vedtak_id,
                                                   sak__soknad__person_id=person_id,
                                                   sak__soknad__kontor_id=soknad.kontor_id
                                                   ).exists():
        raise _fail("vedtak_id", "vedtaket må gjelde personen og være fattet ved kontoret.")
    o = Opphold.objects.create(
        person_id=person_id, soknad=soknad, botilbud_id=data.botilbud_id,
        antall_voksne=data.antall_voksne, antall_barn=data.antall_barn, fra=data.fra,
        til=data.til, pris_per_dogn=data.pris_per_dogn, vedtak_id=data.vedtak_id,
        registrert_at=now, registrert_av_id=getattr(actor, "pk", None))
    access.write_log(actor=actor, object_type="opphold", object_id=o.pk,
                     purpose="registrere opphold i botilbud", kontor_id=soknad.kontor_id)
    return o


@transaction.atomic
def end_opphold(*, scope: Scope, actor: object, opphold_id: int, til: date,
                now: datetime) -> Opphold:
    o = access.lock_under(scope, actor, Opphold, opphold_id, "avslutte opphold", "opphold")
    if til <= o.fra:
        raise _fail("til", "utflyttingsdagen må være etter innflyttingsdagen.")
    o.til = til
    o.save(update_fields=["til"])
    access.write_log(actor=actor, object_type="opphold", object_id=o.pk,
                     purpose="avslutte opphold i botilbud", kontor_id=o.soknad.kontor_id)
    return o


@dataclass(frozen=True)
class UtestengelseInput:
    botilbud_id: int
    fra: date
    fakta: str
    kontradiksjon: str
    begrunnelse: str
    til: date | None = None


@transaction.atomic
def exclude_from_botilbud(*, scope: Scope, actor: object, person_id: int,
                          data: UtestengelseInput, now: datetime) -> Utestengelse:
    """Exclude the person from a provider. It is an enkeltvedtak (sotjl. § 27, Sivilombudet
    20.10.2025): written with the facts, the person's own account (kontradiksjon, fvl. § 16
    / § 17) and the reasons (fvl. §§ 24-25), and sent with the appeal information (§ 27): the
    appeal body is the Statsforvalter for the office's municipality (``rules.statsforvalter``)."""
    soknad = access.anchor_soknad(scope, actor, person_id, "utestenge fra botilbud")
    b = Botilbud.objects.filter(pk=data.botilbud_id, kontor_id=soknad.kontor_id).first()
    if b is None:
        raise _fail("botilbud_id", "velg et av kontorets botilbud.")
    if data.til is not None and data.til < data.fra:
        raise _fail("til", "utestengelsen må slutte samme dag eller etter at den begynner.")
    fakta = _text(data.fakta, "fakta")
    kontradiksjon = _text(data.kontradiksjon, "kontradiksjon")
    begrunnelse = _text(data.begrunnelse, "begrunnelse")
    today = local_date(now)
    periode = (f"fra {data.fra:%d.%m.%Y}" + (f" til og med {data.til:%d.%m.%Y}"
                                            if data.til else ""))
    punkt = letters.Vedtakspunkt(
        tittel=f"Fortsatt plass i midlertidig botilbud ({b.navn}) {periode}",
        utfall=letters.Utfall.AVSLATT, hjemmel="sosialtjenesteloven § 27",
        begrunnelse="\n\n".join((
            f"Vi har bestemt at du ikke kan bo i {b.navn} {periode}. Dette er et vedtak om "
            "utestengelse fra et midlertidig botilbud.",
            f"Dette bygger vi på: {fakta}",
            f"Dette har du sagt om saken: {kontradiksjon}",
            begrunnelse,
            "Kommunen har fortsatt plikt til å finne et midlertidig botilbud til deg hvis du "
            "ikke klarer det selv (sosialtjenesteloven § 27). Ta kontakt med oss.")))
    brev = letters.Vedtaksbrev(
        kontor=kontor_of(soknad), mottaker=mottaker_of(soknad), dato=today,
        saksreferanse=saksnummer(soknad.pk), vedtak=(punkt,),
        klage=klageinfo(soknad, dato=today),
        saksbehandler=name_of(actor, f"NAV {soknad.kontor.navn.removeprefix('NAV ')}"))
    dokument = store(soknad=soknad, type=DokumentType.VEDTAK, letter=brev, actor=actor, now=now)
    u = Utestengelse.objects.create(
        person_id=person_id, soknad=soknad, botilbud=b, fra=data.fra, til=data.til,
        fakta=fakta, kontradiksjon=kontradiksjon, begrunnelse=begrunnelse, brev=dokument,
        fattet_at=now, fattet_av_id=getattr(actor, "pk", None))
    access.write_log(actor=actor, object_type="utestengelse", object_id=u.pk,
                     purpose="vedtak om utestengelse fra botilbud", kontor_id=soknad.kontor_id)
    return u


