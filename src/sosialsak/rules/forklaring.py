"""Render a livsopphold result as text: line by line for the caseworker, plain Bokmål for the
applicant (ready for the case page and the decision letter; fvl. § 25 asks for the rules, the
facts and the main considerations in words the party can follow).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sosialsak.rules.engine.explanation import ExplanationLine
from sosialsak.rules.livsopphold import ADULT_LABELS, LivsoppholdResult
from sosialsak.rules.money import format_kr

MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
          "oktober", "november", "desember")


def dato(value: date) -> str:
    """Return ``value`` the Norwegian way: ``1. januar 2024``."""
    return f"{value.day}. {MONTHS[value.month - 1]} {value.year}"


def maaned(value: date) -> str:
    return f"{MONTHS[value.month - 1]} {value.year}"


def kroner(value: Decimal | int) -> str:
    """Return the exact amount in words' units: ``1 766 kroner``, ``100,50 kroner``."""
    return format_kr(value, unit="kroner")


def render_for_caseworker(result: LivsoppholdResult) -> str:
    """Return every line with its rule, § reference, parameter, value, date and amount."""
    where = f", kommune {result.kommune}" if result.kommune else ""
    rs = result.rate_set
    out = [
        f"Livsopphold for {maaned(result.month)}{where} – {ADULT_LABELS[result.household_type]}",
        f"Satssett fra {rs.valid_from.isoformat()} ({rs.layer}: {rs.source})"
        + (f" – MULIG UTDATERT: ny sats ventet {rs.expected_update.isoformat()}"
           if rs.stale and rs.expected_update else ""),
        "",
    ]
    for line in result.lines:
        sign = "=" if line.kind == "resultat" else ("−" if line.amount < 0 else "+")
        out.append(f"  {sign} {format_kr(abs(line.amount)):>12}  {line.rule}")
        meta = [line.hjemmel]
        if line.parameter:
            meta.append(f"{line.parameter} = {line.value} fra {line.valid_from} ({line.source})")
        if line.detail:
            meta.append(line.detail)
        out.append(" " * 18 + " · ".join(meta))
    if result.flags:
        out += ["", "Flagg:"]
        out += [f"  ! {f.code}: {f.message} ({f.hjemmel})" for f in result.flags]
    return "\n".join(out)


def _applicant_sentence(line: ExplanationLine) -> str | None:
    detail = line.detail
    if line.kind == "sats_voksen" and line.parameter is None:  # applicant under 18
        return (f"Du er under 18 år. De veiledende satsene gjelder ikke for deg, så vi har "
                f"vurdert behovet ditt særskilt til {kroner(line.amount)} i måneden.")
    if line.kind == "sats_voksen":
        origin, label = line.rule.split(", ", 1)
        which = "kommunens egen sats" if origin == "Kommunal sats" else "statens veiledende sats"
        since = f" og gjelder fra {dato(line.valid_from)}" if line.valid_from else ""
        return (f"Vi har tatt utgangspunkt i {which} for {label}. Den er "
                f"{kroner(line.amount)} i måneden{since}.")
    if line.kind == "sats_barn":
        born = detail.split(",")[0].removeprefix("født ")
        return (f"For barnet som er født {dato(date.fromisoformat(born))}, har vi lagt til "
                f"{kroner(line.amount)}.")
    if line.kind == "barn_over_17":
        return "Barn som har fylt 18 år, får ikke barnesats i denne beregningen."
    if line.kind == "barn_samvaer":
        return ("Barn som bor et annet sted og er hos deg på samvær, får ikke barnesats. "
                "Utgifter til samvær vurderer vi særskilt.")
    if line.kind == "bolig":
        capped = "begrenset" in line.rule
        name = line.rule.split(",")[0].lower()
        if capped:
            return (f"Vi har tatt med {name} med {kroner(line.amount)}, som er det høyeste "
                    f"beløpet kommunen dekker ({detail}).")
        return f"Vi har tatt med {name} med {kroner(line.amount)}."
    if line.kind == "inntekt":
        name = line.rule.removesuffix(" trekkes fra").lower()
        return f"Vi har trukket fra {name} på {kroner(-line.amount)}."
    if line.kind == "inntekt_holdes_utenfor":
        name = line.rule.removesuffix(" regnes ikke som inntekt")
        return f"{name} regner vi ikke som inntekt, så den er ikke trukket fra."
    if line.kind == "vurdering":
        return f"Vi har vurdert situasjonen din: {detail.rstrip('.')}."
    if line.kind == "tillegg":
        return f"Vi har lagt til {kroner(line.amount)}: {detail.rstrip('.')}."
    if line.kind == "fradrag":
        return f"Vi har trukket fra {kroner(-line.amount)}: {detail.rstrip('.')}."
    if line.kind == "avrunding":
        return "Til slutt har vi rundet av til hele kroner."
    return None


def render_for_applicant(result: LivsoppholdResult) -> str:
    """Return a plain-Bokmål explanation for the applicant."""
    month = maaned(result.month)
    out = [f"Slik har vi beregnet stønaden din til livsopphold for {month}:", ""]
    out += [s for line in result.lines if (s := _applicant_sentence(line))]
    out.append("")
    if result.amount == 0:
        out.append(f"Inntekten som regnes med, er like stor som eller større enn det du trenger "
                   f"etter beregningen. Derfor får du ikke stønad til livsopphold for {month}.")
    else:
        out.append(f"Du får {kroner(result.amount)} i stønad til livsopphold for {month}.")
    out.append(f"Reglene står i {result.lines[-1].hjemmel}.")
    return "\n".join(out)
