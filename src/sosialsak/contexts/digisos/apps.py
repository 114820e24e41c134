from django.apps import AppConfig


class DigisosConfig(AppConfig):
    name = "sosialsak.contexts.digisos"
    label = "digisos"
