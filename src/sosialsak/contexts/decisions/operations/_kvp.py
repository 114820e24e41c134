"""Record the assessment of the right to the qualification programme (KVP, sotjl. § 29): it
must come before an activity condition (§ 20 a; ``rules.sjekk_kvp_vurdert``)."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.decisions.models import KvpVurdering
from sosialsak.contexts.decisions.operations._core import writable_soknad
from sosialsak.contexts.intake.events import record_hendelse
from sosialsak.kernel.clock import local_date
from sosialsak.kernel.errors import ValidationFailed


class UnableToRecordKvpVurdering(ValidationFailed):
    code = "unable_to_record_kvp_vurdering"


@transaction.atomic
def record_kvp_vurdering(
    *, scope: Scope, actor: object, soknad_id: int, har_rett: bool, begrunnelse: str,
    now: datetime, vurdert_dato: date | None = None,
) -> KvpVurdering:
    """Record whether the person has a right to KVP, with the reasons."""
    soknad = writable_soknad(scope, soknad_id, lock=True)
    day = vurdert_dato or local_date(now)
    if not begrunnelse.strip():
        raise UnableToRecordKvpVurdering("begrunnelse: skriv vurderingen av retten til "
                                         "kvalifiseringsprogram.", field="begrunnelse")
    if day > local_date(now):
        raise UnableToRecordKvpVurdering("vurdert_dato: datoen kan ikke være fram i tid.",
                                         field="vurdert_dato")
    row = KvpVurdering.objects.create(
        person_id=soknad.person_id, soknad=soknad, vurdert_dato=day, har_rett=har_rett,
        begrunnelse=begrunnelse.strip(), vurdert_at=now, vurdert_av_id=getattr(actor, "pk", None))
    record_hendelse(soknad=soknad, type="decisions.kvp.vurdert", actor=actor, at=now,
                    data={"kvp_vurdering_id": row.pk, "har_rett": har_rett,
                          "vurdert_dato": day.isoformat()})
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=soknad.pk,
           purpose="vurdere rett til KVP", kontor_id=soknad.kontor_id)
    return row
