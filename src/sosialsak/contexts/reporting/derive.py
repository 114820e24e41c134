"""The pure part of the derivation: one recipient's facts in, one 11F record's values out.

Each field's rule (documented in docs/adr/0012-kostra.md, tested in
tests/unit/reporting/test_kostra_derive.py):

- KOMMUNE_NR, VERSION, BYDELSNR: the report's kommune, the year's two digits, Oslo's bydel.
- FODSELSDATO, PERSON_FODSELSNR: the person's; KJONN from the fødselsnummer's ninth digit
  (odd: 1 mann, even: 2 kvinne), blank without a number.
- EKTSTAT, VKLO, TRYGDESIT, ARBSIT, BOSIT, PERSON_JOURNALNR, PERSON_DUF, VILKARSAMEKT: the
  caseworker's latest recorded answer (``KostraOpplysninger``); blank when never recorded, for
  SSB's control to name. BOSIT is 4 (uten bolig) when the person was in a § 27 temporary
  housing (``services.Opphold``) on the day of last contact, whatever was recorded.
- FAAT_INDIVIDUELL_PLAN: 1 when a § 28 plan (``services.IndividuellPlan``) was made by 31
  December and not ended before the year, else 2.
- BU18/ANTBU18: children in the household of the last application of the year who live there
  (fast or delt bosted) and are under 18 on the day it was received.
- STMND_n, BIDRAG, LAAN, BIDRAG_<month>, LAAN_<month>: payments with status UTBETALT, by the
  month they were paid (``utbetalt_dato``, else the due date), on a decision whose form is
  Lån (LAAN) or anything else (BIDRAG); KVP (§ 35) payments are not 11F.
- GITT_OKONOMIRAD: 1 when granted økonomisk rådgivning at level II or III
  (``services.Radgivning``) ran some time in the year, else 2.
- SAKSBEHANDLER: the internal id of the last application's caseworker.
- VILKARSOSLOV: 1 when a condition (not annulled) was set on a decision made in the year; then
  UTBETDATO/UTBETTOMDATO are the first such decision's date and the last day of its period,
  and each condition's KOSTRA code ticks the field whose code list holds it.
- VEDTAKDATO and VEDTAK*: the first decision of the year with a § 20 a exemption, its date and
  reason codes, each in the field whose code list holds it.
- SANKSJONRED/SANKSJONANDRE: a reduction decision in the year (01), or a condition's recorded
  consequence (01/02).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sosialsak.formats.kostra import Layout

MONTH_NAMES = ("JAN", "FEB", "MARS", "APRIL", "MAI", "JUNI", "JULI", "AUG", "SEPT", "OKT",
               "NOV", "DES")


@dataclass
class Recorded:
    """The caseworker's latest KOSTRA answers for the person (blank: never recorded)."""

    sivilstand: str = ""
    kilde_livsopphold: str = ""
    trygdesituasjon: str = ""
    arbeidssituasjon: str = ""
    bosituasjon: str = ""
    journalnummer: str = ""
    duf_nummer: str = ""
    vilkar_ektefelle: bool | None = None


@dataclass
class Recipient:
    person_id: int
    fodselsdato: date | None = None
    fodselsnummer: str = ""
    soknad_id: int | None = None  # the last application of the year: the case to fix
    saksbehandler_id: int | None = None
    children_under_18: int = 0
    bidrag: list[int] = field(default_factory=lambda: [0] * 12)
    laan: list[int] = field(default_factory=lambda: [0] * 12)
    paid_months: set[int] = field(default_factory=set)
    recorded: Recorded = field(default_factory=Recorded)
    okonomisk_radgivning: bool = False
    individuell_plan: bool = False
    midlertidig_botilbud: bool = False
    vilkar_codes: set[str] = field(default_factory=set)
    vilkar_from: date | None = None
    vilkar_to: date | None = None
    vilkar_first_at: date | None = None
    sanksjoner: set[str] = field(default_factory=set)
    unntak_date: date | None = None
    unntak_codes: tuple[str, ...] = ()


def kjonn(fodselsnummer: str) -> str:
    """KOSTRA's kjønn from the fødselsnummer's individual number (ninth digit)."""
    if len(fodselsnummer) != 11 or not fodselsnummer.isdigit():
        return ""
    return "1" if int(fodselsnummer[8]) % 2 else "2"


def code_fields(layout: Layout, prefix: str) -> dict[str, str]:
    """Map each code to the field whose one-code list holds it (VILKAR*, VEDTAK*, SANKSJON*)."""
    return {c: f.name for f in layout.fields if f.name.startswith(prefix) for c in f.codes
            if len(f.codes) == 1}


def _yn(value: bool | None) -> str:
    return "" if value is None else "1" if value else "2"


def record_11f(layout: Layout, r: Recipient, *, kommunenummer: str, bydelsnummer: str,
               maps: dict[str, dict[str, str]]) -> dict[str, object]:
    """Return one recipient's 11F values by field name (fields not in the layout dropped)."""
    rec: dict[str, object] = {
        "KOMMUNE_NR": kommunenummer, "VERSION": f"{layout.year % 100:02d}",
        "BYDELSNR": bydelsnummer, "FODSELSDATO": r.fodselsdato,
        "PERSON_JOURNALNR": r.recorded.journalnummer[:8],
        "PERSON_FODSELSNR": r.fodselsnummer, "PERSON_DUF": r.recorded.duf_nummer[:12],
        "KJONN": kjonn(r.fodselsnummer), "EKTSTAT": r.recorded.sivilstand,
        "BU18": "1" if r.children_under_18 else "2",
        "ANTBU18": r.children_under_18 or None,
        "VKLO": r.recorded.kilde_livsopphold, "TRYGDESIT": r.recorded.trygdesituasjon,
        "ARBSIT": r.recorded.arbeidssituasjon,
        "BIDRAG": sum(r.bidrag), "LAAN": sum(r.laan),
        "GITT_OKONOMIRAD": "1" if r.okonomisk_radgivning else "2",
        "FAAT_INDIVIDUELL_PLAN": "1" if r.individuell_plan else "2",
        "SAKSBEHANDLER": str(r.saksbehandler_id or ""),
        "BOSIT": "4" if r.midlertidig_botilbud else r.recorded.bosituasjon,
        "VILKARSOSLOV": "1" if r.vilkar_codes or r.vilkar_first_at else "2",
        "VILKARSAMEKT": _yn(r.recorded.vilkar_ektefelle),
    }
    for m in range(1, 13):
        rec[f"STMND_{m}"] = f"{m:02d}" if m in r.paid_months else None
        name = MONTH_NAMES[m - 1]
        rec[f"BIDRAG_{name}"] = r.bidrag[m - 1] or None
        rec[f"LAAN_{name}"] = r.laan[m - 1] or None
    if rec["VILKARSOSLOV"] == "1":
        rec["UTBETDATO"] = r.vilkar_first_at
        rec["UTBETTOMDATO"] = r.vilkar_to
        for code in r.vilkar_codes:
            if code in maps["VILKAR"]:
                rec[maps["VILKAR"][code]] = code
    if r.unntak_date is not None:
        rec["VEDTAKDATO"] = r.unntak_date
        for code in r.unntak_codes:
            if code in maps["VEDTAK"]:
                rec[maps["VEDTAK"][code]] = code
    for code in r.sanksjoner:
        if code in maps["SANKSJON"]:
            rec[maps["SANKSJON"][code]] = code
    names = {f.name for f in layout.fields}
    return {k: v for k, v in rec.items() if k in names}


def blank_unknown_codes(layout: Layout, rec: dict[str, object]) -> dict[str, object]:
    """A recorded code the year's list no longer has is left blank for the control to name,
    never written as if valid (the writer refuses codes outside the list)."""
    out = dict(rec)
    for f in layout.fields:
        v = out.get(f.name)
        if f.codes and f.data_type == "STRING_TYPE" and v not in (None, "") and v not in f.codes:
            out[f.name] = None
    return out


@dataclass
class Programme:
    """One KVP participation (``kvp.Deltakelse``) as the year's 11CF needs it."""

    reg_dato: date | None = None
    vedtak_dato: date | None = None
    begynt_dato: date | None = None
    avsluttet_dato: date | None = None
    kostra_status: str = ""
    situasjon_etter: tuple[str, ...] = ()
    viktigste_inntekt: str = ""
    avbrutt_ved_arsslutt: bool = False
    sosialhjelp_for: bool = False  # paid in the two months before the application
    sosialhjelp_under: bool = False  # paid while in the programme in the year


def record_11cf(layout: Layout, r: Recipient, p: Programme | None, *, kommunenummer: str,
                bydelsnummer: str, avsl: dict[str, str]) -> dict[str, object]:
    """One participant's 11CF values. Rules (ADR 0012): the dates are the participation's;
    STATUS at 31 December is the recorded end status when it ended in the year, 2 when a
    temporary interruption runs over the year's end, else 1; AVSL_* are the recorded situation
    after (each code in the field whose list holds it); YTELSE_SOSHJELP is 1 when økonomisk
    sosialhjelp was paid in the two months before the application (YTELSE_TYPE_SOSHJ 2 when
    the recorded main income is sosialhjelp, else 3); KVP_MED_ASTONAD/KVP_MED_SOSHJ_SUP when
    it was paid during the programme; STMND_n and KVP_STONAD from the paid § 35 payments."""
    names = {f.name for f in layout.fields}
    base = record_11f(layout, r, kommunenummer=kommunenummer, bydelsnummer=bydelsnummer,
                      maps={"VILKAR": {}, "VEDTAK": {}, "SANKSJON": {}})
    rec: dict[str, object] = {k: v for k, v in base.items() if k in names}
    rec["KVP_STONAD"] = sum(r.bidrag) + sum(r.laan)
    if p is None:
        return rec
    year_end = date(layout.year, 12, 31)
    ended = p.avsluttet_dato is not None and p.avsluttet_dato <= year_end
    rec.update({
        "REG_DATO": p.reg_dato, "VEDTAK_DATO": p.vedtak_dato, "BEGYNT_DATO": p.begynt_dato,
        "YTELSE_SOSHJELP": "1" if p.sosialhjelp_for else None,
        "YTELSE_TYPE_SOSHJ": ("2" if r.recorded.kilde_livsopphold == "5" else "3")
        if p.sosialhjelp_for else None,
        "KVP_MED_ASTONAD": "1" if p.sosialhjelp_under else "2",
        "KVP_MED_SOSHJ_SUP": "7" if p.sosialhjelp_under else None,
        "STATUS": p.kostra_status if ended else "2" if p.avbrutt_ved_arsslutt else "1",
        "AVSL_DATO": p.avsluttet_dato if ended else None,
        "AVSL_VIKTIGSTE_INNTEKT": p.viktigste_inntekt if ended else None,
    })
    if ended:
        for code in p.situasjon_etter:
            if code in avsl:
                rec[avsl[code]] = code
    return {k: v for k, v in rec.items() if k in names}
