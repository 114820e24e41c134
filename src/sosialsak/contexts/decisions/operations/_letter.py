"""The decision letter and the other letters of the decision flow, rendered with
``formats.letters`` and stored as ``VedtakDokument`` (PDF + text + sha256 + dokumentlager id)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from itertools import pairwise
from typing import Any

from sosialsak import rules
from sosialsak.contexts.cases.operations._brev import mottaker_of
from sosialsak.contexts.decisions.models import Hjemmel, VedtakDokument
from sosialsak.contexts.decisions.operations._builder import (
    Built,
    is_nodhjelp,
    kommune_of,
    periode_inclusive,
)
from sosialsak.contexts.decisions.operations._core import UnableToRecordVedtak
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.rates.queries import legal_ruleset
from sosialsak.formats import letters
from sosialsak.kernel.clock import local_date


def kontor_of(soknad: Soknad) -> letters.Kontor:
    k = soknad.kontor
    return letters.Kontor(navn=k.navn, telefon=k.telefon or "55 55 33 33",
                          adresse=tuple(p.strip() for p in k.adresse.split(",") if p.strip())
                          or (k.navn,))


def name_of(actor: object, fallback: str) -> str:
    full = getattr(actor, "get_full_name", lambda: "")() or getattr(actor, "username", "")
    return full or fallback


def planned_forsendelse(soknad: Soknad) -> str:
    """How a decision letter is sent unless the caseworker records otherwise: published on
    nav.no for a digital application (innsyn), by post for the others."""
    return "DIGITAL" if soknad.kanal == "DIGITAL" else "POST"


def klageinfo(soknad: Soknad, *, dato: date, kommune: str | None = None) -> letters.Klageinfo:
    """Return the appeal information for a letter sent on ``dato`` as planned: the
    Statsforvalter of the municipality responsible for the case (the office's, sotjl. § 3) on
    that date, from dated reference data, when the letter is taken to arrive and the appeal
    deadline from then (fvl § 29; ``rules.kom_fram``).

    Raise UnableToRecordVedtak when no Statsforvalter is known: a letter must not name a
    guessed body. ``kommune``: the responsible municipality when the caller has read it."""
    kommune = kommune_of(soknad) if kommune is None else kommune
    try:
        embete = rules.statsforvalter(kommunenummer=kommune, on=dato)
    except rules.ParameterNotFound as exc:
        raise UnableToRecordVedtak(
            f"klageinstans: fant ingen statsforvalter for kontorets kommune ({kommune or 'ingen'})"
            f" på {dato:%d.%m.%Y}. Registrer kontorets kommune.", field="klageinstans") from exc
    ruleset = legal_ruleset()
    fram = rules.kom_fram(kanal=planned_forsendelse(soknad), sendt=dato, rules=ruleset).dato
    frist = rules.klagefrist(kom_fram=fram, rules=ruleset).due
    return letters.Klageinfo(klageinstans=embete.navn, digital_klage="nav.no/klage",
                             kom_fram=fram, klagefrist=frist)


def utbetaling_of(u: Any) -> letters.Utbetaling:
    """A planned payment as the letter shows it, with the basis for paying anyone else:
    the person's consent (§ 22) or the decision itself (§ 21, goods and services)."""
    grunnlag = None
    if u.mottaker_type != "SOKER":
        grunnlag = (letters.Betalingsgrunnlag.SAMTYKKE if u.samtykke_id
                    else letters.Betalingsgrunnlag.VEDTAK_21)
    return letters.Utbetaling(dato=u.forfallsdato, belop=Decimal(u.belop),
                              mottaker=u.mottaker_navn, grunnlag=grunnlag)


def _hjemmel_text(hjemmel: str) -> str:
    return f"sosialtjenesteloven {hjemmel.replace(' nødhjelp', '')}"


def _beregning(result: rules.LivsoppholdResult) -> tuple[letters.Beregningslinje, ...]:
    lines = [letters.Beregningslinje(line.rule, Decimal(line.amount)) for line in result.lines
             if line.kind != "resultat" and line.amount != 0]
    diff = Decimal(result.amount) - sum((x.belop for x in lines), Decimal(0))
    if diff and abs(diff) < 1:
        lines.append(letters.Beregningslinje("Avrunding til hele kroner", diff))
    elif diff:
        lines.append(letters.Beregningslinje("Inntekten dekker mer enn behovet", diff))
    return tuple(lines)


def _ramme_and_krav(built: Built) -> list[str]:
    """The frame and the documentation the decision requires, as paragraphs of the reasons
    (``formats.letters`` has no section of its own for them)."""
    d, out = built.data, []
    periode = periode_inclusive(d.periode_fra, d.periode_til)
    if d.ramme is not None and periode:
        out.append(f"Dette er et rammevedtak: Du kan få inntil {d.ramme.belop} kr per måned til "
                   f"{d.ramme.beskrivelse.strip().lower() or 'dette'} i perioden "
                   f"{periode[0]:%d.%m.%Y}–{periode[1]:%d.%m.%Y}.")
    for k in d.dokumentasjonskrav:
        frist = f" innen {k.frist:%d.%m.%Y}" if k.frist else ""
        tekst = f" {k.beskrivelse.strip()}" if k.beskrivelse.strip() else ""
        out.append(f"Dokumentasjon du må levere{frist}: {k.tittel.strip()}.{tekst}")
    return out


def vedtakspunkt(built: Built, *, tittel: str) -> letters.Vedtakspunkt:
    d = built.data
    begrunnelse = [f"Dette bygger vi på: {d.fakta.strip()}", d.begrunnelse.strip()]
    if built.result is not None:
        begrunnelse.append(rules.render_for_applicant(built.result))
        # which rates, so the decision can be checked and redone (every set in the period)
        months = built.period.months if built.period else (built.result,)
        sets = list(dict.fromkeys((r.rate_set.source, r.rate_set.valid_from) for r in months))
        begrunnelse.append("Satsene vi har brukt: " + "; ".join(
            f"{source}, gjeldende fra {fra:%d.%m.%Y}" for source, fra in sets) + ".")
    begrunnelse += _changed_months(built)
    if built.result is not None and d.under_18 is not None:
        begrunnelse.append(
            "Du er under 18 år. De veiledende satsene gjelder ikke for en søker under 18 år, "
            f"så vi har vurdert beløpet til deg selv ({d.under_18.belop} kr i måneden) "
            f"individuelt: {d.under_18.begrunnelse.strip()}")
    if built.kvp is not None:
        begrunnelse.append(_kvp_text(built.kvp))
    begrunnelse += _ramme_and_krav(built)
    if d.vilkar and is_nodhjelp(d, built.poster):
        begrunnelse.append(f"Vi har satt vilkår selv om dette er nødhjelp. Grunnen er: "
                           f"{d.nodhjelp_vilkar_grunn.strip()} Nødhjelpen betales ut uansett; "
                           "den holdes ikke tilbake på grunn av vilkårene.")
    children = {b.pk: b.navn for b in built.children}
    under_30 = any(c.code == "AKTIVITETSPLIKT" and c.applies for c in built.checks)
    periode = periode_inclusive(d.periode_fra, d.periode_til)
    return letters.Vedtakspunkt(
        tittel=tittel, utfall=letters.Utfall(d.utfall), hjemmel=_hjemmel_text(d.hjemmel),
        begrunnelse="\n\n".join(p for p in begrunnelse if p),
        stonadsform=letters.Stonadsform(d.stonadsform) if d.stonadsform else None,
        periode=letters.Periode(fra=periode[0], til=periode[1]) if periode else None,
        belop=Decimal(built.belop) if built.belop is not None else None,
        beregning=_beregning(built.result) if built.result else (),
        vilkar=tuple(letters.Vilkar(
            hva=v.beskrivelse, frist=v.frist or "", oppfolging=v.oppfolging,
            konsekvens=v.konsekvens,
            hjemmel="sosialtjenesteloven § 20 a" if under_30 and (
                v.aktivitet if v.aktivitet is not None
                else rules.KATALOG[rules.VilkarType(v.kode)].aktivitet)
            else "sosialtjenesteloven § 20") for v in d.vilkar),
        barn=tuple(letters.Barnevurdering(navn=children[b.barn_id], vurdering=b.vurdering)
                   for b in d.barn if b.barn_id in children and b.vurdering.strip()),
        nedbetaling=d.nedbetaling,
        maneder=tuple(letters.Maanedsbelop(m, Decimal(b)) for m, b in built.maneder),
    )


def _changed_months(built: Built) -> list[str]:
    """For each month whose calculation differs from the month before (a child's new age
    band, a new rate set), what changed: the letter's calculation table is the first month's."""
    months = built.period.months if built.period else ()
    out = []
    for before, month in pairwise(months):
        old = {(x.rule, x.amount) for x in before.lines if x.kind != "resultat"}
        new = [x for x in month.lines if x.kind != "resultat" and (x.rule, x.amount) not in old]
        if new or month.amount != before.amount:
            lines = "; ".join(f"{x.rule}: {letters_kroner(x.amount)}" for x in new)
            out.append(f"Fra {MANEDER[month.month.month - 1]} {month.month.year} er beløpet "
                       f"{letters_kroner(month.amount)} for hele måneden"
                       + (f" ({lines})." if lines else "."))
    return out


MANEDER = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
           "september", "oktober", "november", "desember")


def letters_kroner(amount: Decimal | int) -> str:
    return f"{amount:,.0f}".replace(",", "\u00a0") + "\u00a0kr"


def _kvp_text(kvp: rules.KvpPeriode) -> str:
    """The KVP calculation for each month, one paragraph a month: the rate (G in force each
    day, 2/3 under 25), the amount for the days in the programme, barnetillegg and the § 35
    reduction for other income; and, once, that an unverified barnetillegg rate must be
    confirmed by the municipality."""
    out = ["Slik har vi regnet ut kvalifiseringsstønaden (sosialtjenesteloven § 35):"]
    unverified = False
    for m in kvp.months:
        rates = [line.rule for line in m.lines if line.kind == "kvp_sats"]
        parts = []
        for line in m.lines:
            if line.kind in ("kvp_sats", "resultat"):
                continue
            unverified |= line.kind == "kvp_barnetillegg" and "ikke verifisert" in line.detail
            if line.kind == "kvp_inntekt_holdes_utenfor":
                parts.append(f"{line.rule} ({line.detail})")
            else:
                parts.append(f"{line.rule}: {letters_kroner(line.amount)}")
        out.append(f"{MANEDER[m.month.month - 1].capitalize()} {m.month.year}: "
                   f"{'; '.join(rates)}. " + "; ".join(parts)
                   + f". Du får {letters_kroner(m.amount)} for måneden.")
    if unverified:
        out.append("Satsen for barnetillegg er ikke bekreftet i våre kilder. Kommunen må "
                   "bekrefte satsen; blir den en annen, retter vi beløpet.")
    return "\n\n".join(out)


def vedtaksbrev(
    built: Built, *, saksreferanse: str, tittel: str, saksbehandler: str, godkjent_av: str = "",
    utbetalinger: Sequence[letters.Utbetaling] = (),
) -> letters.Vedtaksbrev:
    soknad = built.soknad
    return letters.Vedtaksbrev(
        kontor=kontor_of(soknad), mottaker=mottaker_of(soknad, built.household),
        dato=built.today,
        saksreferanse=saksreferanse, vedtak=(vedtakspunkt(built, tittel=tittel),),
        klage=klageinfo(soknad, dato=built.today, kommune=built.kommune),
        saksbehandler=saksbehandler,
        godkjent_av=godkjent_av,
        utbetalinger=tuple(utbetalinger), soknadsdato=local_date(soknad.mottatt_at))


def store(
    *, soknad: Soknad, type: str, letter: letters.Brev, actor: object, now: datetime,
    vedtak_id: int | None = None,
) -> VedtakDokument:
    """Render ``letter`` to PDF and store it; return the stored row."""
    pdf = letters.render_pdf(letter)
    return store_pdf(soknad=soknad, type=type, pdf=pdf, tittel=letters.compose(letter).title,
                     tekst=letters.letter_text(letter), dato=letter.dato, actor=actor, now=now,
                     vedtak_id=vedtak_id)


def store_pdf(
    *, soknad: Soknad, type: str, pdf: bytes, tittel: str, tekst: str, dato: date,
    actor: object, now: datetime, vedtak_id: int | None = None,
) -> VedtakDokument:
    return VedtakDokument.objects.create(
        soknad=soknad, vedtak_id=vedtak_id, type=type, tittel=tittel[:200], dato=dato, pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(), tekst=tekst, opprettet_at=now,
        opprettet_av_id=getattr(actor, "pk", None))


__all__ = [
    "Hjemmel",
    "klageinfo",
    "kontor_of",
    "mottaker_of",
    "name_of",
    "store",
    "store_pdf",
    "utbetaling_of",
    "vedtaksbrev",
]
