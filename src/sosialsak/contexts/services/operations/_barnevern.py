"""Writes for the follow-up of a concern sent to barnevernet (sotjl. § 45), and the office's
settings for the services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction

from sosialsak.contexts.accounts.models import Role
from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.cases.models import Kartleggingsdel
from sosialsak.contexts.services import access
from sosialsak.contexts.services.models import Bekymringsmelding, Tjenesteinnstillinger
from sosialsak.contexts.services.operations._plan import _fail, _text
from sosialsak.contexts.services.policy import ServiceSettings, svar_frist
from sosialsak.kernel.clock import local_date
from sosialsak.kernel.errors import NotFound

OBJ = "bekymringsmelding"


@dataclass(frozen=True)
class BekymringInput:
    barn_navn: str
    sendt_dato: date
    barneverntjeneste: str
    kartlegging_id: int | None = None


@transaction.atomic
def record_bekymring(*, scope: Scope, actor: object, person_id: int, data: BekymringInput,
                     now: datetime) -> Bekymringsmelding:
    """Record that a concern was sent to barnevernet, usually the one the children's mapping
    recorded (``kartlegging_id``)."""
    soknad = access.anchor_soknad(scope, actor, person_id, "registrere bekymringsmelding")
    if data.sendt_dato > local_date(now):
        raise _fail("sendt_dato", "meldingen kan ikke være sendt fram i tid.")
    if data.kartlegging_id is not None and not Kartleggingsdel.objects.filter(
            pk=data.kartlegging_id, person_id=person_id, del_type="BARN").exists():
        raise _fail("kartlegging_id", "kartleggingen må gjelde et barn i personens husstand.")
    dager = service_settings(soknad.kontor_id).barnevern_svar_dager
    m = Bekymringsmelding.objects.create(
        person_id=person_id, soknad=soknad, kartlegging_id=data.kartlegging_id,
        svar_frist=svar_frist(data.sendt_dato, dager),
        barn_navn=_text(data.barn_navn, "barn_navn", limit=200), sendt_dato=data.sendt_dato,
        barneverntjeneste=_text(data.barneverntjeneste, "barneverntjeneste", limit=200),
        registrert_at=now, registrert_av_id=getattr(actor, "pk", None))
    access.write_log(actor=actor, object_type=OBJ, object_id=m.pk,
                     purpose="registrere bekymringsmelding", kontor_id=soknad.kontor_id)
    return m


@transaction.atomic
def record_svar(*, scope: Scope, actor: object, bekymring_id: int, svar_dato: date, svar: str,
                neste_steg: str, now: datetime) -> Bekymringsmelding:
    """Record barnevernet's reply and what NAV does next."""
    m = access.lock_under(scope, actor, Bekymringsmelding, bekymring_id, "registrere svar", OBJ)
    if svar_dato < m.sendt_dato or svar_dato > local_date(now):
        raise _fail("svar_dato", "svaret må være kommet etter at meldingen ble sendt, og "
                    "ikke fram i tid.")
    m.svar_dato, m.svar = svar_dato, _text(svar, "svar")
    m.neste_steg = _text(neste_steg, "neste_steg", required=False)
    m.save(update_fields=["svar_dato", "svar", "neste_steg"])
    access.write_log(actor=actor, object_type=OBJ, object_id=m.pk,
                     purpose="registrere svar fra barnevernet", kontor_id=m.soknad.kontor_id)
    return m


def service_settings(kontor_id: int) -> ServiceSettings:
    row = Tjenesteinnstillinger.objects.filter(kontor_id=kontor_id).first()
    return ServiceSettings(barnevern_svar_dager=row.barnevern_svar_dager) if row else \
        ServiceSettings()


def settings_many(kontor_ids: list[int]) -> dict[int, ServiceSettings]:
    rows = {r.kontor_id: r for r in Tjenesteinnstillinger.objects.filter(kontor_id__in=kontor_ids)}
    return {k: ServiceSettings(barnevern_svar_dager=rows[k].barnevern_svar_dager) if k in rows
            else ServiceSettings() for k in kontor_ids}


def set_service_settings(*, scope: Scope, actor: object, kontor_id: int, data: ServiceSettings,
                         now: datetime) -> ServiceSettings:
    """The office's leder sets the services' thresholds; anyone else gets NotFound (logged)."""
    if not (Role.LEDER in scope.roles and scope.can_write and scope.kontor_allowed(kontor_id)):
        record(actor=actor, action=Action.DENIED, object_type="tjenesteinnstillinger",
               object_id=kontor_id, purpose="endre tjenesteinnstillinger", kontor_id=kontor_id)
        raise NotFound(access.NOT_FOUND)
    return _save(actor=actor, kontor_id=kontor_id, data=data, now=now)


@transaction.atomic
def _save(*, actor: object, kontor_id: int, data: ServiceSettings, now: datetime
          ) -> ServiceSettings:
    if not 1 <= data.barnevern_svar_dager <= 365:
        raise _fail("barnevern_svar_dager", "mellom 1 og 365 dager.")
    Tjenesteinnstillinger.objects.update_or_create(
        kontor_id=kontor_id, defaults={"barnevern_svar_dager": data.barnevern_svar_dager,
                                       "endret_at": now})
    # The open concerns' deadlines follow the office's new days.
    for m in Bekymringsmelding.objects.select_for_update().filter(
            soknad__kontor_id=kontor_id, svar_dato__isnull=True):
        m.svar_frist = svar_frist(m.sendt_dato, data.barnevern_svar_dager)
        m.save(update_fields=["svar_frist"])
    access.write_log(actor=actor, object_type="tjenesteinnstillinger", object_id=kontor_id,
                     purpose="endre tjenesteinnstillinger", kontor_id=kontor_id)
    return data
