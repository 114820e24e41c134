from django.apps import AppConfig


class CitizenConfig(AppConfig):
    name = "sosialsak.interfaces.citizen"
    label = "citizen"
