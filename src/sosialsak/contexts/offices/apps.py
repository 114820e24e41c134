from django.apps import AppConfig


class OfficesConfig(AppConfig):
    name = "sosialsak.contexts.offices"
    label = "offices"
