"""An ettersendelse: documents sent after the application, matched to what we asked for.

Two kinds of request can be answered: a documentation request while the application is
processed (``cases.Dokumentasjonskrav``, published in ``dokumentasjonEtterspurt`` with
dokumentreferanse ``krav-<id>``), and documentation a decision requires
(``decisions.VedtakDokumentasjonskrav``, published in ``dokumentasjonkrav`` under its
``referanse``). nav.no echoes the reference as the file's ``hendelseReferanse``; without one, a
file matches by its type (and for a decision's requirement also its tilleggsinfo), as nav.no
itself matches. ``digisos`` sits above both contexts, so it calls their operations directly.
"""

from __future__ import annotations

from datetime import datetime

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.cases.models import Dokumentasjonskrav, KravStatus, LevertVia
from sosialsak.contexts.cases.operations import mark_dokumentasjon_received
from sosialsak.contexts.decisions.models import DokumentasjonskravStatus, VedtakDokumentasjonskrav
from sosialsak.contexts.decisions.operations import mark_dokumentasjonskrav_levert
from sosialsak.contexts.digisos.checks import CheckedDelivery
from sosialsak.contexts.digisos.delivery import Delivery
from sosialsak.contexts.digisos.soknad_import import store_delivery_files
from sosialsak.contexts.intake.events import record_hendelse
from sosialsak.contexts.intake.models import Soknad, Vedlegg, VedleggKilde
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
    stored, own = store_delivery_files(soknad=soknad, delivery=delivery, items=checked.vedlegg,
                                       kilde=VedleggKilde.ETTERSENDELSE, now=now,
                                       levering_ref=checked.ekstern_ref)
    record_hendelse(soknad=soknad, type="intake.soknad.ettersendelse", at=now,
                    data={"vedlegg_ids": [v.pk for v in stored + own], "antall": len(stored)},
                    tekst=f"{len(stored)} vedlegg er ettersendt")
    _fulfil_requests(scope, soknad, stored, now)
    _fulfil_decision_requirements(scope, soknad, stored, now)
    return soknad


def _fulfil_requests(scope: Scope, soknad: Soknad, stored: list[Vedlegg],
                     now: datetime) -> None:
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


def _fulfil_decision_requirements(scope: Scope, soknad: Soknad, stored: list[Vedlegg],
                                  now: datetime) -> None:
    open_krav = {k.pk: k for k in VedtakDokumentasjonskrav.objects.filter(
        vedtak__sak__soknad=soknad, status=DokumentasjonskravStatus.RELEVANT)}
    for v in stored:
        match = next((k for k in open_krav.values()
                      if v.hendelse_referanse == k.referanse
                      or (not v.hendelse_referanse and v.type == k.tittel
                          and v.tilleggsinfo == k.beskrivelse[:200])), None)
        if match is not None:
            mark_dokumentasjonskrav_levert(scope=scope, actor=None, krav_id=match.pk, now=now)
            del open_krav[match.pk]
