"""Conditions (vilkår, sosialtjenesteloven § 20) and the activity duty for under-30s (§ 20 a).

The catalogue of condition types matches the vilkår codes of KOSTRA skjema 11F (2024–2026,
fields ``VILKAR*``), and the § 20 a exemption reasons match its ``VEDTAK*`` codes, so reporting is
a lookup. The checks are pure functions a decision under construction can call; each returns a
``Sjekk`` with a §-referenced message:

* § 20 a (in force 1 January 2017): an applicant under 30 on the decision date must have at least
  one activity condition, unless weighty reasons (tungtveiende grunner) speak against it — then
  an exemption reason and a written justification. Not while the person is in an emergency.
* Before an activity condition is set, whether the person has a right to the qualification
  programme (§ 29) must have been assessed.
* § 20 a, Norwegian training (2021): if lack of Norwegian is why the person is not
  self-supporting and the person had the right and duty to the introduction programme
  (integreringsloven § 8), a Norwegian-training condition must be set unless weighty reasons
  speak against it; for others in the same situation it must be considered.
* § 20 third paragraph: a benefit may be reduced for a broken condition only if the original
  decision stated that consequence, and (fvl. § 16) the person was warned in advance.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sosialsak.rules.engine.ruleset import Ruleset, load_ruleset
from sosialsak.rules.household import age_on


class VilkarType(enum.StrEnum):
    """Condition types; the value is the KOSTRA 11F code."""

    ARBEIDSTRENING = "16"
    KURS = "17"
    SKOLE = "04"
    JOBBLOGG = "06"
    JOBBTILBUD = "07"
    SAMTALER = "08"
    OKONOMISKE_RETTIGHETER = "10"
    REALISERE_FORMUE = "18"
    HELSETJENESTER = "14"
    ANNET = "15"
    DIGITAL_AKTIVITETSPLAN = "19"
    NORSKOPPLAERING = "20"


def gettext_noop(text: str) -> str:
    """Mark a label for the translation catalogues (``makemessages`` looks for this name). The
    label stays Bokmål here (letters and KOSTRA use it); the caseworker UI translates it."""
    return text


@dataclass(frozen=True)
class VilkarKategori:
    type: VilkarType
    kostra_felt: str
    label: str
    aktivitet: bool | None  # None: the caseworker says whether this condition is an activity


KATALOG: dict[VilkarType, VilkarKategori] = {k.type: k for k in (
    VilkarKategori(VilkarType.ARBEIDSTRENING, "VILKARARBEID",
                   gettext_noop("Delta på arbeidstrening/arbeidspraksis"), True),
    VilkarKategori(VilkarType.KURS, "VILKARKURS",
                   gettext_noop("Delta på arbeidsrettede kurs, opplæring eller "
                                "jobbsøkingskurs"), True),
    VilkarKategori(VilkarType.SKOLE, "VILKARUTD", gettext_noop("Benytte rett til skole"), True),
    VilkarKategori(VilkarType.JOBBLOGG, "VILKARJOBBLOG",
                   gettext_noop("Registrere seg som arbeidssøker/føre jobblogg"), True),
    VilkarKategori(VilkarType.JOBBTILBUD, "VILKARJOBBTILB",
                   gettext_noop("Ta imot et konkret jobbtilbud"), True),
    VilkarKategori(VilkarType.SAMTALER, "VILKARSAMT",
                   gettext_noop("Møte til veiledningssamtaler"), True),
    VilkarKategori(VilkarType.OKONOMISKE_RETTIGHETER, "VILKAROKRETT",
                   gettext_noop("Gjøre gjeldende andre økonomiske rettigheter"), False),
    VilkarKategori(VilkarType.REALISERE_FORMUE, "VILKARLIVSH",
                   gettext_noop("Realisere formuesgoder/redusere boutgifter"), False),
    VilkarKategori(VilkarType.HELSETJENESTER, "VILKARHELSE",
                   gettext_noop("Oppsøke helsetjenester/lege"), False),
    VilkarKategori(VilkarType.ANNET, "VILKARANNET", gettext_noop("Annet"), None),
    VilkarKategori(VilkarType.DIGITAL_AKTIVITETSPLAN, "VILKARDIGPLAN",
                   gettext_noop("Bruke og følge opp digital aktivitetsplan"), True),
    VilkarKategori(VilkarType.NORSKOPPLAERING, "VILKARNORSKSAMISKOPPL",
                   gettext_noop("Norsk- eller samiskopplæring"), True),
)}


class UnntakGrunn(enum.StrEnum):
    """§ 20 a exemption reasons; the value is the KOSTRA 11F code (``VEDTAK*`` fields)."""

    I_ARBEID = "01"
    I_AKTIVITET = "02"
    HELSE_SOSIAL = "03"
    ANDRE_TUNGTVEIENDE = "04"

    @property
    def label(self) -> str:
        return {
            "01": gettext_noop("Mottaker er i arbeid"),
            "02": gettext_noop("Mottaker er allerede i aktivitet knyttet til mottak av statlig "
                               "eller annen kommunal ytelse"),
            "03": gettext_noop("Mottakers helsemessige eller sosiale "
                               "situasjon hindrer deltakelse i aktivitet"),
            "04": gettext_noop("Andre tungtveiende grunner taler mot "
                               "at det stilles vilkår om aktivitet"),
        }[self.value]


class Sanksjon(enum.StrEnum):
    """Consequence of a broken condition; the value is the KOSTRA 11F code (``SANKSJON*``)."""

    REDUSERT_STONAD = "01"
    ANDRE_KONSEKVENSER = "02"


@dataclass(frozen=True)
class Vilkar:
    """A condition in a decision. ``aktivitet`` overrides the catalogue (needed for «Annet»)."""

    type: VilkarType
    satt: date
    beskrivelse: str = ""
    aktivitet: bool | None = None

    @property
    def er_aktivitet(self) -> bool:
        if self.aktivitet is not None:
            return self.aktivitet
        return bool(KATALOG[self.type].aktivitet)


@dataclass(frozen=True)
class Unntak:
    """An exemption from the activity duty: reason codes and the written justification."""

    grunner: tuple[UnntakGrunn, ...]
    begrunnelse: str


@dataclass(frozen=True)
class Sjekk:
    """The outcome of a check: ``ok`` (may proceed), ``applies`` (the rule was relevant)."""

    code: str
    ok: bool
    applies: bool
    message: str
    hjemmel: str


def _under_30(fodselsdato: date, on: date, rules: Ruleset) -> tuple[bool, int, int]:
    limit = rules.integer("vilkar.aktivitetsplikt_alder", on=on)
    age = age_on(fodselsdato, on)
    return age < limit, age, limit


def sjekk_aktivitetsplikt(
    *, fodselsdato: date, vedtaksdato: date, vilkar: Sequence[Vilkar],
    unntak: Unntak | None = None, nodssituasjon: bool = False, rules: Ruleset | None = None,
) -> Sjekk:
    """Check § 20 a: under 30 → an activity condition, or an exemption with justification."""
    rules = rules or load_ruleset()
    hjemmel = rules.hjemmel("sotjl.aktivitetsplikt", on=vedtaksdato).text
    under, age, limit = _under_30(fodselsdato, vedtaksdato, rules)
    code = "AKTIVITETSPLIKT"
    if not under:
        return Sjekk(code, True, False, f"Søkeren er {age} år; plikten til å stille vilkår om "
                     f"aktivitet gjelder under {limit} år.", hjemmel)
    if nodssituasjon:
        return Sjekk(code, True, False, "Vilkår om aktivitet stilles ikke så lenge søkeren er i "
                     "en nødssituasjon.", hjemmel)
    if any(v.er_aktivitet for v in vilkar):
        return Sjekk(code, True, True, f"Søkeren er {age} år og har vilkår om aktivitet.", hjemmel)
    if unntak is not None and unntak.grunner:
        if not unntak.begrunnelse.strip():
            return Sjekk(code, False, True, "Unntak fra vilkår om aktivitet må begrunnes skriftlig "
                         "(hvilke tungtveiende grunner taler mot vilkår).", hjemmel)
        grunner = "; ".join(g.label for g in unntak.grunner)
        return Sjekk(code, True, True, f"Søkeren er {age} år og er unntatt fra vilkår om "
                     f"aktivitet: {grunner}.", hjemmel)
    return Sjekk(code, False, True, f"Søkeren er {age} år. Når søkeren er under {limit} år, skal "
                 "det stilles minst ett vilkår om aktivitet, eller registreres unntak med grunn og "
                 "skriftlig begrunnelse (tungtveiende grunner).", hjemmel)


def sjekk_kvp_vurdert(
    *, vilkar: Sequence[Vilkar], kvp_vurdert: date | None, rules: Ruleset | None = None,
) -> Sjekk:
    """Check that the right to KVP (§ 29) was assessed before any activity condition was set."""
    rules = rules or load_ruleset()
    aktivitet = [v for v in vilkar if v.er_aktivitet]
    code = "KVP_VURDERT_FOR_AKTIVITETSVILKAR"
    on = min((v.satt for v in aktivitet), default=kvp_vurdert or date(2017, 1, 1))
    hjemmel = (f"{rules.hjemmel('sotjl.aktivitetsplikt', on=on).text}, jf. "
               f"{rules.hjemmel('sotjl.kvp_rett', on=on).section}")
    if not aktivitet:
        return Sjekk(code, True, False, "Ingen vilkår om aktivitet er satt.", hjemmel)
    if kvp_vurdert is None:
        return Sjekk(code, False, True, "Før vilkår om aktivitet settes, må det vurderes og "
                     "registreres om søkeren har rett til kvalifiseringsprogram.", hjemmel)
    early = [v for v in aktivitet if v.satt < kvp_vurdert]
    if early:
        first = early[0].satt.isoformat()
        return Sjekk(code, False, True, f"Vilkår om aktivitet ble satt {first}, "
                     f"før retten til kvalifiseringsprogram ble vurdert "
                     f"{kvp_vurdert.isoformat()}.", hjemmel)
    return Sjekk(code, True, True, f"Retten til kvalifiseringsprogram ble vurdert "
                 f"{kvp_vurdert.isoformat()}, før vilkår om aktivitet ble satt.", hjemmel)


def sjekk_norskopplaering(
    *, fodselsdato: date, vedtaksdato: date, manglende_norsk_er_arsak: bool,
    rett_og_plikt_introduksjonsprogram: bool, vilkar: Sequence[Vilkar],
    vurdert: bool = False, tungtveiende_grunner: str = "", rules: Ruleset | None = None,
) -> Sjekk:
    """Check the § 20 a duty to require (or consider) a Norwegian-training condition."""
    rules = rules or load_ruleset()
    hjemmel = rules.hjemmel("sotjl.norskopplaering", on=vedtaksdato).text
    code = "NORSKOPPLAERING"
    under, age, _ = _under_30(fodselsdato, vedtaksdato, rules)
    if not under or not manglende_norsk_er_arsak:
        why = f"søkeren er {age} år" if not under else "manglende norskferdigheter er ikke "\
              "årsaken til at søkeren ikke er selvforsørget"
        return Sjekk(code, True, False, f"Plikten gjelder ikke: {why}.", hjemmel)
    if any(v.type is VilkarType.NORSKOPPLAERING for v in vilkar):
        return Sjekk(code, True, True, "Vilkår om norskopplæring er satt.", hjemmel)
    if rett_og_plikt_introduksjonsprogram:
        if tungtveiende_grunner.strip():
            return Sjekk(code, True, True, "Vilkår om norskopplæring er ikke satt fordi "
                         f"tungtveiende grunner taler mot det: {tungtveiende_grunner.strip()}",
                         hjemmel)
        return Sjekk(code, False, True, "Manglende norskferdigheter er årsaken til at søkeren "
                     "ikke er selvforsørget, og søkeren hadde rett og plikt til "
                     "introduksjonsprogram. Da skal det stilles vilkår om norskopplæring, med "
                     "mindre tungtveiende grunner taler mot det (skriv dem).", hjemmel)
    if vurdert:
        return Sjekk(code, True, True, "Vilkår om norskopplæring er vurdert.", hjemmel)
    return Sjekk(code, False, True, "Manglende norskferdigheter er årsaken til at søkeren ikke er "
                 "selvforsørget. Det skal vurderes om det skal stilles vilkår om norskopplæring.",
                 hjemmel)


def sjekk_reduksjon(
    *, vedtaksdato: date, vedtak_opplyste_konsekvens: bool, forhandsvarslet: bool,
    rules: Ruleset | None = None,
) -> Sjekk:
    """Check § 20 third paragraph: reduction only if the decision stated it and after warning."""
    rules = rules or load_ruleset()
    hjemmel = (f"{rules.hjemmel('sotjl.vilkar_reduksjon', on=vedtaksdato).text} og "
               f"{rules.hjemmel('fvl.forhandsvarsel', on=vedtaksdato).text}")
    missing = []
    if not vedtak_opplyste_konsekvens:
        missing.append("det opprinnelige vedtaket sa ikke at brudd på vilkåret kunne føre til "
                       "redusert stønad")
    if not forhandsvarslet:
        missing.append("søkeren er ikke varslet på forhånd")
    if missing:
        return Sjekk("REDUKSJON", False, True, "Stønaden kan ikke reduseres: "
                     + " og ".join(missing) + ".", hjemmel)
    return Sjekk("REDUKSJON", True, True, "Stønaden kan reduseres ved et nytt vedtak. Reduksjonen "
                 "må være forholdsmessig og ikke gå under det som er forsvarlig.", hjemmel)
