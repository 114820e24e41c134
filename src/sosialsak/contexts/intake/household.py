"""The household *of an application*: the one read for the case page, the decision builder,
letters, lists, kartlegging and the Digisos import (issue 10).

Facts about the applicant and the household belong to the application (``people.Husstand``),
so nothing another office or an earlier application stated leaks into this one. A later rule
about which children count (e.g. only those living in the household at the child rate) belongs
in ``SoknadHousehold``, so every reader gets it at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.people.models import Barn, Husstand, HusstandBarn, Partner


@dataclass(frozen=True)
class SoknadHousehold:
    """The applicant's details, partner and children as stated in one application.

    ``barn`` holds the child rows with ``bosted`` as stated in this application.
    """

    husstand: Husstand | None
    partner: Partner | None
    barn: list[Barn]

    @property
    def navn(self) -> str:
        return self.husstand.navn if self.husstand else ""

    @property
    def adresse(self) -> str:
        h = self.husstand
        if h is None:
            return ""
        return ", ".join(x for x in (h.gateadresse, f"{h.postnummer} {h.poststed}".strip()) if x)

    @property
    def barn_ids(self) -> set[int]:
        return {b.pk for b in self.barn}

    def child(self, barn_id: int | None) -> Barn | None:
        return next((b for b in self.barn if b.pk == barn_id), None)


EMPTY = SoknadHousehold(None, None, [])


def household_many(soknader: Iterable[Soknad]) -> dict[int, SoknadHousehold]:
    """Return each application's household by application id, in three queries."""
    by_soknad = {s.pk: s.husstand_id for s in soknader}
    ids = {h for h in by_soknad.values() if h is not None}
    husstander = {h.pk: h for h in Husstand.objects.filter(pk__in=ids)}
    partners = {p.husstand_id: p for p in Partner.objects.filter(husstand_id__in=ids)}
    barn: dict[int, list[Barn]] = {}
    for m in HusstandBarn.objects.filter(husstand_id__in=ids).select_related("barn"):
        child = m.barn
        child.bosted = m.bosted  # where the child lives as stated in this application
        barn.setdefault(m.husstand_id, []).append(child)
    return {
        pk: SoknadHousehold(husstander.get(h), partners.get(h), barn.get(h, []))
        if h is not None else EMPTY
        for pk, h in by_soknad.items()
    }


def household_of(soknad: Soknad) -> SoknadHousehold:
    """Return the applicant's details and household as stated in this application.

    Callers have read ``soknad`` through its scope.
    """
    return household_many([soknad])[soknad.pk]
