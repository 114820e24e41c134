"""Turn a checked soknad.json delivery into a Soknad with person, household, economy and files.

Nothing of the application is lost:

* the raw ``soknad.json`` is stored with the application as an attachment (type ``soknad``),
  byte for byte with its hash, so a caseworker or an auditor can open exactly what NAV sent
  (scoped and audit-logged like every attachment); ``soknad.pdf`` (what the person saw) and any
  file of the delivery that vedlegg.json does not list are stored the same way;
* what the person told us that has no table of its own (bosituasjon, arbeid, utdanning, and
  in a "kort" søknad whether anything has changed since the last one) is written as notes
  (``Flagg``) on the application, which the case page shows under "Merknader du må se på":
  ``opplysninger`` for the facts, ``situasjon_endret`` for the change. A note was chosen over
  new columns: the facts are the applicant's own, unchecked statements the caseworker should
  read, not data the rules compute with, and the raw file keeps their exact form;
* an applicant whose fødselsnummer fails the check is stored without one, and the identity
  string is kept in ``UgyldigIdent`` so the next import with the same string (and no
  conflicting birth date) reuses that person instead of creating another; the case is flagged.

Attachment files are written under temporary names while the transaction runs and moved into
place only after it commits: run the import inside :func:`files_held_until_commit` and call
:func:`move_in` after the commit (see the importer).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from django.conf import settings
from django.core.files.storage import default_storage

from sosialsak.contexts.accounts.models import NavKontor
from sosialsak.contexts.accounts.scope import Scope, system_scope
from sosialsak.contexts.digisos.checks import CheckedDelivery
from sosialsak.contexts.digisos.delivery import JSON_FILES, Delivery
from sosialsak.contexts.digisos.models import UgyldigIdent
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
from sosialsak.contexts.intake.operations import (
    PostInput,
    SoknadInput,
    protect_from_register,
    register_soknad,
)
from sosialsak.contexts.people.models import Bosted, Kilde, PartnerRelasjon, Person
from sosialsak.contexts.people.operations import (
    BarnInput,
    PartnerInput,
    StatedApplicant,
    check_fnr,
    find_or_create_person,
    record_household,
)
from sosialsak.formats.digisos import SoknadInnhold
from sosialsak.kernel.bounds import EARLIEST_BIRTH_DATE
from sosialsak.kernel.clock import local_date
from sosialsak.kernel.errors import NotFound, ValidationFailed
from sosialsak.kernel.logsafe import failure
from sosialsak.kernel.paths import inside

log = logging.getLogger("sosialsak.digisos")

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


def _person(innhold: SoknadInnhold, flags: list[tuple[str, str]],
            now: datetime) -> tuple[Person, StatedApplicant, bool]:
    """Return the applicant's person record (found, or created from this application), the
    details as stated in this application, and whether the record was created now. A found
    record is never changed (issue 10)."""
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
    text = {k: str(v or "") for k, v in details.items()}
    stated = StatedApplicant(
        fornavn=fornavn, etternavn=etternavn, telefon=text["telefon"][:20],
        gateadresse=text["gateadresse"], postnummer=text["postnummer"],
        poststed=text["poststed"], kommunenummer=text["kommunenummer"][:4])
    fnr = _fnr_or_flag(p.fodselsnummer, "personalia.personIdentifikator", flags)
    if fnr:
        person, created = find_or_create_person(fodselsnummer=fnr, stated=stated)
        return person, stated, created
    ident = (p.fodselsnummer or "").strip()[:100]
    known = _known_invalid_ident(ident, p.fodselsdato, fornavn, etternavn) if ident else None
    if known is not None:
        flags.append(("ugyldig_fodselsnummer_gjenkjent",
                      "Søkeren er koblet til personen fra en tidligere søknad med det samme "
                      "ugyldige fødselsnummeret. Sjekk at det er samme person."))
        return known, stated, False
    person = Person(fornavn=fornavn, etternavn=etternavn, fodselsdato=p.fodselsdato,
                    **{k: v or "" for k, v in details.items()})
    person.save()
    if ident:
        UgyldigIdent.objects.create(ident=ident, person=person, opprettet_at=now)
    return person, stated, True


def _known_invalid_ident(ident: str, fodselsdato: date | None, fornavn: str,
                         etternavn: str) -> Person | None:
    """Return the person an earlier import created for this invalid identity string when it
    is plainly the same person: the same name, and birth dates that do not disagree. Anyone
    else with the same wrong number gets a person of their own (never merge two people)."""
    def same(a: str, b: str) -> bool:
        return " ".join(a.casefold().split()) == " ".join(b.casefold().split())

    for person in Person.objects.filter(
            pk__in=UgyldigIdent.objects.filter(ident=ident).values("person")).order_by("pk"):
        if not (same(person.fornavn, fornavn) and same(person.etternavn, etternavn)):
            continue
        if fodselsdato is None or person.fodselsdato in (None, fodselsdato):
            return person
    return None


def _household(innhold: SoknadInnhold, flags: list[tuple[str, str]],
               on: date) -> tuple[PartnerInput | None, list[BarnInput]]:
    """Return the partner and children as stated in the application (stored with it)."""
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
        if not EARLIEST_BIRTH_DATE <= b.fodselsdato <= on:  # kernel.bounds (issue 10)
            flags.append(("barn_uten_fodselsdato",
                          f"Barn nr. {i + 1} i søknaden har en umulig fødselsdato og er ikke "
                          "lagt inn."))
            continue
        bosted = Bosted.DELT if b.har_delt_bosted else (
            Bosted.SAMVAER if b.bor_sammen_med is False else Bosted.FAST)
        barn.append(BarnInput(
            navn=(b.navn.fullt_navn if b.navn else "") or f"Barn {i + 1}",
            fodselsdato=b.fodselsdato, bosted=bosted,
            fodselsnummer=_fnr_or_flag(b.fodselsnummer, f"familie.forsorgerplikt.ansvar[{i}]",
                                       flags)))
    return partner, barn


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


@dataclass(frozen=True)
class PendingFile:
    temp: Path  # written, waiting for the commit
    final: Path  # where the row says the file is


class HeldFiles(list[PendingFile]):
    """The files of one import: written under temporary names, and being made durable (each
    file's fsync runs in the background from the moment it is written; see
    :func:`wait_until_durable`)."""

    def __init__(self) -> None:
        super().__init__()
        self.syncing: list[Future[None]] = []
        self.durable = False


_pending: ContextVar[HeldFiles | None] = ContextVar("digisos_pending_files", default=None)


@functools.cache
def _sync_pool() -> ThreadPoolExecutor:
    # Made on first use (after a server has forked its workers). fsyncs issued together are
    # one journal commit on ext4 and most file systems, where one after the other is one
    # commit each (≈ 4 ms apiece on the development machine's virtual disk): so the files of a
    # delivery are synced at once, while the import goes on with its last rows (issue 13).
    return ThreadPoolExecutor(max_workers=4, thread_name_prefix="digisos-fsync")


def _sync_and_close(fh: BinaryIO) -> None:
    try:
        os.fsync(fh.fileno())
    finally:
        fh.close()


def wait_until_durable(pending: HeldFiles) -> None:
    """Return when every file of ``pending`` is on disk (raise if one could not be synced).
    Call it as the last step inside the transaction: a row commits only after its file is
    durable, so a power cut never leaves a committed row whose file is lost."""
    for future in pending.syncing:
        future.result()
    pending.durable = True


def _settle(pending: HeldFiles) -> None:
    # Wait for the syncs still running (their files are closed then), errors or not.
    for future in pending.syncing:
        try:
            future.result()
        except OSError:
            continue
INCOMING = ".incoming"  # under MEDIA_ROOT: attachment files whose rows are not committed yet


def incoming_path(vedlegg_id: int) -> Path:
    return inside(settings.MEDIA_ROOT, INCOMING, f"vedlegg-{vedlegg_id}.part")


def media_path(name: str) -> Path:
    """Return the path of a stored file name (``vedlegg/2026/12/…``), kept inside MEDIA_ROOT."""
    return inside(settings.MEDIA_ROOT, *name.split("/"))


@contextmanager
def files_held_until_commit() -> Iterator[HeldFiles]:
    """Collect the attachment files written inside the block under temporary names.

    The rows wait in the database transaction and the files wait in ``.incoming``; the caller
    calls :func:`wait_until_durable` as the last step of its (durable) transaction and moves
    the files in with :func:`move_in` only after it has committed, so a crash or a rollback
    never leaves a file with personal data that no row points at (the temporary files are
    deleted here on failure, and by :func:`sweep_files` after a crash).
    """
    pending = HeldFiles()
    token = _pending.set(pending)
    try:
        yield pending
    except BaseException:
        _settle(pending)
        for item in pending:
            try:
                item.temp.unlink(missing_ok=True)
            except OSError as exc:
                log.error("digisos: could not remove a file after a failed import: %s",
                          failure(exc))
        raise
    finally:
        _pending.reset(token)


def move_in(pending: list[PendingFile]) -> None:
    """Move committed attachment files from their temporary names into place."""
    if isinstance(pending, HeldFiles) and pending and not pending.durable:
        raise RuntimeError("move_in before wait_until_durable: the rows may have committed "
                           "before their files were on disk")
    for item in pending:
        item.final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(item.temp, item.final)


@dataclass(frozen=True)
class _FileIn:
    kilde: str
    type: str
    filnavn: str
    content: bytes
    tilleggsinfo: str = ""
    hendelse_referanse: str = ""


def _store_files(*, soknad: Soknad, files: list[_FileIn], now: datetime,
                 levering_ref: str) -> list[Vedlegg]:
    """Write the rows of ``files`` in one INSERT (issue 13), then each file under a temporary
    name (by its row id) that :func:`move_in` renames after the commit."""
    pending = _pending.get()
    if pending is None:
        raise RuntimeError("attachment files are stored only inside files_held_until_commit()")
    rows, names = [], []
    field = Vedlegg._meta.get_field("fil")
    for f in files:
        v = Vedlegg(soknad=soknad, kilde=f.kilde, type=f.type[:100],
                    tilleggsinfo=f.tilleggsinfo[:200], filnavn=f.filnavn[:255],
                    sha256=hashlib.sha256(f.content).hexdigest(), storrelse=len(f.content),
                    mottatt_at=now, hendelse_referanse=f.hendelse_referanse[:100],
                    levering_ref=levering_ref[:64])
        name = field.generate_filename(v, f"{soknad.pk}-{v.sha256[:12]}-{v.filnavn}")
        v.fil.name = default_storage.get_available_name(name, max_length=300)
        rows.append(v)
        names.append(v.fil.name)
    Vedlegg.objects.bulk_create(rows)
    incoming = incoming_path(0).parent  # checked once; each name below is built from an id
    incoming.mkdir(parents=True, exist_ok=True)
    for v, f, stored_name in zip(rows, files, names, strict=True):
        if not isinstance(v.pk, int):  # bulk_create returns the ids on PostgreSQL, SQLite ≥ 3.35
            raise RuntimeError("the database did not return the attachment row ids")
        temp = incoming / f"vedlegg-{v.pk}.part"  # as incoming_path(v.pk)
        pending.append(PendingFile(temp, media_path(stored_name)))
        fh = open(temp, "wb")  # closed by _sync_and_close, after its fsync
        try:
            fh.write(f.content)
            fh.flush()
        except BaseException:
            fh.close()
            raise
        pending.syncing.append(_sync_pool().submit(_sync_and_close, fh))
    return rows


def _listed_files(delivery: Delivery, items: list[dict[str, Any]], kilde: str) -> list[_FileIn]:
    return [
        _FileIn(kilde=kilde, type=str(item.get("type") or "annet"),
                tilleggsinfo=str(item.get("tilleggsinfo") or ""), filnavn=str(fil["filnavn"]),
                content=delivery.files[fil["filnavn"]],
                hendelse_referanse=str(item.get("hendelseReferanse") or ""))
        for item in items for fil in item.get("filer") or []
    ]


def store_delivery_files(*, soknad: Soknad, delivery: Delivery, items: list[dict[str, Any]],
                         kilde: str, now: datetime, levering_ref: str
                         ) -> tuple[list[Vedlegg], list[Vedlegg]]:
    """Store the files named in vedlegg.json and every file of the delivery it does not list
    (the raw soknad.json, soknad.pdf or ettersendelse.pdf, anything else that came with it:
    nothing is lost) with one INSERT (issue 13); return the rows of each, in that order."""
    listed = _listed_files(delivery, items, kilde)
    rows = _store_files(soknad=soknad, files=listed + _other_files(delivery, items, kilde),
                        now=now, levering_ref=levering_ref)
    return rows[:len(listed)], rows[len(listed):]


# The delivery's own documents, stored as attachments of that type.
OWN_FILES = {"soknad.json": "soknad", "soknad.pdf": "soknad",
             "ettersendelse.pdf": "ettersendelse"}


def _other_files(delivery: Delivery, items: list[dict[str, Any]], kilde: str) -> list[_FileIn]:
    # soknad.json is kept byte for byte; metadata.json and vedlegg.json are not attachments.
    listed = {fil.get("filnavn") for item in items for fil in item.get("filer") or []}
    return [
        _FileIn(kilde=kilde, type=OWN_FILES.get(name, "annet"),
                tilleggsinfo="" if name in OWN_FILES else "ikke oppført i vedlegg.json",
                filnavn=name, content=content)
        for name, content in sorted(delivery.files.items())
        if name not in listed and (name == "soknad.json" or name not in JSON_FILES)
    ]


BOTYPE = {"eier": "eier bolig", "leier": "leier bolig", "kommunal": "leier kommunal bolig",
          "ingen": "har ikke bolig", "institusjon": "bor på institusjon",
          "krisesenter": "bor på krisesenter", "fengsel": "er i fengsel",
          "venner": "bor hos venner", "foreldre": "bor hos foreldre",
          "familie": "bor hos familie", "annet": "annen bosituasjon"}


def _ja_nei(value: bool) -> str:
    return "ja" if value else "nei"


def _dag(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else "ukjent dato"


def _clip(text: str, limit: int = 500) -> str:
    if len(text) <= limit:
        return text
    suffix = " … (alt står i soknad.json)"
    return text[:limit - len(suffix)].rstrip() + suffix


def opplysninger(innhold: SoknadInnhold) -> list[tuple[str, str]]:
    """Return the notes that carry what the applicant told us and no table holds."""
    parts = []
    if innhold.botype:
        parts.append(f"Bosituasjon: {BOTYPE.get(innhold.botype, innhold.botype)}.")
    if innhold.antall_personer is not None:
        parts.append(f"Antall personer i husstanden: {innhold.antall_personer}.")
    if innhold.er_i_jobb is not None:
        parts.append(f"I jobb: {_ja_nei(innhold.er_i_jobb)}.")
    if innhold.arbeidsforhold:
        parts.append("Arbeidsforhold siste tre måneder: " + "; ".join(
            f"{a.arbeidsgivernavn} ({a.stillingsprosent} %, "
            + (f"{_dag(a.fom)}–{_dag(a.tom)})" if a.tom else f"fra {_dag(a.fom)})")
            for a in innhold.arbeidsforhold) + ".")
    if innhold.er_student is not None:
        parts.append(f"Student: {_ja_nei(innhold.er_student)}.")
    notes = [("opplysninger", _clip("Opplysninger fra søknaden: " + " ".join(parts)))] \
        if parts else []
    if innhold.har_noe_endret_seg is True:
        hva = (innhold.hva_har_endret_seg or "").strip()
        notes.append(("situasjon_endret", _clip(
            f"Søkeren sier at noe har endret seg siden forrige søknad: «{hva}»" if hva else
            "Søkeren sier at noe har endret seg siden forrige søknad, men har ikke skrevet hva.")))
    elif innhold.har_noe_endret_seg is False:
        notes.append(("situasjon_endret",
                      "Søkeren sier at ingenting har endret seg siden forrige søknad."))
    return notes


def import_soknad(*, checked: CheckedDelivery, delivery: Delivery, now: datetime,
                  scope: Scope | None = None) -> Soknad:
    """Create the application and everything that belongs to it; the caller holds the
    transaction, so a failure stores nothing. Without ``scope``, the system's scope over the
    office the application goes to (the import's own office choice, no query for all)."""
    innhold = checked.soknad
    assert innhold is not None
    flags: list[tuple[str, str]] = []
    kontor = _kontor(innhold, flags)
    scope = scope or system_scope(kontor_ids=[kontor.pk])
    person, stated, new_person = _person(innhold, flags, now)
    mottatt = innhold.innsendingstidspunkt or now
    # The register's address protection holds before the application is stored (issue 18).
    protect_from_register(actor=None, person=person, kontor_id=kontor.pk, at=now)
    partner, barn = _household(innhold, flags, local_date(mottatt))
    husstand = record_household(person=person, stated=stated, partner=partner, barn=barn,
                                kilde=Kilde.DIGISOS, at=mottatt, kontor_id=kontor.pk,
                                savepoint=False, new_person=new_person)
    hva = innhold.hva_sokes_om.strip()
    egne_ord = "\n\n".join(x for x in (hva, innhold.hvorfor_soke or "") if x.strip())
    soknad = register_soknad(
        scope=scope, actor=None, kontor=kontor, person=person,
        data=SoknadInput(kanal=Kanal.DIGITAL, mottatt_at=innhold.innsendingstidspunkt or now,
                         poster=[PostInput(type=t, beskrivelse=hva[:300] if t ==
                                           StonadType.ANNET else "")
                                 for t in items_from_text(hva)],
                         egne_ord=egne_ord),
        digisos_id=checked.digisos_id, ekstern_ref=checked.ekstern_ref, husstand=husstand,
        savepoint=False,  # the importer's durable transaction rolls back as a whole
    )
    _okonomi(innhold, soknad)
    store_delivery_files(soknad=soknad, delivery=delivery, items=checked.vedlegg,
                         kilde=VedleggKilde.SOKNAD, now=now, levering_ref=checked.ekstern_ref)
    flags += opplysninger(innhold)
    flags += [("kompatibilitet", t) for t in innhold.kompatibilitetstekster]
    flags += [("merknad", t) for t in innhold.merknader]
    flags += [("register_feilet", f"Oppslag i register feilet da søknaden ble sendt: {t}.")
              for t in innhold.register_feilet]
    flags.append(("sjekk_poster", "Det som søkes om er tolket fra søkerens egen tekst. "
                  "Sjekk at listen over det som søkes om er riktig."))
    Flagg.objects.bulk_create(Flagg(soknad=soknad, kode=k, tekst=t[:500], opprettet_at=now)
                              for k, t in flags)
    return soknad
