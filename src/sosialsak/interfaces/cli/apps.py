from django.apps import AppConfig


class CliConfig(AppConfig):
    name = "sosialsak.interfaces.cli"
    label = "cli"
