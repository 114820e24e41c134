"""Export a closed application as a Noark 5 package (issue 18 item 6).

The application is the mappe (its saksnummer the mappeID); each decision letter, advance
warning, other letter and attachment is a registrering with its document. Titles are the
documents' own (no names or numbers of the person: those are inside the documents). Only an
office that may change the application may export it; the export is audited and recorded
(``Arkivuttrekk``), so retention knows the case has been archived.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path

from django.db import transaction
from django.db.models import Max

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.archive.models import Arkivuttrekk
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.cases.models import Brev
from sosialsak.contexts.decisions.models import VedtakDokument
from sosialsak.contexts.intake.models import Hendelse, Soknad, SoknadStatus, Vedlegg
from sosialsak.contexts.intake.queries import scoped_soknader
from sosialsak.contexts.intake.saksnummer import saksnummer
from sosialsak.formats.noark5 import (
    Dokument,
    Mappe,
    Registrering,
    Uttrekk,
    check_package,
    pdf_format,
    write_package,
)
from sosialsak.kernel.errors import DomainError, NotFound

CLOSED = (SoknadStatus.FERDIGBEHANDLET, SoknadStatus.BEHANDLES_IKKE)
_NS = uuid.UUID("5b0c1f0e-8d0a-4d43-9a59-0a3c1b1e1a18")  # our namespace for stable systemIDs


class NotClosed(DomainError):
    code = "soknad_not_closed"


class PackageInvalid(DomainError):
    code = "archive_package_invalid"


@dataclass(frozen=True)
class ArchiveExport:
    folder: Path
    uttrekk_id: str
    dokumenter: int


def _sid(kind: str, pk: object) -> str:
    return str(uuid.uuid5(_NS, f"{kind}:{pk}"))


def closed_at(soknad: Soknad) -> datetime:
    """When the application was closed: its last event, or its last status change."""
    last = Hendelse.objects.filter(soknad=soknad).aggregate(at=Max("at"))["at"]
    candidates = [t for t in (last, soknad.status_endret_at) if t is not None]
    return max(candidates) if candidates else soknad.mottatt_at


def _at(d: object) -> datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime.combine(d, time(12)))  # type: ignore[arg-type]


def _registreringer(soknad: Soknad) -> list[Registrering]:
    regs: list[Registrering] = []
    for v in VedtakDokument.objects.filter(soknad=soknad).order_by("opprettet_at", "id"):
        pdf = bytes(v.pdf)
        regs.append(Registrering(_sid("vedtakdokument-reg", v.pk), v.tittel, v.opprettet_at, (
            Dokument(_sid("vedtakdokument", v.pk), v.tittel, pdf, v.opprettet_at,
                     pdf_format(pdf), dokumenttype="Vedtak" if v.type == "VEDTAK" else "Brev"),)))
    for b in Brev.objects.filter(soknad=soknad).order_by("opprettet_at", "id"):
        pdf = bytes(b.pdf)
        regs.append(Registrering(_sid("brev-reg", b.pk), b.tittel, b.opprettet_at, (
            Dokument(_sid("brev", b.pk), b.tittel, pdf, b.opprettet_at, pdf_format(pdf)),)))
    for a in Vedlegg.objects.filter(soknad=soknad).order_by("mottatt_at", "id"):
        try:
            with a.fil.open("rb") as fh:
                content = fh.read()
        except OSError:
            continue  # a file already removed by retention: the row says what it was
        stored = a.fil.name or ""
        ext = stored.rsplit(".", 1)[-1].lower() if "." in stored else "bin"
        ext = ext if ext.isalnum() and len(ext) <= 5 else "bin"
        fmt = pdf_format(content) if ext == "pdf" else ext.upper()
        regs.append(Registrering(_sid("vedlegg-reg", a.pk), f"Vedlegg: {a.type[:80]}",
                                 a.mottatt_at, (
            Dokument(_sid("vedlegg", a.pk), f"Vedlegg: {a.type[:80]}", content, a.mottatt_at,
                     fmt, filendelse=ext, tilknyttet="Vedlegg", dokumenttype="Dokumentasjon"),)))
    return regs


@transaction.atomic
def export_soknad(*, scope: Scope, actor: object, soknad_id: int, out: Path,
                  now: datetime) -> ArchiveExport:
    """Write the application's package below ``out`` and check it; raise NotFound outside the
    caller's scope, NotClosed for an open application, PackageInvalid if the check fails."""
    soknad = (scoped_soknader(scope).filter(pk=soknad_id, registrert_uten_innsyn=False)
              .select_related("kontor").first())
    if soknad is None or not scope.can_write:
        raise NotFound("Fant ikke søknaden, eller du har ikke tilgang til å arkivere den.")
    if soknad.status not in CLOSED:
        raise NotClosed(f"Søknad {soknad.pk} er ikke avsluttet; bare avsluttede saker "
                        "arkiveres.", soknad_id=soknad.pk)
    uttrekk_id = str(uuid.uuid4())
    mappe = Mappe(system_id=_sid("soknad", soknad.pk), mappe_id=saksnummer(soknad.pk),
                  tittel="Søknad om økonomisk stønad", opprettet=soknad.mottatt_at,
                  avsluttet=closed_at(soknad), registreringer=tuple(_registreringer(soknad)))
    package = Uttrekk(uttrekk_id=uttrekk_id,
                      arkivskaper=f"{soknad.kontor.enhetsnummer} {soknad.kontor.navn}",
                      laget=now, mapper=(mappe,))
    folder_name = f"noark5-soknad-{soknad.pk}-{now:%Y%m%d%H%M%S}"
    folder, digest = write_package(package, out, folder_name)
    errors = check_package(folder)
    if errors:
        raise PackageInvalid(f"Arkivuttrekket for søknad {soknad.pk} er ikke i orden: "
                             + "; ".join(errors[:5]), soknad_id=soknad.pk)
    dokumenter = sum(len(r.dokumenter) for r in mappe.registreringer)
    Arkivuttrekk.objects.create(soknad=soknad, uttrekk_id=uttrekk_id, laget_at=now,
                                laget_av_id=getattr(actor, "pk", None), sha256=digest,
                                antall_dokumenter=dokumenter)
    record(actor=actor, action=Action.EXPORT, object_type="soknad", object_id=soknad.pk,
           purpose="arkivuttrekk (Noark 5)", kontor_id=soknad.kontor_id)
    return ArchiveExport(folder=folder, uttrekk_id=uttrekk_id, dokumenter=dokumenter)
