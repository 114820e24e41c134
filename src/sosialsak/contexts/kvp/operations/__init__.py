"""KVP writes (see the package docstring of ``kvp.models``)."""

from sosialsak.contexts.kvp.operations._absence import decide_reduction, record_absence
from sosialsak.contexts.kvp.operations._flow import (
    VedtakInput,
    VurderingInput,
    apply,
    assess,
    decide,
    screen,
)
from sosialsak.contexts.kvp.operations._programme import (
    AvslutningInput,
    PlanLinje,
    end,
    extend,
    interrupt,
    resume,
    save_plan,
    start,
)
from sosialsak.contexts.kvp.operations._settings import save_settings
from sosialsak.contexts.kvp.policy import UnableToChangeKvp

__all__ = [
    "AvslutningInput",
    "PlanLinje",
    "UnableToChangeKvp",
    "VedtakInput",
    "VurderingInput",
    "apply",
    "assess",
    "decide",
    "decide_reduction",
    "end",
    "extend",
    "interrupt",
    "record_absence",
    "resume",
    "save_plan",
    "save_settings",
    "screen",
    "start",
]
