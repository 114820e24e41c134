"""Forms for case progress. They only parse and label input; the operations enforce the rules."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.cases.models import LevertVia, SamtaleKanal, VeiledningTema
from sosialsak.contexts.cases.skjema import Felt
from sosialsak.contexts.offices.policy import WEEKDAYS, Settings
from sosialsak.interfaces.caseworker.fields import (
    BoundedIntegerField,
    CaseDateField,
    CaseDateTimeField,
)
from sosialsak.kernel import bounds

DATE = {"type": "date"}
JA_NEI = [("ja", _("Ja")), ("nei", _("Nei"))]

# The documents most often asked for; the caseworker can add others in free text.
DOKUMENTLISTE = [
    ("Kontoutskrift for siste måned", _("Kontoutskrift for siste måned")),
    ("Lønnsslipp eller annen inntekt siste måned", _("Lønnsslipp eller annen inntekt")),
    ("Husleiekontrakt", _("Husleiekontrakt")),
    ("Kvittering for betalt husleie", _("Kvittering for betalt husleie")),
    ("Strømregning", _("Strømregning")),
    ("Vedtak om bostøtte", _("Vedtak om bostøtte")),
    ("Vedtak om andre ytelser fra NAV", _("Vedtak om andre ytelser fra NAV")),
    ("Dokumentasjon på barnebidrag", _("Dokumentasjon på barnebidrag")),
    ("Kostnadsoverslag fra tannlege", _("Kostnadsoverslag fra tannlege")),
]


def _field(felt: Felt) -> forms.Field:
    # The questions are Bokmål msgids (``cases.skjema`` marks them for the catalogues).
    label, hjelp = _(felt.label), _(felt.hjelp) if felt.hjelp else ""
    if felt.kind == "janei":
        return forms.ChoiceField(label=label, choices=JA_NEI, required=False,
                                 widget=forms.RadioSelect, help_text=hjelp)
    if felt.kind == "valg":
        return forms.ChoiceField(label=label, required=False, help_text=hjelp,
                                 choices=[("", _("Velg")), *((k, _(v)) for k, v in felt.choices)])
    if felt.kind == "belop":
        return BoundedIntegerField(label=label, required=False, min_value=0, help_text=hjelp)
    if felt.kind == "dato":
        return CaseDateField(label=label, required=False, help_text=hjelp,
                               widget=forms.DateInput(attrs=DATE))
    return forms.CharField(label=label, required=False, max_length=5000, help_text=hjelp,
                           widget=forms.Textarea(attrs={"rows": 2}))


class KartleggingForm(forms.Form):
    """One section of the mapping; the questions come from ``cases.skjema``."""

    def __init__(self, felter: tuple[Felt, ...], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.felter = felter
        for felt in felter:
            self.fields[felt.key] = _field(felt)
        self.fields["ikke_kartlagt_grunn"] = forms.CharField(
            label=_("Hvis delen ikke kan kartlegges: skriv hvorfor"), required=False,
            max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    @staticmethod
    def initial_from(svar: dict[str, object], grunn: str) -> dict[str, object]:
        out: dict[str, object] = {k: ("ja" if v else "nei") if isinstance(v, bool) else v
                                  for k, v in svar.items()}
        out["ikke_kartlagt_grunn"] = grunn
        return out

    def svar(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for felt in self.felter:
            value = self.cleaned_data.get(felt.key)
            if value in (None, ""):
                continue
            if felt.kind == "janei":
                out[felt.key] = value == "ja"
            elif isinstance(value, date):
                out[felt.key] = value.isoformat()
            else:
                out[felt.key] = value
        return out

    def rows(self) -> list[tuple[Felt, forms.BoundField]]:
        return [(felt, self[felt.key]) for felt in self.felter]


class DokumentasjonForm(forms.Form):
    dokumenter = forms.MultipleChoiceField(label=_("Dokumenter"), required=False,
                                           choices=DOKUMENTLISTE,
                                           widget=forms.CheckboxSelectMultiple)
    andre = forms.CharField(label=_("Andre dokumenter (ett per linje)"), required=False,
                            max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    beskrivelse = forms.CharField(label=_("Forklaring til søkeren (valgfri)"), required=False,
                                  max_length=500)
    dager = BoundedIntegerField(label=_("Frist om antall dager"), required=False, min_value=1,
                               max_value=90)
    frist = CaseDateField(label=_("eller frist dato"), required=False,
                            widget=forms.DateInput(attrs=DATE))

    def titler(self) -> list[str]:
        d = self.cleaned_data
        return [*d["dokumenter"], *(line.strip() for line in d["andre"].splitlines())]


class MottattForm(forms.Form):
    levert_via = forms.ChoiceField(label=_("Levert via"), choices=LevertVia.choices)


class ForelopigSvarForm(forms.Form):
    grunn = forms.CharField(label=_("Hvorfor tar behandlingen tid?"), max_length=2000,
                            widget=forms.Textarea(attrs={"rows": 4}))
    forventet_dato = CaseDateField(label=_("Når kan søkeren vente svar?"),
                                     widget=forms.DateInput(attrs=DATE))


class SamtaleForm(forms.Form):
    tidspunkt = CaseDateTimeField(label=_("Tidspunkt"),
                                    widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    kanal = forms.ChoiceField(label=_("Hvor eller hvordan"), choices=SamtaleKanal.choices)
    deltakere = forms.CharField(label=_("Deltakere"), required=False, max_length=300)
    tolk_brukt = forms.BooleanField(label=_("Tolk ble brukt"), required=False)
    tolkesprak = forms.CharField(label=_("Tolkespråk"), required=False, max_length=40)
    notat = forms.CharField(label=_("Notat"), max_length=20000,
                            widget=forms.Textarea(attrs={"rows": 6}))
    oppfolging = forms.CharField(label=_("Oppfølging som er avtalt (valgfri)"), required=False,
                                 max_length=200)
    oppfolging_frist = CaseDateField(label=_("Frist for oppfølgingen"), required=False,
                                       widget=forms.DateInput(attrs=DATE))


class VeiledningForm(forms.Form):
    dato = CaseDateField(label=_("Dato"), widget=forms.DateInput(attrs=DATE))
    temaer = forms.MultipleChoiceField(label=_("Hva ble det gitt opplysning, råd eller "
                                               "veiledning om?"), required=False,
                                       choices=VeiledningTema.choices,
                                       widget=forms.CheckboxSelectMultiple)
    henvist_til = forms.CharField(label=_("Henvist til (for eksempel gjeldsrådgivning i "
                                          "kommunen, Husbanken, fastlege)"),
                                  required=False, max_length=300)
    takket_nei = forms.BooleanField(label=_("Personen takket nei"), required=False)
    notat = forms.CharField(label=_("Hva som ble gitt"), required=False, max_length=5000,
                            widget=forms.Textarea(attrs={"rows": 3}))


class OppgaveForm(forms.Form):
    tittel = forms.CharField(label=_("Hva skal gjøres?"), max_length=200)
    frist = CaseDateField(label=_("Frist"), widget=forms.DateInput(attrs=DATE))


class OfficeSettingsForm(forms.Form):
    apner = forms.TimeField(label=_("Åpner"), widget=forms.TimeInput(attrs={"type": "time"}))
    stenger = forms.TimeField(label=_("Stenger"), widget=forms.TimeInput(attrs={"type": "time"}))
    apne_dager = forms.MultipleChoiceField(
        label=_("Åpne dager"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(str(i), day.capitalize()) for i, day in enumerate(WEEKDAYS, start=1)])
    vakt_ved_nodhjelp = forms.BooleanField(
        label=_("Nødhjelp utenfor åpningstid går til vakt"), required=False)
    vakt_navn = forms.CharField(label=_("Vakt: hvem"), required=False, max_length=200)
    vakt_telefon = forms.CharField(label=_("Vakt: telefon"), required=False, max_length=20)
    kartlegging_frist_dager = BoundedIntegerField(
        label=_("Frist for å kartlegge barna etter nødhjelp (dager)"), min_value=0,
        max_value=bounds.MAX_DAYS)
    kartlegging_gyldig_maneder = BoundedIntegerField(
        label=_("Hvor lenge en kartlegging kan brukes i en ny søknad (måneder)"), min_value=0)
    dokumentasjon_terskel = BoundedIntegerField(
        label=_("Flagg når flere dokumenter enn dette er etterspurt"), min_value=0)
    dokumentasjon_paminnelse_dager = BoundedIntegerField(
        label=_("Påminnelse om dokumentasjon, dager før fristen"), min_value=0,
        max_value=bounds.MAX_DAYS)
    forelopig_svar_varsel_dager = BoundedIntegerField(
        label=_("Varsel om foreløpig svar, dager før fristen"), min_value=0,
        max_value=bounds.MAX_DAYS)
    uten_vedtak_dager = BoundedIntegerField(
        label=_("Vis søknader uten vedtak etter (dager)"), min_value=0,
        max_value=bounds.MAX_DAYS)
    vedtaksperiode_varsel_dager = BoundedIntegerField(
        label=_("Vis vedtaksperioder som slutter innen (dager)"), min_value=0,
        max_value=bounds.MAX_DAYS)
    klage_oversending_dager = BoundedIntegerField(
        label=_("Klager skal være vurdert og sendt til Statsforvalteren innen (dager)"),
        min_value=0, max_value=bounds.MAX_DAYS)

    def settings(self) -> Settings:
        d = dict(self.cleaned_data)
        d["apne_dager"] = "".join(sorted(d["apne_dager"]))
        return Settings(**d)
