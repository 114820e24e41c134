"""A child known to the office keeps its row across applications (its kartlegging stays with
it); a fødselsnummer stated later for that child is kept, not lost (issue 10 review)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from sosialsak.contexts.people.models import Barn, Person
from sosialsak.contexts.people.operations import BarnInput, StatedApplicant, record_household
from tests.helpers import NOW, synthetic_fnr

pytestmark = pytest.mark.django_db


def test_a_number_stated_later_for_a_known_child_is_kept(offices: dict[str, Any]) -> None:
    person = Person.objects.create(fodselsnummer=synthetic_fnr(date(1988, 2, 2), 1),
                                   fornavn="Kari", etternavn="Nordmann")
    child_fnr = synthetic_fnr(date(2016, 4, 4), 2)
    stated = StatedApplicant(fornavn="Kari", etternavn="Nordmann")
    kontor = offices["A"].pk
    record_household(person=person, stated=stated, partner=None, kilde="SAKSBEHANDLER",
                     at=NOW, kontor_id=kontor,
                     barn=[BarnInput(navn="Ola", fodselsdato=date(2016, 4, 4))])
    record_household(person=person, stated=stated, partner=None, kilde="SAKSBEHANDLER",
                     at=NOW, kontor_id=kontor,
                     barn=[BarnInput(navn="Ola", fodselsdato=date(2016, 4, 4),
                                     fodselsnummer=child_fnr)])

    assert list(Barn.objects.filter(person=person).values_list("fodselsnummer", flat=True)) \
        == [child_fnr]
