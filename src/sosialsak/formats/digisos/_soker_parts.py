"""Parts of ``digisos-soker.json`` shared by several hendelser (``json/digisos/soker/parts``).

Avsender, file references (a oneOf over dokumentlager and SvarUt, picked by ``type``), letters
and their attachments.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Tag

from sosialsak.formats.digisos._base import (
    UNKNOWN_TAG,
    UUID_PATTERN,
    DigisosModel,
    JsonInteger,
    Tidspunkt,
    by_type,
    matches,
    tag,
)

Uuid = Annotated[str, matches(UUID_PATTERN, "must be a lower-case UUID")]


class Avsender(DigisosModel):
    """``parts/avsender.json``: the sending fagsystem."""

    systemnavn: str
    systemversjon: str


# --- parts/filreferanse.json and its two variants ---------------------------------------------


class _DokumentlagerFelter(DigisosModel):
    id: Uuid


class _SvarUtFelter(DigisosModel):
    id: Uuid
    nr: JsonInteger


class DokumentlagerFilreferanse(_DokumentlagerFelter):
    """A file stored in Fiks dokumentlager."""

    type: Literal["dokumentlager"]


class SvarUtFilreferanse(_SvarUtFelter):
    """File number ``nr`` (1-based) of a SvarUt forsendelse."""

    type: Literal["svarut"]


class _UkjentFilreferanse(DigisosModel):
    type: Literal["svarut", "dokumentlager"]


Filreferanse = Annotated[
    Annotated[SvarUtFilreferanse, Tag(tag("svarut"))]
    | Annotated[DokumentlagerFilreferanse, Tag(tag("dokumentlager"))]
    | Annotated[_UkjentFilreferanse, Tag(UNKNOWN_TAG)],
    by_type("svarut", "dokumentlager"),
]


class Forvaltningsbrev(DigisosModel):
    """``parts/forvaltningsbrev.json``: a letter (PDF) shown to the applicant."""

    referanse: Filreferanse


class HendelseVedlegg(DigisosModel):
    """``parts/vedlegg.json``: an attachment to a letter."""

    tittel: str
    referanse: Filreferanse


class Vedtaksfil(DigisosModel):
    """The decision letter of ``vedtakFattet``."""

    referanse: Filreferanse


class EtterspurtDokument(DigisosModel):
    """One item of ``dokumentasjonEtterspurt.dokumenter``."""

    dokumenttype: str
    innsendelsesfrist: Tidspunkt
    tilleggsinformasjon: str | None = None
    dokumentreferanse: str | None = None


STANDALONE_FILREFERANSE: dict[str, type[DigisosModel]] = {
    "svarut": _SvarUtFelter,
    "dokumentlager": _DokumentlagerFelter,
}
