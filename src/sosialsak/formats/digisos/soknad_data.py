"""Plain values read out of a valid ``soknad.json``, for the app layer to store.

Produced by :func:`sosialsak.formats.digisos.soknad_parser.parse_soknad`. Each field names the
``soknad.json`` member it comes from. ``kilde`` is kept where the format has it: ``system`` =
from a register, ``bruker`` = the applicant's answer, ``utdatert`` = outdated and not to be
shown to the caseworker as current.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

# Expense codes (SoknadJsonTyper) that are housing costs.
BOUTGIFT_TYPER = frozenset(
    {
        "husleie",
        "strom",
        "kommunalAvgift",
        "oppvarming",
        "boliglanAvdrag",
        "boliglanRenter",
        "annenBoutgift",
    }
)
# Formue codes that are bank accounts.
BANKKONTO_TYPER = frozenset({"brukskonto", "bsu", "sparekonto"})


@dataclass(frozen=True)
class Navn:
    """``navn``: all three parts are always present, possibly empty."""

    fornavn: str
    mellomnavn: str
    etternavn: str

    @property
    def fullt_navn(self) -> str:
        """Return the name as written, empty parts left out."""
        return " ".join(p for p in (self.fornavn, self.mellomnavn, self.etternavn) if p.strip())


@dataclass(frozen=True)
class Adresse:
    """One of ``folkeregistrertAdresse``/``oppholdsadresse``/``postadresse``.

    ``linjer`` is a readable rendering for every address ``type``; the other fields are the
    structured members that the type has (absent ones None).
    """

    type: str  # gateadresse | matrikkeladresse | postboks | ustrukturert
    kilde: str
    linjer: tuple[str, ...]
    adresse_valg: str | None = None  # adresseValg
    kommunenummer: str | None = None
    postnummer: str | None = None
    poststed: str | None = None
    landkode: str | None = None


@dataclass(frozen=True)
class Person:
    """``data.personalia``."""

    fodselsnummer: str  # personIdentifikator.verdi (fødselsnummer or D-nummer)
    navn: Navn  # navn
    fodselsdato: date | None  # fodselsdato (None when absent or not a real date)
    statsborgerskap: str | None  # statsborgerskap.verdi (ISO 3166-1 alpha-3)
    nordisk_borger: bool | None  # nordiskBorger.verdi
    telefonnummer: str | None  # telefonnummer.verdi (E.164)
    kontonummer: str | None  # kontonummer.verdi (11 digits)
    har_ikke_konto: bool  # kontonummer.harIkkeKonto
    folkeregistrert_adresse: Adresse | None  # folkeregistrertAdresse
    oppholdsadresse: Adresse | None  # oppholdsadresse
    postadresse: Adresse | None  # postadresse

    @property
    def kommunenummer(self) -> str | None:
        """Return the kommune of the registered address, else of the stay address."""
        for adresse in (self.folkeregistrert_adresse, self.oppholdsadresse):
            if adresse is not None and adresse.kommunenummer:
                return adresse.kommunenummer
        return None


@dataclass(frozen=True)
class Ektefelle:
    """``familie.sivilstatus.ektefelle``."""

    navn: Navn
    fodselsdato: date | None
    fodselsnummer: str | None  # personIdentifikator
    har_diskresjonskode: bool | None  # sivilstatus.ektefelleHarDiskresjonskode


@dataclass(frozen=True)
class Sivilstatus:
    """``familie.sivilstatus``."""

    status: str  # gift | ugift | samboer | enke | skilt | separert
    kilde: str
    ektefelle: Ektefelle | None
    folkeregistrert_med_ektefelle: bool | None  # folkeregistrertMedEktefelle (register)
    bor_sammen_med: bool | None  # borSammenMed (applicant's answer)
    bor_ikke_sammen_begrunnelse: str | None  # borIkkeSammenMedBegrunnelse


@dataclass(frozen=True)
class Barn:
    """One ``forsorgerplikt.ansvar`` item: the child and how it lives with the applicant."""

    navn: Navn | None  # ansvar.barn.navn
    fodselsdato: date | None  # ansvar.barn.fodselsdato
    fodselsnummer: str | None  # ansvar.barn.personIdentifikator
    kilde: str | None  # ansvar.barn.kilde
    har_diskresjonskode: bool | None  # ansvar.barn.harDiskresjonskode
    bor_sammen_med: bool | None  # ansvar.borSammenMed.verdi
    er_folkeregistrert_sammen: bool | None  # ansvar.erFolkeregistrertSammen.verdi
    har_delt_bosted: bool | None  # ansvar.harDeltBosted.verdi
    samvarsgrad: int | None  # ansvar.samvarsgrad.verdi (percent)


@dataclass(frozen=True)
class Familie:
    """``data.familie``."""

    sivilstatus: Sivilstatus | None
    har_forsorgerplikt: bool | None  # forsorgerplikt.harForsorgerplikt.verdi
    barnebidrag: str | None  # forsorgerplikt.barnebidrag.verdi: betaler|mottar|begge|ingen
    barn: tuple[Barn, ...]  # forsorgerplikt.ansvar
    avviksforklaring: str | None  # folkeregistrertMedEktefelleAvviksforklaring.verdi


@dataclass(frozen=True)
class Belop:
    """An income, expense, asset or received payment of ``data.okonomi``.

    ``kilde_liste`` says where it was listed: ``oversikt.inntekt``, ``oversikt.utgift``,
    ``oversikt.formue``, ``opplysninger.utgift`` or ``opplysninger.utbetaling``.
    """

    type: str  # open code list; always show tittel
    tittel: str
    belop: int | float | None  # belop, or netto for incomes
    kilde: str
    overstyrt_av_bruker: bool  # overstyrtAvBruker: show struck through
    kilde_liste: str
    brutto: int | float | None = None  # inntekt.brutto / utbetaling.brutto
    utbetalingsdato: date | None = None  # utbetaling.utbetalingsdato


@dataclass(frozen=True)
class Bekreftelse:
    """``opplysninger.bekreftelse``: a yes/no answer or consent."""

    type: str
    tittel: str
    verdi: bool | None


@dataclass(frozen=True)
class BostotteSak:
    """``opplysninger.bostotte.saker``: a housing-allowance case from Husbanken."""

    type: str
    dato: date | None
    status: str
    beskrivelse: str | None
    vedtaksstatus: str | None  # INNVILGET | AVSLAG | AVVIST


@dataclass(frozen=True)
class Okonomi:
    """``data.okonomi``."""

    inntekter: tuple[Belop, ...]  # oversikt.inntekt
    utgifter: tuple[Belop, ...]  # oversikt.utgift + opplysninger.utgift
    formue: tuple[Belop, ...]  # oversikt.formue
    utbetalinger: tuple[Belop, ...]  # opplysninger.utbetaling
    bekreftelser: tuple[Bekreftelse, ...]  # opplysninger.bekreftelse
    bostotte_saker: tuple[BostotteSak, ...]  # opplysninger.bostotte.saker

    @property
    def boutgifter(self) -> tuple[Belop, ...]:
        """Return the housing costs among the expenses."""
        return tuple(u for u in self.utgifter if u.type in BOUTGIFT_TYPER)

    @property
    def bankkontoer(self) -> tuple[Belop, ...]:
        """Return the bank accounts among the assets."""
        return tuple(f for f in self.formue if f.type in BANKKONTO_TYPER)


@dataclass(frozen=True)
class Arbeidsforhold:
    """``data.arbeid.forhold``: an employment of the last three months (AA register)."""

    arbeidsgivernavn: str
    fom: date | None
    tom: date | None
    stillingsprosent: int


@dataclass(frozen=True)
class Mottaker:
    """``mottaker``: where NAV routed the application."""

    kommunenummer: str | None
    nav_enhet: str | None  # enhetsnummer
    nav_enhetsnavn: str | None  # navEnhetsnavn


@dataclass(frozen=True)
class SoknadInnhold:
    """Everything the app layer stores from one ``soknad.json``."""

    version: str
    soknadstype: str  # data.soknadstype; "standard" when absent
    innsendingstidspunkt: datetime | None
    person: Person
    familie: Familie
    hva_sokes_om: str  # data.begrunnelse.hvaSokesOm: the items applied for, free text
    hvorfor_soke: str | None  # data.begrunnelse.hvorforSoke
    har_noe_endret_seg: bool | None  # data.situasjonendring.harNoeEndretSeg ("kort" søknad)
    hva_har_endret_seg: str | None  # data.situasjonendring.hvaHarEndretSeg
    botype: str | None  # data.bosituasjon.botype
    antall_personer: int | None  # data.bosituasjon.antallPersoner
    er_i_jobb: bool | None  # data.arbeid.situasjon.erIJobb (asked when forhold is absent)
    arbeidsforhold: tuple[Arbeidsforhold, ...]  # data.arbeid.forhold
    er_student: bool | None  # data.utdanning.erStudent
    okonomi: Okonomi
    mottaker: Mottaker
    register_feilet: tuple[str, ...]  # driftsinformasjon flags that are true
    kompatibilitetstekster: tuple[str, ...]  # kompatibilitet[].text for our version: MUST show
    merknader: tuple[str, ...]  # odd but schema-valid content the caseworker should see
