"""Forms for the social services pages (issue 14, items 4-7). Bounds as in the API."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.services.models import (
    BotilbudType,
    Formal,
    HenvisningTil,
    Niva,
    RadgivningArt,
    RadgivningUtfall,
    Resultat,
    Tjeneste,
)
from sosialsak.interfaces.caseworker.fields import BoundedIntegerField, CaseDateField, days_field

DATE = {"type": "date"}


def _date(label: Any, required: bool = True) -> CaseDateField:
    return CaseDateField(label=label, required=required, widget=forms.DateInput(attrs=DATE))


def _text(label: Any, required: bool = True, rows: int = 4) -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=20000,
                           widget=forms.Textarea(attrs={"rows": rows}))


def _line(label: Any, required: bool = True) -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=200)


def _choices(form: forms.Form, name: str, choices: list[Any]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class PlanForm(forms.Form):
    mal = _text(_("Personens mål"))
    neste_evaluering = _date(_("Dato for neste evaluering"))
    barn_langvarige_behov = forms.BooleanField(
        label=_("Familien har barn med langvarige og sammensatte behov"), required=False)
    barnekoordinator = _line(_("Barnekoordinator (navn og tjeneste)"), required=False)


class DeltakerForm(forms.Form):
    tjeneste = forms.ChoiceField(label=_("Tjeneste"), choices=Tjeneste.choices)
    navn = _line(_("Navn på tjenesten eller kontaktpersonen"))
    kontakt = _line(_("Telefon eller e-post"), required=False)
    samtykke = forms.MultipleChoiceField(
        label=_("Personen samtykker til å dele dette med deltakeren"), required=False,
        choices=Formal.choices, widget=forms.CheckboxSelectMultiple)


class SamtykkeForm(forms.Form):
    formal = forms.ChoiceField(label=_("Formål"), choices=Formal.choices)


class TiltakForm(forms.Form):
    hva = _line(_("Hva skal gjøres"))
    formal = forms.ChoiceField(label=_("Formål"), choices=Formal.choices)
    ansvarlig = forms.TypedChoiceField(label=_("Hvem har ansvaret"), coerce=int, required=False,
                                       empty_value=None)
    frist = _date(_("Frist"), required=False)

    def __init__(self, *args: object, deltakere: list[tuple[int, str]], **kwargs: object
                 ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        _choices(self, "ansvarlig", [("", _("NAV (koordinatoren)")), *deltakere])


class MoteForm(forms.Form):
    dato = _date(_("Dato"))
    formal = forms.ChoiceField(label=_("Formål (styrer hvem som kan se referatet)"),
                               choices=Formal.choices)
    deltakere = forms.TypedMultipleChoiceField(label=_("Hvem var med"), coerce=int,
                                               required=False,
                                               widget=forms.CheckboxSelectMultiple)
    referat = _text(_("Referat"), rows=6)

    def __init__(self, *args: object, deltakere: list[tuple[int, str]], **kwargs: object
                 ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        _choices(self, "deltakere", deltakere)


class BotilbudForm(forms.Form):
    navn = _line(_("Navn"))
    type = forms.ChoiceField(label=_("Type"), choices=BotilbudType.choices)
    adresse = _line(_("Adresse"), required=False)


class VurderingForm(forms.Form):
    dato = _date(_("Dato for vurderingen"))
    vurdert_av = _line(_("Vurdert av"))
    funn = _text(_("Funn"))
    forsvarlig = forms.BooleanField(label=_("Botilbudet er forsvarlig"), required=False)
    godkjent_for_barn = forms.BooleanField(label=_("Godkjent for barn"), required=False)


class OppholdForm(forms.Form):
    botilbud_id = forms.TypedChoiceField(label=_("Botilbud"), coerce=int)
    fra = _date(_("Fra (innflytting)"))
    til = _date(_("Flyttet ut (la stå tom hvis de bor der nå)"), required=False)
    antall_voksne = BoundedIntegerField(label=_("Antall voksne"), min_value=1, max_value=20,
                                        initial=1)
    antall_barn = BoundedIntegerField(label=_("Antall barn som bor der"), min_value=0,
                                      max_value=20, initial=0)
    pris_per_dogn = BoundedIntegerField(label=_("Pris per døgn (kr)"), min_value=0,
                                        max_value=100_000)
    vedtak_id = forms.TypedChoiceField(label=_("Vedtaket om botilbudet"), coerce=int,
                                       required=False, empty_value=None)

    def __init__(self, *args: object, botilbud: list[tuple[int, str]],
                 vedtak: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        _choices(self, "botilbud_id", botilbud)
        _choices(self, "vedtak_id", [("", _("Ikke valgt")), *vedtak])


class UtestengelseForm(forms.Form):
    botilbud_id = forms.TypedChoiceField(label=_("Botilbud"), coerce=int)
    fra = _date(_("Utestengt fra"))
    til = _date(_("Til og med (la stå tom hvis den ikke har sluttdato)"), required=False)
    fakta = _text(_("Hva har skjedd"))
    kontradiksjon = _text(_("Hva personen selv har sagt om saken"))
    begrunnelse = _text(_("Begrunnelse for vedtaket"))

    def __init__(self, *args: object, botilbud: list[tuple[int, str]], **kwargs: object
                 ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        _choices(self, "botilbud_id", botilbud)


class RadgivningForm(forms.Form):
    art = forms.ChoiceField(label=_("Tjeneste"), choices=RadgivningArt.choices)
    vedtak_dato = _date(_("Vedtaksdato"))
    utfall = forms.ChoiceField(label=_("Vedtak"), choices=RadgivningUtfall.choices)
    niva = forms.ChoiceField(label=_("Nivå"), choices=Niva.choices)
    start = _date(_("Startdato"), required=False)


class HenvisningForm(forms.Form):
    til = forms.ChoiceField(label=_("Henvist til"), choices=HenvisningTil.choices)
    navn = _line(_("Hvem"), required=False)
    dato = _date(_("Dato"))
    notat = _text(_("Notat"), required=False, rows=2)


class AvsluttRadgivningForm(forms.Form):
    avsluttet = _date(_("Avsluttet"))
    resultat = forms.ChoiceField(label=_("Resultat"), choices=Resultat.choices)
    notat = _text(_("Om resultatet"), required=False, rows=2)


class BekymringForm(forms.Form):
    barn_navn = _line(_("Barnet meldingen gjelder"))
    sendt_dato = _date(_("Dato meldingen ble sendt"))
    barneverntjeneste = _line(_("Til hvilken barneverntjeneste"))


class SvarForm(forms.Form):
    svar_dato = _date(_("Dato svaret kom"))
    svar = _text(_("Svaret fra barnevernet"))
    neste_steg = _text(_("Neste steg"), required=False, rows=2)


class TjenesteinnstillingerForm(forms.Form):
    barnevern_svar_dager = days_field(_("Bekymringsmelding uten svar etter (dager)"),
                                      min_value=1)
