"""Insight (issue 15 items 3–6) on hand-made data with known answers: stock and flows from the
payments made, the indicators with the cases behind them, the dashboard, the drill-down
(audited, in scope), CSV/XLSX export and the what-if."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction
from typing import Any

import pytest

from tests.helpers import NOW

pytestmark = pytest.mark.django_db
TODAY = date(2024, 3, 4)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    from sosialsak.interfaces.caseworker import views_insight

    monkeypatch.setattr(views_insight, "today", lambda: TODAY)


_n = {"ref": 0}


def decide(soknad: Any, at: datetime, *, utfall: str = "INNVILGET", hjemmel: str = "§ 18",
           art: str = "ORDINAER", **kw: Any) -> Any:
    from sosialsak.contexts.decisions.models import Sak, Vedtak

    _n["ref"] += 1
    sak = Sak.objects.create(soknad=soknad, referanse=f"sak-{_n['ref']}", tittel="Livsopphold",
                             opprettet_at=at)
    return Vedtak.objects.create(sak=sak, hjemmel=hjemmel, utfall=utfall, art=art,
                                 begrunnelse="Begrunnelse", fattet_at=at, **kw)


def pay(vedtak: Any, day: date, belop: int = 5000) -> None:
    from sosialsak.contexts.payments.models import Utbetaling

    _n["ref"] += 1
    Utbetaling.objects.create(vedtak=vedtak, referanse=f"u-{_n['ref']}", belop=belop,
                              forfallsdato=day, utbetalt_dato=day, status="UTBETALT",
                              mottaker_navn="Mottaker", kontonummer="12345678903")


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=UTC)


def area_of(scope: Any, value: str = "") -> Any:
    from sosialsak.contexts.insight.area import resolve_area

    return resolve_area(scope, value)


def test_flows_from_payments(make_soknad: Callable[..., Any], users: dict[str, Any],
                             scope_of: Callable[[Any], Any]) -> None:
    """January: a, b, c paid; February: b, c, d, e (d, e new; a left); March: e only.
    A KVP payment and a stopped one do not count; another office's payment is not in scope."""
    from sosialsak.contexts.insight.flows import monthly_flows

    apps = [make_soknad() for _ in range(5)]
    v = [decide(s, NOW) for s in apps]
    for i in (0, 1, 2):
        pay(v[i], date(2024, 1, 15))
    for i in (1, 2, 3, 4):
        pay(v[i], date(2024, 2, 15))
    pay(v[4], date(2024, 3, 1))
    pay(decide(apps[0], NOW, hjemmel="§ 35"), date(2024, 3, 1))  # KVP: not sosialhjelp
    pay(decide(make_soknad(office="B"), NOW), date(2024, 3, 1))  # another office
    scope = scope_of(users["leder_a"])
    months = [date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)]
    s = monthly_flows(scope=scope, area=area_of(scope), months=months)
    assert [(f.stock, f.inflow, f.outflow) for f in s.all] == [(3, 3, 0), (4, 2, 1), (1, 0, 3)]
    assert s.all[2].outflow_share == Fraction(3, 4)


def test_main_income_series(make_soknad: Callable[..., Any], users: dict[str, Any],
                            scope_of: Callable[[Any], Any]) -> None:
    """Paid 5 000; one reported a salary of 9 000 (main income is work), one 2 000."""
    from sosialsak.contexts.insight.flows import monthly_flows
    from sosialsak.contexts.intake.models import OkonomiPost

    work, benefit = make_soknad(), make_soknad()
    OkonomiPost.objects.create(soknad=work, kind="INNTEKT", type="jobb", tittel="Lønn",
                               belop=9000)
    OkonomiPost.objects.create(soknad=benefit, kind="INNTEKT", type="jobb", tittel="Lønn",
                               belop=2000)
    for s in (work, benefit):
        pay(decide(s, NOW), date(2024, 2, 10))
    scope = scope_of(users["leder_a"])
    s = monthly_flows(scope=scope, area=area_of(scope), months=[date(2024, 2, 1)])
    assert s.all[0].stock == 2 and s.main_income[0].stock == 1


def test_activity_duty_under_30(make_soknad: Callable[..., Any], users: dict[str, Any],
                                scope_of: Callable[[Any], Any]) -> None:
    from sosialsak.contexts.decisions.models import Vilkar
    from sosialsak.contexts.insight.indicators import Period, activity_under_30

    apps = [make_soknad() for _ in range(5)]
    for i, s in enumerate(apps):
        s.person.fodselsdato = date(1960, 1, 1) if i == 4 else date(2000, 1, 1)
        s.person.save()
    active = decide(apps[0], NOW)
    Vilkar.objects.create(vedtak=active, beskrivelse="Møt på kurs", aktivitet=True)
    decide(apps[1], NOW, vilkarsvurdering={"unntak": {"grunner": ["03"], "begrunnelse": "x"}})
    decide(apps[2], NOW, vilkarsvurdering={"unntak": {"grunner": ["01", "03"],
                                                      "begrunnelse": "x"}})
    decide(apps[3], NOW)  # neither
    decide(apps[4], NOW)  # 64 years old: not counted
    scope = scope_of(users["leder_a"])
    ind = activity_under_30(scope, area_of(scope), Period(date(2024, 1, 1), TODAY))
    assert ind.total == 4
    shares = {g.key: (g.count, g.share) for g in ind.groups}
    assert shares["aktivitet"] == (1, Fraction(1, 4))
    assert shares["unntak"] == (2, Fraction(1, 2))
    assert shares["unntak-03"] == (2, Fraction(1, 2))
    assert shares["unntak-01"] == (1, Fraction(1, 4))
    assert shares["ingen"] == (1, Fraction(1, 4))
    assert ind.group("ingen").soknad_ids == {apps[3].pk}  # type: ignore[union-attr]


def test_processing_time_by_channel(make_soknad: Callable[..., Any], users: dict[str, Any],
                                    scope_of: Callable[[Any], Any]) -> None:
    from sosialsak.contexts.insight.indicators import Period, processing_time

    for days in (2, 4, 10):
        decide(make_soknad(kanal="TELEFON"), NOW + timedelta(days=days))
    later = make_soknad(kanal="PAPIR")
    decide(later, NOW + timedelta(days=30))
    decide(later, NOW + timedelta(days=40))  # a second decision: not the first
    scope = scope_of(users["leder_a"])
    ind = processing_time(scope, area_of(scope), Period(date(2024, 1, 1), date(2024, 12, 31)))
    tel, paper = ind.group("telefon"), ind.group("papir")
    assert tel is not None and paper is not None
    assert (tel.count, tel.median_days, tel.p90_days) == (3, 4, 10)
    assert (paper.count, paper.median_days) == (1, 30)


def test_preliminary_replies_documentation_interpreter(
        make_soknad: Callable[..., Any], users: dict[str, Any],
        scope_of: Callable[[Any], Any]) -> None:
    from sosialsak.contexts.cases.models import Brev, Dokumentasjonskrav, Samtale
    from sosialsak.contexts.insight.indicators import (
        Period,
        documentation,
        interpreter,
        preliminary_replies,
    )

    quick, on_time, late, none = (make_soknad() for _ in range(4))
    decide(quick, NOW + timedelta(days=5))  # answered within the month: no reply needed
    for s, sent in ((on_time, date(2024, 3, 20)), (late, date(2024, 4, 20))):
        Brev.objects.create(soknad=s, type="FORELOPIG_SVAR", tittel="Foreløpig svar",
                            dato=sent, pdf=b"", sha256="0", tekst="t", opprettet_at=NOW)
    scope, period = scope_of(users["leder_a"]), Period(date(2024, 3, 1), date(2024, 3, 31))
    ind = preliminary_replies(scope, area_of(scope), period, date(2024, 5, 1))
    assert ind.total == 3
    assert {g.key: g.soknad_ids for g in ind.groups} == {
        "i_tide": {on_time.pk}, "for_sent": {late.pk}, "ikke_sendt": {none.pk}}

    for frist, status in ((date(2024, 3, 10), "LEVERT"), (date(2024, 3, 10), "IKKE_LEVERT"),
                          (date(2024, 4, 10), "ETTERSPURT")):
        Dokumentasjonskrav.objects.create(
            soknad=quick, tittel="Kontoutskrift", frist=frist, status=status, opprettet_at=NOW,
            levert_at=NOW if status == "LEVERT" else None,
            levert_via="POST" if status == "LEVERT" else "")
    doc = documentation(scope, area_of(scope), period, date(2024, 3, 20))
    assert doc.total == 4 and doc.per_case == "0,75"
    assert doc.group("frist_ute").soknad_ids == {quick.pk}  # type: ignore[union-attr]

    for tolk in (True, False, False):
        Samtale.objects.create(soknad=quick, person=quick.person, tidspunkt=NOW,
                               kanal="KONTOR", tolk_brukt=tolk,
                               tolkesprak="arabisk" if tolk else "", notat="n", notat_sok="n",
                               skrevet_at=NOW)
    t = interpreter(scope, area_of(scope), period)
    assert (t.total, t.group("tolk").count, t.group("tolk").share) == (  # type: ignore[union-attr]
        3, 1, Fraction(1, 3))


def test_appeals_and_outcomes(make_soknad: Callable[..., Any], users: dict[str, Any],
                              scope_of: Callable[[Any], Any]) -> None:
    from sosialsak.contexts.decisions.models import Klage
    from sosialsak.contexts.insight.indicators import Period, appeals

    def klage(status: str, utfall: str = "") -> None:
        s = make_soknad()
        Klage.objects.create(vedtak=decide(s, NOW), kilde="PAPIR", mottatt=TODAY, tekst="Klage",
                             kom_fram=TODAY, klagefrist=TODAY + timedelta(days=21),
                             for_sent=False, status=status, registrert_at=NOW,
                             sf_utfall=utfall)

    klage("MOTTATT")
    klage("AVGJORT", "STADFESTET")
    klage("AVGJORT", "STADFESTET")
    klage("AVGJORT", "OMGJORT")
    scope = scope_of(users["leder_a"])
    ind = appeals(scope, area_of(scope), Period(date(2024, 1, 1), TODAY))
    assert ind.total == 4
    assert ind.group("sf-stadfestet").share == Fraction(2, 3)  # type: ignore[union-attr]
    assert ind.group("status-mottatt").count == 1  # type: ignore[union-attr]


def test_children_mapped_before_the_decision(make_soknad: Callable[..., Any],
                                             users: dict[str, Any],
                                             scope_of: Callable[[Any], Any]) -> None:
    from sosialsak.contexts.cases.models import Kartleggingsdel
    from sosialsak.contexts.insight.indicators import Period, children_mapped
    from sosialsak.contexts.people.models import Barn

    before, after = make_soknad(barn=1), make_soknad(barn=1)
    for s, written in ((before, NOW - timedelta(days=1)), (after, NOW + timedelta(days=1))):
        b = Barn.objects.get(person=s.person)
        Kartleggingsdel.objects.create(person=s.person, soknad=s, del_type="BARN", barn=b,
                                       barn_navn=b.navn, fullfort=True, skrevet_at=written)
        decide(s, NOW, barnevurderinger=[{"barn_id": b.pk, "navn": b.navn, "vurdering": "v"}])
    decide(make_soknad(), NOW)  # no children: not counted
    scope = scope_of(users["leder_a"])
    ind = children_mapped(scope, area_of(scope), Period(date(2024, 1, 1), TODAY))
    assert ind.total == 2
    assert ind.group("kartlagt").soknad_ids == {before.pk}  # type: ignore[union-attr]


def test_dashboard_drill_export_and_scope(client: Any, make_soknad: Callable[..., Any],
                                          users: dict[str, Any]) -> None:
    from sosialsak.contexts.audit.models import AuditEntry

    young = make_soknad()
    young.person.fodselsdato = date(2000, 1, 1)
    young.person.save()
    decide(young, NOW)
    pay(decide(make_soknad(), NOW), date(2024, 2, 1))
    other = make_soknad(office="B")
    other.person.fodselsdato = date(2000, 1, 1)
    other.person.save()
    decide(other, NOW)

    client.force_login(users["veileder_a"])
    assert client.get("/innsikt/").status_code == 404  # a caseworker: not their page
    client.force_login(users["leder_a"])
    page = client.get("/innsikt/")
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('role="img"') >= 3 and "<desc" in html
    assert "Slik er tallet regnet" in html and "Ikke ennå" in html
    drill = client.get("/innsikt/indikator/aktivitetsplikt/ingen/?fra=2024-01-01&til=2024-03-04")
    assert drill.status_code == 200
    assert f"/soknad/{young.pk}/" in drill.content.decode()
    assert f"/soknad/{other.pk}/" not in drill.content.decode()  # another office
    assert AuditEntry.objects.filter(object_type="soknad", object_id=str(young.pk),
                                     purpose__startswith="styringsinformasjon").exists()
    assert client.get("/innsikt/indikator/finnes-ikke/x/").status_code == 404
    assert client.get("/innsikt/?omrade=kontor:99999").status_code == 404

    csv = client.get("/innsikt/eksport/flyt.csv")
    assert csv.status_code == 200 and "Bestand" in csv.content.decode("utf-8-sig")
    x = client.get("/innsikt/eksport/aktivitetsplikt.xlsx?fra=2024-01-01&til=2024-03-04")
    with zipfile.ZipFile(io.BytesIO(x.content)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "Verken vilkår om aktivitet eller unntak" in sheet
    assert client.get("/innsikt/eksport/flyt.pdf").status_code == 404
    drill_csv = client.get("/innsikt/indikator/aktivitetsplikt/ingen/eksport.csv"
                           "?fra=2024-01-01&til=2024-03-04")
    assert drill_csv.status_code == 200
    assert AuditEntry.objects.filter(action="EXPORT", object_id=str(young.pk)).exists()


def test_statsforvalter_reads_the_county(client: Any, make_soknad: Callable[..., Any],
                                         users: dict[str, Any]) -> None:
    client.force_login(users["statsforvalter"])
    page = client.get("/innsikt/?omrade=fylke:46")
    assert page.status_code == 200
    assert "Hva om satsene endres" not in page.content.decode()
    assert client.get("/innsikt/hva-om/").status_code == 404  # the office's own work


def test_what_if_a_higher_single_rate(client: Any, make_soknad: Callable[..., Any],
                                      users: dict[str, Any], scope_of: Callable[[Any], Any]
                                      ) -> None:
    """Two single adults in force in April 2024; the proposal raises enslig by 1 000 kr."""
    from sosialsak.contexts.insight.whatif import rates_in_force, what_if
    from sosialsak.rules.engine import RateSet
    from tests.helpers import register_state_rates_for

    register_state_rates_for(2024)
    for _ in range(2):
        s = make_soknad()
        decide(s, NOW, periode_fra=date(2024, 3, 1), periode_til=date(2024, 6, 1), belop=7000,
               beregning={"amount": 7000, "housing": 0, "income_counted": 0,
                          "adjustments": 0, "kommune": None})
    scope = scope_of(users["leder_a"])
    april = date(2024, 4, 1)
    rates = rates_in_force(on=april, kommune=None)
    proposed = RateSet(valid_from=april, reference="forslag",
                       **{**rates, "enslig": rates["enslig"] + 1000})
    result = what_if(scope=scope, actor=users["leder_a"], area=area_of(scope),
                     proposed=proposed)
    assert result.left_out == 0
    assert [(r.household_type, r.households, r.change) for r in result.rows] == [
        ("Enslig uten barn", 2, 2000)]
    assert result.total.now == 2 * rates["enslig"]
    client.force_login(users["leder_a"])
    page = client.get("/innsikt/hva-om/?beregn=1&fra=2024-04-01&enslig=99999999")
    assert "Satsene er hele kroner" in page.content.decode()


def test_back_dated_rate_set_lists_the_months_it_changes(
        client: Any, make_soknad: Callable[..., Any], users: dict[str, Any],
        scope_of: Callable[[Any], Any]) -> None:
    """A state set from 1 March registered on 14 March raises enslig by 1 000 kr: a decision
    made on 4 March for March and April changes by 1 000 kr in each month."""
    from sosialsak.contexts.insight.backdated import backdated_rate_sets, changed_decisions
    from sosialsak.contexts.rates.operations import RateSetInput, register_rate_set
    from tests.helpers import register_state_rates_for

    register_state_rates_for(2024)
    s = make_soknad()
    v = decide(s, NOW, periode_fra=date(2024, 3, 1), periode_til=date(2024, 5, 1), belop=7850,
               beregning={"amount": 7850, "housing": 0, "income_counted": 0,
                          "adjustments": 0, "kommune": None})
    register_rate_set(data=RateSetInput(
        valid_from=date(2024, 3, 1), reference="Nye satser, tilbakevirkende", enslig=8850,
        ektepar_samboere=13100, bofellesskap=6600, barn_0_5=3850, barn_6_10=3950,
        barn_11_17=5150), actor=None, now=NOW + timedelta(days=10))
    sets = backdated_rate_sets()
    assert sets[0].reference == "Nye satser, tilbakevirkende"
    scope = scope_of(users["leder_a"])
    listed = changed_decisions(scope=scope, actor=users["leder_a"], area=area_of(scope),
                               rate_set=sets[0])
    assert [(d.vedtak_id, [(m.month, m.decided, m.now) for m in d.months], d.difference)
            for d in listed.decisions] == [
        (v.pk, [(date(2024, 3, 1), 7850, 8850), (date(2024, 4, 1), 7850, 8850)], 2000)]
    client.force_login(users["leder_a"])
    page = client.get("/innsikt/tilbakevirkende-satser/")
    assert page.status_code == 200 and f"/vedtak/{v.pk}/" in page.content.decode()


def test_financial_counselling_from_guidance_and_the_service(
        make_soknad: Callable[..., Any], users: dict[str, Any],
        scope_of: Callable[[Any], Any]) -> None:
    from sosialsak.contexts.cases.models import Veiledning
    from sosialsak.contexts.insight.indicators import Period, financial_counselling
    from sosialsak.contexts.services.models import Radgivning

    guided, declined, service, none = (make_soknad() for _ in range(4))
    for s in (guided, declined, service, none):
        decide(s, NOW)
    for s, nei in ((guided, False), (declined, True)):
        Veiledning.objects.create(soknad=s, person=s.person, dato=TODAY,
                                  temaer=["GJELDSRADGIVNING"], takket_nei=nei, skrevet_at=NOW)
    Radgivning.objects.create(person=service.person, soknad=service, art="OKONOMISK",
                              vedtak_dato=TODAY, utfall="INNVILGET", start=TODAY, niva="I",
                              registrert_at=NOW)
    scope = scope_of(users["leder_a"])
    ind = financial_counselling(scope, area_of(scope), Period(date(2024, 1, 1), TODAY))
    assert ind.total == 4
    assert ind.group("gitt").soknad_ids == {guided.pk, service.pk}  # type: ignore[union-attr]


def test_long_term_recipients_assessed_for_kvp(make_soknad: Callable[..., Any],
                                               users: dict[str, Any],
                                               scope_of: Callable[[Any], Any]) -> None:
    """Paid in 6 of the 12 months (long-term) and assessed; paid 6 months, not assessed; paid
    5 months (not long-term)."""
    from sosialsak.contexts.decisions.models import KvpVurdering
    from sosialsak.contexts.insight.indicators import Period, kvp_assessed

    assessed, not_assessed, short = make_soknad(), make_soknad(), make_soknad()
    for s, months in ((assessed, 6), (not_assessed, 6), (short, 5)):
        v = decide(s, NOW)
        for m in range(months):
            pay(v, date(2023, 10 + m, 1) if m < 3 else date(2024, m - 2, 1))
    KvpVurdering.objects.create(person=assessed.person, soknad=assessed, vurdert_dato=TODAY,
                                har_rett=False, begrunnelse="Vurdert", vurdert_at=NOW)
    scope = scope_of(users["leder_a"])
    ind = kvp_assessed(scope, area_of(scope), Period(date(2024, 1, 1), TODAY))
    assert ind.total == 2
    assert ind.group("vurdert").soknad_ids == {assessed.pk}  # type: ignore[union-attr]
    assert ind.group("ikke_vurdert").soknad_ids == {not_assessed.pk}  # type: ignore[union-attr]
