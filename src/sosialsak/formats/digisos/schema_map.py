"""Map every official schema file to the model of ours that must agree with it.

Keys are paths relative to the official ``json/`` folder. Used to validate a fragment the way
the upstream tests do (a fixture in ``fixtures/<dir>/`` is checked against ``json/<dir>.json``)
and to compare our models with the official schemas file by file.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Literal, cast

from pydantic import ConfigDict, TypeAdapter, create_model

from sosialsak.formats.digisos import _soknad_familie as familie
from sosialsak.formats.digisos import _soknad_okonomi as okonomi
from sosialsak.formats.digisos import _soknad_personalia as personalia
from sosialsak.formats.digisos import models_other, models_soker, models_soknad
from sosialsak.formats.digisos._base import (
    Dato,
    DigisosModel,
    Kilde,
    KildeBruker,
    KildeSystem,
    Tidspunkt,
    Version,
)

# Files we deliberately do not model: swagger.json is not a schema; internalSoknad.json is
# NAV-internal and never sent to a kommune.
NOT_MODELLED = frozenset({"swagger.json", "internal/internalSoknad.json"})

ENTRY_POINTS = {
    "soknad": "soknad/soknad.json",
    "vedlegg": "vedlegg/vedleggSpesifikasjon.json",
    "digisos-soker": "digisos/soker/digisos-soker.json",
    "klage": "klage/klage.json",
}


def _standalone(felter: type[DigisosModel], type_name: str) -> type[DigisosModel]:
    # A subtype file read alone only says: if "type" is present it must be this subtype.
    optional_type = cast(Any, Literal)[type_name] | None
    return create_model(
        f"{felter.__name__.strip('_')}Alene",
        __base__=felter,
        type=(optional_type, None),
    )


def _soker_parts() -> dict[str, Any]:
    parts: dict[str, Any] = {
        "digisos/soker/digisos-soker.json": models_soker.DigisosSoker,
        "digisos/soker/parts/avsender.json": models_soker.Avsender,
        "digisos/soker/parts/filreferanse.json": models_soker.Filreferanse,
        "digisos/soker/parts/forvaltningsbrev.json": models_soker.Forvaltningsbrev,
        "digisos/soker/parts/hendelse.json": models_soker.Hendelse,
        "digisos/soker/parts/vedlegg.json": models_soker.HendelseVedlegg,
        "digisos/soker/parts/version.json": Version,
    }
    for name, felter in models_soker.STANDALONE_FELTER.items():
        parts[f"digisos/soker/parts/hendelse/{name}.json"] = _standalone(felter, name)
    for name, felter in models_soker.STANDALONE_FILREFERANSE.items():
        parts[f"digisos/soker/parts/filreferanse/{name}.json"] = _standalone(felter, name)
    return parts


def _soknad_parts() -> dict[str, Any]:
    parts: dict[str, Any] = {
        "soknad/soknad.json": models_soknad.Soknad,
        "soknad/arbeid/forhold.json": personalia.Arbeidsforhold,
        "soknad/arbeid/kommentarTilArbeidsforhold.json": personalia.KommentarTilArbeidsforhold,
        "soknad/arbeid/situasjon.json": personalia.Arbeidssituasjon,
        "soknad/bostotte/bostotte.json": okonomi.Bostotte,
        "soknad/bostotte/sak.json": okonomi.BostotteSak,
        "soknad/familie/barn.json": familie.Barn,
        "soknad/familie/borSammenMed.json": familie.BorSammenMed,
        "soknad/familie/erFolkeregistrertSammen.json": familie.ErFolkeregistrertSammen,
        "soknad/familie/folkeregistrertMedEktefelleAvviksforklaring.json": (
            familie.FolkeregistrertMedEktefelleAvviksforklaring
        ),
        "soknad/familie/harDeltBosted.json": familie.HarDeltBosted,
        "soknad/familie/harForsorgerplikt.json": familie.HarForsorgerplikt,
        "soknad/familie/samvarsgrad.json": familie.Samvarsgrad,
        "soknad/familie/sivilstatus.json": familie.Sivilstatus,
        "soknad/okonomi/opplysninger/utbetaling.json": okonomi.OpplysningUtbetaling,
        "soknad/parts/adresse.json": personalia.Adresse,
        "soknad/parts/adresseValg.json": personalia.AdresseValg,
        "soknad/parts/kilde.json": Kilde,
        "soknad/parts/kildeBruker.json": KildeBruker,
        "soknad/parts/kildeSystem.json": KildeSystem,
        "soknad/parts/mottaker.json": models_soknad.Mottaker,
        "soknad/parts/navn.json": personalia.Navn,
        "soknad/parts/personIdentifikatorVerdi.json": str,
        "soknad/parts/version.json": Version,
        "soknad/personalia/kontonummer.json": personalia.Kontonummer,
        "soknad/personalia/nordiskBorger.json": personalia.NordiskBorger,
        "soknad/personalia/personIdentifikator.json": personalia.PersonIdentifikator,
        "soknad/personalia/sokernavn.json": personalia.Sokernavn,
        "soknad/personalia/statsborgerskap.json": personalia.Statsborgerskap,
        "soknad/personalia/telefonnummer.json": personalia.Telefon,
    }
    for name, felter in personalia.STANDALONE_ADRESSE.items():
        parts[f"soknad/parts/adresse/{name}.json"] = _standalone(felter, name)
    return parts


@cache
def schema_models() -> dict[str, TypeAdapter[Any]]:
    """Return a validator for each official schema file, keyed by its path under ``json/``."""
    types: dict[str, Any] = {
        **_soker_parts(),
        **_soknad_parts(),
        "types/dato.json": Dato,
        "types/tidspunkt.json": Tidspunkt,
        "types/organisasjon.json": okonomi.Organisasjon,
        "vedlegg/vedleggSpesifikasjon.json": models_other.VedleggSpesifikasjon,
        "klage/klage.json": models_other.Klage,
    }
    return {path: _adapter(kind) for path, kind in types.items()}


def _adapter(kind: Any) -> TypeAdapter[Any]:
    # Models carry their own strict config (TypeAdapter refuses a second one); bare strings,
    # literals and unions must not coerce either.
    if isinstance(kind, type) and issubclass(kind, DigisosModel):
        return TypeAdapter(kind)
    return TypeAdapter(kind, config=ConfigDict(strict=True))
