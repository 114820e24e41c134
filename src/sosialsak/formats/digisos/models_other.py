"""Typed models of ``vedlegg.json`` (vedleggSpesifikasjon 1.2.0) and ``klage.json``.

Mirrors ``json/vedlegg/vedleggSpesifikasjon.json`` and ``json/klage/klage.json``.
"""

from __future__ import annotations

from typing import Literal

from sosialsak.formats.digisos._base import DigisosModel, KildeBruker, Tidspunkt
from sosialsak.formats.digisos._soknad_personalia import PersonIdentifikator, Sokernavn
from sosialsak.formats.digisos.models_soknad import Mottaker


class Fil(DigisosModel):
    """``#/definitions/fil``: one file of an attachment."""

    filnavn: str | None = None
    sha512: str | None = None


class Vedlegg(DigisosModel):
    """``#/definitions/vedlegg``: one attachment (a set of files that belong together).

    ``type``/``tilleggsinfo`` are open code lists; ``status`` is free text (``LastetOpp``,
    ``VedleggKreves``, ``VedleggAlleredeSendt``, or something new that must not block).
    """

    type: str | None = None
    tilleggsinfo: str | None = None
    klageId: str | None = None
    status: str | None = None
    filer: list[Fil] | None = None
    hendelseType: (
        Literal["dokumentasjonEtterspurt", "dokumentasjonkrav", "soknad", "bruker"] | None
    ) = None
    hendelseReferanse: str | None = None


class VedleggSpesifikasjon(DigisosModel):
    """``vedlegg.json``: accompanies every søknad and every ettersendelse."""

    vedlegg: list[Vedlegg] | None = None


class Autentisering(DigisosModel):
    """``klage.autentisering``."""

    autentisertDigitalt: bool
    autentiseringsTidspunkt: Tidspunkt


class KlageBegrunnelse(DigisosModel):
    """``klage.begrunnelse``."""

    kilde: KildeBruker
    klageTekst: str


class Klage(DigisosModel):
    """``klage.json``: an appeal against a vedtak.

    ``vedtakId`` is the file reference id of the appealed vedtak's ``vedtaksfil``.
    """

    klageId: str
    vedtakId: str
    digisosId: str
    personIdentifikator: PersonIdentifikator
    navn: Sokernavn
    mottaker: Mottaker
    autentisering: Autentisering
    innsendingstidspunkt: Tidspunkt
    begrunnelse: KlageBegrunnelse | None = None
