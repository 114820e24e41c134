"""Kartlegging: save a section (a new dated, signed version each time), and the guard
``decisions.record_vedtak`` calls so a livsopphold decision cannot skip the children."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction

from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.cases.access import writable
from sosialsak.contexts.cases.models import Kartleggingsdel, Oppgave, OppgaveType
from sosialsak.contexts.cases.operations._oppfolging import close_tasks, open_task
from sosialsak.contexts.cases.policy import (
    InvalidKartlegging,
    Svar,
    applies_to_children_rule,
    check_children_mapped,
    children_not_mapped_error,
    clean_svar,
    is_nodhjelp_decision,
    missing,
)
from sosialsak.contexts.cases.queries import children_mapping_gaps
from sosialsak.contexts.intake.events import record_hendelse
from sosialsak.contexts.intake.household import household_of
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.offices.queries import settings_for
from sosialsak.contexts.people.models import Barn
from sosialsak.kernel.clock import local_date
from sosialsak.rules.frister import next_working_day


@transaction.atomic
def save_kartlegging(
    *, scope: Scope, actor: object, soknad_id: int, del_type: str, svar: Svar, now: datetime,
    barn_id: int | None = None, ikke_kartlagt_grunn: str = "",
) -> Kartleggingsdel:
    """Save one section of the mapping as a new version, dated ``now`` and signed by ``actor``.

    A section may be saved unfinished (the conversation goes on); it is ``fullfort`` when every
    required question is answered. For a child (``del_type`` BARN) ``barn_id`` names one of the
    applicant's children. ``ikke_kartlagt_grunn`` records why a section cannot be mapped. When
    the last child's section is settled, open mapping tasks of the application are closed.
    """
    soknad = writable(scope, soknad_id, lock=True)
    clean = clean_svar(del_type, svar)
    barn = _child(soknad, del_type, barn_id)
    grunn = ikke_kartlagt_grunn.strip()[:2000]
    if not clean and not grunn:
        raise InvalidKartlegging(
            "svar: svar på minst ett spørsmål, eller skriv hvorfor delen ikke kan kartlegges.",
            field="svar")
    section = Kartleggingsdel.objects.create(
        person_id=soknad.person_id, soknad=soknad, del_type=del_type, barn=barn,
        barn_navn=barn.navn if barn else "", svar=clean, fullfort=not missing(del_type, clean),
        ikke_kartlagt_grunn=grunn, skrevet_at=now, skrevet_av_id=getattr(actor, "pk", None),
    )
    record_hendelse(soknad=soknad, type="cases.kartlegging.oppdatert", actor=actor, at=now,
                    data={"kartleggingsdel_id": section.pk, "del": del_type, "barn_id": barn_id,
                          "fullfort": section.fullfort, "grunn_registrert": bool(grunn)})
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=soknad.pk,
           purpose="kartlegging", kontor_id=soknad.kontor_id)
    if barn is not None and not children_mapping_gaps(soknad):
        close_tasks(soknad=soknad, type=OppgaveType.KARTLEGGING, actor=actor, now=now)
    return section


def _child(soknad: Soknad, del_type: str, barn_id: int | None) -> Barn | None:
    if del_type != "BARN":
        if barn_id is not None:
            raise InvalidKartlegging("barn_id: bare barnets del gjelder ett barn.",
                                     field="barn_id")
        return None
    barn = household_of(soknad).child(barn_id) \
        if barn_id is not None else None
    if barn is None:
        raise InvalidKartlegging("barn_id: velg et av barna i husstanden.", field="barn_id")
    return barn


def guard_vedtak_children(
    *, soknad: Soknad, hjemmel: str, utfall: str, post_types: list[str], actor: object,
    now: datetime,
) -> Oppgave | None:
    """Raise ChildrenNotMapped when a § 18 livsopphold decision would skip a child; for a
    nødhjelp decision with children not mapped, open a task to map them within the office's
    ``kartlegging_frist_dager`` (moved to a working day) and return it.

    Called by ``decisions.operations.record_vedtak`` inside its transaction, after the
    application has been read through the caller's scope.
    """
    nodhjelp = is_nodhjelp_decision(hjemmel=hjemmel, post_types=post_types)
    if not nodhjelp and not applies_to_children_rule(hjemmel=hjemmel, post_types=post_types):
        return None
    gaps = children_mapping_gaps(soknad)
    blocked = check_children_mapped(hjemmel=hjemmel, utfall=utfall, post_types=post_types,
                                    gaps=gaps)
    if blocked:
        raise children_not_mapped_error(blocked)
    if not (nodhjelp and gaps):
        return None
    if Oppgave.objects.filter(soknad=soknad, type=OppgaveType.KARTLEGGING,
                              utfort_at__isnull=True).exists():
        return None
    days = settings_for(soknad.kontor_id).kartlegging_frist_dager
    frist, _skipped = next_working_day(local_date(now) + timedelta(days=days))
    return open_task(
        soknad=soknad, type=OppgaveType.KARTLEGGING, frist=frist, actor=actor, now=now,
        tittel="Kartlegg barnas situasjon etter nødhjelp: " + ", ".join(gaps),
    )
