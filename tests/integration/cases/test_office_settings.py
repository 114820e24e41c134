"""Office settings: only the office's leder changes them; opening hours and the duty contact."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from sosialsak.contexts.audit.models import AuditEntry
from sosialsak.contexts.offices.operations import update_office_settings
from sosialsak.contexts.offices.policy import (
    DEFAULTS,
    InvalidOfficeSettings,
    Settings,
    duty_contact,
    is_open,
    opening_hours_text,
)
from sosialsak.contexts.offices.queries import settings_for
from sosialsak.kernel.errors import NotFound
from tests.helpers import NOW

WITH_DUTY = Settings(apner=time(9), stenger=time(15, 30), vakt_ved_nodhjelp=True,
                     vakt_navn="Sosial vakttjeneste", vakt_telefon="55 55 00 00")


class TestPolicy:
    @pytest.mark.parametrize(("when", "open_"), [
        (datetime(2024, 3, 4, 8, 30, tzinfo=UTC), True),    # Monday 09:30 in Oslo
        (datetime(2024, 3, 4, 14, 45, tzinfo=UTC), False),  # Monday 15:45 in Oslo
        (datetime(2024, 3, 9, 10, 0, tzinfo=UTC), False),   # Saturday
        (datetime(2024, 5, 17, 9, 0, tzinfo=UTC), False),   # grunnlovsdag, a Friday
        (datetime(2024, 5, 16, 9, 0, tzinfo=UTC), True),    # the Thursday before
    ])
    def test_opening_hours_in_norwegian_time_and_closed_on_holidays(self, when, open_) -> None:
        assert is_open(WITH_DUTY, when) is open_

    def test_nodhjelp_outside_opening_hours_goes_to_the_duty_contact(self) -> None:
        evening = datetime(2024, 3, 4, 19, 0, tzinfo=UTC)

        assert duty_contact(WITH_DUTY, evening) == "Sosial vakttjeneste, telefon 55 55 00 00"
        assert duty_contact(WITH_DUTY, NOW) is None
        assert duty_contact(DEFAULTS, evening) is None

    def test_opening_hours_in_words(self) -> None:
        assert opening_hours_text(WITH_DUTY) == "mandag–fredag 09:00–15:30"


class TestUpdate:
    def test_the_leder_saves_the_settings(self, users, scope_of) -> None:
        leder = users["leder_a"]

        update_office_settings(scope=scope_of(leder), actor=leder, kontor_id=leder.kontor_id,
                               data=WITH_DUTY, now=NOW)

        assert settings_for(leder.kontor_id) == WITH_DUTY
        assert settings_for(users["veileder_b"].kontor_id) == DEFAULTS
        assert AuditEntry.objects.filter(object_type="kontorinnstillinger",
                                         action="WRITE").count() == 1

    def test_a_veileder_cannot_and_the_attempt_is_logged(self, users, scope_of) -> None:
        v = users["veileder_a"]

        with pytest.raises(NotFound):
            update_office_settings(scope=scope_of(v), actor=v, kontor_id=v.kontor_id,
                                   data=WITH_DUTY, now=NOW)

        assert settings_for(v.kontor_id) == DEFAULTS
        assert AuditEntry.objects.filter(object_type="kontorinnstillinger",
                                         action="DENIED").count() == 1

    def test_a_leder_cannot_change_another_office(self, users, scope_of) -> None:
        leder = users["leder_a"]

        with pytest.raises(NotFound):
            update_office_settings(scope=scope_of(leder), actor=leder,
                                   kontor_id=users["veileder_b"].kontor_id, data=WITH_DUTY,
                                   now=NOW)

    @pytest.mark.parametrize(("changes", "field"), [
        ({"stenger": time(8)}, "stenger"),
        ({"apne_dager": ""}, "apne_dager"),
        ({"apne_dager": "118"}, "apne_dager"),
        ({"vakt_ved_nodhjelp": True}, "vakt_telefon"),
        ({"dokumentasjon_terskel": 0}, "dokumentasjon_terskel"),
    ])
    def test_invalid_settings_name_the_field(self, users, scope_of, changes, field) -> None:
        leder = users["leder_a"]
        data = Settings(**{**DEFAULTS.__dict__, **changes})

        with pytest.raises(InvalidOfficeSettings) as err:
            update_office_settings(scope=scope_of(leder), actor=leder,
                                   kontor_id=leder.kontor_id, data=data, now=NOW)

        assert err.value.extra["field"] == field
