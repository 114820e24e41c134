"""Writes for intake: register an application from any channel."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from sosialsak.contexts.accounts.models import NavKontor
from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.intake.events import record_hendelse
from sosialsak.contexts.intake.models import Kanal, Soknad, SoktStonad, StonadType
from sosialsak.contexts.people.models import Person
from sosialsak.contexts.people.operations import (
    BarnInput,
    PartnerInput,
    set_household,
    upsert_person,
)
from sosialsak.kernel.bounds import check_int, check_received
from sosialsak.kernel.errors import NotFound, ValidationFailed


class UnableToRegisterSoknad(ValidationFailed):
    code = "unable_to_register_soknad"


@dataclass(frozen=True)
class PostInput:
    type: str
    beskrivelse: str = ""
    belop: int | None = None


@dataclass(frozen=True)
class SoknadInput:
    kanal: str
    mottatt_at: datetime
    poster: list[PostInput] = field(default_factory=list)
    nodhjelp: bool = False
    egne_ord: str = ""
    deler_bolig: bool = False


def _check(data: SoknadInput, now: datetime | None = None) -> None:
    # The receipt time enters the domain here from every channel (issue 10: 9999-12-31 broke
    # every list of the office); the bounds live in kernel.bounds.
    check_received(data.mottatt_at, now=now or timezone.now())
    if data.kanal not in Kanal.values:
        raise UnableToRegisterSoknad(f"kanal: ukjent kanal «{data.kanal}».", field="kanal")
    if not data.poster:
        raise UnableToRegisterSoknad(
            "poster: velg minst én ting det søkes om.", field="poster"
        )
    for i, post in enumerate(data.poster):
        if post.type not in StonadType.values:
            raise UnableToRegisterSoknad(
                f"poster[{i}].type: ukjent type «{post.type}».", field=f"poster[{i}].type"
            )
        if post.type == StonadType.ANNET and not post.beskrivelse.strip():
            raise UnableToRegisterSoknad(
                f"poster[{i}].beskrivelse: skriv hva det søkes om når du velger «Annet».",
                field=f"poster[{i}].beskrivelse",
            )
        if post.belop is not None and post.belop < 0:
            raise UnableToRegisterSoknad(
                f"poster[{i}].belop: beløpet kan ikke være negativt.", field=f"poster[{i}].belop"
            )
        if post.belop is not None:
            check_int(post.belop, field=f"poster[{i}].belop")


@transaction.atomic
def register_soknad(
    *,
    scope: Scope,
    actor: object,
    kontor: NavKontor,
    person: Person,
    data: SoknadInput,
    digisos_id: str | None = None,
    ekstern_ref: str = "",
) -> Soknad:
    """Register an application with its items and a MOTTATT event, in one transaction.

    Oral and phone applications are applications: the caseworker registers them here with the
    person's own words, and they get the same deadlines and decisions as a digital one.
    """
    if not (scope.can_write and scope.kontor_allowed(kontor.pk)):
        raise NotFound("Fant ikke kontoret, eller du har ikke tilgang til å registrere der.")
    _check(data)
    soknad = Soknad.objects.create(
        kontor=kontor, person=person, mottatt_at=data.mottatt_at, kanal=data.kanal,
        nodhjelp=data.nodhjelp or any(p.type == StonadType.NODHJELP for p in data.poster),
        egne_ord=data.egne_ord, deler_bolig=data.deler_bolig, digisos_id=digisos_id,
        ekstern_ref=ekstern_ref, registrert_av_id=getattr(actor, "pk", None),
    )
    SoktStonad.objects.bulk_create(
        SoktStonad(soknad=soknad, type=p.type, beskrivelse=p.beskrivelse.strip(), belop=p.belop)
        for p in data.poster
    )
    record_hendelse(soknad=soknad, type="intake.soknad.mottatt", actor=actor, at=data.mottatt_at,
                    data={"status": "MOTTATT", "kanal": data.kanal})
    record_hendelse(soknad=soknad, type="intake.soknad.tildelt", actor=actor, at=data.mottatt_at,
                    data={"enhetsnummer": kontor.enhetsnummer, "navn": kontor.navn})
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=soknad.pk,
           purpose="registrere søknad", kontor_id=kontor.pk)
    return soknad


@dataclass(frozen=True)
class ApplicantInput:
    fodselsnummer: str
    fornavn: str
    etternavn: str
    telefon: str = ""
    tolkebehov: bool = False
    tolkesprak: str = ""


@transaction.atomic
def register_with_applicant(
    *,
    scope: Scope,
    actor: object,
    kontor: NavKontor,
    applicant: ApplicantInput,
    partner: PartnerInput | None,
    barn: list[BarnInput],
    data: SoknadInput,
) -> Soknad:
    """Register a paper, oral or phone application with the applicant and household, atomically.

    Nothing is stored if any part is invalid (an invalid fødselsnummer names its field).
    """
    if not (scope.can_write and scope.kontor_allowed(kontor.pk)):
        raise NotFound("Fant ikke kontoret, eller du har ikke tilgang til å registrere der.")
    _check(data)
    person = upsert_person(
        fodselsnummer=applicant.fodselsnummer, fornavn=applicant.fornavn,
        etternavn=applicant.etternavn, telefon=applicant.telefon or None,
        tolkebehov=applicant.tolkebehov, tolkesprak=applicant.tolkesprak or None,
    )
    set_household(person=person, partner=partner, barn=barn)
    return register_soknad(scope=scope, actor=actor, kontor=kontor, person=person, data=data)
