"""Sample letters shared by the letter tests: realistic content, æøå in every part."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sosialsak.formats.letters import (
    Barnevurdering,
    Beregningslinje,
    Betalingsgrunnlag,
    DokumentasjonsBrev,
    Dokumentkrav,
    ForelopigSvar,
    Forhandsvarsel,
    Klageinfo,
    Kontor,
    Mottaker,
    Periode,
    Stonadsform,
    Utbetaling,
    Utfall,
    Vedtaksbrev,
    Vedtakspunkt,
    Vilkar,
)

KONTOR = Kontor(
    navn="NAV Grünerløkka",
    adresse=("Postboks 2500 Grünerløkka", "0504 Oslo"),
    telefon="55 55 33 33",
)
MOTTAKER = Mottaker(navn="Åse Ødegård", adresse=("Søndre gate 7 B", "0550 Oslo"))
BESKYTTET = Mottaker.beskyttet("Kari Hemmelig")
MARS = Periode(fra=date(2024, 3, 1), til=date(2024, 3, 31))

LIVSOPPHOLD = Vedtakspunkt(
    tittel="Livsopphold",
    utfall=Utfall.INNVILGET,
    hjemmel="sosialtjenesteloven § 18",
    stonadsform=Stonadsform.BIDRAG,
    periode=MARS,
    belop=Decimal("12345"),
    beregning=(
        Beregningslinje("Livsopphold for deg (veiledende sats)", Decimal("7250")),
        Beregningslinje("Livsopphold for barn 6–10 år", Decimal("3930")),
        Beregningslinje("Husleie", Decimal("9500")),
        Beregningslinje("Strøm", Decimal("865")),
        Beregningslinje("Arbeidsavklaringspenger", Decimal("-9200")),
    ),
    begrunnelse=(
        "Du bor sammen med datteren din på 8 år. Du får arbeidsavklaringspenger, og de dekker "
        "ikke det dere trenger til livsopphold og bolig.\n\n"
        "Vi har tatt utgangspunkt i de statlige veiledende satsene og vurdert hva dere trenger. "
        "Datteren din går på fotball, og vi har tatt med kontingenten i beløpet til barnet. "
        "Barnetrygden regner vi ikke som inntekt."
    ),
    barn=(
        Barnevurdering(
            navn="Sofie (8 år)",
            vurdering=(
                "Sofie har snakket med oss. Hun ønsker å fortsette på fotball. Vi har tatt med "
                "400 kr i måneden til kontingent og utstyr."
            ),
        ),
    ),
    vilkar=(
        Vilkar(
            hva="Møte til samtale om arbeid og aktivitet hos veilederen din.",
            frist=date(2024, 3, 15),
            oppfolging="Veilederen din ringer deg etter møtet og avtaler neste steg.",
            konsekvens=(
                "Stønaden til livsopphold kan bli redusert. Du får alltid et forhåndsvarsel "
                "først."
            ),
            hjemmel="sosialtjenesteloven § 20 a",
        ),
    ),
)
TANNLEGE = Vedtakspunkt(
    tittel="Tannbehandling",
    utfall=Utfall.AVSLATT,
    hjemmel="sosialtjenesteloven § 19",
    begrunnelse=(
        "Tannlegen skriver at behandlingen ikke haster. Vi har derfor ikke funnet grunn til å "
        "dekke den nå. Du kan søke på nytt hvis tennene blir verre."
    ),
)
DEPOSITUM = Vedtakspunkt(
    tittel="Depositum",
    utfall=Utfall.DELVIS_INNVILGET,
    hjemmel="sosialtjenesteloven § 19",
    stonadsform=Stonadsform.LAN,
    belop=Decimal("15000.50"),
    nedbetaling="Du betaler 500 kr hver måned fra 1. mai 2024.",
    begrunnelse="Du søkte om 20 000 kr. Vi dekker depositum for en rimelig bolig.",
)

VEDTAKSBREV = Vedtaksbrev(
    kontor=KONTOR,
    mottaker=MOTTAKER,
    dato=date(2024, 3, 1),
    saksreferanse="2024-0042",
    soknadsdato=date(2024, 2, 12),
    vedtak=(LIVSOPPHOLD, TANNLEGE, DEPOSITUM),
    utbetalinger=(
        Utbetaling(dato=date(2024, 3, 4), belop=Decimal("2845"), mottaker="Åse Ødegård"),
        Utbetaling(dato=date(2024, 3, 4), belop=Decimal("9500"), mottaker="Boligbygg Oslo KF",
                   gjelder="husleie, med ditt samtykke", grunnlag=Betalingsgrunnlag.SAMTYKKE),
    ),
    klage=Klageinfo(klageinstans="Statsforvalteren i Oslo og Akershus"),
    saksbehandler="Per Ørnulf Saksbehandler",
    godkjent_av="Liv Leder",
)

DOKUMENTASJON = DokumentasjonsBrev(
    kontor=KONTOR,
    mottaker=MOTTAKER,
    dato=date(2024, 2, 14),
    saksreferanse="2024-0042",
    saksbehandler="Per Ørnulf Saksbehandler",
    soknadsdato=date(2024, 2, 12),
    dokumenter=(
        Dokumentkrav(tittel="Kontoutskrift", beskrivelse="for alle kontoene dine, siste 3 måneder"),
        Dokumentkrav(tittel="Husleiekontrakt"),
    ),
    frist=date(2024, 2, 28),
)

FORELOPIG = ForelopigSvar(
    kontor=KONTOR,
    mottaker=MOTTAKER,
    dato=date(2024, 3, 11),
    saksreferanse="2024-0042",
    saksbehandler="Per Ørnulf Saksbehandler",
    soknadsdato=date(2024, 2, 12),
    grunn="Vi venter på svar fra Husbanken om bostøtte. Det påvirker hvor mye du kan få.",
    forventet_dato=date(2024, 4, 2),
)

VARSEL = Forhandsvarsel(
    kontor=KONTOR,
    mottaker=MOTTAKER,
    dato=date(2024, 3, 20),
    saksreferanse="2024-0042",
    saksbehandler="Per Ørnulf Saksbehandler",
    vedtaksdato=date(2024, 3, 1),
    vilkar="Du skulle møte til samtale om arbeid og aktivitet innen 15. mars 2024.",
    brudd="Du kom ikke til møtet 15. mars, og vi har ikke fått høre fra deg.",
    stonad="stønaden til livsopphold",
    belop_na=Decimal("12345"),
    belop_redusert=Decimal("10345"),
    periode=Periode(fra=date(2024, 4, 1), til=date(2024, 4, 30)),
    svarfrist=date(2024, 4, 3),
    hjemmel="sosialtjenesteloven § 20 a, jf. § 20 tredje ledd",
)
