"""YAML law cases (``cases/*.yaml``): load them, run them, and compare with what they expect.

A file holds ``cases:``, a list of mappings with ``name`` (a sentence), ``reference`` (where the
expected figure comes from), one input key naming the rule (``livsopphold``, ``frist``,
``kvp_sats``, ``kvp_maaned``, ``kvp_inngangsvilkar``, ``kvp_programlengde``,
``aktivitetsplikt``, ``kvp_vurdert``, ``norskopplaering``, ``reduksjon``) and ``expect``: the
outputs to check (only the keys given are compared). ``expect: {error: <code>}`` expects an
error with that code. ``tests/unit/rules/test_law_cases.py`` runs every case.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from sosialsak.kernel.errors import DomainError
from sosialsak.rules import frister, vilkar
from sosialsak.rules import kvalifiseringsstonad as kvp
from sosialsak.rules.engine.overlays import HousingCaps, RateSet
from sosialsak.rules.engine.ruleset import Ruleset, load_ruleset
from sosialsak.rules.household_json import parse_household, result_as_json
from sosialsak.rules.kvp_tillegg import KvpInntekt, KvpInntektType
from sosialsak.rules.livsopphold import calculate_livsopphold
from sosialsak.rules.money import round_kroner
from sosialsak.rules.periode import calculate_livsopphold_period, kvp_periode

CASE_DIR = Path(__file__).resolve().parent / "cases"
KINDS = ("livsopphold", "frist", "kvp_sats", "kvp_maaned", "kvp_inngangsvilkar",
         "kvp_programlengde", "aktivitetsplikt", "kvp_vurdert", "norskopplaering", "reduksjon",
         "livsopphold_periode", "kvp_periode")


@dataclass(frozen=True)
class LawCase:
    name: str
    file: str
    kind: str
    input: Mapping[str, Any]
    expect: Mapping[str, Any]
    reference: str


def load_cases(directory: Path = CASE_DIR) -> list[LawCase]:
    """Return every case in ``directory``; raise ValueError on a malformed case."""
    cases = []
    for path in sorted(directory.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, raw in enumerate(data["cases"]):
            kinds = [k for k in KINDS if k in raw]
            if len(kinds) != 1 or "expect" not in raw or not raw.get("name"):
                raise ValueError(f"{path.name} case {i}: needs name, expect and one of {KINDS}")
            cases.append(LawCase(str(raw["name"]), path.name, kinds[0], raw[kinds[0]],
                                 raw["expect"], str(raw.get("reference", ""))))
    return cases


def _iso(value: Any) -> Any:
    """Return ``value`` as the household JSON would hold it (dates as text, no floats)."""
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_iso(v) for v in value]
    return value


def _rules(data: Mapping[str, Any]) -> Ruleset:
    rules = load_ruleset()
    sets = []
    for raw in data.get("rate_sets", []):
        raw = dict(raw)
        caps = raw.pop("housing_caps", None)
        sets.append(RateSet(**raw, housing_caps=HousingCaps(**caps) if caps else None))
    if sets:
        rules = rules.with_rate_sets(sets)
    if "commencements" in data:
        rules = rules.with_commencements(data["commencements"])
    return rules


def _livsopphold(data: Mapping[str, Any], rules: Ruleset) -> dict[str, Any]:
    req = parse_household(_iso(data["household"]))
    result = calculate_livsopphold(household=req.household, month=req.month, rules=rules,
                                   kommune=req.kommune, assessment=req.assessment,
                                   under_18=req.under_18)
    out = result_as_json(result)
    out["rate_set_from"] = result.rate_set_from
    out["flags"] = sorted(f["code"] for f in out["flags"])
    out["line_kinds"] = [line["kind"] for line in out["lines"]]
    return out


def _livsopphold_periode(data: Mapping[str, Any], rules: Ruleset) -> dict[str, Any]:
    req = parse_household(_iso(data["household"]))
    period = calculate_livsopphold_period(
        household=req.household, first_month=req.month, last_month=data["to"], rules=rules,
        kommune=req.kommune, assessment=req.assessment, under_18=req.under_18)
    return {"total": period.total, "amounts": [m.amount for m in period.months],
            "norms": [m.norm for m in period.months],
            "rate_set_from": [m.rate_set_from for m in period.months]}


def _inntekter(raw: Any) -> list[KvpInntekt]:
    return [KvpInntekt(KvpInntektType(i["type"]), Decimal(str(i["belop"]))) for i in raw or ()]


def _kvp_periode(data: Mapping[str, Any], rules: Ruleset) -> dict[str, Any]:
    p = kvp_periode(first_month=data["first_month"], last_month=data["last_month"],
                    fodselsdato=data["fodselsdato"], deltakelse_fra=data["deltakelse_fra"],
                    deltakelse_til=data.get("deltakelse_til"), barn=data.get("barn", ()),
                    andre_inntekter={m: _inntekter(v) for m, v in
                                     data.get("andre_inntekter", {}).items()}, rules=rules)
    return {"total": p.total, "amounts": [m.amount for m in p.months],
            "barnetillegg": [m.barnetillegg for m in p.months]}


def _frist(data: Mapping[str, Any], rules: Ruleset) -> dict[str, Any]:
    kind = data["type"]
    if kind == "klagefrist":
        f = frister.klagefrist(kom_fram=data["date"], rules=rules)
    elif kind == "forelopig_svar":
        f = frister.forelopig_svar(mottatt=data["date"], rules=rules)
    else:
        f = frister.dokumentasjonsfrist(sendt=data["date"], dager=data.get("dager"), rules=rules)
    return {"due": f.due, "hjemmel": f.hjemmel, "explanation": f.explanation}


def _kvp_sats(data: Mapping[str, Any], rules: Ruleset) -> dict[str, Any]:
    s = kvp.kvp_sats(on=data["date"], fodselsdato=data["fodselsdato"], rules=rules)
    return {"aarlig": round_kroner(s.aarlig), "maanedlig": round_kroner(s.maanedlig),
            "dagsats": round_kroner(s.dagsats), "grunnbelop": s.grunnbelop}


def _kvp_maaned(data: Mapping[str, Any], rules: Ruleset) -> dict[str, Any]:
    m = kvp.kvp_maaned(month=data["month"], fodselsdato=data["fodselsdato"],
                       deltakelse_fra=data["deltakelse_fra"],
                       deltakelse_til=data.get("deltakelse_til"),
                       fravaer_uten_gyldig_grunn=data.get("fravaer", ()), rules=rules,
                       barn=data.get("barn", ()),
                       andre_inntekter=_inntekter(data.get("andre_inntekter")))
    return {"amount": m.amount, "full_month": m.full_month, "dager": m.dager,
            "fravaersdager": m.fravaersdager, "barnetillegg": m.barnetillegg,
            "inntekt_trukket": m.inntekt_trukket,
            "explanation": " | ".join(f"{line.rule} {line.detail}" for line in m.lines)}


def _sjekk(s: vilkar.Sjekk) -> dict[str, Any]:
    return {"ok": s.ok, "applies": s.applies, "hjemmel": s.hjemmel, "message": s.message}


def _vilkar_list(data: Mapping[str, Any]) -> list[vilkar.Vilkar]:
    return [vilkar.Vilkar(vilkar.VilkarType(str(v["type"])), v["satt"],
                          aktivitet=v.get("aktivitet")) for v in data.get("vilkar", [])]


def _kvp_inngang(data: Mapping[str, Any], rules: Ruleset) -> dict[str, Any]:
    liste = kvp.kvp_inngangsvilkar(
        fodselsdato=data["fodselsdato"], on=data["date"],
        vesentlig_nedsatt_arbeidsevne=data["vesentlig_nedsatt_arbeidsevne"],
        andre_ytelser=kvp.AndreYtelser(data["andre_ytelser"]),
        arbeidsevnevurdering=data["arbeidsevnevurdering"], rules=rules)
    return {"oppfylt": liste.oppfylt, "failed": [i.code for i in liste.items if not i.ok]}


def _programlengde(data: Mapping[str, Any], rules: Ruleset) -> dict[str, Any]:
    return _sjekk(kvp.sjekk_programlengde(
        start=data["start"], slutt=data["slutt"],
        forlengelse_begrunnelse=data.get("forlengelse_begrunnelse", ""),
        vilkar_oppfylt=data.get("vilkar_oppfylt", True), rules=rules))


def _aktivitetsplikt(data: Mapping[str, Any], rules: Ruleset) -> dict[str, Any]:
    raw = data.get("unntak")
    unntak = None if raw is None else vilkar.Unntak(
        tuple(vilkar.UnntakGrunn(str(g).zfill(2)) for g in raw["grunner"]),
        raw.get("begrunnelse", ""))
    return _sjekk(vilkar.sjekk_aktivitetsplikt(
        fodselsdato=data["fodselsdato"], vedtaksdato=data["vedtaksdato"],
        vilkar=_vilkar_list(data), unntak=unntak,
        nodssituasjon=data.get("nodssituasjon", False), rules=rules))


def _kvp_vurdert(data: Mapping[str, Any], rules: Ruleset) -> dict[str, Any]:
    return _sjekk(vilkar.sjekk_kvp_vurdert(vilkar=_vilkar_list(data),
                                           kvp_vurdert=data.get("kvp_vurdert"), rules=rules))


def _norsk(data: Mapping[str, Any], rules: Ruleset) -> dict[str, Any]:
    return _sjekk(vilkar.sjekk_norskopplaering(
        fodselsdato=data["fodselsdato"], vedtaksdato=data["vedtaksdato"],
        manglende_norsk_er_arsak=data["manglende_norsk_er_arsak"],
        rett_og_plikt_introduksjonsprogram=data["rett_og_plikt_introduksjonsprogram"],
        vilkar=_vilkar_list(data), vurdert=data.get("vurdert", False),
        tungtveiende_grunner=data.get("tungtveiende_grunner", ""), rules=rules))


def _reduksjon(data: Mapping[str, Any], rules: Ruleset) -> dict[str, Any]:
    return _sjekk(vilkar.sjekk_reduksjon(
        vedtaksdato=data["vedtaksdato"],
        vedtak_opplyste_konsekvens=data["vedtak_opplyste_konsekvens"],
        forhandsvarslet=data["forhandsvarslet"], rules=rules))


RUNNERS: dict[str, Callable[[Mapping[str, Any], Ruleset], dict[str, Any]]] = {
    "livsopphold": _livsopphold, "frist": _frist, "kvp_sats": _kvp_sats,
    "kvp_maaned": _kvp_maaned, "kvp_inngangsvilkar": _kvp_inngang,
    "kvp_programlengde": _programlengde, "aktivitetsplikt": _aktivitetsplikt,
    "kvp_vurdert": _kvp_vurdert, "norskopplaering": _norsk, "reduksjon": _reduksjon,
    "livsopphold_periode": _livsopphold_periode, "kvp_periode": _kvp_periode,
}


def run_case(case: LawCase) -> dict[str, Any]:
    """Return the actual outputs of ``case`` (or ``{"error": code}`` when a rule refused)."""
    try:
        return RUNNERS[case.kind](case.input, _rules(case.input))
    except DomainError as exc:
        return {"error": exc.code, "message": exc.message}


def mismatches(case: LawCase) -> list[str]:
    """Return one line per expected key whose actual value differs (empty when the case holds)."""
    actual = run_case(case)
    out = []
    for key, want in case.expect.items():
        got = actual.get(key, "<missing>")
        if key == "message_contains":
            got = actual.get("message", "") or actual.get("explanation", "")
            if str(want) not in str(got):
                out.append(f"message does not contain {want!r}: {got!r}")
            continue
        if got != want:
            out.append(f"{key}: expected {want!r}, got {got!r}")
    return out
