"""Who may receive a payment: the applicant, or someone else only on a lawful ground.

Sosialtjenesteloven § 22: support is paid to the applicant. It may go to someone else, such as
a landlord or a power company, only (a) with the applicant's recorded consent that names that
recipient and is in force on every due date, or (b) under a decision that gives the support as
goods or services under § 21 fourth paragraph — a decision with hjemmel § 21 or the stønadsform
"varer og tjenester". Every refusal names the field, as a JSON path under ``mottaker``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sosialsak.contexts.decisions.models import Hjemmel, Stonadsform, Vedtak
from sosialsak.contexts.payments.models import Betalingsprofil, MottakerType, Samtykke
from sosialsak.contexts.payments.plan import UnableToPlanUtbetaling
from sosialsak.contexts.people.models import Person
from sosialsak.kernel.errors import ValidationFailed
from sosialsak.kernel.identity import parse_kontonummer, parse_organisasjonsnummer


@dataclass(frozen=True)
class Mottaker:
    """Who gets the money. Left empty, the applicant is paid on the account in their profile."""

    type: str = MottakerType.SOKER
    navn: str = ""
    kontonummer: str = ""
    organisasjonsnummer: str = ""
    samtykke_id: int | None = None
    kid: str = ""


@dataclass(frozen=True)
class ResolvedMottaker:
    type: str
    navn: str
    kontonummer: str
    organisasjonsnummer: str
    kid: str
    samtykke: Samtykke | None


def is_paragraph_21_decision(vedtak: Vedtak) -> bool:
    """Return whether the decision gives support as goods or services (§ 21 fourth paragraph)."""
    return (vedtak.hjemmel == Hjemmel.P21
            or vedtak.stonadsform == Stonadsform.VARER_OG_TJENESTER)


def parse_kid(value: str, *, field: str = "kid") -> str:
    """Return a checked KID (2–25 digits, MOD10 or MOD11 check digit); raise naming ``field``."""
    kid = "".join(value.split())
    body, check = kid[:-1], kid[-1:]
    if not 2 <= len(kid) <= 25 or not body.isdigit() or not (check.isdigit() or check == "-"):
        raise ValidationFailed(f"{field}: et KID-nummer har 2 til 25 siffer.",
                               code="invalid_kid", field=field)
    digits = [int(d) for d in reversed(body)]
    luhn = sum(sum(divmod(d * 2, 10)) if i % 2 == 0 else d for i, d in enumerate(digits))
    mod10 = str((10 - luhn % 10) % 10)
    rest = sum(d * (2 + i % 6) for i, d in enumerate(digits)) % 11
    mod11 = {0: "0", 1: "-"}.get(rest, str(11 - rest))
    if check not in (mod10, mod11):
        raise ValidationFailed(f"{field}: kontrollsifferet i KID-nummeret stemmer ikke.",
                               code="invalid_kid", field=field)
    return kid


def _fail(field: str, message: str) -> UnableToPlanUtbetaling:
    return UnableToPlanUtbetaling(f"{field}: {message}", field=field)


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def resolve_mottaker(
    *, vedtak: Vedtak, person: Person, mottaker: Mottaker, today: date, last_due: date,
    prefix: str = "mottaker.",
) -> ResolvedMottaker:
    """Return the checked recipient of a plan; raise a ValidationFailed naming the field."""
    kid = parse_kid(mottaker.kid, field=f"{prefix}kid") if mottaker.kid.strip() else ""
    if mottaker.type == MottakerType.SOKER:
        if mottaker.samtykke_id is not None:
            raise _fail(f"{prefix}samtykke_id", "samtykke brukes bare når andre enn søkeren "
                        "skal få pengene.")
        profil = Betalingsprofil.objects.filter(
            person=person, kontor_id=vedtak.sak.soknad.kontor_id).first()
        raw = mottaker.kontonummer.strip() or (profil.kontonummer if profil else "")
        if not raw:
            raise _fail(f"{prefix}kontonummer", "søkeren har ikke registrert kontonummer. "
                        "Skriv kontonummeret pengene skal til.")
        konto = parse_kontonummer(raw, field=f"{prefix}kontonummer")
        return ResolvedMottaker(MottakerType.SOKER,
                                mottaker.navn.strip() or vedtak.sak.soknad.soker_navn,
                                konto, "", kid, None)
    if mottaker.type != MottakerType.ANNEN:
        raise _fail(f"{prefix}type", "velg søkeren eller en annen mottaker.")
    navn = mottaker.navn.strip()
    if not navn:
        raise _fail(f"{prefix}navn", "skriv hvem som skal få pengene.")
    konto = parse_kontonummer(mottaker.kontonummer, field=f"{prefix}kontonummer")
    orgnr = parse_organisasjonsnummer(mottaker.organisasjonsnummer,
                                      field=f"{prefix}organisasjonsnummer") \
        if mottaker.organisasjonsnummer.strip() else ""
    samtykke = None
    if mottaker.samtykke_id is not None or not is_paragraph_21_decision(vedtak):
        samtykke = _check_samtykke(person=person, mottaker=mottaker, navn=navn, orgnr=orgnr,
                                   today=today, last_due=last_due, prefix=prefix)
    return ResolvedMottaker(MottakerType.ANNEN, navn, konto, orgnr, kid, samtykke)


def _check_samtykke(
    *, person: Person, mottaker: Mottaker, navn: str, orgnr: str, today: date, last_due: date,
    prefix: str,
) -> Samtykke:
    field = f"{prefix}samtykke_id"
    if mottaker.samtykke_id is None:
        raise _fail(field, "utbetaling til andre enn søkeren krever søkerens samtykke eller et "
                    "vedtak om varer og tjenester etter sosialtjenesteloven § 21.")
    samtykke = Samtykke.objects.filter(pk=mottaker.samtykke_id, person=person).first()
    if samtykke is None:
        raise _fail(field, "fant ikke samtykket hos denne søkeren.")
    if samtykke.gitt_dato > today:
        raise _fail(field, "samtykket er datert fram i tid.")
    if samtykke.trukket_dato is not None and samtykke.trukket_dato <= last_due:
        raise _fail(field, "søkeren har trukket samtykket tilbake.")
    if samtykke.gyldig_til is not None and samtykke.gyldig_til <= last_due:
        raise _fail(field, f"samtykket gjelder bare til {samtykke.gyldig_til:%d.%m.%Y}, "
                    "før den siste utbetalingen.")
    if samtykke.mottaker_organisasjonsnummer:
        if orgnr != samtykke.mottaker_organisasjonsnummer:
            raise _fail(f"{prefix}organisasjonsnummer", "samtykket gjelder en annen mottaker.")
    elif not _same_name(navn, samtykke.mottaker_navn):
        raise _fail(f"{prefix}navn", "samtykket gjelder en annen mottaker.")
    return samtykke
