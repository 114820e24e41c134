from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "sosialsak.contexts.cases"
    label = "cases"
