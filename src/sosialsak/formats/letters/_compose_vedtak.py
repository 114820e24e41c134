"""Compose a decision letter: summary, each item with calculation and reasons, conditions,
payments, duty to report changes, and how to appeal."""

from __future__ import annotations

from decimal import Decimal

from sosialsak.formats.letters._compose_common import document, right_of_access
from sosialsak.formats.letters._format import dato, kroner, maaned, periode
from sosialsak.formats.letters.dokument import (
    Block,
    Box,
    Bullets,
    Document,
    Facts,
    Heading,
    Paragraph,
    Table,
    paragraphs,
)
from sosialsak.formats.letters.hjemler import Lovhenvisninger, forklar_hjemmel, references_for
from sosialsak.formats.letters.vedtak import (
    Betalingsgrunnlag,
    Klageinfo,
    Stonadsform,
    Vedtaksbrev,
    Vedtakspunkt,
    Vilkar,
)


def compose_vedtaksbrev(brev: Vedtaksbrev) -> Document:
    """Return the decision letter as a document."""
    mottatt = f" som vi fikk {dato(brev.soknadsdato)}" if brev.soknadsdato else ""
    blocks: list[Block] = [
        Paragraph(f"Vi har behandlet søknaden din om økonomisk stønad{mottatt}."),
        Heading("Dette har vi bestemt"),
        Bullets(tuple(_summary(punkt) for punkt in brev.vedtak)),
    ]
    for punkt in brev.vedtak:
        blocks += _item(punkt)
    if brev.utbetalinger:
        blocks += _payments(brev)
    blocks += [
        Heading("Du må si fra om endringer"),
        Paragraph(
            "Gi oss beskjed med en gang hvis økonomien eller livssituasjonen din endrer seg. "
            "Det kan for eksempel være at du får inntekt, flytter, eller at noen flytter inn "
            "eller ut. Hvis du får stønad på grunnlag av feil opplysninger, kan du måtte "
            "betale pengene tilbake."
        ),
    ]
    blocks += _appeal(brev, references_for(brev.dato, brev.hjemler))
    return document(
        title="Vedtak om økonomisk stønad",
        kontor=brev.kontor,
        mottaker=brev.mottaker,
        brevdato=brev.dato,
        saksreferanse=brev.saksreferanse,
        saksbehandler=brev.saksbehandler,
        godkjent_av=brev.godkjent_av,
        blocks=tuple(blocks),
    )


_GETS: dict[Stonadsform | None, str] = {
    Stonadsform.LAN: "Du får låne",
    Stonadsform.GARANTI: "Du får en garanti på",
}


def _summary(punkt: Vedtakspunkt) -> str:
    text = f"{punkt.tittel}: {punkt.utfall.tekst}."
    if punkt.innvilget and punkt.total is not None:
        # Month by month: the total paid, never one month's amount for the whole period.
        gets = _GETS.get(punkt.stonadsform, "Du får")
        when = f" for {periode(punkt.periode.fra, punkt.periode.til)}" if punkt.periode else ""
        text += f" {gets} til sammen {kroner(punkt.total)}{when}"
        if punkt.lik_per_maned:
            text += f", {kroner(punkt.maneder[0].belop)} per måned"
        else:
            text += ". Beløpet er ulikt fra måned til måned, se tabellen"
        return text + "."
    if punkt.innvilget and punkt.belop is not None:
        text += f" {_GETS.get(punkt.stonadsform, 'Du får')} {kroner(punkt.belop)}"
        if punkt.periode is not None:
            text += f" for {periode(punkt.periode.fra, punkt.periode.til)}"
        text += "."
    return text


def _item(punkt: Vedtakspunkt) -> list[Block]:
    facts = [("Resultat", punkt.utfall.tekst.capitalize())]
    if punkt.total is not None:
        if punkt.lik_per_maned:
            facts.append(("Beløp per måned", kroner(punkt.maneder[0].belop)))
        facts.append(("Til sammen", kroner(punkt.total)))
    elif punkt.belop is not None:
        facts.append(("Beløp", kroner(punkt.belop)))
    if punkt.stonadsform is not None:
        facts.append(("Stønadsform", punkt.stonadsform.tekst))
    if punkt.periode is not None:
        facts.append(("Periode", periode(punkt.periode.fra, punkt.periode.til)))
    facts.append(("Lovhjemmel", punkt.hjemmel))
    blocks: list[Block] = [Heading(punkt.tittel), Facts(tuple(facts))]
    if punkt.nedbetaling.strip():
        blocks.append(Paragraph(punkt.nedbetaling, lead="Slik betaler du tilbake lånet:"))
    if punkt.maneder and not punkt.lik_per_maned:  # the table only when the months differ
        blocks += _per_month(punkt)
    if punkt.beregning:
        blocks += _calculation(punkt)
    blocks.append(Heading("Hvorfor vi har bestemt dette", level=3))
    blocks += paragraphs(punkt.begrunnelse)
    if punkt.barn:
        blocks.append(Heading("Slik har vi vurdert barnas behov", level=3))
        blocks += [Paragraph(b.vurdering, lead=f"{b.navn}:") for b in punkt.barn]
    rule = f"Vedtaket er gjort etter {punkt.hjemmel}."
    explanation = forklar_hjemmel(punkt.hjemmel)
    blocks.append(Paragraph(f"{rule} {explanation}" if explanation else rule,
                            lead="Regelen vi har brukt:"))
    if punkt.vilkar:
        blocks += _conditions(punkt.vilkar)
    return blocks


def _per_month(punkt: Vedtakspunkt) -> list[Block]:
    """The amount paid for each month of the period and the total."""
    assert punkt.total is not None
    return [
        Heading("Beløp per måned", level=3),
        Paragraph("Vi har regnet ut stønaden for hver måned for seg, med satsene og "
                  "opplysningene som gjelder den måneden."),
        Table(columns=("Måned", "Beløp"),
              rows=tuple((maaned(m.maned), kroner(m.belop)) for m in punkt.maneder),
              total=("Til sammen", kroner(punkt.total))),
    ]


def _calculation(punkt: Vedtakspunkt) -> list[Block]:
    total = punkt.belop
    if total is None:
        total = sum((Decimal(line.belop) for line in punkt.beregning), Decimal(0))
    label = "Du får" if punkt.innvilget else "Resultat"
    heading = "Slik har vi regnet ut beløpet"
    if punkt.maneder:
        heading += f" for {maaned(punkt.maneder[0].maned)}"
        label = "Beløp for måneden" if punkt.innvilget else label
    return [
        Heading(heading, level=3),
        Table(
            columns=("Hva", "Beløp"),
            rows=tuple((line.tekst, kroner(line.belop)) for line in punkt.beregning),
            total=(label, kroner(total)),
        ),
    ]


def _conditions(vilkar: tuple[Vilkar, ...]) -> list[Block]:
    blocks: list[Block] = [
        Heading("Vilkår du må oppfylle", level=3),
        Paragraph("Du får stønaden på disse vilkårene:"),
    ]
    for number, v in enumerate(vilkar, start=1):
        frist = dato(v.frist) if not isinstance(v.frist, str) else v.frist
        blocks.append(Box(
            title=f"Vilkår {number}" if len(vilkar) > 1 else "Vilkår",
            blocks=(
                Facts((
                    ("Dette må du gjøre", v.hva),
                    ("Frist", frist),
                    ("Slik følger vi opp", v.oppfolging),
                    ("Lovhjemmel", v.hjemmel),
                )),
                Paragraph(v.konsekvens, lead="Hvis du ikke oppfyller vilkåret:"),
            ),
        ))
    blocks.append(Paragraph(
        "Før vi eventuelt reduserer stønaden, sender vi deg et forhåndsvarsel. "
        "Da får du si din mening før vi bestemmer noe."
    ))
    return blocks


def _payments(brev: Vedtaksbrev) -> list[Block]:
    rows = tuple(
        (dato(u.dato), f"{u.mottaker} ({u.gjelder})" if u.gjelder.strip() else u.mottaker,
         kroner(u.belop))
        for u in brev.utbetalinger
    )
    total = None
    if len(rows) > 1:
        total = ("Til sammen", "", kroner(sum((Decimal(u.belop) for u in brev.utbetalinger),
                                             Decimal(0))))
    blocks: list[Block] = [
        Heading("Slik betaler vi ut stønaden"),
        Table(columns=("Dato", "Til", "Beløp"), rows=rows, total=total),
    ]
    for grunnlag, why in _BASIS.items():
        names = sorted({u.mottaker for u in brev.utbetalinger if u.grunnlag is grunnlag
                        and (grunnlag is not None or u.mottaker != brev.mottaker.navn)})
        if names:
            blocks.append(Paragraph((
                f"Vi betaler det som står til {' og '.join(names)} i tabellen, direkte dit. "
                + why).strip()))
    return blocks


_BASIS: dict[Betalingsgrunnlag | None, str] = {
    Betalingsgrunnlag.SAMTYKKE: (
        "Det gjør vi fordi du har samtykket til det (sosialtjenesteloven § 22). Du kan trekke "
        "samtykket tilbake; da betaler vi til deg."),
    Betalingsgrunnlag.VEDTAK_21: (
        "Det gjør vi fordi vi i dette vedtaket har bestemt at stønaden gis som varer eller "
        "tjenester (sosialtjenesteloven § 21). Du kan klage på dette."),
    None: "",  # a letter built without the basis (the app always gives it)
}


def _deadline(klage: Klageinfo) -> list[Block]:
    """The deadline as a date, when the letter knows how it is sent (fvl § 29, § 30)."""
    if klage.kom_fram is None or klage.klagefrist is None:
        return []
    return [Paragraph(
        f"Vi regner med at du får brevet {dato(klage.kom_fram)}. Da er siste frist for å "
        f"klage {dato(klage.klagefrist)}. Får du brevet senere, regnes fristen fra den dagen "
        "du fikk det. Klagen er kommet fram i tide hvis du har sendt eller postlagt den "
        "innen fristen.")]


def _appeal(brev: Vedtaksbrev, hjemler: Lovhenvisninger) -> list[Block]:
    kontor, klage = brev.kontor, brev.klage
    how = (
        f"Send klagen til {kontor.navn}, {kontor.adresse_linje}, eller lever den på kontoret."
    )
    if klage.digital_klage.strip():
        how += f" Du kan også klage digitalt på {klage.digital_klage.strip()}."
    how += (" Skriv hvilket vedtak du klager på, hva du vil ha endret, og hvorfor. "
            "Skriv under klagen hvis du sender den i posten.")
    return [
        Heading("Du kan klage"),
        Paragraph("Hvis du mener vedtaket er feil, kan du klage."),
        Paragraph(
            f"Klagefristen er {hjemler.klagefrist_uker} uker fra den dagen du fikk dette "
            f"brevet ({hjemler.klagefrist}).",
            strong=True,
        ),
        *_deadline(klage),
        Paragraph(how, lead="Slik klager du:"),
        Paragraph(
            f"Vi ser på saken din på nytt. Hvis vi ikke gir deg medhold, sender vi klagen "
            f"videre til {klage.klageinstans}. Det er {klage.klageinstans} som avgjør klagen.",
            lead="Dette skjer med klagen:",
        ),
        Paragraph("Vi kan hjelpe deg med å skrive klagen. Ta kontakt med oss."),
        right_of_access(hjemler),
        Paragraph(
            "Vedtaket gjelder selv om du klager. Du kan be om at det ikke blir satt i verk før "
            "klagen er avgjort"
            + (f" ({hjemler.utsatt_iverksetting})." if hjemler.utsatt_iverksetting else ".")
        ),
    ]
