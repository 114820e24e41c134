"""The services' models, one private module per service."""

from sosialsak.contexts.services.models._barnevern import Bekymringsmelding, Tjenesteinnstillinger
from sosialsak.contexts.services.models._counselling import (
    Henvisning,
    HenvisningTil,
    Niva,
    Radgivning,
    RadgivningArt,
    RadgivningUtfall,
    Resultat,
)
from sosialsak.contexts.services.models._housing import (
    Botilbud,
    BotilbudType,
    Kvalitetsvurdering,
    Opphold,
    Utestengelse,
)
from sosialsak.contexts.services.models._plan import (
    Deltaker,
    Formal,
    IndividuellPlan,
    Mote,
    Samtykke,
    Tiltakspunkt,
    Tjeneste,
)

__all__ = [
    "Bekymringsmelding",
    "Botilbud",
    "BotilbudType",
    "Deltaker",
    "Formal",
    "Henvisning",
    "HenvisningTil",
    "IndividuellPlan",
    "Kvalitetsvurdering",
    "Mote",
    "Niva",
    "Opphold",
    "Radgivning",
    "RadgivningArt",
    "RadgivningUtfall",
    "Resultat",
    "Samtykke",
    "Tiltakspunkt",
    "Tjeneste",
    "Tjenesteinnstillinger",
    "Utestengelse",
]
