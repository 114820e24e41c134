"""Make a decision from the builder: store the vedtak with its calculation, reasons per child
and conditions; plan the payments; store the letter; publish the events; move the status.

``preview_vedtak`` shows the same decision before it is made (a read, audit-logged).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import transaction

from sosialsak import rules
from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.cases.access import staff_readable
from sosialsak.contexts.cases.operations import open_requests
from sosialsak.contexts.decisions.economy import economy_prefill
from sosialsak.contexts.decisions.models import DokumentType, Vedtak, Vedtaksforslag, Vilkar
from sosialsak.contexts.decisions.operations._builder import Built, build, is_nodhjelp
from sosialsak.contexts.decisions.operations._core import (
    VedtakInput,
    change_status,
    create_vedtak,
    undecided_items,
    writable_soknad,
)
from sosialsak.contexts.decisions.operations._explain import (
    Figure,
    MonthExplained,
    explain_months,
    figures,
)
from sosialsak.contexts.decisions.operations._inputs import VedtakUtkast
from sosialsak.contexts.decisions.operations._krav import publish_ramme, ramme_fields, store_krav
from sosialsak.contexts.decisions.operations._letter import (
    name_of,
    store,
    utbetaling_of,
    vedtaksbrev,
)
from sosialsak.contexts.decisions.operations._settings import months_with_support
from sosialsak.contexts.decisions.policy import Problem, UnableToMakeVedtak, is_long_term
from sosialsak.contexts.decisions.ports import plan_payments
from sosialsak.contexts.intake.events import record_hendelse
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.intake.saksnummer import saksnummer
from sosialsak.formats import letters
from sosialsak.formats.letters.dokument import to_json
from sosialsak.kernel.clock import local_date
from sosialsak.kernel.errors import DomainError


class ApprovalRequired(DomainError):
    code = "godkjenning_kreves"


@dataclass(frozen=True)
class VedtakPreview:
    belop: int | None
    forklaring: str  # the calculation, line by line (render_for_caseworker)
    flags: list[tuple[str, str]]
    checks: list[tuple[str, bool, bool, str]]  # code, ok, applies, message
    problems: list[Problem]
    needs_approval: bool
    long_term: str
    letter_text: str
    letter_error: str
    maneder: list[tuple[date, int]] = field(default_factory=list)  # month, amount paid
    total: int | None = None  # the period's sum when calculated month by month
    # The letter as it will be sent: the composed document the PDF is laid out from
    # (``letters.to_json``), for the builder to show as HTML beside the form (issue 12).
    letter: dict[str, Any] | None = None
    # The calculation of each month in words (``explain.month_lines``) and the economy's
    # figures with where each came from (the application, the mapping, the caseworker).
    beregning: list[MonthExplained] = field(default_factory=list)
    okonomi: list[Figure] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.problems and not self.letter_error


def _title(built: Built) -> str:
    return built.data.sak_tittel or ", ".join(p.label for p in built.poster)


def _letter(built: Built, actor: object, **kw: Any) -> letters.Vedtaksbrev:
    return vedtaksbrev(built, tittel=_title(built),
                       saksbehandler=name_of(actor, built.soknad.kontor.navn), **kw)


def _long_term(soknad: Soknad, built: Built) -> str:
    s = built.settings
    months = months_with_support(person_id=soknad.person_id, today=built.today,
                                 window=s.langtid_av_maneder)
    if not is_long_term(s, months_with_support=months):
        return ""
    return (f"Personen har hatt stønad til livsopphold i {months} av de siste "
            f"{s.langtid_av_maneder} månedene. Vurder kvalifiseringsprogram (§ 29) og stønad "
            "etter § 19 for å komme ut av langvarig stønadsbehov.")


def preview_vedtak(
    *, scope: Scope, actor: object, soknad_id: int, data: VedtakUtkast, today: date
) -> VedtakPreview:
    """Return the decision as it would be made, with what still blocks it; log the read."""
    soknad = staff_readable(scope=scope, actor=actor, soknad_id=soknad_id,
                            purpose="forhåndsvise vedtak")
    built = build(soknad=soknad, data=data, today=today)
    text, error, document = "", "", None
    try:
        brev = _letter(built, actor, saksreferanse=saksnummer(built.soknad.pk))
        text, document = letters.letter_text(brev), to_json(letters.compose(brev))
    except letters.InvalidLetter as exc:
        error = exc.message
    return VedtakPreview(
        belop=built.belop, forklaring=built.forklaring(), flags=built.flags,
        checks=[(c.code, c.ok, c.applies, c.message) for c in built.checks],
        problems=built.problems, needs_approval=built.needs_approval,
        long_term=_long_term(soknad, built), letter_text=text, letter_error=error,
        maneder=list(built.maneder), total=built.total, letter=document,
        beregning=explain_months(built), okonomi=figures(data, economy_prefill(soknad)))


def preview_pdf(
    *, scope: Scope, actor: object, soknad_id: int, data: VedtakUtkast, today: date
) -> bytes:
    """Return the letter as it would be sent, as PDF (marked with no case number yet)."""
    soknad = staff_readable(scope=scope, actor=actor, soknad_id=soknad_id,
                            purpose="forhåndsvise vedtaksbrev")
    built = build(soknad=soknad, data=data, today=today)
    return letters.render_pdf(_letter(built, actor, saksreferanse=saksnummer(built.soknad.pk)))


def require_complete(built: Built) -> None:
    if built.problems:
        first = built.problems[0]
        raise UnableToMakeVedtak(first.message, code=first.code, field=first.field,
                                 problems=[p.__dict__ for p in built.problems])


@transaction.atomic
def make_vedtak(
    *, scope: Scope, actor: object, soknad_id: int, data: VedtakUtkast, now: datetime
) -> Vedtak:
    """Make the decision. Raise UnableToMakeVedtak naming the first problem, or
    ApprovalRequired when the office asks for a second caseworker (use ``propose_vedtak``)."""
    soknad = writable_soknad(scope, soknad_id, lock=True)
    built = build(soknad=soknad, data=data, today=local_date(now))
    require_complete(built)
    if built.needs_approval:
        raise ApprovalRequired("Kontoret krever at en annen saksbehandler godkjenner dette "
                               "vedtaket. Send det til godkjenning.", field="godkjenning")
    return fatt(scope=scope, actor=actor, built=built, now=now)


def store_proposal(
    *, soknad: Soknad, actor: object, now: datetime, art: str, data: dict[str, Any],
    belop: int | None, utfall: str, **links: Any,
) -> Vedtaksforslag:
    """Store a complete decision of any kind for a second caseworker's approval."""
    forslag = Vedtaksforslag.objects.create(
        soknad=soknad, art=art, data=data, belop=belop, utfall=utfall, foreslatt_at=now,
        foreslatt_av_id=getattr(actor, "pk", None), **links)
    record_hendelse(soknad=soknad, type="decisions.vedtak.til_godkjenning", actor=actor, at=now,
                    data={"forslag_id": forslag.pk, "art": art, "belop": belop, "utfall": utfall})
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=soknad.pk,
           purpose="sende vedtak til godkjenning", kontor_id=soknad.kontor_id)
    return forslag


def fatt(
    *, scope: Scope, actor: object, built: Built, now: datetime, godkjent_av: object = None,
    extra: dict[str, Any] | None = None, hendelse: dict[str, Any] | None = None,
) -> Vedtak:
    """Store and publish a built, complete decision (inside the caller's transaction)."""
    soknad, d = built.soknad, built.data
    vedtak = create_vedtak(
        soknad=soknad, poster=built.poster, actor=actor, now=now,
        data=VedtakInput(post_ids=list(d.post_ids), hjemmel=d.hjemmel, utfall=d.utfall,
                         begrunnelse=d.begrunnelse, stonadsform=d.stonadsform,
                         periode_fra=d.periode_fra, periode_til=d.periode_til,
                         belop=built.belop, sak_tittel=d.sak_tittel),
        individuell_vurdering=d.individuell_vurdering.strip(), fakta=d.fakta.strip(),
        nedbetaling=d.nedbetaling.strip(),
        barnevurderinger=[{"barn_id": b.pk, "navn": b.navn, "vurdering": next(
            (x.vurdering for x in d.barn if x.barn_id == b.pk), "")} for b in built.children],
        beregning=_beregning_json(built),
        maned_belop=[{"maned": m.isoformat(), "belop": b} for m, b in built.maneder],
        vilkarsvurdering={"sjekker": [c.__dict__ for c in built.checks],
                          "unntak": d.unntak.__dict__ if d.unntak else None,
                          "norsk": d.norsk.__dict__,
                          # flagged on the decision page: a condition set on emergency help
                          "nodhjelp_vilkar_grunn": d.nodhjelp_vilkar_grunn.strip()
                          if is_nodhjelp(d, built.poster) and d.vilkar else ""},
        godkjent_av_id=getattr(godkjent_av, "pk", None),
        godkjent_at=now if godkjent_av is not None else None, **ramme_fields(d), **(extra or {}))
    publish_ramme(soknad=soknad, vedtak=vedtak, actor=actor, now=now)
    payments = []
    if built.belop and d.utbetaling is not None and d.utfall in ("INNVILGET", "DELVIS_INNVILGET"):
        payments = list(plan_payments(scope=scope, actor=actor, vedtak_id=vedtak.pk,
                                      valg=d.utbetaling, now=now))
    brev = store(soknad=soknad, type=DokumentType.VEDTAK, actor=actor, now=now,
                 vedtak_id=vedtak.pk, letter=_letter(
                     built, actor, saksreferanse=saksnummer(built.soknad.pk),
                     godkjent_av=name_of(godkjent_av, "") if godkjent_av else "",
                     utbetalinger=[utbetaling_of(u) for u in payments]))
    vilkar = _store_vilkar(vedtak, built, [u.referanse for u in payments], actor, now)
    krav = store_krav(vedtak=vedtak, data=d, payment_refs=[u.referanse for u in payments],
                      actor=actor, now=now)
    record_hendelse(soknad=soknad, type="decisions.vedtak.fattet", actor=actor, at=now, data={
        "vedtak_id": vedtak.pk, "sak": vedtak.sak.referanse, "utfall": d.utfall,
        "hjemmel": d.hjemmel, "belop": built.belop, "art": vedtak.art,
        "brev_id": brev.pk, "dokumentlager_id": str(brev.dokumentlager_id),
        "sha256": brev.sha256, "vilkar": [v.referanse for v in vilkar],
        "dokumentasjonskrav": [k.referanse for k in krav],
        "utbetalinger": [u.referanse for u in payments],
        "godkjent_av": getattr(godkjent_av, "pk", None), **(hendelse or {})})
    record(actor=actor, action=Action.WRITE, object_type="soknad", object_id=soknad.pk,
           purpose="fatte vedtak", kontor_id=soknad.kontor_id)
    _advance_status(scope, actor, soknad, now)
    return vedtak


def _beregning_json(built: Built) -> dict[str, Any]:
    """The frozen calculation: the first month's (as before) and, when the period has more
    months or is KVP, every month's own calculation and the total."""
    out: dict[str, Any] = {}
    if built.result is not None:
        out = {**rules.result_as_json(built.result), "forklaring": built.forklaring()}
        if built.period is not None and len(built.period.months) > 1:
            out["maneder"] = rules.period_as_json(built.period)["months"]
    if built.kvp is not None:
        out = {"kvp": True, "forklaring": built.forklaring(),
               "maneder": [{"month": m.month.isoformat(), "amount": m.amount,
                            "barnetillegg": str(m.barnetillegg),
                            "inntekt_trukket": str(m.inntekt_trukket)}
                           for m in built.kvp.months]}
    if built.total is not None:
        out["total"] = built.total
    return out


def _store_vilkar(vedtak: Vedtak, built: Built, payment_refs: list[str], actor: object,
                  now: datetime) -> list[Vilkar]:
    out = []
    for v in built.data.vilkar:
        kat = rules.KATALOG[rules.VilkarType(v.kode)]
        row = Vilkar.objects.create(
            vedtak=vedtak, kode=v.kode, beskrivelse=v.beskrivelse.strip(), frist=v.frist,
            referanse=uuid.uuid4().hex[:20], oppfolging=v.oppfolging.strip(),
            konsekvens=v.konsekvens.strip(), sanksjon=v.sanksjon,
            aktivitet=bool(v.aktivitet if v.aktivitet is not None else kat.aktivitet),
            holder_tilbake_utbetaling=v.holder_tilbake_utbetaling,
            utsettelse_grunnlag=v.utsettelse_grunnlag.strip(), satt=built.today)
        record_hendelse(soknad=built.soknad, type="decisions.vilkar", actor=actor, at=now, data={
            "referanse": row.referanse, "vedtak_id": vedtak.pk, "sak": vedtak.sak.referanse,
            "tittel": kat.label, "beskrivelse": row.beskrivelse,
            "frist": v.frist.isoformat() if v.frist else None, "status": row.status,
            "kode": v.kode, "konsekvens": row.konsekvens,
            "utbetalinger": payment_refs if v.holder_tilbake_utbetaling else []})
        out.append(row)
    return out


def _advance_status(scope: Scope, actor: object, soknad: Soknad, now: datetime) -> None:
    """Move the application on: under behandling, and ferdigbehandlet when all is decided and
    no documentation request is still open (those wait for the caseworker's choice: mark them
    delivered, or close them when finishing the case)."""
    soknad.refresh_from_db(fields=["status"])
    if soknad.status == "MOTTATT":
        change_status(scope=scope, actor=actor, soknad_id=soknad.pk, target="UNDER_BEHANDLING",
                      now=now, reason="Vedtak er fattet")
        soknad.status = "UNDER_BEHANDLING"
    if soknad.status == "UNDER_BEHANDLING" and not undecided_items(soknad) and not (
            open_requests(soknad)):
        change_status(scope=scope, actor=actor, soknad_id=soknad.pk, target="FERDIGBEHANDLET",
                      now=now, reason="Alt det er søkt om har fått vedtak")


def built_for(*, soknad: Soknad, data: VedtakUtkast, today: date) -> Built:
    return build(soknad=soknad, data=data, today=today)
