"""The controls, as data where they can be: which field, which rule id, which severity.

Sources: SSB's specification in ``../shared/kostra`` (000–013) and, for the 11F controls on
months, sums and conditions, SSB's control programme (ids ``K0nn``, severities as there).
Rules with ids ``S…`` are ours (11CF dates), never sent to SSB as theirs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from sosialsak.formats.kostra._check import (
    ERROR,
    WARNING,
    Context,
    Finding,
    Rec,
    as_int,
    parse_date,
)
from sosialsak.formats.kostra._layout import Field

OSLO = "0301"
OSLO_DISTRICTS = tuple(f"{n:02d}" for n in range(1, 16))
CHILD_COUNT_THRESHOLD = 14
MONTHS = tuple(range(1, 13))
BIDRAG_MONTHS = ("JAN", "FEB", "MARS", "APRIL", "MAI", "JUNI", "JULI", "AUG", "SEPT", "OKT",
                 "NOV", "DES")
# BYDELSNR is blank outside Oslo (003), so 003 and not 002 decides whether it is missing.
NOT_MANDATORY_HERE = frozenset({"BYDELSNR"})

Hit = tuple[str, str, str, str]  # rule id, severity, field, message

# A field whose code list has its own control: (rule id, severity, what to correct).
CODE_RULES: dict[str, tuple[str, str, str]] = {
    "KJONN": ("008", ERROR, "Korrigér kjønn"),
    "EKTSTAT": ("009", ERROR, "Korrigér sivilstand"),
    "BU18": ("010", ERROR, "Korrigér forsørgerplikt"),
    # 11F, SSB's control programme
    "VKLO": ("K014", ERROR, "Korrigér viktigste kilde til livsopphold"),
    "TRYGDESIT": ("K022", ERROR, "Korrigér trygdesituasjon"),
    "ARBSIT": ("K025", ERROR, "Korrigér arbeidssituasjon"),
    "GITT_OKONOMIRAD": ("K032", ERROR, "Korrigér økonomisk rådgivning"),
    "FAAT_INDIVIDUELL_PLAN": ("K033", ERROR, "Korrigér individuell plan"),
    "BOSIT": ("K035", ERROR, "Korrigér boligsituasjon"),
    "VILKARSOSLOV": ("K039", ERROR, "Korrigér vilkår etter sosialtjenesteloven"),
    "VILKARSAMEKT": ("K040", ERROR, "Korrigér vilkår for ektefelle/samboer"),
}


def _pattern(ctx: Context, name: str) -> str:
    return ctx.layout.field(name).date_pattern or "ddMMyyyy"


def _blank(text: str) -> bool:
    return not text.strip()


def rule_002_fields(ctx: Context, rec: Rec) -> Iterator[Hit]:
    """002: each field against its description (mandatory, integer, date, code)."""
    for f in ctx.layout.fields:
        v = rec[f.name]
        if v.isspace() or not v:
            if f.mandatory and f.name not in NOT_MANDATORY_HERE and f.name not in CODE_RULES:
                yield ("002", ERROR, f.name, f"Korrigér felt '{f.name}', {_where(f)}, mangler "
                       "obligatorisk verdi.")
            continue
        if f.data_type == "INTEGER_TYPE":
            if as_int(v) is None:
                yield ("002", ERROR, f.name, f"Korrigér felt '{f.name}', {_where(f)}, er et "
                       f"tallfelt, men inneholder '{v}'.")
        elif f.data_type == "DATE_TYPE":
            if parse_date(v, f.date_pattern) is None:
                yield ("002", ERROR, f.name, f"Korrigér felt '{f.name}', {_where(f)}, er et "
                       f"datofelt med datomønster '{f.date_pattern}', men inneholder '{v}'.")
        elif f.codes and v.strip() not in f.codes and f.name not in CODE_RULES:
            yield ("002", ERROR, f.name, f"Korrigér felt '{f.name}', {_where(f)}, sin kode "
                   f"'{v}' fins ikke i {list(f.codes)}.")


def _where(f: Field) -> str:
    return f"posisjon fra og med {f.start} til og med {f.end}"


def rule_code_lists(ctx: Context, rec: Rec) -> Iterator[Hit]:
    """008, 009, 010 and the 11F code controls: a code from the field's list."""
    for name, (rule, severity, what) in CODE_RULES.items():
        if not ctx.layout.has(name):
            continue
        f = ctx.layout.field(name)  # SSB's own control: required in every year's layout
        if rec[name].strip() not in f.codes:
            yield (rule, severity, name,
                   f"{what}. Fant '{rec[name]}', forventet én av {list(f.codes)}. Feltet er "
                   "obligatorisk å fylle ut.")


def rule_003(ctx: Context, rec: Rec) -> Iterator[Hit]:
    """003: the kommune the form is for; Oslo's bydel, blank elsewhere."""
    if rec["KOMMUNE_NR"] != ctx.kommunenummer:
        yield ("003", ERROR, "KOMMUNE_NR", f"Korrigér kommunenummeret. Fant "
               f"{rec['KOMMUNE_NR']}, forventet {ctx.kommunenummer}.")
    bydel = rec.get("BYDELSNR", "")
    if ctx.kommunenummer == OSLO and bydel not in OSLO_DISTRICTS:
        yield ("003", ERROR, "BYDELSNR",
               f"Korrigér bydel. Fant {bydel}, forventet en av {list(OSLO_DISTRICTS)}.")
    elif ctx.kommunenummer != OSLO and not _blank(bydel):
        yield ("003", ERROR, "BYDELSNR", f"Korrigér bydel. Fant {bydel}, forventet blank / '  '.")


def rule_004(ctx: Context, rec: Rec) -> Iterator[Hit]:
    expected = f"{ctx.layout.year % 100:02d}"
    if rec["VERSION"] != expected:
        yield ("004", ERROR, "VERSION",
               f"Korrigér årgang. Fant {rec['VERSION']}, forventet {expected}.")


def rule_004a(ctx: Context, rec: Rec) -> Iterator[Hit]:
    if parse_date(rec["FODSELSDATO"], _pattern(ctx, "FODSELSDATO")) is None:
        yield ("004A", ERROR, "FODSELSDATO",
               "Det er ikke oppgitt fødselsdato eller fødselsdato er ugyldig. Korriger "
               f"fødselsdato til en gyldig dato. Fant ({rec['FODSELSDATO']}), forventet "
               "(DDMMÅÅÅÅ)")


def fnr_valid(digits: str) -> bool:
    """The two mod-11 check digits of a fødselsnummer or D-nummer (synthetic ones too)."""
    if len(digits) != 11 or not digits.isdigit():
        return False
    d = [int(c) for c in digits]
    k1 = 11 - sum(a * b for a, b in zip((3, 7, 6, 1, 8, 9, 4, 5, 2), d[:9], strict=True)) % 11
    k2 = 11 - sum(a * b for a, b in zip((5, 4, 3, 2, 7, 6, 5, 4, 3, 2), d[:10],
                                        strict=True)) % 11
    k1, k2 = (0 if k1 == 11 else k1), (0 if k2 == 11 else k2)
    return k1 == d[9] and k2 == d[10]


def rule_005(ctx: Context, rec: Rec) -> Iterator[Hit]:
    if not fnr_valid(rec["PERSON_FODSELSNR"]):
        yield ("005", WARNING, "PERSON_FODSELSNR",
               "Det er ikke oppgitt fødselsnummer/d-nummer på deltakeren eller "
               "fødselsnummeret/d-nummeret inneholder feil. Med mindre det er snakk om en "
               "utenlandsk statsborger som ikke er tildelt norsk personnummer eller d-nummer, "
               "skal feltet inneholde deltakeren fødselsnummer/d-nummer (11 siffer).")


def rule_011_013(ctx: Context, rec: Rec) -> Iterator[Hit]:
    n = as_int(rec["ANTBU18"]) or 0
    if rec["BU18"] == "1" and n <= 0:
        yield ("011", ERROR, "ANTBU18",
               "Det er krysset av for at det bor barn under 18 år i husholdningen, men det er "
               f"ikke oppgitt hvor mange barn '({rec['ANTBU18']})' som bor i husholdningen.")
    if n > 0 and rec["BU18"] != "1":
        yield ("012", ERROR, "BU18",
               f"Det er oppgitt {n} barn under 18 år som bor i husholdningen, men det er ikke "
               "oppgitt at det bor barn i husholdningen.")
    if n >= CHILD_COUNT_THRESHOLD:
        yield ("013", ERROR, "ANTBU18", f"Antall barn ({n}) under 18 år i husholdningen er "
               f"{CHILD_COUNT_THRESHOLD} eller flere, er dette riktig?")


def _months_ticked(ctx: Context, rec: Rec) -> int:
    return sum(1 for m in MONTHS if rec.get(f"STMND_{m}", "").strip() == f"{m:02d}")


def rule_11f_months_and_sums(ctx: Context, rec: Rec) -> Iterator[Hit]:
    """K026/K027: months with support and a sum; K036/K037: the months add up to the year."""
    if ctx.layout.schema != "11F":
        return
    bidrag, laan = as_int(rec["BIDRAG"]) or 0, as_int(rec["LAAN"]) or 0
    if _months_ticked(ctx, rec) == 0:
        yield ("K026", ERROR, "STMND_1",
               "Det er ikke krysset av for hvilke måneder mottakeren har fått utbetalt "
               f"økonomisk sosialhjelp (bidrag ({bidrag}) eller lån ({laan})) i løpet av "
               "rapporteringsåret. Feltet er obligatorisk å fylle ut.")
    if bidrag + laan <= 0:
        yield ("K027", ERROR, "BIDRAG",
               "Det er ikke oppgitt hvor mye mottakeren har fått i bidrag eller lån i løpet av "
               "rapporteringsåret.")
    for total, prefix, rule, what in (("BIDRAG", "BIDRAG", "K036", "bidrag"),
                                      ("LAAN", "LAAN", "K037", "lån")):
        monthly = sum(as_int(rec.get(f"{prefix}_{m}", "")) or 0 for m in BIDRAG_MONTHS)
        if monthly != (as_int(rec[total]) or 0):
            yield (rule, WARNING, total,
                   f"Det er ikke fylt ut {what} ({monthly}) fordelt på måneder eller sum stemmer "
                   f"ikke med sum {what} ({rec[total].strip()}) utbetalt i løpet av året.")


VILKAR_FIELDS = ("VILKARARBEID", "VILKARKURS", "VILKARUTD", "VILKARJOBBLOG", "VILKARJOBBTILB",
                 "VILKARSAMT", "VILKAROKRETT", "VILKARLIVSH", "VILKARHELSE", "VILKARANNET",
                 "VILKARDIGPLAN", "VILKARNORSKSAMISKOPPL")


def rule_11f_conditions(ctx: Context, rec: Rec) -> Iterator[Hit]:
    """K041–K043: a condition set (VILKARSOSLOV = 1) has its decision dates and its kind."""
    if ctx.layout.schema != "11F" or rec["VILKARSOSLOV"] != "1":
        return
    if parse_date(rec["UTBETDATO"], _pattern(ctx, "UTBETDATO")) is None:
        yield ("K041", ERROR, "UTBETDATO", "Det er krysset av for at det stilles vilkår, men "
               "det er ikke oppgitt dato for vedtak om utbetaling med vilkår.")
    if parse_date(rec["UTBETTOMDATO"], _pattern(ctx, "UTBETTOMDATO")) is None:
        yield ("K042", ERROR, "UTBETTOMDATO", "Det er krysset av for at det stilles vilkår, men "
               "det er ikke oppgitt til og med-dato for vedtaket om utbetaling med vilkår.")
    present = [n for n in VILKAR_FIELDS if ctx.layout.has(n)]
    if not any(rec[n].strip() for n in present):
        yield ("K043", ERROR, "VILKARARBEID", "Det er krysset av for at det stilles vilkår, men "
               "ikke hvilke vilkår som stilles. Oppgi minst ett vilkår.")


def rule_11cf_dates(ctx: Context, rec: Rec) -> Iterator[Hit]:
    """S02/S03 (ours): registered ≤ decided ≤ begun; a finished programme has an end date."""
    if ctx.layout.schema != "11CF":
        return
    reg, ved, beg = (parse_date(rec[n], _pattern(ctx, n))
                     for n in ("REG_DATO", "VEDTAK_DATO", "BEGYNT_DATO"))
    if reg and ved and beg and not reg <= ved <= beg:
        yield ("S02", ERROR, "VEDTAK_DATO", "Datoene er ikke i rekkefølge: søknaden registrert, "
               "vedtak om program, begynt i program.")
    if rec["STATUS"] in ("3", "4", "5") and parse_date(rec["AVSL_DATO"],
                                                         _pattern(ctx, "AVSL_DATO")) is None:
        yield ("S03", ERROR, "AVSL_DATO", "Programmet er avsluttet, men det er ikke oppgitt "
               "dato for avslutningen.")


RECORD_RULES = (rule_002_fields, rule_code_lists, rule_003, rule_004, rule_004a, rule_005,
                rule_011_013, rule_11f_months_and_sums, rule_11f_conditions, rule_11cf_dates)


def rule_duplicates(ctx: Context, records: list[Rec]) -> Iterable[Finding]:
    """K005B: a journal number once in the file (one record per recipient)."""
    seen = Counter(r["PERSON_JOURNALNR"].strip() for r in records)
    for number, r in enumerate(records, 1):
        j = r["PERSON_JOURNALNR"].strip()
        if j and seen[j] > 1:
            yield Finding("K005B", WARNING, f"Journalnummeret {j} finnes i flere records.",
                          number, j, "PERSON_JOURNALNR")


FILE_RULES = (rule_duplicates,)
