"""Registering rate sets in the database, and the rules using them as overlays."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from sosialsak.contexts.audit.models import AuditEntry
from sosialsak.contexts.rates.models import RateSet, Scope
from sosialsak.contexts.rates.operations import (
    RateSetInput,
    UnableToRegisterRateSet,
    register_rate_set,
)
from sosialsak.contexts.rates.queries import current_ruleset, registered_rate_sets
from sosialsak.rules import Household, HousingCosts, Person, calculate_livsopphold

NOW = datetime(2024, 3, 4, 9, 30, tzinfo=UTC)
OSLO_TEST = dict(  # fictional test figures, not Oslo's real rates
    valid_from=date(2024, 2, 1), reference="Testvedtak 1/2024", kommunenummer="0301",
    enslig=8000, ektepar_samboere=13500, bofellesskap=7000, barn_0_5=4000, barn_6_10=4100,
    barn_11_17=5300, tak_husleie=9000)


def register(**overrides: Any) -> RateSet:
    return register_rate_set(data=RateSetInput(**{**OSLO_TEST, **overrides}), actor=None,
                             now=NOW)


class TestRegisterRateSet:
    def test_a_municipal_set_takes_precedence_for_that_municipality(self, db: Any) -> None:
        register()
        household = Household(adults=(Person(date(1980, 1, 1)),),
                              housing_costs=HousingCosts(rent=10000))  # type: ignore[arg-type]

        local = calculate_livsopphold(household=household, month=date(2024, 3, 1),
                                      rules=current_ruleset(), kommune="0301")
        other = calculate_livsopphold(household=household, month=date(2024, 3, 1),
                                      rules=current_ruleset(), kommune="4601")

        assert (local.amount, local.rate_set.layer) == (8000 + 9000, "kommune 0301")
        assert local.rate_set_from == date(2024, 2, 1)
        assert (other.amount, other.rate_set.layer) == (7850 + 10000, "stat")

    def test_a_new_state_set_is_used_from_its_date_for_everyone(self, db: Any) -> None:
        register(kommunenummer="", tak_husleie=None, valid_from=date(2025, 1, 1),
                 reference="TESTDATA stat 2025", enslig=8200)

        result = calculate_livsopphold(household=Household(adults=(Person(date(1980, 1, 1)),)),
                                       month=date(2025, 2, 1), rules=current_ruleset(),
                                       kommune="4601")

        assert result.amount == 8200 and not result.stale
        assert RateSet.objects.get().scope == Scope.STATE

    def test_the_registered_sets_are_plain_data_for_the_rules(self, db: Any) -> None:
        register()

        (only,) = registered_rate_sets()

        assert only.kommunenummer == "0301" and only.enslig == 8000
        assert only.housing_caps is not None and only.housing_caps.husleie == 9000

    def test_registering_is_audited(self, db: Any) -> None:
        rate_set = register()

        entry = AuditEntry.objects.get(object_type="rate_set")
        assert entry.object_id == str(rate_set.pk) and entry.action == "WRITE"

    @pytest.mark.parametrize(("overrides", "field"), [
        ({"kommunenummer": "301"}, "kommunenummer"),
        ({"reference": "  "}, "reference"),
        ({"barn_6_10": 0}, "barn_6_10"),
        ({"kommunenummer": ""}, "tak_husleie"),
    ])
    def test_bad_input_is_refused_naming_the_field(
        self, db: Any, overrides: dict[str, Any], field: str
    ) -> None:
        with pytest.raises(UnableToRegisterRateSet) as err:
            register(**overrides)

        assert err.value.extra["field"] == field
        assert err.value.message.startswith(f"{field}:")
        assert not RateSet.objects.exists()

    def test_a_second_set_from_the_same_date_is_refused(self, db: Any) -> None:
        register()

        with pytest.raises(UnableToRegisterRateSet) as err:
            register(enslig=9000)

        assert err.value.extra["field"] == "valid_from"
        assert RateSet.objects.count() == 1

    def test_the_database_refuses_caps_on_a_state_set(self, db: Any) -> None:
        from django.db import IntegrityError

        with pytest.raises(IntegrityError):
            RateSet.objects.create(scope=Scope.STATE, valid_from=date(2025, 1, 1),
                                   reference="x", enslig=1, ektepar_samboere=1, bofellesskap=1,
                                   barn_0_5=1, barn_6_10=1, barn_11_17=1, tak_strom=100,
                                   registered_at=NOW, registered_by="test")


class TestAdmin:
    def test_rate_sets_can_be_added_and_read_but_never_changed_or_deleted(
        self, db: Any, rf: Any, admin_user: Any
    ) -> None:
        from django.contrib import admin

        model_admin = admin.site._registry[RateSet]
        request = rf.get("/")
        request.user = admin_user
        rate_set = register()

        assert model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request, rate_set)
        assert not model_admin.has_delete_permission(request, rate_set)
