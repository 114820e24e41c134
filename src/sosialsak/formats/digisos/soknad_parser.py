"""Read a ``soknad.json`` into the plain values of :mod:`.soknad_data`.

The document is validated with our models first; an invalid one raises
:class:`SoknadInvalid` carrying every issue. Content that is schema-valid but odd (a date the
pattern accepts but the calendar does not) is kept and listed in ``merknader``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError

from sosialsak.formats.digisos import _soknad_okonomi as mo
from sosialsak.formats.digisos import soknad_data as out
from sosialsak.formats.digisos._report import ValidationIssue, issues_from_error
from sosialsak.formats.digisos._soknad_familie import Ansvar, Familie
from sosialsak.formats.digisos._soknad_personalia import Navn, Personalia
from sosialsak.formats.digisos.models_soknad import Soknad
from sosialsak.kernel.errors import DomainError

# The soknad.json format version this parser was written for (json/swagger.json).
SOKNAD_FORMAT_VERSION = (1, 0, 11)


class SoknadInvalid(DomainError):
    """Raise when a document is not a valid ``soknad.json``; ``issues`` says where and why."""

    code = "digisos_soknad_invalid"

    def __init__(self, issues: tuple[ValidationIssue, ...]) -> None:
        detail = "; ".join(str(issue) for issue in issues)
        super().__init__(f"soknad.json is invalid: {detail}", issues=[str(i) for i in issues])
        self.issues = issues


def parse_soknad(data: Mapping[str, Any]) -> out.SoknadInnhold:
    """Validate ``data`` as ``soknad.json`` and return its content as plain values."""
    try:
        soknad = Soknad.model_validate(data)
    except ValidationError as exc:
        raise SoknadInvalid(issues_from_error(exc, data)) from exc
    return _Reader().read(soknad)


class _Reader:
    """Map the validated model, collecting remarks about odd values on the way."""

    def __init__(self) -> None:
        self.merknader: list[str] = []

    def read(self, soknad: Soknad) -> out.SoknadInnhold:
        data = soknad.data
        arbeid = data.arbeid
        situasjon = arbeid.situasjon if arbeid else None
        endring = data.situasjonendring
        bosituasjon = data.bosituasjon
        return out.SoknadInnhold(
            version=soknad.version,
            soknadstype=data.soknadstype or "standard",
            innsendingstidspunkt=self._tidspunkt(
                soknad.innsendingstidspunkt, "innsendingstidspunkt"
            ),
            person=self._person(data.personalia),
            familie=self._familie(data.familie),
            hva_sokes_om=data.begrunnelse.hvaSokesOm,
            hvorfor_soke=data.begrunnelse.hvorforSoke,
            har_noe_endret_seg=endring.harNoeEndretSeg if endring else None,
            hva_har_endret_seg=endring.hvaHarEndretSeg if endring else None,
            botype=bosituasjon.botype if bosituasjon else None,
            antall_personer=bosituasjon.antallPersoner if bosituasjon else None,
            er_i_jobb=situasjon.erIJobb if situasjon else None,
            arbeidsforhold=tuple(
                out.Arbeidsforhold(
                    arbeidsgivernavn=f.arbeidsgivernavn,
                    fom=self._dato(f.fom, f"data.arbeid.forhold[{i}].fom"),
                    tom=self._dato(f.tom, f"data.arbeid.forhold[{i}].tom"),
                    stillingsprosent=f.stillingsprosent,
                )
                for i, f in enumerate((arbeid.forhold or []) if arbeid else [])
            ),
            er_student=data.utdanning.erStudent if data.utdanning else None,
            okonomi=self._okonomi(data.okonomi),
            mottaker=out.Mottaker(
                kommunenummer=soknad.mottaker.kommunenummer,
                nav_enhet=soknad.mottaker.enhetsnummer,
                nav_enhetsnavn=soknad.mottaker.navEnhetsnavn,
            ),
            register_feilet=tuple(
                name
                for name in type(soknad.driftsinformasjon).model_fields
                if getattr(soknad.driftsinformasjon, name) is True
            ),
            kompatibilitetstekster=tuple(
                k.text
                for k in soknad.kompatibilitet
                if k.text and _applies(k.minVersion, k.maxVersion)
            ),
            # Last on purpose: the readers above add to it.
            merknader=tuple(self.merknader),
        )

    def _dato(self, value: str | None, where: str) -> date | None:
        # The schema only checks the shape YYYY-MM-DD, so 2017-02-30 gets through.
        if value is None:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            # The value itself is left out: it is personal data and may end up in a log.
            self.merknader.append(f"$.{where}: has the form YYYY-MM-DD but is not a real date")
            return None

    def _tidspunkt(self, value: str | None, where: str) -> datetime | None:
        if value is None:
            return None
        try:
            # The schema's pattern lets "," stand in for the decimal point.
            return datetime.fromisoformat(value.replace(",", "."))
        except ValueError:
            self.merknader.append(f"$.{where}: has the right form but is not a real point in time")
            return None

    def _person(self, p: Personalia) -> out.Person:
        return out.Person(
            fodselsnummer=p.personIdentifikator.verdi,
            navn=_navn(p.navn),
            fodselsdato=self._dato(p.fodselsdato, "data.personalia.fodselsdato"),
            statsborgerskap=p.statsborgerskap.verdi if p.statsborgerskap else None,
            nordisk_borger=p.nordiskBorger.verdi if p.nordiskBorger else None,
            telefonnummer=p.telefonnummer.verdi if p.telefonnummer else None,
            kontonummer=p.kontonummer.verdi,
            har_ikke_konto=p.kontonummer.harIkkeKonto is True,
            folkeregistrert_adresse=_adresse(p.folkeregistrertAdresse),
            oppholdsadresse=_adresse(p.oppholdsadresse),
            postadresse=_adresse(p.postadresse),
        )

    def _familie(self, f: Familie | None) -> out.Familie:
        if f is None:
            return out.Familie(None, None, None, (), None)
        s = f.sivilstatus
        sivilstatus = None
        if s is not None:
            e = s.ektefelle
            ektefelle = None
            if e is not None:
                ektefelle = out.Ektefelle(
                    navn=_navn(e.navn),
                    fodselsdato=self._dato(
                        e.fodselsdato, "data.familie.sivilstatus.ektefelle.fodselsdato"
                    ),
                    fodselsnummer=e.personIdentifikator,
                    har_diskresjonskode=s.ektefelleHarDiskresjonskode,
                )
            sivilstatus = out.Sivilstatus(
                status=s.status,
                kilde=s.kilde,
                ektefelle=ektefelle,
                folkeregistrert_med_ektefelle=s.folkeregistrertMedEktefelle,
                bor_sammen_med=s.borSammenMed,
                bor_ikke_sammen_begrunnelse=s.borIkkeSammenMedBegrunnelse,
            )
        plikt = f.forsorgerplikt
        avvik = f.folkeregistrertMedEktefelleAvviksforklaring
        return out.Familie(
            sivilstatus=sivilstatus,
            har_forsorgerplikt=plikt.harForsorgerplikt.verdi if plikt.harForsorgerplikt else None,
            barnebidrag=plikt.barnebidrag.verdi if plikt.barnebidrag else None,
            barn=tuple(self._barn(a, i) for i, a in enumerate(plikt.ansvar or [])),
            avviksforklaring=avvik.verdi if avvik else None,
        )

    def _barn(self, a: Ansvar, index: int) -> out.Barn:
        b = a.barn
        where = f"data.familie.forsorgerplikt.ansvar[{index}].barn.fodselsdato"
        return out.Barn(
            navn=_navn(b.navn) if b else None,
            fodselsdato=self._dato(b.fodselsdato, where) if b else None,
            fodselsnummer=b.personIdentifikator if b else None,
            kilde=b.kilde if b else None,
            har_diskresjonskode=b.harDiskresjonskode if b else None,
            bor_sammen_med=a.borSammenMed.verdi if a.borSammenMed else None,
            er_folkeregistrert_sammen=(
                a.erFolkeregistrertSammen.verdi if a.erFolkeregistrertSammen else None
            ),
            har_delt_bosted=a.harDeltBosted.verdi if a.harDeltBosted else None,
            samvarsgrad=a.samvarsgrad.verdi if a.samvarsgrad else None,
        )

    def _okonomi(self, o: mo.Okonomi) -> out.Okonomi:
        opp, ov = o.opplysninger, o.oversikt
        return out.Okonomi(
            inntekter=tuple(
                out.Belop(i.type, i.tittel, i.netto, i.kilde, i.overstyrtAvBruker,
                          "oversikt.inntekt", brutto=i.brutto)
                for i in (ov.inntekt if ov else [])
            ),
            utgifter=(
                _belop((ov.utgift or []) if ov else [], "oversikt.utgift")
                + _belop(opp.utgift or [], "opplysninger.utgift")
            ),
            formue=_belop((ov.formue or []) if ov else [], "oversikt.formue"),
            utbetalinger=tuple(
                out.Belop(
                    u.type, u.tittel, u.belop if u.belop is not None else u.netto, u.kilde,
                    u.overstyrtAvBruker, "opplysninger.utbetaling", brutto=u.brutto,
                    utbetalingsdato=self._dato(
                        u.utbetalingsdato,
                        f"data.okonomi.opplysninger.utbetaling[{i}].utbetalingsdato",
                    ),
                )
                for i, u in enumerate(opp.utbetaling)
            ),
            bekreftelser=tuple(
                out.Bekreftelse(b.type, b.tittel, b.verdi) for b in opp.bekreftelse or []
            ),
            bostotte_saker=tuple(
                out.BostotteSak(
                    s.type,
                    self._dato(s.dato, f"data.okonomi.opplysninger.bostotte.saker[{i}].dato"),
                    s.status,
                    s.beskrivelse,
                    s.vedtaksstatus,
                )
                for i, s in enumerate((opp.bostotte.saker or []) if opp.bostotte else [])
            ),
        )


def _navn(n: Navn) -> out.Navn:
    return out.Navn(n.fornavn, n.mellomnavn, n.etternavn)


def _belop(
    items: list[mo.OversiktBelop] | list[mo.OpplysningUtgift], liste: str
) -> tuple[out.Belop, ...]:
    return tuple(
        out.Belop(i.type, i.tittel, i.belop, i.kilde, i.overstyrtAvBruker, liste) for i in items
    )


def _adresse(a: Any) -> out.Adresse | None:
    if a is None:
        return None
    f = a.model_dump(exclude_none=True)
    return out.Adresse(
        type=a.type,
        kilde=a.kilde,
        linjer=_linjer(a.type, f),
        adresse_valg=f.get("adresseValg"),
        kommunenummer=f.get("kommunenummer"),
        postnummer=f.get("postnummer"),
        poststed=f.get("poststed"),
        landkode=f.get("landkode"),
    )


def _linjer(kind: str, f: dict[str, Any]) -> tuple[str, ...]:
    def joined(sep: str, *names: str) -> str:
        return sep.join(str(f[n]) for n in names if f.get(n))

    if kind == "gateadresse":
        lines = [*f.get("adresselinjer", []), joined(" ", "gatenavn", "husnummer", "husbokstav")]
    elif kind == "matrikkeladresse":
        parts = ("gaardsnummer", "bruksnummer", "festenummer", "seksjonsnummer", "undernummer")
        lines = ["Gnr/bnr " + joined("/", *parts) if f.get("gaardsnummer") else ""]
    elif kind == "postboks":
        lines = [f"Postboks {f['postboks']}" if f.get("postboks") else ""]
    else:
        lines = list(f.get("adresse", []))
    lines.append(joined(" ", "postnummer", "poststed"))
    return tuple(line for line in lines if line)


_NUMERIC = re.compile(r"^(\d+)\.(\d+)\.(\d+)")


def _version(text: str | None) -> tuple[int, ...] | None:
    match = _NUMERIC.match(text or "")
    return tuple(int(g) for g in match.groups()) if match else None


def _applies(min_version: str | None, max_version: str | None) -> bool:
    # A bound we cannot read does not hide the text: it MUST be shown when it applies, and
    # showing one text too many does no harm.
    low, high = _version(min_version), _version(max_version)
    return (low is None or low <= SOKNAD_FORMAT_VERSION) and (
        high is None or SOKNAD_FORMAT_VERSION <= high
    )
