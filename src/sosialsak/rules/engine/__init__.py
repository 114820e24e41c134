"""The rules engine: dated YAML parameters, overlay layers, legal references, law cases."""

from sosialsak.rules.engine.laws import LegalReference
from sosialsak.rules.engine.overlays import HousingCaps, RateSet
from sosialsak.rules.engine.parameters import DatedValue, Parameter, UpdateCycle
from sosialsak.rules.engine.ruleset import ParameterValue, Ruleset, load_ruleset

__all__ = [
    "DatedValue",
    "HousingCaps",
    "LegalReference",
    "Parameter",
    "ParameterValue",
    "RateSet",
    "Ruleset",
    "UpdateCycle",
    "load_ruleset",
]
