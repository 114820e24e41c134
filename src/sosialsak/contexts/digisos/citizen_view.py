"""What the person sees of their own application (issue 16, item 3): the timeline built from
the same events as innsyn (``innsyn_events``), the decision letters, and the conditions.

Every read goes through the citizen's scope (``get_soknad``: someone else's application is
NotFound, and the refusal is audited) and is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext as _

from sosialsak.contexts.accounts.models import NavKontor
from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.decisions.models import DokumentType, Vedtak, VedtakDokument, Vilkar
from sosialsak.contexts.digisos.innsyn import innsyn_events
from sosialsak.contexts.intake.queries import get_soknad
from sosialsak.formats.digisos import innsyn_events as ev
from sosialsak.kernel.errors import NotFound

PURPOSE = "innsyn egen sak"


@dataclass(frozen=True)
class TimelineItem:
    at: datetime
    tekst: str


@dataclass(frozen=True)
class LetterItem:
    id: int
    tittel: str
    dato: date
    vedtak_id: int | None


@dataclass(frozen=True)
class ConditionItem:
    beskrivelse: str
    frist: date | None
    status: str


@dataclass(frozen=True)
class CitizenCase:
    timeline: list[TimelineItem]
    letters: list[LetterItem]
    conditions: list[ConditionItem]


def _status(value: str) -> str:
    return {"UNDER_BEHANDLING": _("under behandling"), "FERDIGBEHANDLET": _("ferdig behandlet"),
            "BEHANDLES_IKKE": _("behandles ikke"), "IKKE_INNSYN": _("under behandling"),
            "FEILREGISTRERT": _("registrert ved en feil")}.get(value, value)


def _utfall(value: str) -> str:
    return {"INNVILGET": _("innvilget"), "DELVIS_INNVILGET": _("delvis innvilget"),
            "AVSLATT": _("avslått"), "AVVIST": _("avvist")}.get(value, value)


def _text(e: ev.InnsynHendelse, kontor_navn: dict[str, str]) -> str | None:
    """The event in plain words, or None for events the timeline does not show. An office is
    named, never shown by its enhetsnummer."""
    if isinstance(e, ev.SoknadMottatt):
        return _("Vi tok imot søknaden.")
    if isinstance(e, ev.SoknadStatusEndret):
        return _("Søknaden er %(status)s.") % {"status": _status(e.status)}
    if isinstance(e, ev.NavKontorTildelt):
        return _("Søknaden er sendt til %(kontor)s.") % {
            "kontor": kontor_navn.get(e.nav_kontor, _("NAV-kontoret"))}
    if isinstance(e, ev.VedtakFattet):
        return _("Vi har gjort vedtak: %(utfall)s.") % {"utfall": _utfall(e.utfall)}
    if isinstance(e, ev.DokumentasjonEtterspurt):
        return _("Vi ba deg sende dokumenter.")
    if isinstance(e, ev.ForelopigSvar):
        return _("Vi sendte deg et foreløpig svar.")
    if isinstance(e, ev.Vilkar):
        return _("Du har fått et vilkår: %(tittel)s.") % {"tittel": e.tittel}
    if isinstance(e, ev.Dokumentasjonkrav):
        return _("Vi trenger dokumentasjon: %(tittel)s.") % {"tittel": e.tittel}
    if isinstance(e, ev.Utbetaling) and e.status == "UTBETALT":
        return _("Vi har betalt ut %(belop)s kr.") % {"belop": f"{e.belop:,.0f}".replace(",", " ")}
    return None


def citizen_case(*, scope: Scope, actor: object, soknad_id: int) -> CitizenCase:
    """Return the timeline, letters and conditions of the person's own application."""
    soknad = get_soknad(scope=scope, actor=actor, pk=soknad_id, purpose=PURPOSE)
    events = list(innsyn_events(soknad))
    numbers = {e.nav_kontor for e in events if isinstance(e, ev.NavKontorTildelt)}
    kontor_navn = dict(NavKontor.objects.filter(enhetsnummer__in=numbers)
                       .values_list("enhetsnummer", "navn")) if numbers else {}
    timeline = [TimelineItem(e.tidspunkt, t) for e in events
                if (t := _text(e, kontor_navn)) is not None]
    letters = [LetterItem(d.pk, d.tittel, d.dato, d.vedtak_id) for d in VedtakDokument.objects
               .filter(soknad=soknad).order_by("dato", "pk").only("pk", "tittel", "dato",
                                                                  "vedtak_id")]
    conditions = [ConditionItem(v.beskrivelse, v.frist, v.get_status_display())
                  for v in Vilkar.objects.filter(vedtak__sak__soknad=soknad).order_by("frist",
                                                                                       "pk")]
    return CitizenCase(timeline, letters, conditions)


def citizen_letter(*, scope: Scope, actor: object, soknad_id: int,
                   dokument_id: int) -> tuple[str, bytes]:
    """Return (file name, PDF) of one of the person's own letters; audit the read."""
    soknad = get_soknad(scope=scope, actor=actor, pk=soknad_id, purpose=PURPOSE)
    dok = VedtakDokument.objects.filter(pk=dokument_id, soknad=soknad).first()
    if dok is None:
        record(actor=actor, action=Action.DENIED, object_type="vedtaksdokument",
               object_id=dokument_id, purpose=PURPOSE, kontor_id=soknad.kontor_id)
        raise NotFound("Fant ikke brevet.")
    record(actor=actor, action=Action.READ, object_type="vedtaksdokument", object_id=dok.pk,
           purpose=PURPOSE, kontor_id=soknad.kontor_id)
    return f"brev-{dok.pk}.pdf", bytes(dok.pdf)


def own_vedtak(*, scope: Scope, actor: object, vedtak_id: int) -> Vedtak:
    """Return one of the person's own decisions (with its letter), or NotFound (audited)."""
    vedtak = Vedtak.objects.select_related("sak").filter(pk=vedtak_id).first()
    if vedtak is None:
        raise NotFound("Fant ikke vedtaket.")
    get_soknad(scope=scope, actor=actor, pk=vedtak.sak.soknad_id, purpose=PURPOSE)
    return vedtak


def vedtak_letter(vedtak: Vedtak) -> VedtakDokument | None:
    return VedtakDokument.objects.filter(vedtak=vedtak, type=DokumentType.VEDTAK).order_by(
        "-pk").first()
