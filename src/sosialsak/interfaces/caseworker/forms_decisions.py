"""Parse the vedtak builder's form into the decisions context's input (no model forms).

The builder has a fixed number of condition rows (``vilkar_0_*``, ``vilkar_1_*``) and one
reason field per child (``barn_<id>``). Malformed numbers or dates raise ValidationFailed
naming the field, like the domain's own errors, so the page shows them the same way."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext, gettext_lazy

from sosialsak.contexts.decisions.economy import FIELDS as ECONOMY_FIELDS
from sosialsak.contexts.decisions.economy import INCOME_FIELDS, MAX_KRONER
from sosialsak.contexts.decisions.operations import (
    BarnBegrunnelse,
    DokumentasjonskravUtkast,
    Inntekt,
    Justering,
    KvpInntektUtkast,
    KvpUtkast,
    RammeUtkast,
    Under18,
    Unntak,
    UtbetalingValg,
    VedtakUtkast,
    VilkarUtkast,
)
from sosialsak.kernel import bounds
from sosialsak.kernel.errors import ValidationFailed
from sosialsak.kernel.periods import inclusive_end

VILKAR_ROWS = 2

# The economy's number fields (issue 12, item 3): each income type of the rules, and the
# housing costs. The labels name the field in the form and in its error message.
ECONOMY_LABELS = {
    "inntekt_salary": gettext_lazy("Lønn"),
    "inntekt_benefit": gettext_lazy("Trygd eller annen stønad fra NAV"),
    "inntekt_housing_allowance": gettext_lazy("Bostøtte"),
    "inntekt_child_benefit": gettext_lazy("Barnetrygd"),
    "inntekt_child_support": gettext_lazy("Barnebidrag"),
    "inntekt_student_support": gettext_lazy("Studiestøtte"),
    "inntekt_child_earnings": gettext_lazy("Barns inntekt fra fritids- og feriejobb"),
    "inntekt_other": gettext_lazy("Annen inntekt"),
    "husleie": gettext_lazy("Husleie eller renter og avdrag på boliglån"),
    "strom": gettext_lazy("Strøm og oppvarming"),
}
assert tuple(ECONOMY_LABELS) == ECONOMY_FIELDS, "a label for every economy field"


def economy_kroner(post: QueryDict, name: str) -> int:
    """A monthly figure of the economy: whole kroner from 0 to 10 000 000 (empty is 0).
    The message names the field by its label, as the caseworker sees it."""
    raw = post.get(name, "").strip().replace(" ", "").replace("\u00a0", "")
    if not raw:
        return 0
    if len(raw) <= 12 and raw.isascii() and raw.isdigit() and int(raw) <= MAX_KRONER:
        return int(raw)
    raise bounds.OutOfRange(
        gettext("%(felt)s: skriv et helt antall kroner fra 0 til 10 000 000, uten "
                "komma eller minus.") % {"felt": ECONOMY_LABELS[name]},
        code="invalid_number", field=name)


def _int(post: QueryDict, name: str) -> int | None:
    raw = post.get(name, "").strip().replace(" ", "")
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        raise ValidationFailed(f"{name}: skriv et helt tall.", code="invalid_number",
                               field=name) from None
    bounds.check_int(value, field=name, low=-bounds.MAX_AMOUNT_KR)
    return value


def _end(post: QueryDict) -> date | None:
    """The period's end: the caseworker gives the last day (``periode_tom``, as every page and
    letter shows it); it is stored as the first day after (half-open, ``periode_til``)."""
    tom = _date(post, "periode_tom")
    return tom + timedelta(days=1) if tom else _date(post, "periode_til")


def _date(post: QueryDict, name: str) -> date | None:
    raw = post.get(name, "").strip()
    if not raw:
        return None
    return bounds.parse_case_date(raw, field=name)


def _vilkar(post: QueryDict) -> tuple[VilkarUtkast, ...]:
    out = []
    for i in range(VILKAR_ROWS):
        p = f"vilkar_{i}_"
        if not post.get(p + "kode"):
            continue
        out.append(VilkarUtkast(
            kode=post.get(p + "kode", ""), beskrivelse=post.get(p + "beskrivelse", ""),
            frist=_date(post, p + "frist"), oppfolging=post.get(p + "oppfolging", ""),
            konsekvens=post.get(p + "konsekvens", ""), sanksjon=post.get(p + "sanksjon", "01"),
            holder_tilbake_utbetaling=post.get(p + "holder_tilbake") == "on",
            utsettelse_grunnlag=post.get(p + "utsettelse_grunnlag", "")))
    return tuple(out)


def _utbetaling(post: QueryDict) -> UtbetalingValg | None:
    if not post.get("utbetaling_hyppighet"):
        return None
    return UtbetalingValg(
        hyppighet=post.get("utbetaling_hyppighet", ""),
        mottaker_type=post.get("utbetaling_mottaker_type", "SOKER"),
        navn=post.get("utbetaling_navn", ""), kontonummer=post.get("utbetaling_kontonummer", ""),
        organisasjonsnummer=post.get("utbetaling_orgnr", ""),
        samtykke_id=_int(post, "utbetaling_samtykke_id"), kid=post.get("utbetaling_kid", ""))


def _krav(post: QueryDict) -> tuple[DokumentasjonskravUtkast, ...]:
    tittel = post.get("dokkrav_tittel", "").strip()
    return (DokumentasjonskravUtkast(
        tittel=tittel, beskrivelse=post.get("dokkrav_beskrivelse", ""),
        frist=_date(post, "dokkrav_frist")),) if tittel else ()


def _ramme(post: QueryDict) -> RammeUtkast | None:
    belop = _int(post, "ramme_belop")
    return RammeUtkast(belop, post.get("ramme_beskrivelse", "")) if belop is not None else None


def _under_18(post: QueryDict) -> Under18 | None:
    """An applicant under 18: the individually assessed amount and its reason."""
    belop = _int(post, "under18_belop")
    return Under18(belop, post.get("under18_begrunnelse", "")) if belop is not None else None


def _kvp(post: QueryDict) -> KvpUtkast | None:
    """A § 35 decision: calculated month by month (one other-income row in the form)."""
    if post.get("hjemmel") != "§ 35":
        return None
    belop, maned = _int(post, "kvp_inntekt_belop"), _date(post, "kvp_inntekt_maned")
    kind = post.get("kvp_inntekt_type", "")
    if belop is not None and (maned is None or not kind):
        raise ValidationFailed("kvp_inntekt_maned: velg måned og type for den andre inntekten.",
                               code="invalid_input", field="kvp_inntekt_maned")
    return KvpUtkast(deltakelse_fra=_date(post, "kvp_deltakelse_fra"), inntekter=(
        (KvpInntektUtkast(maned, kind, belop),) if belop is not None and maned else ()))


def utkast_from_post(post: QueryDict) -> VedtakUtkast:
    """Return the builder's input; raise ValidationFailed naming a malformed field."""
    adjust = _int(post, "justering_belop")
    grunner = tuple(post.getlist("unntak_grunner"))
    return VedtakUtkast(
        post_ids=tuple(i for i in map(bounds.parse_id, post.getlist("post_ids")) if i),
        hjemmel=post.get("hjemmel", ""), utfall=post.get("utfall", ""),
        stonadsform=post.get("stonadsform", ""), begrunnelse=post.get("begrunnelse", ""),
        fakta=post.get("fakta", ""), periode_fra=_date(post, "periode_fra"),
        periode_til=_end(post), belop=_int(post, "belop"),
        individuell_vurdering=post.get("individuell_vurdering", ""),
        justeringer=(Justering(adjust, post.get("justering_begrunnelse", ""),
                               post.get("justering_grunnlag", "")),)
        if adjust else (),
        inntekter=tuple(Inntekt(t.value, belop) for name, t in INCOME_FIELDS
                        if (belop := economy_kroner(post, name))),
        husleie=economy_kroner(post, "husleie"), strom=economy_kroner(post, "strom"),
        barn=tuple(BarnBegrunnelse(i, post.get(k, "")) for k in post
                   if k.startswith("barn_") and (i := bounds.parse_id(k.removeprefix("barn_")))),
        vilkar=_vilkar(post),
        unntak=Unntak(grunner, post.get("unntak_begrunnelse", "")) if grunner else None,
        nedbetaling=post.get("nedbetaling", ""), sak_tittel=post.get("sak_tittel", ""),
        utbetaling=_utbetaling(post), dokumentasjonskrav=_krav(post), ramme=_ramme(post),
        nodhjelp_vilkar_grunn=post.get("nodhjelp_vilkar_grunn", ""),
        under_18=_under_18(post), kvp=_kvp(post))


def restore_values(post: QueryDict) -> dict[str, list[str]]:
    """The builder's fields as posted, to put back when the page is shown again."""
    return {k: post.getlist(k) for k in post if k != "csrfmiddlewaretoken"}


def prefill_from_vedtak(vedtak: Any) -> dict[str, list[str]]:
    """The builder's fields filled from an appealed decision: the new decision starts from it."""
    def iso(d: date | None) -> str:
        return d.isoformat() if d else ""

    out = {"hjemmel": [vedtak.hjemmel], "utfall": [vedtak.utfall],
           "stonadsform": [vedtak.stonadsform], "periode_fra": [iso(vedtak.periode_fra)],
           "periode_tom": [iso(inclusive_end(vedtak.periode_til))], "fakta": [vedtak.fakta],
           "begrunnelse": [vedtak.begrunnelse], "nedbetaling": [vedtak.nedbetaling],
           "individuell_vurdering": [vedtak.individuell_vurdering]}
    if not vedtak.beregning and vedtak.belop is not None:
        out["belop"] = [str(vedtak.belop)]  # livsopphold is calculated again
    for b in vedtak.barnevurderinger or []:
        out[f"barn_{b['barn_id']}"] = [b.get("vurdering", "")]
    return out
