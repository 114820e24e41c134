from django.apps import AppConfig


class CaseworkerConfig(AppConfig):
    name = "sosialsak.interfaces.caseworker"
    label = "caseworker"
