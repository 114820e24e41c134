"""A caseworker decides an application from a 24-year-old with a child: records the KVP
assessment, builds livsopphold with the calculation and an adjustment and an activity
condition, previews and makes it; then rent to the landlord with consent. The letter PDF, the
payment plan and the innsyn file are produced. Then a breach is recorded, a warning sent and a
reduction decided. Every page visited passes axe-core (no serious or critical violation)."""

from __future__ import annotations

from datetime import date, timedelta
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.e2e.a11y import check_accessibility
from tests.helpers import NOW, register_state_rates_for
from tests.integration.decisions.fixtures import CHILD_SECTION

pytestmark = pytest.mark.django_db(transaction=True)
KONTO = "12345678903"
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "digisos" / "json"


def _official_issues(document: dict[str, Any]) -> tuple[Any, ...]:
    """Return the official schema's issues with ``document`` (none when ../shared is absent:
    the rest of the journey still runs; the integration scenario test reports the skip)."""
    from sosialsak.formats.digisos import DocumentKind, load_official_schemas

    if not SHARED.exists():
        return ()
    return load_official_schemas(SHARED).issues(DocumentKind.DIGISOS_SOKER.schema_file, document)


@pytest.fixture
def parent(make_soknad: Any, users: dict[str, Any], scope_of: Any) -> Any:
    from sosialsak.contexts.cases.operations import save_kartlegging
    from sosialsak.contexts.people.models import Barn

    register_state_rates_for(date.today().year, date.today().year + 1)  # issue 11: confirmed
    soknad = make_soknad(items=("LIVSOPPHOLD", "HUSLEIE"), barn=1)
    person = soknad.person
    person.fodselsdato = date.today().replace(year=date.today().year - 24) - timedelta(days=40)
    person.kommunenummer = "4601"
    person.save()
    actor = users["veileder_sf"]
    save_kartlegging(scope=scope_of(actor), actor=actor, soknad_id=soknad.pk, del_type="BARN",
                     barn_id=Barn.objects.get(person=person).pk, svar=CHILD_SECTION, now=NOW)
    return soknad


def _fill_common(page: Any, post: str, start: date, end: date) -> None:
    page.check(f"input[name=post_ids][value='{post}']")
    page.fill("#periode_fra", start.isoformat())
    page.fill("#periode_tom", (end - timedelta(days=1)).isoformat())
    page.select_option("#stonadsform", "BIDRAG")
    page.fill("#fakta", "Ingen inntekt; bor med ett barn.")
    page.fill("#begrunnelse", "Du har ikke midler til dette selv.")


def test_decide_pay_breach_warn_and_reduce(
    live_server: Any, page: Any, users: dict[str, Any], parent: Any
) -> None:
    from sosialsak.contexts.decisions.models import Vedtak, Vilkarsbrudd
    from sosialsak.contexts.digisos.innsyn import build_innsyn
    from sosialsak.contexts.payments.models import Samtykke, Utbetaling
    from sosialsak.contexts.people.models import Barn

    url = live_server.url
    start = (date.today().replace(day=1) + timedelta(days=32)).replace(day=1)
    end = (start + timedelta(days=32)).replace(day=1)
    page.goto(f"{url}/logg-inn/")
    page.fill("#id_username", "vsf")
    page.fill("#id_password", "test-passord-123")
    page.click("button[type=submit]")
    page.goto(f"{url}/soknad/{parent.pk}/")
    page.click("text=Lag vedtak")
    check_accessibility(page, "vedtaksbygger")

    # The KVP assessment first, then the livsopphold decision with an activity condition.
    page.fill("#kvp-begr", "Nær arbeidslivet; kvalifiseringsprogram er ikke aktuelt nå.")
    page.click("text=Registrer vurdering")
    page.wait_for_selector("text=Vurderingen av kvalifiseringsprogram er registrert.")
    _fill_common(page, str(parent.poster.get(type="LIVSOPPHOLD").pk), start, end)
    page.fill("#individuell_vurdering", "Vurdert i samtale; behov som veiledende sats.")
    page.fill("#justering_belop", "500")
    page.fill("#justering_begrunnelse", "Vinterklær til barnet")
    barn = Barn.objects.get(person=parent.person)
    page.fill(f"#barn_{barn.pk}", "Barnet trenger vinterdress; lagt til 500 kr.")
    page.select_option("#vilkar_0_kode", "08")
    page.fill("#vilkar_0_beskrivelse", "Møt til veiledningssamtale hver tirsdag.")
    page.fill("#vilkar_0_frist", end.isoformat())
    page.fill("#vilkar_0_oppfolging", "Vi går gjennom oppmøtet hver måned.")
    page.fill("#vilkar_0_konsekvens", "Stønaden kan bli redusert.")
    page.select_option("#utbetaling_hyppighet", "ENGANGS")
    page.fill("#utbetaling_kontonummer", KONTO)
    page.click("text=Forhåndsvis")
    page.wait_for_selector("#preview >> text=Vedtaket er komplett.")
    assert "Vinterklær til barnet" in page.inner_text("#preview")
    check_accessibility(page, "forhåndsvisning")
    page.click("button[value=fatt]")
    page.wait_for_selector("text=Vedtaket er fattet, og brevet er laget.")
    check_accessibility(page, "vedtak")
    livsopphold = Vedtak.objects.get(hjemmel="§ 18", art="ORDINAER")

    # The letter opens as a PDF holding the amount, the legal basis and the appeal deadline.
    href = page.locator("a", has_text="Vedtaksbrev").first.get_attribute("href")
    letter = page.request.get(f"{url}{href}")
    assert letter.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(letter.body())).pages)
    text = " ".join(text.split())
    belop = f"{livsopphold.belop:,}".replace(",", " ")  # «12 800»: the letter's own format
    assert f"Beløp {belop} kr" in text
    assert "§ 18" in text and "3 uker" in text

    # The applicant's consent to paying the landlord, recorded on the payments page.
    page.goto(f"{url}/soknad/{parent.pk}/")
    page.click("text=Utbetalinger, kontonummer og samtykke")
    check_accessibility(page, "utbetalinger og samtykke")
    page.fill("#gjelder", "Husleie til utleier")
    page.fill("#mottaker_navn", "Utleier AS")
    page.click("button:has-text('Registrer samtykke')")
    page.wait_for_selector("text=Samtykket er registrert.")

    # Rent to the landlord, with the recorded consent.
    page.goto(f"{url}/soknad/{parent.pk}/vedtak/ny/")
    _fill_common(page, str(parent.poster.get(type="HUSLEIE").pk), start, end)
    page.select_option("#hjemmel", "§ 18")
    page.fill("#belop", "9000")
    page.fill(f"#barn_{barn.pk}", "Barnet får bli boende i hjemmet sitt.")
    # No § 20 a exemption here: the activity condition in the livsopphold decision covers the
    # same period, and the builder counts it.
    page.select_option("#utbetaling_hyppighet", "ENGANGS")
    page.select_option("#utbetaling_mottaker_type", "ANNEN")
    page.fill("#utbetaling_navn", "Utleier AS")
    page.fill("#utbetaling_kontonummer", KONTO)
    page.select_option("#utbetaling_samtykke_id", str(Samtykke.objects.get().pk))
    page.click("button[value=fatt]")
    page.wait_for_selector("text=Vedtaket er fattet, og brevet er laget.")

    payments = {u.mottaker_navn: u for u in Utbetaling.objects.all()}
    assert payments["Utleier AS"].belop == 9000
    assert payments[parent.person.navn].belop == livsopphold.belop
    parent.refresh_from_db()
    assert parent.status == "FERDIGBEHANDLET"
    innsyn = build_innsyn(parent)
    fattet = [h for h in innsyn["hendelser"] if h["type"] == "vedtakFattet"]
    assert str(livsopphold.dokumenter.get().dokumentlager_id) in {
        h["vedtaksfil"]["referanse"]["id"] for h in fattet}
    assert _official_issues(innsyn) == ()

    # Breach → warning → (after the deadline) reduction, on the decision's page.
    page.goto(f"{url}/vedtak/{livsopphold.pk}/")
    page.fill("[id^=bh-]", "Møtte ikke to tirsdager på rad.")
    page.fill("[id^=bf-]", "Var syk, men meldte ikke fra.")
    page.click("text=Registrer brudd")
    page.fill("[id^=vb-]", str(livsopphold.belop - 1000))
    page.fill("[id^=vf-]", (date.today() + timedelta(days=10)).isoformat())
    page.click("text=Send forhåndsvarsel")
    page.wait_for_selector("text=Forhåndsvarselet er laget.")
    Vilkarsbrudd.objects.update(svarfrist=date.today() - timedelta(days=1))  # time passes
    page.reload()
    page.fill("[id^=rv-]", "Forklaringen er vurdert; barnets del og husleien holdes utenfor.")
    page.click("text=Fatt vedtak om reduksjon")
    page.wait_for_selector("text=Vedtaket om redusert stønad er fattet.")
    check_accessibility(page, "vedtak etter reduksjon")

    reduksjon = Vedtak.objects.get(art="REDUKSJON")
    assert (reduksjon.belop, reduksjon.endrer_id) == (livsopphold.belop - 1000, livsopphold.pk)
    innsyn = build_innsyn(parent)
    assert len([h for h in innsyn["hendelser"] if h["type"] == "vedtakFattet"]) == 3
    assert _official_issues(innsyn) == ()
