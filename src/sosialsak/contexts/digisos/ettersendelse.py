"""An ettersendelse: documents sent after the application, matched to open requests."""

from __future__ import annotations

from datetime import datetime

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.cases.models import Dokumentasjonskrav, KravStatus, LevertVia
from sosialsak.contexts.cases.operations import mark_dokumentasjon_received
from sosialsak.contexts.digisos.checks import CheckedDelivery
from sosialsak.contexts.digisos.delivery import Delivery
from sosialsak.contexts.digisos.soknad_import import store_vedlegg
from sosialsak.contexts.intake.events import record_hendelse
from sosialsak.contexts.intake.models import Soknad, VedleggKilde
from sosialsak.kernel.errors import NotFound


def dokumentreferanse(krav_id: int) -> str:
    """Return the dokumentreferanse we publish for a request (echoed as hendelseReferanse)."""
    return f"krav-{krav_id}"


def import_ettersendelse(*, scope: Scope, checked: CheckedDelivery, delivery: Delivery,
                         now: datetime) -> Soknad:
    """Attach the files to the application and fulfil the open requests they answer."""
    soknad = Soknad.objects.filter(digisos_id=checked.digisos_id).first()
    if soknad is None:
        raise NotFound(f"Ettersendelsen gjelder en søknad vi ikke har (digisosId "
                       f"{checked.digisos_id}).")
    stored = store_vedlegg(soknad=soknad, delivery=delivery, items=checked.vedlegg,
                           kilde=VedleggKilde.ETTERSENDELSE, now=now,
                           levering_ref=checked.ekstern_ref)
    record_hendelse(soknad=soknad, type="intake.soknad.ettersendelse", at=now,
                    data={"vedlegg_ids": [v.pk for v in stored], "antall": len(stored)},
                    tekst=f"{len(stored)} vedlegg er ettersendt")
    open_krav = {k.pk: k for k in Dokumentasjonskrav.objects.filter(
        soknad=soknad, status__in=[KravStatus.ETTERSPURT, KravStatus.IKKE_LEVERT])}
    for v in stored:
        match = next((k for k in open_krav.values()
                      if v.hendelse_referanse == dokumentreferanse(k.pk)
                      or (not v.hendelse_referanse and v.type == k.tittel)), None)
        if match is not None:
            mark_dokumentasjon_received(scope=scope, actor=None, krav_id=match.pk, now=now,
                                        levert_via=LevertVia.ETTERSENDELSE)
            del open_krav[match.pk]
    return soknad
