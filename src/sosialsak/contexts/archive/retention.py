"""Retention (issue 18 item 5): list the data of closed applications whose retention period
has run out, and remove it only when a leder confirms.

The periods are dated reference data per kind of data (``rules.oppbevaring``), each with its
legal basis. Listing writes ``Slettekandidat`` rows (ids, kinds and dates only); confirming
deletes the attachments or anonymises the application, and the audit entry names only ids,
the kind and the action. A kind that must be archived first is refused until a Noark 5
package of the application has been made (arkivlova § 9 c: nothing is destroyed unarchived
without authority).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.db.models import Max, QuerySet

from sosialsak.contexts.accounts.models import Role
from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.archive.export import CLOSED
from sosialsak.contexts.archive.models import (
    Arkivuttrekk,
    Slettekandidat,
    SletteStatus,
    Tiltak,
)
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.cases.models import Brev
from sosialsak.contexts.decisions.models import VedtakDokument
from sosialsak.contexts.intake.models import Soknad, Vedlegg
from sosialsak.contexts.intake.queries import scoped_soknader
from sosialsak.contexts.people.models import Barn, Husstand, HusstandBarn, Partner, Person
from sosialsak.kernel.clock import local_date
from sosialsak.kernel.errors import DomainError, NotFound
from sosialsak.rules.oppbevaring import kategorier, oppbevaring

ANONYM = "Anonymisert"


class NotArchived(DomainError):
    code = "retention_not_archived"


def may_confirm(scope: Scope) -> bool:
    """Only a leder (with write access to the office) confirms a removal."""
    return Role.LEDER in scope.roles and scope.can_write


@transaction.atomic
def list_due(*, scope: Scope, now: datetime) -> list[Slettekandidat]:
    """Add every closed application in scope whose retention has run out, per kind of data,
    to the list (once); return the open list."""
    today = local_date(now)
    rules = [oppbevaring(k, today) for k in kategorier()]
    listed = set(Slettekandidat.objects.values_list("soknad_id", "kategori"))
    closed = (scoped_soknader(scope).filter(status__in=CLOSED)
              .annotate(sist=Max("hendelser__at")).order_by("pk"))
    with_files = set(Vedlegg.objects.filter(soknad__in=closed.values("pk"))
                     .values_list("soknad_id", flat=True))
    new = []
    for soknad in closed:
        times = [t for t in (soknad.sist, soknad.status_endret_at) if t is not None]
        avsluttet = local_date(max(times) if times else soknad.mottatt_at)
        for rule in rules:
            if (soknad.pk, rule.kategori) in listed or rule.utlop(avsluttet) > today:
                continue
            if rule.kategori == "vedlegg" and soknad.pk not in with_files:
                continue
            new.append(Slettekandidat(
                soknad=soknad, kontor_id=soknad.kontor_id, kategori=rule.kategori,
                tiltak=rule.tiltak, avsluttet=avsluttet, utlop=rule.utlop(avsluttet),
                hjemmel=rule.hjemmel[:300], bekreftet_periode=rule.bekreftet, listet_at=now))
    Slettekandidat.objects.bulk_create(new)
    return list(open_list(scope))


def open_list(scope: Scope) -> QuerySet[Slettekandidat]:
    # Only applications the caller may see: a strengt fortrolig person's case is listed for
    # those with the permission only, like everywhere else.
    return Slettekandidat.objects.filter(
        status=SletteStatus.LISTET, kontor_id__in=scope.kontor_ids,
        soknad_id__in=scoped_soknader(scope).values("pk"))


@transaction.atomic
def confirm(*, scope: Scope, actor: object, kandidat_ids: Iterable[int],
            now: datetime) -> list[Slettekandidat]:
    """Carry out the listed removals a leder confirms; all or nothing."""
    if not may_confirm(scope):
        raise NotFound("Bare en leder ved kontoret kan bekrefte sletting.")
    done = []
    for kid in sorted(set(kandidat_ids)):
        k = open_list(scope).select_for_update().filter(pk=kid).first()
        if k is None:
            raise NotFound(f"Fant ikke slettekandidat {kid} på listen for kontoret ditt.")
        soknad = Soknad.objects.select_for_update().get(pk=k.soknad_id)
        rule = oppbevaring(k.kategori, local_date(now))
        if rule.krever_arkivuttrekk and not Arkivuttrekk.objects.filter(soknad=soknad).exists():
            raise NotArchived(f"Søknad {soknad.pk} må arkiveres (Noark 5-uttrekk) før "
                              "opplysningene kan fjernes.", soknad_id=soknad.pk)
        if k.tiltak == Tiltak.SLETT:
            _delete_attachments(soknad)
        else:
            _anonymise(soknad)
        k.status, k.utfort_at, k.utfort_av_id = SletteStatus.UTFORT, now, getattr(actor, "pk", None)
        k.save(update_fields=["status", "utfort_at", "utfort_av"])
        # Ids, the kind and the action only: nothing of what was removed.
        record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=soknad.pk,
               purpose=f"oppbevaringstid ute: {k.kategori} {k.get_tiltak_display()}".lower(),
               kontor_id=soknad.kontor_id)
        done.append(k)
    return done


def _delete_attachments(soknad: Soknad) -> None:
    files = [v.fil for v in Vedlegg.objects.filter(soknad=soknad)]
    Vedlegg.objects.filter(soknad=soknad).delete()

    def remove() -> None:  # only once the rows are gone for good
        for f in files:
            if f.name:
                f.storage.delete(f.name)

    transaction.on_commit(remove)


def _anonymise(soknad: Soknad) -> None:
    soknad.egne_ord = ""
    soknad.save(update_fields=["egne_ord"])
    VedtakDokument.objects.filter(soknad=soknad).update(pdf=b"", tekst="")
    Brev.objects.filter(soknad=soknad).update(pdf=b"", tekst="")
    if soknad.husstand_id is not None:
        Husstand.objects.filter(pk=soknad.husstand_id).update(
            fornavn=ANONYM, etternavn="", gateadresse="", postnummer="", poststed="",
            telefon="", kontonummer="", tolkesprak="")
        Partner.objects.filter(husstand_id=soknad.husstand_id).update(
            navn=ANONYM, fodselsnummer="", fodselsdato=None)
        for barn_id in HusstandBarn.objects.filter(husstand_id=soknad.husstand_id) \
                .values_list("barn_id", flat=True):
            # A child known from another, not yet anonymised, application keeps its row.
            others = HusstandBarn.objects.filter(barn_id=barn_id).exclude(
                husstand_id=soknad.husstand_id).exclude(husstand__fornavn=ANONYM)
            if not others.exists():
                Barn.objects.filter(pk=barn_id).update(navn=ANONYM, fodselsnummer="")
    remaining = Soknad.objects.filter(person_id=soknad.person_id).exclude(pk=soknad.pk).exclude(
        husstand__fornavn=ANONYM)
    if not remaining.exists():  # the person's last application: the record goes too
        Person.objects.filter(pk=soknad.person_id).update(
            fodselsnummer=None, fornavn=ANONYM, etternavn="", fodselsdato=None, gateadresse="",
            postnummer="", poststed="", telefon="", tolkesprak="", user=None)
