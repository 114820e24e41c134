"""Demo content for case progress: office settings, kartlegging (each child its own section),
conversations, § 17 guidance, follow-up tasks and a preliminary reply.

Uses its own random generator per application, so the main demo data set stays the same.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from sosialsak.contexts.accounts.models import NavKontor, Role
from sosialsak.contexts.accounts.scope import Scope, scope_for
from sosialsak.contexts.cases.operations import (
    SamtaleInput,
    VeiledningInput,
    create_oppgave,
    record_samtale,
    record_veiledning,
    save_kartlegging,
    send_forelopig_svar,
)
from sosialsak.contexts.intake.household import household_of
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.offices.operations import update_office_settings
from sosialsak.contexts.offices.policy import Settings
from sosialsak.kernel.clock import local_date

HOUSEHOLD = {
    "OKONOMI": {"inntekter": "Arbeidsavklaringspenger, venter på vedtak.",
                "utgifter": "Husleie, strøm, barnehage.", "gjeld": True,
                "gjeld_beskrivelse": "Forbrukslån, omtrent 40 000 kr.",
                "trenger_gjeldsradgivning": True, "formue": "Ingen."},
    "BOLIG": {"bosituasjon": "1", "boutgift": 11500, "risiko_miste_bolig": False,
              "trenger_midlertidig_botilbud": False},
}
CHILD = {"materielle_behov": "Trenger vinterdress og sko.",
         "fritidsaktiviteter": "Fotball to ganger i uka.", "fritid_kostnad": 350,
         "venner": "Har gode venner i nabolaget.", "skole_barnehage": "Går på skolen, trives.",
         "helse": "Frisk.", "snakket_med_barnet": True,
         "barnets_syn": "Vil gjerne fortsette med fotball.", "bekymring_barnevern": False}
NOTES = ["Samtale om økonomien og hva som må betales først. Avtalt at søker tar kontakt med "
         "Husbanken om bostøtte.",
         "Søker fortalte om barna og hverdagen. Ønsker hjelp til å finne jobb.",
         "Hjemmebesøk. Leiligheten er trang; søker leter etter større bolig."]


def configure_offices(*, kontor: NavKontor, now: datetime) -> None:
    """Give the first office opening hours, a duty contact and its thresholds (as its leder)."""
    leder = kontor.ansatte.filter(groups__name=Role.LEDER).first()
    if leder is None:
        return
    update_office_settings(
        scope=scope_for(leder), actor=leder, kontor_id=kontor.pk, now=now,
        data=Settings(apner=time(9, 0), stenger=time(15, 30), vakt_ved_nodhjelp=True,
                      vakt_navn="Sosial vakttjeneste, Bergen legevakt",
                      vakt_telefon="55 55 00 00"))


def enrich(soknad: Soknad, *, stage: str, scope: Scope, now: datetime) -> None:
    """Add mapping, notes and tasks fitting the application's stage (before its decision)."""
    rng = random.Random(soknad.pk)  # noqa: S311 - reproducible synthetic data
    at = min(soknad.mottatt_at + timedelta(hours=1), now)
    barn = household_of(soknad).barn
    if stage in ("ferdig", "krav") or (stage == "behandling" and rng.random() < 0.5):
        for del_type, svar in HOUSEHOLD.items():
            save_kartlegging(scope=scope, actor=None, soknad_id=soknad.pk, del_type=del_type,
                             svar=dict(svar), now=at)
        for b in barn:
            if stage == "ferdig" and b.bosted == "SAMVAER" and rng.random() < 0.5:
                save_kartlegging(scope=scope, actor=None, soknad_id=soknad.pk, del_type="BARN",
                                 barn_id=b.pk, svar={}, now=at, ikke_kartlagt_grunn=(
                                     "Barnet bor hos den andre forelderen; samvær annenhver "
                                     "helg. Søker kjenner ikke barnets hverdag godt nok."))
            else:
                save_kartlegging(scope=scope, actor=None, soknad_id=soknad.pk, del_type="BARN",
                                 barn_id=b.pk, svar=dict(CHILD), now=at)
    if stage == "ny":
        return
    h = household_of(soknad).husstand
    record_samtale(scope=scope, actor=None, soknad_id=soknad.pk, now=at, data=SamtaleInput(
        tidspunkt=at, kanal=rng.choice(["KONTOR", "TELEFON", "VIDEO", "HJEMMEBESOK"]),
        notat=rng.choice(NOTES), deltakere="Søker og veileder",
        tolk_brukt=bool(h and h.tolkebehov), tolkesprak=h.tolkesprak if h else ""))
    if rng.random() < 0.6:
        record_veiledning(scope=scope, actor=None, soknad_id=soknad.pk, now=at,
                          data=VeiledningInput(
                              dato=local_date(at), temaer=["OKONOMISK_RADGIVNING", "BOLIG"],
                              henvist_til="Husbanken (bostøtte)",
                              notat="Gikk gjennom budsjett og bostøtte."))
    if stage == "behandling" and rng.random() < 0.5:
        create_oppgave(scope=scope, actor=None, soknad_id=soknad.pk, now=at,
                       tittel="Ring søker om jobbintervjuet",
                       frist=local_date(at) + timedelta(days=rng.choice([2, 5, 20])))


def preliminary_replies(*, scope: Scope, now: datetime) -> None:
    """Send a preliminary reply on the oldest open application that has waited 3 weeks."""
    old = (Soknad.objects.filter(status="UNDER_BEHANDLING",
                                 mottatt_at__lt=now - timedelta(days=21))
           .order_by("mottatt_at").first())
    if old is not None:
        send_forelopig_svar(scope=scope, actor=None, soknad_id=old.pk, now=now,
                            forventet_dato=local_date(now) + timedelta(days=14),
                            grunn="Vi venter på opplysninger fra deg og fra andre deler av NAV.")
