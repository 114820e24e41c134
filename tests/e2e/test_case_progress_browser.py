"""A caseworker registers a phone application from a parent with two children, maps the
household and each child, requests two documents, records their arrival, and sees the case
leave the worklists. Every page visited passes axe-core with no serious or critical violation.
"""

from __future__ import annotations

import re
from datetime import date, time
from typing import Any

import pytest

from tests.e2e.a11y import check_accessibility
from tests.helpers import synthetic_fnr

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def office_settings(users: dict[str, Any]) -> None:
    """Remind about documents due within 30 days, so a request lands on that worklist."""
    from django.utils import timezone

    from sosialsak.contexts.accounts.scope import scope_for
    from sosialsak.contexts.offices.operations import update_office_settings
    from sosialsak.contexts.offices.policy import Settings

    leder = users["leder_a"]
    update_office_settings(scope=scope_for(leder), actor=leder, kontor_id=leder.kontor_id,
                           now=timezone.now(),
                           data=Settings(apner=time(9), stenger=time(15),
                                         dokumentasjon_paminnelse_dager=30))


def count_on_start_page(page: Any, title: str) -> int:
    card = page.locator("ul.cards li", has_text=title)
    return int(card.locator(".count").inner_text())


def test_a_family_application_from_phone_call_to_documents_received(
    live_server: Any, page: Any, users: dict[str, Any], office_settings: None
) -> None:
    url = live_server.url

    # Log in and land on the worklists.
    page.goto(f"{url}/logg-inn/")
    check_accessibility(page, "innlogging")
    page.fill("#id_username", "va")
    page.fill("#id_password", "test-passord-123")
    page.click("button[type=submit]")
    page.wait_for_url(f"{url}/arbeidslister/")
    check_accessibility(page, "arbeidslister")
    assert count_on_start_page(page, "Barnas kartlegging mangler") == 0

    # Register the phone application: a parent with two children, asking for livsopphold.
    page.click("text=Registrer søknad")
    check_accessibility(page, "registrer søknad")
    page.fill("#id_fodselsnummer", synthetic_fnr(date(1986, 4, 12), 7))
    page.fill("#id_fornavn", "Amina")
    page.fill("#id_etternavn", "Haddad")
    page.select_option("#id_kanal", "TELEFON")
    page.check("input[name=poster][value=LIVSOPPHOLD]")
    page.fill("#id_egne_ord", "Jeg har ikke penger til mat til barna denne uka.")
    page.fill("#id_barn_0_navn", "Sara Haddad")
    page.fill("#id_barn_0_fodselsdato", "2016-02-01")
    page.fill("#id_barn_1_navn", "Yusuf Haddad")
    page.fill("#id_barn_1_fodselsdato", "2020-09-12")
    page.click("text=Registrer søknaden")
    page.wait_for_url(re.compile(r".*/soknad/\d+/$"))
    case_url = page.url
    check_accessibility(page, "saken")
    assert "Kartleggingen mangler for Sara Haddad, Yusuf Haddad" in page.inner_text("main")

    # The new case is on the worklist for children not mapped.
    page.goto(f"{url}/arbeidslister/")
    assert count_on_start_page(page, "Barnas kartlegging mangler") == 1
    page.click("text=Barnas kartlegging mangler")
    check_accessibility(page, "arbeidsliste kartlegging")
    assert page.locator("table tbody tr", has_text="Amina Haddad").count() == 1

    # Map the household: economy and housing.
    page.goto(case_url)
    page.click("text=Åpne kartleggingen")
    check_accessibility(page, "kartlegging")
    page.click("a:has-text('Fyll ut'):has-text('Økonomi')")
    check_accessibility(page, "kartlegging økonomi")
    page.fill("#id_inntekter", "Ingen inntekt etter at jobben sluttet.")
    page.fill("#id_utgifter", "Husleie 9 800 kr, strøm 900 kr.")
    page.check("input[name=gjeld][value=nei]")
    page.fill("#id_formue", "Ingen.")
    page.click("button:has-text('Lagre')")
    page.wait_for_url(re.compile(r".*/kartlegging/$"))
    page.click("a:has-text('Fyll ut'):has-text('Bolig')")
    page.select_option("#id_bosituasjon", "1")
    page.fill("#id_boutgift", "9800")
    page.check("input[name=risiko_miste_bolig][value=nei]")
    page.check("input[name=trenger_midlertidig_botilbud][value=nei]")
    page.click("button:has-text('Lagre')")
    page.wait_for_url(re.compile(r".*/kartlegging/$"))
    page.click("a:has-text('Fyll ut'):has-text('Helse og sosial situasjon')")
    check_accessibility(page, "kartlegging helse og sosialt")
    for field, text in (("fysisk_helse", "God."), ("psykisk_helse", "Sliten av bekymring."),
                        ("rus", "Ingen."), ("tannhelse", "Trenger tannlege."),
                        ("nettverk", "Søster i byen.")):
        page.fill(f"#id_{field}", text)
    page.check("input[name=vold_trusler][value=nei]")
    page.click("button:has-text('Lagre')")
    page.wait_for_url(re.compile(r".*/kartlegging/$"))
    page.click("a:has-text('Fyll ut'):has-text('Arbeid og utdanning')")
    page.fill("#id_arbeidserfaring", "Butikk i fem år.")
    page.fill("#id_utdanning", "Videregående.")
    page.select_option("#id_norskniva", "GOD")
    page.check("input[name=trenger_tolk][value=nei]")
    page.select_option("#id_innsatsgruppe", "SITUASJONSBESTEMT")
    page.check("input[name=arbeidsevnevurdering][value=ja]")
    page.click("button:has-text('Lagre')")
    page.wait_for_url(re.compile(r".*/kartlegging/$"))
    assert page.locator("tbody .tag.ok").count() == 4  # the four about the person

    # Map each child in its own section.
    for name, view in (("Sara Haddad", "Vil gjerne begynne på svømming."),
                       ("Yusuf Haddad", "Liker barnehagen.")):
        page.click(f"a:has-text('Fyll ut'):has-text('{name}')")
        check_accessibility(page, f"kartlegging {name}")
        page.fill("#id_materielle_behov", "Trenger vinterklær.")
        page.fill("#id_fritidsaktiviteter", "Ingen nå; familien har ikke råd.")
        page.fill("#id_venner", "Leker med venner etter skolen.")
        page.fill("#id_skole_barnehage", "Går på skole eller i barnehage i nærmiljøet.")
        page.fill("#id_helse", "Frisk.")
        page.check("input[name=snakket_med_barnet][value=ja]")
        page.fill("#id_barnets_syn", view)
        page.check("input[name=bekymring_barnevern][value=nei]")
        page.click("button:has-text('Lagre')")
        page.wait_for_url(re.compile(r".*/kartlegging/$"))
        assert f"Barn: {name}: fullført." in page.inner_text("main")
    assert page.locator("tbody .tag.ok").count() == 6  # the household and each child

    # Request two documents.
    page.goto(case_url)
    assert "Kartleggingen mangler for" not in page.inner_text("main")
    page.click("text=Be om dokumentasjon")
    check_accessibility(page, "be om dokumentasjon")
    page.check("input[name=dokumenter][value='Kontoutskrift for siste måned']")
    page.check("input[name=dokumenter][value='Husleiekontrakt']")
    page.fill("#id_dager", "7")
    page.click("text=Lag brevet og send kravet")
    page.wait_for_url(re.compile(r".*/soknad/\d+/#dokumentasjon$"))
    check_accessibility(page, "saken med dokumentasjonskrav")
    assert "2 dokumenter er etterspurt og ikke levert." in page.inner_text("#dokumentasjon")

    page.goto(f"{url}/arbeidslister/")
    assert count_on_start_page(page, "Barnas kartlegging mangler") == 0
    assert count_on_start_page(page, "Påminnelse om dokumentasjon") == 1

    # Record that both documents arrived (htmx swaps the documentation section in place).
    page.goto(case_url)
    for title in ("Kontoutskrift for siste måned", "Husleiekontrakt"):
        row = page.locator("#dokumentasjon tbody tr", has_text=title)
        row.locator("select").select_option("OPPLASTING")
        row.locator("button", has_text="Mottatt").click()
        page.locator("#dokumentasjon tbody tr", has_text=title).locator(
            "td", has_text="Levert: Lastet opp på nav.no").wait_for()
    assert "0 dokumenter er etterspurt og ikke levert." in page.inner_text("#dokumentasjon")
    check_accessibility(page, "saken etter mottatt dokumentasjon")

    # The case has left the worklists.
    page.goto(f"{url}/arbeidslister/")
    assert count_on_start_page(page, "Påminnelse om dokumentasjon") == 0
    assert count_on_start_page(page, "Barnas kartlegging mangler") == 0
    page.click("text=Påminnelse om dokumentasjon")
    check_accessibility(page, "arbeidsliste påminnelse")
    assert "Ingen saker på denne listen." in page.inner_text("main")


def test_the_other_case_progress_pages_pass_the_accessibility_check(
    live_server: Any, page: Any, users: dict[str, Any], make_soknad: Any
) -> None:
    soknad = make_soknad(barn=1)
    url = live_server.url
    page.goto(f"{url}/logg-inn/")
    page.fill("#id_username", "la")  # the leder, who also sees the office settings
    page.fill("#id_password", "test-passord-123")
    page.click("button[type=submit]")
    page.wait_for_url(f"{url}/arbeidslister/")

    page.goto(f"{url}/soknad/{soknad.pk}/samtale/")
    check_accessibility(page, "ny samtale")
    page.fill("#id_notat", "Samtale om budsjett og strømregning.")
    page.click("button:has-text('Lagre samtalen')")
    page.wait_for_url(re.compile(r".*#samtaler$"))
    check_accessibility(page, "saken med samtale")

    for path, where in ((f"/soknad/{soknad.pk}/veiledning/", "veiledning"),
                        (f"/soknad/{soknad.pk}/forelopig-svar/", "foreløpig svar"),
                        (f"/soknad/{soknad.pk}/kartlegging/helse_sosialt/", "helse og sosialt"),
                        (f"/soknad/{soknad.pk}/kartlegging/arbeid_utdanning/", "arbeid"),
                        ("/notater/?q=budsjett", "søk i notater"),
                        ("/kontor/innstillinger/", "kontorinnstillinger"),
                        ("/arbeidslister/uten-vedtak/", "arbeidsliste uten vedtak")):
        page.goto(f"{url}{path}")
        check_accessibility(page, where)
    assert "Samtale om budsjett" in page.goto(f"{url}/notater/?q=budsjett").text()

    # A form sent back with errors is checked too.
    page.goto(f"{url}/soknad/{soknad.pk}/forelopig-svar/")
    page.fill("#id_forventet_dato", "2020-01-01")
    page.fill("#id_grunn", "Mange søknader.")
    page.click("button:has-text('Lag brevet')")
    check_accessibility(page, "foreløpig svar med feil")
    assert "Forventet svardato må være etter i dag" in page.inner_text("main")
