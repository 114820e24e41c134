"""Turn a checked soknad.json delivery into a Soknad with person, household, economy and files."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from django.core.files.base import ContentFile

from sosialsak.contexts.accounts.models import NavKontor
from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.digisos.checks import CheckedDelivery
from sosialsak.contexts.digisos.delivery import Delivery
from sosialsak.contexts.intake.models import (
    Flagg,
    Kanal,
    OkonomiKind,
    OkonomiPost,
    Soknad,
    StonadType,
    Vedlegg,
    VedleggKilde,
)
from sosialsak.contexts.intake.operations import PostInput, SoknadInput, register_soknad
from sosialsak.contexts.people.models import Bosted, PartnerRelasjon, Person
from sosialsak.contexts.people.operations import (
    BarnInput,
    PartnerInput,
    check_fnr,
    set_household,
    upsert_person,
)
from sosialsak.formats.digisos import SoknadInnhold
from sosialsak.kernel.errors import NotFound, ValidationFailed

# Words in "hva søkes om" that point at an item; the caseworker confirms the list.
KEYWORDS: list[tuple[str, str]] = [
    ("husleie", StonadType.HUSLEIE), ("strøm", StonadType.STROM), ("strom", StonadType.STROM),
    ("depositum", StonadType.DEPOSITUM), ("tann", StonadType.TANNBEHANDLING),
    ("medisin", StonadType.MEDISINER), ("nødhjelp", StonadType.NODHJELP),
]


def items_from_text(text: str) -> list[str]:
    """Return the items a free-text "hva søkes om" names; livsopphold when none stands out."""
    lowered = text.lower()
    found = [t for word, t in KEYWORDS if word in lowered]
    types = list(dict.fromkeys(found))
    if not types or any(w in lowered for w in ("mat", "livsopphold", "penger", "klær")):
        types.insert(0, StonadType.LIVSOPPHOLD)
    return types


def _kontor(innhold: SoknadInnhold, flags: list[tuple[str, str]]) -> NavKontor:
    m = innhold.mottaker
    kontor = NavKontor.objects.filter(enhetsnummer=m.nav_enhet).first() if m.nav_enhet else None
    if kontor is None and m.kommunenummer:
        kontor = NavKontor.objects.filter(kommuner__nummer=m.kommunenummer).order_by(
            "enhetsnummer").first()
        flags.append(("ukjent_nav_kontor", f"NAV-kontoret i søknaden ({m.nav_enhet or 'mangler'}) "
                      "finnes ikke her. Søknaden er lagt til et kontor i kommunen. Sjekk om den "
                      "skal sendes videre."))
    if kontor is None:
        kontor = NavKontor.objects.order_by("enhetsnummer").first()
        flags.append(("ukjent_kommune", f"Kommunen i søknaden ({m.kommunenummer or 'mangler'}) "
                      "betjenes ikke av noe kontor her. Sjekk om søknaden skal sendes videre."))
    if kontor is None:
        raise NotFound("Det finnes ingen NAV-kontor å legge søknaden til.")
    return kontor


def _fnr_or_flag(value: str | None, field: str, flags: list[tuple[str, str]]) -> str:
    if not value:
        return ""
    try:
        return check_fnr(value, field=field)
    except ValidationFailed as exc:
        flags.append(("ugyldig_fodselsnummer", exc.message))
        return ""


def _person(innhold: SoknadInnhold, flags: list[tuple[str, str]]) -> Person:
    p = innhold.person
    adresse = p.folkeregistrert_adresse or p.oppholdsadresse
    details: dict[str, Any] = {
        "telefon": p.telefonnummer or None,
        # The last line repeats postnummer and poststed when they are given separately.
        "gateadresse": ", ".join(adresse.linjer[:-1] if adresse.postnummer and
                                 len(adresse.linjer) > 1 else adresse.linjer)[:200]
        if adresse else None,
        "postnummer": (adresse.postnummer or "")[:4] if adresse else None,
        "poststed": (adresse.poststed or "")[:100] if adresse else None,
        "kommunenummer": p.kommunenummer,
    }
    fornavn = " ".join(x for x in (p.navn.fornavn, p.navn.mellomnavn) if x) or "(ukjent)"
    etternavn = p.navn.etternavn or "(ukjent)"
    fnr = _fnr_or_flag(p.fodselsnummer, "personalia.personIdentifikator", flags)
    if fnr:
        return upsert_person(fodselsnummer=fnr, fornavn=fornavn, etternavn=etternavn, **details)
    person = Person(fornavn=fornavn, etternavn=etternavn, fodselsdato=p.fodselsdato,
                    **{k: v or "" for k, v in details.items()})
    person.save()
    return person


def _household(innhold: SoknadInnhold, person: Person, flags: list[tuple[str, str]]) -> None:
    sivil = innhold.familie.sivilstatus
    partner = None
    if sivil and sivil.ektefelle and sivil.status in ("gift", "samboer"):
        e = sivil.ektefelle
        partner = PartnerInput(
            navn=e.navn.fullt_navn or "(ukjent)", fodselsdato=e.fodselsdato,
            relasjon=PartnerRelasjon.SAMBOER if sivil.status == "samboer"
            else PartnerRelasjon.EKTEFELLE,
            fodselsnummer=_fnr_or_flag(e.fodselsnummer, "familie.sivilstatus.ektefelle", flags),
            bor_sammen=sivil.bor_sammen_med is not False)
    barn = []
    for i, b in enumerate(innhold.familie.barn):
        if b.fodselsdato is None:
            flags.append(("barn_uten_fodselsdato",
                          f"Barn nr. {i + 1} i søknaden mangler fødselsdato og er ikke lagt inn."))
            continue
        bosted = Bosted.DELT if b.har_delt_bosted else (
            Bosted.SAMVAER if b.bor_sammen_med is False else Bosted.FAST)
        barn.append(BarnInput(
            navn=(b.navn.fullt_navn if b.navn else "") or f"Barn {i + 1}",
            fodselsdato=b.fodselsdato, bosted=bosted,
            fodselsnummer=_fnr_or_flag(b.fodselsnummer, f"familie.forsorgerplikt.ansvar[{i}]",
                                       flags)))
    set_household(person=person, partner=partner, barn=barn)


def _okonomi(innhold: SoknadInnhold, soknad: Soknad) -> None:
    o = innhold.okonomi
    rows = [(OkonomiKind.INNTEKT, b) for b in o.inntekter]
    rows += [(OkonomiKind.BOUTGIFT if b in o.boutgifter else OkonomiKind.UTGIFT, b)
             for b in o.utgifter]
    rows += [(OkonomiKind.FORMUE, b) for b in o.formue]
    rows += [(OkonomiKind.UTBETALING, b) for b in o.utbetalinger]
    OkonomiPost.objects.bulk_create(
        OkonomiPost(soknad=soknad, kind=kind, type=b.type[:60], tittel=b.tittel[:200],
                    belop=None if b.belop is None else round(b.belop), kilde=b.kilde[:20])
        for kind, b in rows if not b.overstyrt_av_bruker
    )


def store_vedlegg(*, soknad: Soknad, delivery: Delivery, items: list[dict[str, object]],
                  kilde: str, now: datetime, levering_ref: str) -> list[Vedlegg]:
    """Store the files named in vedlegg.json; return the rows (one per file)."""
    stored = []
    for item in items:
        for fil in item.get("filer") or []:  # type: ignore[attr-defined]
            content = delivery.files[fil["filnavn"]]
            v = Vedlegg(soknad=soknad, kilde=kilde, type=str(item.get("type") or "annet")[:100],
                        tilleggsinfo=str(item.get("tilleggsinfo") or "")[:200],
                        filnavn=str(fil["filnavn"])[:255], sha256=hashlib.sha256(content)
                        .hexdigest(), storrelse=len(content), mottatt_at=now,
                        hendelse_referanse=str(item.get("hendelseReferanse") or "")[:100],
                        levering_ref=levering_ref[:64])
            v.fil.save(f"{soknad.pk}-{v.sha256[:12]}-{v.filnavn}", ContentFile(content),
                       save=False)
            v.save()
            stored.append(v)
    return stored


def import_soknad(*, scope: Scope, checked: CheckedDelivery, delivery: Delivery,
                  now: datetime) -> Soknad:
    """Create the application and everything that belongs to it; the caller holds the
    transaction, so a failure stores nothing."""
    innhold = checked.soknad
    assert innhold is not None
    flags: list[tuple[str, str]] = []
    kontor = _kontor(innhold, flags)
    person = _person(innhold, flags)
    _household(innhold, person, flags)
    hva = innhold.hva_sokes_om.strip()
    egne_ord = "\n\n".join(x for x in (hva, innhold.hvorfor_soke or "") if x.strip())
    soknad = register_soknad(
        scope=scope, actor=None, kontor=kontor, person=person,
        data=SoknadInput(kanal=Kanal.DIGITAL, mottatt_at=innhold.innsendingstidspunkt or now,
                         poster=[PostInput(type=t, beskrivelse=hva[:300] if t ==
                                           StonadType.ANNET else "")
                                 for t in items_from_text(hva)],
                         egne_ord=egne_ord),
        digisos_id=checked.digisos_id, ekstern_ref=checked.ekstern_ref,
    )
    _okonomi(innhold, soknad)
    store_vedlegg(soknad=soknad, delivery=delivery, items=checked.vedlegg,
                  kilde=VedleggKilde.SOKNAD, now=now, levering_ref=checked.ekstern_ref)
    flags += [("kompatibilitet", t) for t in innhold.kompatibilitetstekster]
    flags += [("merknad", t) for t in innhold.merknader]
    flags += [("register_feilet", f"Oppslag i register feilet da søknaden ble sendt: {t}.")
              for t in innhold.register_feilet]
    flags.append(("sjekk_poster", "Det som søkes om er tolket fra søkerens egen tekst. "
                  "Sjekk at listen over det som søkes om er riktig."))
    Flagg.objects.bulk_create(Flagg(soknad=soknad, kode=k, tekst=t[:500], opprettet_at=now)
                              for k, t in flags)
    return soknad
