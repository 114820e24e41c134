"""Fixtures for the decision flow: a 24-year-old with a child whose needs are mapped."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from tests.helpers import NOW

CHILD_SECTION = {
    "materielle_behov": "Trenger vinterdress", "fritidsaktiviteter": "Fotball",
    "venner": "Har venner i barnehagen", "skole_barnehage": "Barnehage",
    "helse": "God", "snakket_med_barnet": False, "bekymring_barnevern": False,
}


def map_children(scope: Any, actor: Any, soknad: Any, now: Any) -> None:
    """Map each child of the applicant (a § 18 decision waits for it)."""
    from sosialsak.contexts.cases.operations import save_kartlegging
    from sosialsak.contexts.people.models import Barn

    for barn in Barn.objects.filter(person=soknad.person):
        save_kartlegging(scope=scope, actor=actor, soknad_id=soknad.pk, del_type="BARN",
                         barn_id=barn.pk, svar=CHILD_SECTION, now=now)


@pytest.fixture
def young_parent(make_soknad: Callable[..., Any], users: dict[str, Any],
                 scope_of: Callable[[Any], Any]) -> Any:
    from sosialsak.contexts.cases.operations import save_kartlegging
    from sosialsak.contexts.people.models import Barn

    soknad = make_soknad(items=("LIVSOPPHOLD", "HUSLEIE"), barn=1)
    person = soknad.person
    person.fodselsdato = date(1999, 6, 1)  # 24 years old on 2024-03-04
    person.kommunenummer = "4601"
    person.save()
    barn = Barn.objects.get(person=person)
    save_kartlegging(scope=scope_of(users["veileder_sf"]), actor=users["veileder_sf"],
                     soknad_id=soknad.pk, del_type="BARN", barn_id=barn.pk,
                     svar=CHILD_SECTION, now=NOW)
    return soknad


@pytest.fixture
def utkast(young_parent: Any) -> Callable[..., Any]:
    """Return a complete livsopphold decision for ``young_parent``; override with kwargs."""
    from sosialsak.contexts.decisions.operations import (
        BarnBegrunnelse,
        Justering,
        Unntak,
        VedtakUtkast,
    )
    from sosialsak.contexts.people.models import Barn

    barn = Barn.objects.get(person=young_parent.person)
    post = young_parent.poster.get(type="LIVSOPPHOLD")
    base = VedtakUtkast(
        post_ids=(post.pk,), hjemmel="§ 18", utfall="INNVILGET", stonadsform="BIDRAG",
        periode_fra=date(2024, 3, 1), periode_til=date(2024, 4, 1),
        fakta="Du har ingen inntekt og bor med ett barn på åtte år.",
        begrunnelse="Du har ikke midler til livsopphold i mars.",
        individuell_vurdering="Vurdert ut fra samtale 1. mars; behov som veiledende sats.",
        justeringer=(Justering(500, "Vinterklær til barnet"),),
        barn=(BarnBegrunnelse(barn.pk, "Barnet trenger vinterdress; lagt til 500 kr."),),
        unntak=Unntak(("03",), "Søkeren er sykmeldt ut mars."),
    )

    def make(**kw: Any) -> Any:
        return replace(base, **kw)

    return make
