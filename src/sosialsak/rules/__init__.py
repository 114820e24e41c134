"""Rules as code for økonomisk stønad and KVP: pure Python, no Django, no clock.

Parameters are YAML files keyed by start date (``parameters/``); every function is a pure
function of facts and a date with keyword-only arguments, and every result explains itself.
The app layer passes registered state and municipal rate sets in as plain data::

    from sosialsak import rules
    ruleset = rules.load_ruleset().with_rate_sets(rate_sets)   # from contexts.rates
    result = rules.calculate_livsopphold(household=h, month=date(2024, 3, 1),
                                         rules=ruleset, kommune="0301", assessment=None)
    result.amount, result.rate_set.valid_from, result.rate_set.stale, result.flags
    rules.render_for_caseworker(result); rules.render_for_applicant(result)

See ``docs/rules.md`` for authoring parameters and law cases.
"""

from sosialsak.rules.batch import BatchHouseholds, BatchResult, batch_from_requests, calculate_batch
from sosialsak.rules.columnar import (
    batch_from_households,
    batch_from_households_scalar,
    household_request,
)
from sosialsak.rules.columnar_csv import batch_from_csv, read_households_csv
from sosialsak.rules.columnar_table import batch_from_table
from sosialsak.rules.engine import (
    HousingCaps,
    LegalReference,
    ParameterValue,
    RateSet,
    Ruleset,
    load_ruleset,
)
from sosialsak.rules.errors import (
    InvalidAssessment,
    InvalidCommencement,
    InvalidFacts,
    InvalidHousehold,
    InvalidRateSet,
    ParameterNotFound,
)
from sosialsak.rules.forklaring import render_for_applicant, render_for_caseworker
from sosialsak.rules.frister import (
    Frist,
    KomFram,
    dokumentasjonsfrist,
    forelopig_svar,
    forelopig_svar_frist,
    klage_i_tide,
    klagefrist,
    kom_fram,
)
from sosialsak.rules.hjemler import hjemmel, parse_commencements
from sosialsak.rules.household import (
    Bosted,
    ChildFacts,
    Household,
    HousingCosts,
    Income,
    IncomeType,
    Members,
    PartnerFacts,
    Person,
    members_at_rate,
)
from sosialsak.rules.household_json import (
    HouseholdRequest,
    parse_household,
    parse_household_json,
    result_as_json,
)
from sosialsak.rules.kvalifiseringsstonad import (
    AndreYtelser,
    KvpInntekt,
    KvpInntektType,
    KvpMaaned,
    KvpSats,
    ProgramPeriode,
    Sjekkliste,
    kvp_inngangsvilkar,
    kvp_maaned,
    kvp_programperiode,
    kvp_sats,
    sjekk_programlengde,
)
from sosialsak.rules.livsopphold import (
    LivsoppholdResult,
    RateSetInfo,
    calculate_livsopphold,
    rate_set_info,
)
from sosialsak.rules.periode import (
    KvpPeriode,
    LivsoppholdPeriod,
    calculate_livsopphold_period,
    days_in,
    kvp_periode,
    month_share,
    month_shares,
    months_between,
    next_month,
    period_as_json,
    period_months,
    prorate,
)
from sosialsak.rules.satser import SatserIKraft, first_rate_date, satser_i_kraft
from sosialsak.rules.statsforvalter import Embete, statsforvalter
from sosialsak.rules.statsforvalter import embeter as statsforvalter_embeter
from sosialsak.rules.vilkar import (
    KATALOG,
    Sanksjon,
    Sjekk,
    Unntak,
    UnntakGrunn,
    Vilkar,
    VilkarType,
    sjekk_aktivitetsplikt,
    sjekk_kvp_vurdert,
    sjekk_norskopplaering,
    sjekk_reduksjon,
)
from sosialsak.rules.vurdering import Adjustment, Flag, IndividualAssessment, Under18Assessment

__all__ = [
    "KATALOG",
    "Adjustment",
    "AndreYtelser",
    "BatchHouseholds",
    "BatchResult",
    "Bosted",
    "ChildFacts",
    "Embete",
    "Flag",
    "Frist",
    "Household",
    "HouseholdRequest",
    "HousingCaps",
    "HousingCosts",
    "Income",
    "IncomeType",
    "IndividualAssessment",
    "InvalidAssessment",
    "InvalidCommencement",
    "InvalidFacts",
    "InvalidHousehold",
    "InvalidRateSet",
    "KomFram",
    "KvpInntekt",
    "KvpInntektType",
    "KvpMaaned",
    "KvpPeriode",
    "KvpSats",
    "LegalReference",
    "LivsoppholdPeriod",
    "LivsoppholdResult",
    "Members",
    "ParameterNotFound",
    "ParameterValue",
    "PartnerFacts",
    "Person",
    "ProgramPeriode",
    "RateSet",
    "RateSetInfo",
    "Ruleset",
    "Sanksjon",
    "SatserIKraft",
    "Sjekk",
    "Sjekkliste",
    "Under18Assessment",
    "Unntak",
    "UnntakGrunn",
    "Vilkar",
    "VilkarType",
    "batch_from_csv",
    "batch_from_households",
    "batch_from_households_scalar",
    "batch_from_requests",
    "batch_from_table",
    "calculate_batch",
    "calculate_livsopphold",
    "calculate_livsopphold_period",
    "days_in",
    "dokumentasjonsfrist",
    "first_rate_date",
    "forelopig_svar",
    "forelopig_svar_frist",
    "hjemmel",
    "household_request",
    "klage_i_tide",
    "klagefrist",
    "kom_fram",
    "kvp_inngangsvilkar",
    "kvp_maaned",
    "kvp_periode",
    "kvp_programperiode",
    "kvp_sats",
    "load_ruleset",
    "members_at_rate",
    "month_share",
    "month_shares",
    "months_between",
    "next_month",
    "parse_commencements",
    "parse_household",
    "parse_household_json",
    "period_as_json",
    "period_months",
    "prorate",
    "rate_set_info",
    "read_households_csv",
    "render_for_applicant",
    "render_for_caseworker",
    "result_as_json",
    "satser_i_kraft",
    "sjekk_aktivitetsplikt",
    "sjekk_kvp_vurdert",
    "sjekk_norskopplaering",
    "sjekk_programlengde",
    "sjekk_reduksjon",
    "statsforvalter",
    "statsforvalter_embeter",
]
