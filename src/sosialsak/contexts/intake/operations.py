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
from sosialsak.contexts.intake.events import record_hendelser
from sosialsak.contexts.intake.models import Kanal, Soknad, SoktStonad, StonadType
from sosialsak.contexts.intake.queries import scoped_soknader
from sosialsak.contexts.people.models import Husstand, Kilde, Person
from sosialsak.contexts.people.operations import (
    BarnInput,
    PartnerInput,
    PersonCorrection,
    StatedApplicant,
    apply_correction,
    apply_register_protection,
    person_for_application,
    record_household,
)
from sosialsak.contexts.people.register import RegisterUnavailable, current_register
from sosialsak.contexts.transactions import atomic_operation
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


@atomic_operation
def register_soknad(
    *,
    scope: Scope,
    actor: object,
    kontor: NavKontor,
    person: Person,
    data: SoknadInput,
    digisos_id: str | None = None,
    ekstern_ref: str = "",
    husstand: Husstand | None = None,
    savepoint: bool = True,  # read by @atomic_operation (contexts/transactions.py)
) -> Soknad:
    """Register an application with its items and a MOTTATT event, in one transaction.

    Oral and phone applications are applications: the caseworker registers them here with the
    person's own words, and they get the same deadlines and decisions as a digital one.
    """
    if not (scope.can_write and scope.kontor_allowed(kontor.pk)):
        raise NotFound("Fant ikke kontoret, eller du har ikke tilgang til å registrere der.")
    _check(data)
    if husstand is None:  # an internal caller with a known person: its record as stated
        husstand = record_household(
            person=person, stated=StatedApplicant(
                fornavn=person.fornavn, etternavn=person.etternavn, telefon=person.telefon,
                gateadresse=person.gateadresse, postnummer=person.postnummer,
                poststed=person.poststed, kommunenummer=person.kommunenummer,
                tolkebehov=person.tolkebehov, tolkesprak=person.tolkesprak),
            partner=None, barn=[], kilde=Kilde.PERSONREGISTER, at=data.mottatt_at,
            kontor_id=kontor.pk, actor=actor)
    elif husstand.person_id != person.pk:
        raise UnableToRegisterSoknad("husstand: tilhører en annen person.", field="husstand")
    soknad = Soknad.objects.create(
        kontor=kontor, person=person, mottatt_at=data.mottatt_at, kanal=data.kanal,
        nodhjelp=data.nodhjelp or any(p.type == StonadType.NODHJELP for p in data.poster),
        egne_ord=data.egne_ord, deler_bolig=data.deler_bolig, digisos_id=digisos_id,
        ekstern_ref=ekstern_ref, registrert_av_id=getattr(actor, "pk", None),
        husstand=husstand,
        # The caller could not see this person (strengt fortrolig adresse): the application
        # stays visible to the office that registered it, holding only what it was told, so
        # the answer is the same as for anyone else (issue 10; docs/adr/0010).
        registrert_uten_innsyn=person.is_strengt_fortrolig and not scope.can_view_strengt_fortrolig,
    )
    SoktStonad.objects.bulk_create(
        SoktStonad(soknad=soknad, type=p.type, beskrivelse=p.beskrivelse.strip(), belop=p.belop)
        for p in data.poster
    )
    record_hendelser(soknad=soknad, actor=actor, at=data.mottatt_at, events=[
        ("intake.soknad.mottatt", {"status": "MOTTATT", "kanal": data.kanal}),
        ("intake.soknad.tildelt", {"enhetsnummer": kontor.enhetsnummer, "navn": kontor.navn})])
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
    stated = StatedApplicant(
        fornavn=applicant.fornavn, etternavn=applicant.etternavn, telefon=applicant.telefon,
        tolkebehov=applicant.tolkebehov, tolkesprak=applicant.tolkesprak)
    # An existing person record is never changed by a new application (issue 10): what the
    # caller states is kept with this application only.
    person = person_for_application(fodselsnummer=applicant.fodselsnummer, stated=stated)
    protect_from_register(actor=actor, person=person, kontor_id=kontor.pk, at=data.mottatt_at)
    husstand = record_household(
        person=person, stated=stated, partner=partner, barn=barn, kilde=Kilde.SAKSBEHANDLER,
        at=data.mottatt_at, kontor_id=kontor.pk, actor=actor)
    return register_soknad(scope=scope, actor=actor, kontor=kontor, person=person, data=data,
                           husstand=husstand)


CORRECTION_NOT_FOUND = "Fant ikke personen, eller du har ikke tilgang til å rette opplysningene."


@transaction.atomic
def correct_person(
    *, scope: Scope, actor: object, soknad_id: int, correction: PersonCorrection
) -> Person:
    """Correct the person record of an application's applicant: explicit and audited.

    Allowed only to a caller who may change the application and has the person wholly in
    scope: every application of the person lies in the caller's scope (so no other office's
    case depends on what is changed), and none was registered without sight of a protected
    person. Anyone else gets NotFound, the same answer as for an unknown application.
    """
    soknad = (scoped_soknader(scope).filter(pk=soknad_id, registrert_uten_innsyn=False)
              .select_related("person").first())
    if soknad is None or not scope.can_write:
        raise NotFound(CORRECTION_NOT_FOUND)
    person = Person.objects.select_for_update().get(pk=soknad.person_id)
    all_ids = set(Soknad.objects.filter(person=person).values_list("pk", flat=True))
    visible = set(scoped_soknader(scope).filter(person=person, registrert_uten_innsyn=False)
                  .values_list("pk", flat=True))
    if all_ids != visible:
        raise NotFound(CORRECTION_NOT_FOUND)
    changed = apply_correction(person, correction)
    # Ids and the names of the fields changed only: no personal data in the audit log.
    record(actor=actor, action=Action.WRITE, object_type="person", object_id=person.pk,
           purpose=f"rette personopplysninger: {', '.join(changed) or 'ingen endring'}",
           kontor_id=soknad.kontor_id)
    return person


def protect_from_register(*, actor: object, person: Person, kontor_id: int | None,
                          at: datetime | None = None) -> bool:
    """Look the person up in the population register (when one is installed) and apply its
    address protection, before the application is stored: a protection the register knows
    then holds from the first moment, whatever was typed (issue 18 item 7; docs/adr/0011).

    Audited by ids only: the lookup (READ) and a changed protection (WRITE). A register that
    does not answer leaves the person as it is (the lookup is retried at the next
    registration); it never stops an application from being registered.
    """
    register = current_register()
    if register is None or not person.fodselsnummer:
        return False
    try:
        found = register.person(person.fodselsnummer)
    except (RegisterUnavailable, ValueError):
        return False
    record(actor=actor, action=Action.READ, object_type="person", object_id=person.pk,
           purpose="oppslag i folkeregisteret", kontor_id=kontor_id)
    if found is None:
        return False
    changed = apply_register_protection(person, found, at=at or timezone.now())
    if changed:
        # Not filed under the office: its leder reads the office's audit log, and an office
        # without the permission must not learn of the protection (ADR 0010 decision 4).
        record(actor=actor, action=Action.WRITE, object_type="person", object_id=person.pk,
               purpose="adressebeskyttelse fra folkeregisteret", kontor_id=None)
    return changed


@atomic_operation
def add_item(*, scope: Scope, actor: object, soknad_id: int, post: PostInput,
             now: datetime) -> SoktStonad:
    """Add one thing applied for to an application (for example an extension of the
    qualification programme applied for in its case); it must get a decision like the rest."""
    soknad = scoped_soknader(scope).select_for_update().filter(pk=soknad_id).first()
    if soknad is None or not scope.can_write:
        raise NotFound("Fant ikke søknaden, eller du har ikke tilgang til å endre den.")
    if post.type not in StonadType.values:
        raise UnableToRegisterSoknad(f"type: ukjent type «{post.type}».", field="type")
    if post.type == StonadType.ANNET and not post.beskrivelse.strip():
        raise UnableToRegisterSoknad("beskrivelse: skriv hva det søkes om.", field="beskrivelse")
    row = SoktStonad.objects.create(soknad=soknad, type=post.type,
                                    beskrivelse=post.beskrivelse.strip()[:300], belop=post.belop)
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=soknad.pk,
           purpose="legge til noe det søkes om", kontor_id=soknad.kontor_id)
    del now  # the item has no time of its own; the audit entry has it
    return row
