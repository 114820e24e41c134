from django.apps import AppConfig


class RatesConfig(AppConfig):
    name = "sosialsak.contexts.rates"
    label = "rates"
