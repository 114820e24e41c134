"""One demo case that shows the whole decision flow, made through the same operations as the UI.

Emma, 24, lives with her daughter. Her household and the child are mapped, the right to KVP is
assessed, and three decisions are made in the builder: livsopphold (calculated, with an
adjustment, the child's needs and an activity condition, a receipt she must deliver, paid
monthly), rent paid to the landlord with her consent, and a frame decision for electricity. A
breach of the condition is recorded and an advance warning sent. An appeal on one of the
generated refusals waits, so the appeal worklist has something in it. The innsyn file of this
case holds every kind of hendelse nav.no reads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from sosialsak.contexts.accounts.models import NavKontor, Role
from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.cases.operations import save_kartlegging
from sosialsak.contexts.decisions.models import Vedtak
from sosialsak.contexts.decisions.operations import (
    BarnBegrunnelse,
    DokumentasjonskravUtkast,
    Justering,
    RammeUtkast,
    UtbetalingValg,
    VedtakUtkast,
    VilkarUtkast,
    make_vedtak,
    record_brudd,
    record_kvp_vurdering,
    register_klage,
    send_forhandsvarsel,
)
from sosialsak.contexts.intake.household import household_of
from sosialsak.contexts.intake.models import Kanal, Soknad, StonadType
from sosialsak.contexts.intake.operations import PostInput, SoknadInput, register_soknad
from sosialsak.contexts.payments.profile import (
    SamtykkeInput,
    record_samtykke,
    set_betalingsprofil,
)
from sosialsak.contexts.people.models import Bosted, Kilde
from sosialsak.contexts.people.operations import (
    BarnInput,
    StatedApplicant,
    person_for_application,
    record_household,
)
from sosialsak.interfaces.cli import demo_followup
from sosialsak.kernel.clock import OSLO, local_date
from sosialsak.rules.frister import add_months

KONTO = "12345678903"
UTLEIER_KONTO = "15200300103"

_CHILD = {"materielle_behov": "Trenger vinterdress og sko.", "fritidsaktiviteter": "Turn",
          "fritid_kostnad": 350, "venner": "Har gode venner i klassen.",
          "skole_barnehage": "Går i 2. klasse.", "helse": "God.", "snakket_med_barnet": True,
          "barnets_syn": "Vil fortsette på turn.", "bekymring_barnevern": False}
_PERSON = {
    "OKONOMI": {"inntekter": "Ingen etter at vikariatet sluttet.", "utgifter": "Husleie 8 900 kr.",
                "gjeld": False, "formue": "Ingen."},
    "BOLIG": {"bosituasjon": "1", "boutgift": 8900, "risiko_miste_bolig": False,
              "trenger_midlertidig_botilbud": False},
    "HELSE_SOSIALT": {"fysisk_helse": "God.", "psykisk_helse": "Sliten.", "rus": "Ingen.",
                      "tannhelse": "God.", "nettverk": "Mor i byen.", "vold_trusler": False},
    "ARBEID_UTDANNING": {"arbeidserfaring": "Butikk i tre år.", "utdanning": "Videregående.",
                         "norskniva": "MORSMAL", "trenger_tolk": False,
                         "innsatsgruppe": "STANDARD", "arbeidsevnevurdering": False},
}


def load(*, scope: Scope, kontor: NavKontor, now: datetime,
         fnr_for: Callable[[date], str]) -> None:
    """Make the showcase case at ``kontor`` (the demo's first office); ``fnr_for`` gives a
    synthetic identity number for a birth date."""
    actor = kontor.ansatte.filter(groups__name=Role.VEILEDER).order_by("username").first()
    today = local_date(now)
    born = today.replace(year=today.year - 24) - timedelta(days=60)
    child_born = today.replace(year=today.year - 8) - timedelta(days=30)
    stated = StatedApplicant(fornavn="Emma", etternavn="Eksempel", gateadresse="Fjellveien 12",
                             postnummer="5007", poststed="Bergen", kommunenummer="4601",
                             telefon="41234567", kontonummer=KONTO)
    person = person_for_application(fodselsnummer=fnr_for(born), stated=stated)
    # Three days ago at 10:00 (issue 14: a fixed hour, so the first advance warning's reply
    # deadline below has passed whatever the time of day the demo is loaded).
    received = datetime.combine(today - timedelta(days=3), time(10, 0), tzinfo=OSLO)
    husstand = record_household(
        person=person, stated=stated, partner=None, barn=[BarnInput(
            navn="Ella Eksempel", fodselsdato=child_born, fodselsnummer=fnr_for(child_born),
            bosted=Bosted.FAST)], kilde=Kilde.SAKSBEHANDLER, at=received, kontor_id=kontor.pk,
        actor=actor)
    soknad = register_soknad(scope=scope, actor=actor, kontor=kontor, person=person,
                             husstand=husstand, data=SoknadInput(
        kanal=Kanal.TELEFON, mottatt_at=received,
        egne_ord="Vikariatet mitt sluttet, og jeg har ikke penger til mat og husleie.",
        poster=[PostInput(type=StonadType.LIVSOPPHOLD), PostInput(type=StonadType.HUSLEIE,
                                                                  belop=8900),
                PostInput(type=StonadType.STROM, belop=1200)]))
    t = received + timedelta(days=1)
    for del_type, svar in _PERSON.items():
        save_kartlegging(scope=scope, actor=actor, soknad_id=soknad.pk, del_type=del_type,
                         svar=svar, now=t)
    child = household_of(soknad).barn[0]
    save_kartlegging(scope=scope, actor=actor, soknad_id=soknad.pk, del_type="BARN",
                     barn_id=child.pk, svar=_CHILD, now=t)
    record_kvp_vurdering(scope=scope, actor=actor, soknad_id=soknad.pk, har_rett=False,
                         begrunnelse="Nær arbeidslivet; kvalifiseringsprogram er ikke aktuelt nå.",
                         now=t)
    set_betalingsprofil(scope=scope, actor=actor, soknad_id=soknad.pk, kontonummer=KONTO,
                        samlet_manedlig_utbetaling=False, now=t)
    samtykke = record_samtykke(scope=scope, actor=actor, soknad_id=soknad.pk, now=t,
                               data=SamtykkeInput(gitt_dato=local_date(t),
                                                  gjelder="Husleie til utleier",
                                                  mottaker_navn="Fjellveien Utleie AS"))
    start = add_months(today.replace(day=1), 1)
    end = add_months(start, 3)
    base = VedtakUtkast(
        post_ids=(), hjemmel="§ 18", utfall="INNVILGET", stonadsform="BIDRAG",
        periode_fra=start, periode_til=end,
        fakta="Emma har ingen inntekt etter at vikariatet sluttet, og bor med datteren Ella (8).",
        begrunnelse="Du har ikke penger til det du og datteren din trenger de neste månedene.",
        barn=(BarnBegrunnelse(child.pk, "Ella trenger vinterklær, og turn er viktig for henne; "
                                        "vi har lagt til et beløp for det."),))
    made = t + timedelta(hours=4)
    livsopphold = make_vedtak(scope=scope, actor=actor, soknad_id=soknad.pk, now=made, data=_with(
        base, soknad, StonadType.LIVSOPPHOLD,
        individuell_vurdering="Vurdert i samtale: behovet er som veiledende sats, med et "
                              "tillegg for barnets klær og fritid.",
        justeringer=(Justering(600, "Vinterklær og turn for Ella"),),
        vilkar=(VilkarUtkast(
            kode="08", beskrivelse="Møt til samtale om arbeid hver tirsdag.",
            frist=end - timedelta(days=1), oppfolging="Vi går gjennom oppmøtet hver måned.",
            konsekvens="Møter du ikke uten gyldig grunn, kan stønaden bli redusert."),
            # Issue 14: a condition the decision says the payment waits for.
            VilkarUtkast(
                kode="10", beskrivelse="Søk om bostøtte fra Husbanken og gi oss kopi av "
                                       "søknaden.",
                frist=start + timedelta(days=20),
                oppfolging="Vi sjekker at søknaden er sendt før pengene for måneden betales.",
                konsekvens="Pengene for den første måneden blir betalt når du har levert "
                           "kopien.",
                holder_tilbake_utbetaling=True,
                utsettelse_grunnlag="Sosialtjenesteloven § 20: utbetalingen for den første "
                                    "måneden utsettes til kopien av søknaden er levert.")),
        dokumentasjonskrav=(DokumentasjonskravUtkast(
            tittel="Sluttattest fra arbeidsgiveren", beskrivelse="Attesten fra vikariatet.",
            frist=start + timedelta(days=14)),),
        utbetaling=UtbetalingValg(hyppighet="MANEDLIG", kontonummer=KONTO)))
    make_vedtak(scope=scope, actor=actor, soknad_id=soknad.pk, now=made, data=_with(
        base, soknad, StonadType.HUSLEIE, belop=8900, sak_tittel="Husleie",
        utbetaling=UtbetalingValg(hyppighet="MANEDLIG", mottaker_type="ANNEN",
                                  navn="Fjellveien Utleie AS", kontonummer=UTLEIER_KONTO,
                                  samtykke_id=samtykke.pk)))
    make_vedtak(scope=scope, actor=actor, soknad_id=soknad.pk, now=made, data=_with(
        base, soknad, StonadType.STROM, belop=None, sak_tittel="Strøm",
        begrunnelse="Vi dekker strømregningen innenfor rammen så lenge du har stønad.",
        ramme=RammeUtkast(1500, "Strøm, inntil 1 500 kr i måneden")))
    vilkar = livsopphold.vilkar.get(kode="08")
    # Issue 14: an earlier breach whose reply deadline has passed with nothing registered.
    first = record_brudd(scope=scope, actor=actor, vilkar_id=vilkar.pk,
                         hva="Møtte ikke til den første samtalen.", forklaring="", now=made)
    send_forhandsvarsel(scope=scope, actor=actor, brudd_id=first.pk,
                        belop_redusert=(livsopphold.belop or 0) - 500,
                        svarfrist=local_date(made) + timedelta(days=1), now=made)
    brudd = record_brudd(scope=scope, actor=actor, vilkar_id=vilkar.pk,
                         hva="Møtte ikke til samtalen.", forklaring="Ella var syk.", now=now)
    send_forhandsvarsel(scope=scope, actor=actor, brudd_id=brudd.pk,
                        belop_redusert=(livsopphold.belop or 0) - 1000,
                        svarfrist=today + timedelta(days=14), now=now)
    _appeal(scope=scope, kontor=kontor, now=now)
    demo_followup.showcase(scope=scope, actor=actor, soknad=soknad, vedtak=livsopphold,
                           now=now)


def _with(base: VedtakUtkast, soknad: Soknad, item: str, **over: object) -> VedtakUtkast:
    return replace(base, post_ids=(soknad.poster.get(type=item).pk,), **over)  # type: ignore[arg-type]


def _appeal(*, scope: Scope, kontor: NavKontor, now: datetime) -> None:
    """An appeal on one of the generated decisions, received today and not yet handled."""
    vedtak = (Vedtak.objects.filter(sak__soknad__kontor=kontor, utfall="AVSLATT")
              .order_by("fattet_at", "id").first())
    if vedtak is None:
        return
    day: date = max(local_date(now), local_date(vedtak.fattet_at))
    register_klage(scope=scope, actor=None, vedtak_id=vedtak.pk, mottatt=day, now=now,
                   tekst="Jeg er uenig i avslaget. Jeg har ikke penger til det jeg søkte om.")
