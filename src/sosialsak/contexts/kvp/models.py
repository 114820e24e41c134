"""Kvalifiseringsprogram (sotjl. §§ 29–39) end to end.

``Deltakelse`` is one person's way through the programme at one office: screened, assessed
(§ 29), applied for, decided, in programme (with interruptions), ended. The application is a
case of its own (``soknad``: registered through intake, so it has a KOSTRA registration date,
deadlines and an innsyn file); the grant or refusal is a ``decisions.Vedtak`` on it (§ 35), so
kvalifiseringsstønad is paid through the payment plan the rules calculate month by month.

``Vurdering`` is the structured § 29 assessment. Assessments written before it existed (free
text in ``decisions.KvpVurdering``) were copied here as ``kilde = FRITEKST`` and stay readable;
every new assessment also writes a ``decisions.KvpVurdering`` row, which the § 20 a check reads.

The programme plan is its ``Programlinje`` rows (a tiltak referral or a free activity, hours per
week): it must add up to the office's full time. ``Fravaer`` is the absence register; an
unauthorised absence reduces the benefit only through a ``Reduksjon`` decision.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.accounts.models import NavKontor
from sosialsak.contexts.decisions.models import KvpVurdering as FritekstVurdering
from sosialsak.contexts.decisions.models import Vedtak, VedtakDokument
from sosialsak.contexts.intake.models import Soknad
from sosialsak.contexts.people.models import Person
from sosialsak.contexts.tiltak.models import Henvisning
from sosialsak.rules.kostra_kvp import kodeverk_11cf

User = settings.AUTH_USER_MODEL


class Status(models.TextChoices):
    SCREENET = "SCREENET", _("Aktuell for KVP")
    VURDERT = "VURDERT", _("Vurdert")
    SOKT = "SOKT", _("Søknad registrert")
    INNVILGET = "INNVILGET", _("Innvilget")
    AVSLATT = "AVSLATT", _("Avslått")
    I_PROGRAM = "I_PROGRAM", _("I program")
    AVBRUTT = "AVBRUTT", _("Midlertidig avbrutt")
    AVSLUTTET = "AVSLUTTET", _("Avsluttet")


class ScreeningGrunn(models.TextChoices):
    LANGTID = "LANGTID", _("Langtidsmottaker av økonomisk stønad")
    UNDER_30_VILKAR = "UNDER_30_VILKAR", _("Under 30 år med vilkår om aktivitet (§ 20 a)")
    YTELSE_SLUTTER = "YTELSE_SLUTTER", _("Stønad eller ytelse tar slutt")
    ANNET = "ANNET", _("Annet")


class AndreYtelser(models.TextChoices):
    INGEN = "ingen", _("Ingen ytelser")
    SVART_BEGRENSET = "svart_begrenset", _("Svært begrensede ytelser")
    ANDRE = "andre", _("Har andre ytelser")


class Deltakelse(models.Model):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="kvp_deltakelser")
    kontor = models.ForeignKey(NavKontor, on_delete=models.PROTECT, related_name="+")
    # The case the person was found in, and the KVP application (a case of its own).
    fra_soknad = models.ForeignKey(Soknad, on_delete=models.PROTECT, related_name="+")
    soknad = models.OneToOneField(Soknad, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="kvp_deltakelse")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.SCREENET)
    screening_grunn = models.CharField(_("hvorfor aktuell"), max_length=16,
                                       choices=ScreeningGrunn.choices)
    screening_notat = models.TextField(_("notat"), blank=True)
    screenet_at = models.DateTimeField()
    screenet_av = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    # KOSTRA 11CF: REG_DATO, VEDTAK_DATO, BEGYNT_DATO, AVSL_DATO.
    reg_dato = models.DateField(_("søknad registrert"), null=True, blank=True)
    vedtak = models.ForeignKey(Vedtak, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    vedtak_dato = models.DateField(_("vedtak fattet"), null=True, blank=True)
    begynt_dato = models.DateField(_("begynte i program"), null=True, blank=True)
    # The programme runs [begynt_dato, slutt_dato): the ordinary end (2 years), or the end
    # after an extension (up to 1 more year, with reasons).
    slutt_dato = models.DateField(_("programmet slutter (ikke inkludert)"), null=True,
                                  blank=True)
    forlenget_begrunnelse = models.TextField(_("begrunnelse for forlengelse"), blank=True)
    # The § 35 decision for the extension period (its own letter and payments).
    forlengelse_vedtak = models.ForeignKey(Vedtak, null=True, blank=True,
                                           on_delete=models.PROTECT, related_name="+")
    avsluttet_dato = models.DateField(_("avsluttet"), null=True, blank=True)
    kostra_status = models.CharField(_("status (KOSTRA)"), max_length=1, blank=True,
                                     choices=kodeverk_11cf().status_choices())
    situasjon_etter = models.JSONField(_("situasjon etter (KOSTRA)"), default=list, blank=True)
    viktigste_inntekt = models.CharField(_("viktigste inntektskilde etter (KOSTRA)"),
                                         max_length=2, blank=True,
                                         choices=kodeverk_11cf().situasjon_choices())
    avslutning_begrunnelse = models.TextField(_("begrunnelse for avslutning"), blank=True)
    endret_at = models.DateTimeField()

    class Meta:
        ordering = ["screenet_at", "id"]
        indexes = [models.Index(fields=["kontor", "status"])]
        verbose_name = _("deltakelse i kvalifiseringsprogram")
        verbose_name_plural = _("deltakelser i kvalifiseringsprogram")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(slutt_dato__isnull=True)
                | models.Q(begynt_dato__isnull=False, slutt_dato__gt=models.F("begynt_dato")),
                name="kvp_slutt_after_start"),
            models.CheckConstraint(
                condition=~models.Q(status="AVSLUTTET")
                | (models.Q(avsluttet_dato__isnull=False) & ~models.Q(kostra_status="")),
                name="kvp_ended_has_date_and_status"),
        ]

    def __str__(self) -> str:
        return f"Deltakelse {self.pk}"


class Kilde(models.TextChoices):
    STRUKTURERT = "STRUKTURERT", _("Strukturert vurdering")
    FRITEKST = "FRITEKST", _("Fritekst (eldre vurdering)")


class Vurdering(models.Model):
    """The § 29 assessment: reduced work and earning capacity, no or limited benefits, an
    assessment of work capacity made, and whether the programme is suitable and necessary."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT,
                               related_name="kvp_strukturerte_vurderinger")
    soknad = models.ForeignKey(Soknad, on_delete=models.PROTECT, related_name="+")
    deltakelse = models.ForeignKey(Deltakelse, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="vurderinger")
    kilde = models.CharField(max_length=12, choices=Kilde.choices, default=Kilde.STRUKTURERT)
    vurdert_dato = models.DateField(_("vurdert"))
    vesentlig_nedsatt_arbeidsevne = models.BooleanField(
        _("vesentlig nedsatt arbeids- og inntektsevne"), null=True)
    andre_ytelser = models.CharField(_("ytelser etter folketrygdloven/arbeidsmarkedsloven"),
                                     max_length=16, choices=AndreYtelser.choices, blank=True)
    arbeidsevnevurdering = models.BooleanField(_("arbeidsevnevurdering er gjort"), null=True)
    egnet = models.BooleanField(_("programmet er egnet og nødvendig"), null=True)
    har_rett = models.BooleanField(_("har rett til kvalifiseringsprogram"))
    begrunnelse = models.TextField(_("vurdering"))
    sjekker = models.JSONField(default=list, blank=True)
    # The row the § 20 a check reads (and, for FRITEKST, the row this was copied from).
    fritekst = models.OneToOneField(FritekstVurdering, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    vurdert_at = models.DateTimeField()
    vurdert_av = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["vurdert_dato", "id"]
        verbose_name = _("vurdering av rett til KVP")
        verbose_name_plural = _("vurderinger av rett til KVP")
        constraints = [models.CheckConstraint(condition=~models.Q(begrunnelse=""),
                                              name="kvp_vurdering2_has_reasons")]

    def __str__(self) -> str:
        return f"Vurdering {self.pk}"


class Programlinje(models.Model):
    """One line of the programme plan: a tiltak referral or a free activity, hours a week."""

    deltakelse = models.ForeignKey(Deltakelse, on_delete=models.CASCADE,
                                   related_name="programlinjer")
    henvisning = models.ForeignKey(Henvisning, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    beskrivelse = models.CharField(_("aktivitet"), max_length=300)
    timer_per_uke = models.DecimalField(_("timer per uke"), max_digits=4, decimal_places=1)
    rekkefolge = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["rekkefolge", "id"]
        verbose_name = _("linje i programplan")
        verbose_name_plural = _("linjer i programplan")
        constraints = [models.CheckConstraint(condition=models.Q(timer_per_uke__gt=0),
                                              name="programlinje_positive_hours")]

    def __str__(self) -> str:
        return f"Programlinje {self.pk}"


class FravaerType(models.TextChoices):
    SYK_EGENMELDING = "SYK_EGENMELDING", _("Syk, med egenmelding")
    SYK_LEGEERKLAERING = "SYK_LEGEERKLAERING", _("Syk, med legeerklæring")
    GYLDIG = "GYLDIG", _("Gyldig fravær etter avtale")
    UGYLDIG = "UGYLDIG", _("Ugyldig fravær")
    UTEN_STONAD = "UTEN_STONAD", _("Fravær uten stønad (avtalt permisjon)")


# Absence that takes a day's benefit, once decided (§ 36: a reduction decision).
TREKK = (FravaerType.UGYLDIG, FravaerType.UTEN_STONAD)


class Reduksjon(models.Model):
    """A decision reducing one month's kvalifiseringsstønad for absence, with its letter."""

    deltakelse = models.ForeignKey(Deltakelse, on_delete=models.PROTECT,
                                   related_name="reduksjoner")
    maned = models.DateField(_("måned"))
    dager = models.PositiveSmallIntegerField(_("dager"))
    trekk = models.PositiveIntegerField(_("trekk (kr)"))
    stonad_for = models.PositiveIntegerField(_("stønad før trekk (kr)"))
    stonad_etter = models.PositiveIntegerField(_("stønad etter trekk (kr)"))
    begrunnelse = models.TextField(_("begrunnelse"))
    brev = models.ForeignKey(VedtakDokument, on_delete=models.PROTECT, related_name="+")
    vedtatt_at = models.DateTimeField()
    vedtatt_av = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["maned", "id"]
        verbose_name = _("reduksjon for fravær")
        verbose_name_plural = _("reduksjoner for fravær")

    def __str__(self) -> str:
        return f"Reduksjon {self.pk}"


class Fravaer(models.Model):
    deltakelse = models.ForeignKey(Deltakelse, on_delete=models.CASCADE, related_name="fravaer")
    dato = models.DateField(_("dato"))
    type = models.CharField(_("type"), max_length=20, choices=FravaerType.choices)
    # Sick leave is kept only with a self-declaration or a doctor's note on file.
    dokumentasjon = models.CharField(_("dokumentasjon"), max_length=300, blank=True)
    merknad = models.TextField(_("merknad"), blank=True)
    reduksjon = models.ForeignKey(Reduksjon, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="fravaersdager")
    registrert_at = models.DateTimeField()
    registrert_av = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")

    class Meta:
        ordering = ["dato", "id"]
        verbose_name = _("fravær")
        verbose_name_plural = _("fravær")
        constraints = [
            models.UniqueConstraint(fields=["deltakelse", "dato"], name="one_fravaer_per_day"),
            models.CheckConstraint(
                condition=~models.Q(type__in=("SYK_EGENMELDING", "SYK_LEGEERKLAERING"))
                | ~models.Q(dokumentasjon=""), name="sick_leave_is_documented"),
        ]

    def __str__(self) -> str:
        return f"Fravaer {self.pk}"


class Avbrudd(models.Model):
    """A temporary interruption: no benefit from ``fra`` until re-entry on ``til``."""

    deltakelse = models.ForeignKey(Deltakelse, on_delete=models.CASCADE, related_name="avbrudd")
    fra = models.DateField(_("fra"))
    til = models.DateField(_("tilbake"), null=True, blank=True)
    grunn = models.TextField(_("grunn"))
    registrert_at = models.DateTimeField()

    class Meta:
        ordering = ["fra", "id"]
        verbose_name = _("avbrudd")
        verbose_name_plural = _("avbrudd")
        constraints = [models.CheckConstraint(
            condition=models.Q(til__isnull=True) | models.Q(til__gt=models.F("fra")),
            name="avbrudd_ordered")]

    def __str__(self) -> str:
        return f"Avbrudd {self.pk}"


class KvpInnstillinger(models.Model):
    """The office's KVP settings: full time in hours a week, and how early the worklist shows
    a programme that ends (extension decision due)."""

    kontor = models.OneToOneField(NavKontor, on_delete=models.CASCADE,
                                  related_name="kvp_innstillinger")
    fulltid_timer = models.DecimalField(_("full tid (timer per uke)"), max_digits=4,
                                        decimal_places=1, default=37.5)
    programslutt_varsel_dager = models.PositiveSmallIntegerField(
        _("vis programmer som slutter innen (dager)"), default=60)

    class Meta:
        verbose_name = _("innstillinger for KVP")
        verbose_name_plural = _("innstillinger for KVP")

    def __str__(self) -> str:
        return f"KvpInnstillinger {self.kontor_id}"
