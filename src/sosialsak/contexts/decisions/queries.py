"""Reads for the decision pages: the builder's starting point (items, children with their
mapping, KVP assessments, proposals) and one decision with its letters, conditions, breaches and
appeals. Every read goes through the caller's scope and is audit-logged; fixed query counts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NoReturn

from django.db.models import Prefetch, QuerySet

from sosialsak import rules
from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.audit.log import record, record_many
from sosialsak.contexts.audit.models import Action
from sosialsak.contexts.cases.access import staff_readable
from sosialsak.contexts.cases.queries import children_in, current_sections
from sosialsak.contexts.decisions.deadline import appeal_deadline
from sosialsak.contexts.decisions.decided import decided_items
from sosialsak.contexts.decisions.economy import Kilde, economy_prefill
from sosialsak.contexts.decisions.models import (
    Hjemmel,
    Klage,
    KlageStatus,
    KvpVurdering,
    Stonadsform,
    Utfall,
    Vedtak,
    VedtakDokument,
    VedtakDokumentasjonskrav,
    Vedtaksforslag,
    Vilkar,
    Vilkarsbrudd,
)
from sosialsak.contexts.intake.household import household_of
from sosialsak.contexts.intake.models import SoktStonad
from sosialsak.contexts.intake.queries import NOT_FOUND_TEXT, scoped_soknader
from sosialsak.kernel.errors import NotFound


def _choices(choices: Sequence[tuple[str, object]]) -> list[tuple[str, str]]:
    return [(code, str(label)) for code, label in choices]


@dataclass(frozen=True)
class ChildPrefill:
    id: int
    navn: str
    alder: int
    kartlegging: str
    bosted: str = ""  # as stated in the application: «Samvær» gets no child rate


@dataclass(frozen=True)
class BuilderContext:
    soknad_id: int
    navn: str
    fodselsdato: date | None
    poster: list[tuple[int, str, bool]]  # id, label, decided
    children: list[ChildPrefill]
    kvp: list[tuple[date, bool, str]]
    forslag: list[tuple[int, int | None, str, str]]  # id, amount, outcome, proposer
    # Proposals sent back: when, by whom, and why (the caseworker reads it before trying again).
    returnert: list[tuple[datetime | None, str, str]] = field(default_factory=list)
    hjemler: list[tuple[str, str]] = field(default_factory=lambda: _choices(Hjemmel.choices))
    utfall: list[tuple[str, str]] = field(default_factory=lambda: _choices(Utfall.choices))
    former: list[tuple[str, str]] = field(default_factory=lambda: _choices(Stonadsform.choices))
    katalog: list[tuple[str, str]] = field(default_factory=lambda: [
        (t.value, k.label) for t, k in rules.KATALOG.items()])
    unntak: list[tuple[str, str]] = field(default_factory=lambda: [
        (g.value, g.label) for g in rules.UnntakGrunn])
    # Other income in a KVP month (§ 35): the types the rules know.
    kvp_inntekter: list[tuple[str, str]] = field(default_factory=lambda: [
        (t.value, t.value.replace("_", " ").capitalize()) for t in rules.KvpInntektType])
    klage: Klage | None = None  # a new decision after this appeal (omgjøring)
    valgt: frozenset[int] = frozenset()  # items checked from the start
    # The economy's figures pre-filled from the application and the mapping, with their
    # source, by the builder's field name (issue 12, item 3).
    okonomi: dict[str, Kilde] = field(default_factory=dict)


def builder_context(*, scope: Scope, actor: object, soknad_id: int, today: date,
                    klage_id: int | None = None) -> BuilderContext:
    """Return what the vedtak builder starts from; log the read. With ``klage_id``, the
    builder makes the office's new decision after that appeal: the appealed decision's items
    are open again and checked."""
    soknad = staff_readable(scope=scope, actor=actor, soknad_id=soknad_id, purpose="vedtak")
    decided = set(decided_items(soknad).values_list("pk", flat=True))
    klage = None
    valgt: frozenset[int] = frozenset()
    if klage_id is not None:
        klage = (Klage.objects.select_related("vedtak").filter(
            pk=klage_id, vedtak__sak__soknad=soknad, status=KlageStatus.MOTTATT).first())
        if klage is None:
            raise NotFound("Fant ikke en åpen klage på denne søknaden.")
        valgt = frozenset(klage.vedtak.poster.values_list("pk", flat=True))
        decided -= valgt
    sections = {s.barn_id: s for s in current_sections(person_id=soknad.person_id,
                                                       kontor_id=soknad.kontor_id) if s.barn_id}
    children = []
    for b in children_in(household_of(soknad).barn, today):
        s = sections.get(b.pk)
        text = "\n".join(f"{q}: {a}" for q, a in s.svar) if s else ""
        age = today.year - b.fodselsdato.year - (
            (today.month, today.day) < (b.fodselsdato.month, b.fodselsdato.day))
        children.append(ChildPrefill(b.pk, b.navn, age, text,
                                     getattr(b, "get_bosted_display", lambda: "")()))
    return BuilderContext(
        soknad_id=soknad.pk, navn=soknad.soker_navn, fodselsdato=soknad.person.fodselsdato,
        poster=[(p.pk, p.label, p.pk in decided)
                for p in SoktStonad.objects.filter(soknad=soknad)],
        children=children,
        kvp=list(KvpVurdering.objects.filter(person_id=soknad.person_id,
                                              soknad__kontor_id=soknad.kontor_id)
                 .values_list("vurdert_dato", "har_rett", "begrunnelse")),
        forslag=[(f.pk, f.belop, f.utfall, getattr(f.foreslatt_av, "username", ""))
                 for f in Vedtaksforslag.objects.filter(soknad=soknad, status="VENTER")
                 .select_related("foreslatt_av")],
        returnert=[(f.behandlet_at, getattr(f.behandlet_av, "username", ""), f.merknad)
                   for f in Vedtaksforslag.objects.filter(soknad=soknad, status="RETURNERT")
                   .select_related("behandlet_av").order_by("-behandlet_at")[:3]],
        klage=klage, valgt=valgt, okonomi=economy_prefill(soknad))


@dataclass(frozen=True)
class VedtakPage:
    vedtak: Vedtak
    soknad_id: int
    dokumenter: list[VedtakDokument]
    vilkar: list[Vilkar]
    klager: list[Klage]
    dokumentasjonskrav: list[VedtakDokumentasjonskrav] = field(default_factory=list)
    kom_fram: rules.KomFram | None = None  # when the decision reached the person (fvl § 29)
    klagefrist: rules.Frist | None = None  # the appeal deadline from then


def _missing(actor: object, object_type: str, object_id: int, purpose: str) -> NoReturn:
    """Log and refuse an id that does not exist exactly as one outside scope (same message),
    so probing ids tells nothing and is seen in the audit log."""
    record(actor=actor, action=Action.DENIED, object_type=object_type, object_id=object_id,
           purpose=purpose)
    raise NotFound(NOT_FOUND_TEXT)


def vedtak_page(*, scope: Scope, actor: object, vedtak_id: int) -> VedtakPage:
    """Return one decision with its letters, conditions (with breaches) and appeals."""
    soknad_id = Vedtak.objects.filter(pk=vedtak_id).values_list("sak__soknad_id", flat=True).first()
    if soknad_id is None:
        _missing(actor, "vedtak", vedtak_id, "lese vedtak")
    staff_readable(scope=scope, actor=actor, soknad_id=soknad_id, purpose="lese vedtak")
    vedtak = Vedtak.objects.select_related("sak", "endrer", "godkjent_av").get(pk=vedtak_id)
    kom_fram, klagefrist = appeal_deadline(vedtak)
    return VedtakPage(
        kom_fram=kom_fram, klagefrist=klagefrist,
        vedtak=vedtak, soknad_id=soknad_id,
        dokumenter=list(VedtakDokument.objects.filter(vedtak=vedtak).defer("pdf")),
        vilkar=list(vedtak.vilkar.prefetch_related(Prefetch(
            "brudd", queryset=Vilkarsbrudd.objects.select_related("varsel", "reduksjon")
            .defer("varsel__pdf")))),
        klager=list(Klage.objects.filter(vedtak=vedtak).select_related("pakke")
                    .defer("pakke__pdf")),
        dokumentasjonskrav=list(vedtak.dokumentasjonskrav.all()))


def klage_package(*, scope: Scope, actor: object, klage_id: int) -> dict[str, Any]:
    """Return the structured export sent to the Statsforvalter with a forwarded appeal; log
    the read. NotFound (logged) for an appeal not forwarded or outside scope."""
    row = Klage.objects.filter(pk=klage_id, pakke__isnull=False).values_list(
        "vedtak__sak__soknad_id", "pakke_json").first()
    if row is None:
        _missing(actor, "klage", klage_id, "lese klagesak")
    staff_readable(scope=scope, actor=actor, soknad_id=row[0], purpose="lese klagesak")
    return dict(row[1])


def dokument_pdf(*, scope: Scope, actor: object, dokument_id: int) -> tuple[str, bytes]:
    """Return a stored letter's file name and PDF; log the read."""
    row = VedtakDokument.objects.filter(pk=dokument_id).first()
    if row is None:
        _missing(actor, "vedtaksdokument", dokument_id, "lese brev")
    staff_readable(scope=scope, actor=actor, soknad_id=row.soknad_id, purpose="lese brev")
    return row.filnavn, bytes(row.pdf)


@dataclass(frozen=True)
class ForslagRow:
    id: int
    soknad_id: int
    navn: str
    hjemmel: str
    utfall: str
    utfall_label: str
    belop: int | None
    foreslatt_av: str
    foreslatt_at: datetime
    egen: bool  # proposed by the caller, who may not approve it
    art: str = "ORDINAER"
    art_label: str = ""
    data: dict[str, Any] = field(default_factory=dict)  # what the approver reads first
    vurdering: str = ""  # the office's assessment of the appeal (OMGJORING)


def _waiting(scope: Scope) -> QuerySet[Vedtaksforslag]:
    return Vedtaksforslag.objects.filter(status="VENTER",
                                         soknad__in=scoped_soknader(scope))


def approvals_waiting_count(scope: Scope) -> int:
    """Return how many proposals wait for approval in the caller's scope (no personal data)."""
    return _waiting(scope).count() if scope.can_write else 0


def approvals_waiting(*, scope: Scope, actor: object) -> list[ForslagRow]:
    """Return the proposals waiting for a second caseworker at the caller's office, oldest
    first; log one read per application listed. Raise NotFound for a read-only scope."""
    if not scope.can_write:
        record(actor=actor, action=Action.DENIED, object_type="vedtaksforslag", object_id="",
               purpose="vedtak til godkjenning")
        raise NotFound("Fant ikke siden.")
    rows = list(_waiting(scope).select_related("soknad__husstand", "foreslatt_av")
                .order_by("foreslatt_at", "id"))
    labels = dict(Utfall.choices)
    me = getattr(actor, "pk", None)
    record_many(actor=actor, action=Action.READ, object_type="soknad",
                object_ids=[f.soknad_id for f in rows], purpose="vedtak til godkjenning",
                kontor_ids=[f.soknad.kontor_id for f in rows])
    return [ForslagRow(
        id=f.pk, soknad_id=f.soknad_id, navn=f.soknad.soker_navn,
        hjemmel=str(f.data.get("hjemmel", "")), utfall=f.utfall,
        utfall_label=str(labels.get(f.utfall, f.utfall)), belop=f.belop,
        foreslatt_av=(f.foreslatt_av.get_full_name() or f.foreslatt_av.username)
        if f.foreslatt_av else "", foreslatt_at=f.foreslatt_at,
        egen=f.foreslatt_av_id == me, art=f.art, art_label=str(f.get_art_display()),
        data=f.data, vurdering=f.vurdering)
        for f in rows]
