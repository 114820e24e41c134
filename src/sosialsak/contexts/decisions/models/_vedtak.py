"""Decision subjects (sak), decisions (vedtak) and their conditions (vilkår)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.intake.models import Soknad, SoktStonad


class SakStatus(models.TextChoices):
    AKTIV = "AKTIV", _("Aktiv")
    FEILREGISTRERT = "FEILREGISTRERT", _("Feilregistrert")


class Sak(models.Model):
    """A decision subject within an application, with a title (Digisos: saksStatus/referanse).

    A sak opened by mistake is marked FEILREGISTRERT (hidden on nav.no), never deleted; its
    decisions then no longer count as decisions on the items applied for."""

    soknad = models.ForeignKey(Soknad, on_delete=models.CASCADE, related_name="saker")
    referanse = models.CharField(max_length=40, unique=True)
    tittel = models.CharField(_("tittel"), max_length=200)
    opprettet_at = models.DateTimeField()
    status = models.CharField(max_length=16, choices=SakStatus.choices, default=SakStatus.AKTIV)
    feilregistrert_at = models.DateTimeField(null=True, blank=True)
    feilregistrert_grunn = models.TextField(_("hvorfor saken er feilregistrert"), blank=True)

    class Meta:
        ordering = ["opprettet_at", "id"]
        verbose_name = _("sak")
        verbose_name_plural = _("saker")

    def __str__(self) -> str:
        return f"Sak {self.referanse}"


class Hjemmel(models.TextChoices):
    """Legal basis, as a § of sosialtjenesteloven."""

    P18 = "§ 18", _("§ 18 stønad til livsopphold")
    P18_NODHJELP = "§ 18 nødhjelp", _("§ 18 nødhjelp")
    P19 = "§ 19", _("§ 19 stønad i særlige tilfeller")
    P21 = "§ 21", _("§ 21 stønadsform")
    P27 = "§ 27", _("§ 27 midlertidig botilbud")
    P35 = "§ 35", _("§ 35 kvalifiseringsstønad")


class Utfall(models.TextChoices):
    INNVILGET = "INNVILGET", _("Innvilget")
    DELVIS_INNVILGET = "DELVIS_INNVILGET", _("Delvis innvilget")
    AVSLATT = "AVSLATT", _("Avslått")
    AVVIST = "AVVIST", _("Avvist")


class Stonadsform(models.TextChoices):
    BIDRAG = "BIDRAG", _("Bidrag")
    LAN = "LAN", _("Lån")
    GARANTI = "GARANTI", _("Garanti")
    VARER_OG_TJENESTER = "VARER_OG_TJENESTER", _("Varer og tjenester")


class VedtakArt(models.TextChoices):
    ORDINAER = "ORDINAER", _("Vedtak")
    REDUKSJON = "REDUKSJON", _("Reduksjon etter brudd på vilkår")
    OMGJORING = "OMGJORING", _("Omgjøring etter klage")


class Forsendelse(models.TextChoices):
    """How the decision was sent to the person (the appeal deadline runs from its arrival)."""

    DIGITAL = "DIGITAL", _("Digitalt (nav.no)")
    POST = "POST", _("Med post")
    UTLEVERT = "UTLEVERT", _("Gitt personen på kontoret")


class Vedtak(models.Model):
    sak = models.ForeignKey(Sak, on_delete=models.PROTECT, related_name="vedtak")
    poster = models.ManyToManyField(SoktStonad, related_name="vedtak",
                                    verbose_name=_("det som er avgjort"))
    hjemmel = models.CharField(_("hjemmel"), max_length=20, choices=Hjemmel.choices)
    utfall = models.CharField(_("utfall"), max_length=20, choices=Utfall.choices)
    stonadsform = models.CharField(_("stønadsform"), max_length=20, choices=Stonadsform.choices,
                                   blank=True)
    periode_fra = models.DateField(_("periode fra"), null=True, blank=True)
    periode_til = models.DateField(_("periode til (ikke inkludert)"), null=True, blank=True)
    belop = models.PositiveIntegerField(_("beløp (kr)"), null=True, blank=True)
    begrunnelse = models.TextField(_("begrunnelse"))
    fattet_at = models.DateTimeField()
    fattet_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                  related_name="+")
    # The builder's record (issue 6). Blank on decisions recorded before the builder existed.
    art = models.CharField(_("art"), max_length=12, choices=VedtakArt.choices,
                           default=VedtakArt.ORDINAER)
    endrer = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="endringer", verbose_name=_("endrer vedtak"))
    individuell_vurdering = models.TextField(_("individuell vurdering"), blank=True)
    fakta = models.TextField(_("faktiske forhold vedtaket bygger på"), blank=True)
    nedbetaling = models.TextField(_("vilkår for nedbetaling av lån"), blank=True)
    barnevurderinger = models.JSONField(_("vurdering av hvert barn"), default=list, blank=True)
    beregning = models.JSONField(_("beregning (frosset)"), default=dict, blank=True)
    # Each month of the period calculated on its own (livsopphold over several months, KVP):
    # [{"maned": "YYYY-MM-01", "belop": kroner paid for the month}]; the payment plan pays
    # each month's own amount. Empty: ``belop`` for each whole month.
    maned_belop = models.JSONField(_("beløp per måned"), default=list, blank=True)
    vilkarsvurdering = models.JSONField(_("vilkårssjekker"), default=dict, blank=True)
    godkjent_av = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    godkjent_at = models.DateTimeField(null=True, blank=True)
    # A frame decision (Digisos rammevedtak): up to ``ramme_belop`` kr per month in the period.
    ramme = models.BooleanField(_("rammevedtak"), default=False)
    ramme_belop = models.PositiveIntegerField(_("inntil (kr per måned)"), null=True, blank=True)
    ramme_beskrivelse = models.CharField(_("rammen gjelder"), max_length=200, blank=True)
    ramme_referanse = models.CharField(max_length=40, blank=True)
    # How and when the decision reached the person (fvl § 29: the appeal deadline runs from
    # then); ``kom_fram`` is the date known, or derived by ``rules.kom_fram``.
    forsendelse = models.CharField(_("sendt"), max_length=10, choices=Forsendelse.choices,
                                   blank=True)
    sendt_dato = models.DateField(_("sendt dato"), null=True, blank=True)
    mottatt_dato = models.DateField(_("mottatt av personen"), null=True, blank=True)

    class Meta:
        ordering = ["fattet_at", "id"]
        # The worklist of decision periods that end soon (issue 13).
        indexes = [models.Index(fields=["periode_til"], name="vedtak_periode_til")]
        verbose_name = _("vedtak")
        verbose_name_plural = _("vedtak")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(periode_til__isnull=True) | models.Q(periode_fra__isnull=True)
                | models.Q(periode_til__gt=models.F("periode_fra")),
                name="vedtak_period_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(ramme=False) | (models.Q(ramme_belop__gt=0)
                                                   & models.Q(periode_fra__isnull=False)
                                                   & models.Q(periode_til__isnull=False)),
                name="rammevedtak_has_amount_and_period"),
        ]

    def __str__(self) -> str:
        return f"Vedtak {self.pk}"

    @property
    def maneder(self) -> list[tuple[date, int]]:
        """The amount paid for each month when calculated month by month (else empty)."""
        return [(date.fromisoformat(m["maned"]), int(m["belop"])) for m in self.maned_belop or []]

    def belop_for(self, day: date) -> int | None:
        """The amount the decision pays for the month of ``day`` (month by month or flat)."""
        month = day.replace(day=1)
        return next((b for m, b in self.maneder if m == month), self.belop)

    @property
    def total(self) -> int | None:
        """What the period pays in all when calculated month by month."""
        return sum(b for _, b in self.maneder) if self.maned_belop else None


class VilkarStatus(models.TextChoices):
    RELEVANT = "RELEVANT", _("Gjelder")
    OPPFYLT = "OPPFYLT", _("Oppfylt")
    IKKE_OPPFYLT = "IKKE_OPPFYLT", _("Ikke oppfylt")
    ANNULLERT = "ANNULLERT", _("Annullert")


class Vilkar(models.Model):
    """A condition (§ 20 / § 20 a) attached to a decision."""

    vedtak = models.ForeignKey(Vedtak, on_delete=models.CASCADE, related_name="vilkar")
    kode = models.CharField(_("vilkårstype (KOSTRA-kode)"), max_length=4, blank=True)
    beskrivelse = models.TextField(_("hva du må gjøre"))
    frist = models.DateField(_("frist"), null=True, blank=True)
    # When the office next checks the condition (issue 14); drives the worklist.
    oppfolgingsdato = models.DateField(_("oppfølgingsdato"), null=True, blank=True)
    status = models.CharField(max_length=12, choices=VilkarStatus.choices,
                              default=VilkarStatus.RELEVANT)
    oppfylt_at = models.DateTimeField(null=True, blank=True)
    referanse = models.CharField(max_length=40, blank=True)
    oppfolging = models.TextField(_("hvordan vi følger opp"), blank=True)
    konsekvens = models.TextField(_("hva som skjer hvis vilkåret ikke blir oppfylt"), blank=True)
    sanksjon = models.CharField(_("konsekvens (KOSTRA)"), max_length=2, blank=True,
                                choices=[("01", _("Redusert stønad")),
                                         ("02", _("Andre konsekvenser"))])
    aktivitet = models.BooleanField(_("vilkår om aktivitet"), default=False)
    holder_tilbake_utbetaling = models.BooleanField(default=False)
    utsettelse_grunnlag = models.TextField(_("hjemmel for å holde tilbake utbetaling"),
                                           blank=True)
    satt = models.DateField(_("satt"), null=True, blank=True)
    annullert_at = models.DateTimeField(null=True, blank=True)
    annullert_grunn = models.TextField(_("hvorfor vilkåret er annullert"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("vilkår")
        verbose_name_plural = _("vilkår")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(holder_tilbake_utbetaling=False) | ~models.Q(
                    utsettelse_grunnlag=""),
                name="vilkar_holding_back_payment_is_grounded"),
        ]

    def __str__(self) -> str:
        return f"Vilkår {self.pk}"
