"""Read the household of a soknad.json as the rules' household JSON (``docs/rules.md``).

Returns plain data in the documented interface, so the formats package does not depend on the
rules package: the caller feeds the result to ``rules.parse_household``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sosialsak.formats.digisos.soknad_data import SoknadInnhold
from sosialsak.kernel.errors import ValidationFailed
from sosialsak.kernel.identity import parse_fodselsnummer

# soknad.json expense codes → the rules' housing cost components. Mortgage interest and
# instalments are the owner's housing cost, as rent is the tenant's.
HOUSING = {"husleie": "rent", "boliglanAvdrag": "rent", "boliglanRenter": "rent",
           "strom": "electricity", "oppvarming": "electricity",
           "kommunalAvgift": "municipal_fees"}
# soknad.json income codes → the rules' income types; anything else is "other".
INCOME = {"jobb": "salary", "barnetrygd": "child_benefit", "barnebidrag": "child_support",
          "bostotte": "housing_allowance", "husbanken": "housing_allowance",
          "studielanOgStipend": "student_support", "navytelse": "benefit"}


def _born(fnr: str | None) -> date | None:
    """Return the birth date in a fødselsnummer/D-nummer (synthetic test numbers too)."""
    try:
        return parse_fodselsnummer(fnr or "", allow_synthetic=True).birth_date
    except ValidationFailed:
        return None


def household_json_from_soknad(innhold: SoknadInnhold, *, month: date | None = None
                               ) -> dict[str, Any]:
    """Return the household JSON for the month (default: the month the application was sent)."""
    when = month or (innhold.innsendingstidspunkt.date() if innhold.innsendingstidspunkt
                     else None)
    adults: list[dict[str, str]] = []
    born = innhold.person.fodselsdato or _born(innhold.person.fodselsnummer)
    if born:
        adults.append({"birth_date": born.isoformat()})
    sivil = innhold.familie.sivilstatus
    if (sivil and sivil.status in ("gift", "samboer") and sivil.ektefelle
            and sivil.ektefelle.fodselsdato and sivil.bor_sammen_med is not False):
        adults.append({"birth_date": sivil.ektefelle.fodselsdato.isoformat()})
    children = [{"birth_date": b.fodselsdato.isoformat()} for b in innhold.familie.barn
                if b.fodselsdato and (b.bor_sammen_med or b.har_delt_bosted)]
    housing: dict[str, int] = {}
    for cost in innhold.okonomi.boutgifter:
        key = HOUSING.get(cost.type)
        if key and cost.belop:
            housing[key] = housing.get(key, 0) + round(cost.belop)
    income = [{"type": INCOME.get(i.type, "other"), "amount": round(i.belop)}
              for i in innhold.okonomi.inntekter if i.belop and not i.overstyrt_av_bruker]
    result: dict[str, Any] = {"adults": adults, "children": children,
                              "housing_costs": housing, "income": income,
                              "shares_dwelling": False}
    if when is not None:
        result["month"] = when.strftime("%Y-%m")
    if innhold.mottaker.kommunenummer:
        result["kommune"] = innhold.mottaker.kommunenummer
    return result
