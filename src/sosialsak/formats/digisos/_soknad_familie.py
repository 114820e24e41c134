"""Models of ``data.familie`` in ``soknad.json`` (files under ``json/soknad/familie``)."""

from __future__ import annotations

from typing import Any, Literal

from sosialsak.formats.digisos._base import (
    Dato,
    DigisosModel,
    JsonInteger,
    Kilde,
    KildeBruker,
    KildeSystem,
    Loc,
)
from sosialsak.formats.digisos._soknad_personalia import Navn

SIVILSTATUSER = ("gift", "ugift", "samboer", "enke", "skilt", "separert")


class Ektefelle(DigisosModel):
    """``sivilstatus.ektefelle``."""

    navn: Navn
    fodselsdato: Dato | None = None
    personIdentifikator: str | None = None


class Sivilstatus(DigisosModel):
    """``familie/sivilstatus.json``.

    Register facts (folkeregistrert sammen, diskresjonskode) may only come from ``system``,
    the applicant's own answers (bor sammen, begrunnelse) only from ``bruker``; ``ektefelle``
    belongs to, and is required for, ``gift``.
    """

    kilde: Kilde
    status: Literal["gift", "ugift", "samboer", "enke", "skilt", "separert"]
    ektefelle: Ektefelle | None = None
    ektefelleHarDiskresjonskode: bool | None = None
    folkeregistrertMedEktefelle: bool | None = None
    borSammenMed: bool | None = None
    borIkkeSammenMedBegrunnelse: str | None = None

    @classmethod
    def dependency_errors(cls, data: dict[str, Any]) -> list[tuple[Loc, str]]:
        """Check the schema's ``dependencies`` block."""
        problems: list[tuple[Loc, str]] = []
        status = data.get("status")
        if status == "gift" and "ektefelle" not in data:
            problems.append((("ektefelle",), "is required when status is 'gift'"))
        # A non-enum status is reported by the field itself; this rule only adds the pairing.
        if "ektefelle" in data and status in SIVILSTATUSER and status != "gift":
            problems.append((("ektefelle",), "is only allowed when status is 'gift'"))
        if "kilde" in data:
            for field, kilde in (
                ("folkeregistrertMedEktefelle", "system"),
                ("ektefelleHarDiskresjonskode", "system"),
                ("borSammenMed", "bruker"),
                ("borIkkeSammenMedBegrunnelse", "bruker"),
            ):
                if field in data and data["kilde"] != kilde:
                    problems.append(((field,), f"is only allowed when kilde is '{kilde}'"))
        return problems


class Barn(DigisosModel):
    """``familie/barn.json``."""

    kilde: Kilde
    navn: Navn
    fodselsdato: Dato | None = None
    personIdentifikator: str | None = None
    harDiskresjonskode: bool | None = None


class HarForsorgerplikt(DigisosModel):
    """``familie/harForsorgerplikt.json``."""

    kilde: Kilde | None = None
    verdi: bool | None = None


class BorSammenMed(DigisosModel):
    """``familie/borSammenMed.json``: the applicant's answer."""

    kilde: KildeBruker
    verdi: bool


class ErFolkeregistrertSammen(DigisosModel):
    """``familie/erFolkeregistrertSammen.json``: from the register."""

    kilde: KildeSystem
    verdi: bool


class HarDeltBosted(DigisosModel):
    """``familie/harDeltBosted.json``."""

    kilde: KildeBruker
    verdi: bool


class Samvarsgrad(DigisosModel):
    """``familie/samvarsgrad.json``: percent of time with the applicant."""

    kilde: KildeBruker
    verdi: JsonInteger


class Ansvar(DigisosModel):
    """One item of ``forsorgerplikt.ansvar``: a child and how it lives with the applicant."""

    barn: Barn | None = None
    borSammenMed: BorSammenMed | None = None
    erFolkeregistrertSammen: ErFolkeregistrertSammen | None = None
    harDeltBosted: HarDeltBosted | None = None
    samvarsgrad: Samvarsgrad | None = None


class Barnebidrag(DigisosModel):
    """``forsorgerplikt.barnebidrag``."""

    kilde: KildeBruker | None = None
    verdi: Literal["betaler", "mottar", "begge", "ingen"] | None = None


class Forsorgerplikt(DigisosModel):
    """``familie.forsorgerplikt``."""

    harForsorgerplikt: HarForsorgerplikt | None = None
    barnebidrag: Barnebidrag | None = None
    ansvar: list[Ansvar] | None = None


class FolkeregistrertMedEktefelleAvviksforklaring(DigisosModel):
    """``familie/folkeregistrertMedEktefelleAvviksforklaring.json``."""

    kilde: KildeBruker
    verdi: str | None = None


class Familie(DigisosModel):
    """``data.familie``."""

    forsorgerplikt: Forsorgerplikt
    sivilstatus: Sivilstatus | None = None
    folkeregistrertMedEktefelleAvviksforklaring: (
        FolkeregistrertMedEktefelleAvviksforklaring | None
    ) = None

    @classmethod
    def dependency_errors(cls, data: dict[str, Any]) -> list[tuple[Loc, str]]:
        """Tie the explanation to a register-sourced ``sivilstatus`` (schema ``dependencies``)."""
        if "folkeregistrertMedEktefelleAvviksforklaring" not in data:
            return []
        why = "when folkeregistrertMedEktefelleAvviksforklaring is given"
        sivilstatus = data.get("sivilstatus", None)
        if "sivilstatus" not in data:
            return [(("sivilstatus",), f"is required {why}")]
        if not isinstance(sivilstatus, dict):
            return []
        if "kilde" not in sivilstatus:
            return [(("sivilstatus", "kilde"), f"is required {why}")]
        if sivilstatus["kilde"] != "system":
            return [(("sivilstatus", "kilde"), f"must be 'system' {why}")]
        return []
