"""Writes for the services. Each takes keyword-only arguments, runs in one transaction, goes
through the caller's scope (locking the application the record hangs under first) and writes
an audit entry."""

from sosialsak.contexts.services.operations._barnevern import (
    BekymringInput,
    record_bekymring,
    record_svar,
    service_settings,
    set_service_settings,
    settings_many,
)
from sosialsak.contexts.services.operations._counselling import (
    HenvisningInput,
    RadgivningInput,
    add_henvisning,
    close_radgivning,
    record_radgivning,
)
from sosialsak.contexts.services.operations._housing import (
    BotilbudInput,
    OppholdInput,
    UtestengelseInput,
    VurderingInput,
    create_botilbud,
    end_opphold,
    exclude_from_botilbud,
    record_opphold,
    record_vurdering,
)
from sosialsak.contexts.services.operations._plan import (
    DeltakerInput,
    MoteInput,
    PlanInput,
    TiltakInput,
    add_deltaker,
    add_tiltak,
    create_plan,
    give_samtykke,
    record_mote,
    update_plan,
    withdraw_samtykke,
)

__all__ = [
    "BekymringInput",
    "BotilbudInput",
    "DeltakerInput",
    "HenvisningInput",
    "MoteInput",
    "OppholdInput",
    "PlanInput",
    "RadgivningInput",
    "TiltakInput",
    "UtestengelseInput",
    "VurderingInput",
    "add_deltaker",
    "add_henvisning",
    "add_tiltak",
    "close_radgivning",
    "create_botilbud",
    "create_plan",
    "end_opphold",
    "exclude_from_botilbud",
    "give_samtykke",
    "record_bekymring",
    "record_mote",
    "record_opphold",
    "record_radgivning",
    "record_svar",
    "record_vurdering",
    "service_settings",
    "set_service_settings",
    "settings_many",
    "update_plan",
    "withdraw_samtykke",
]
