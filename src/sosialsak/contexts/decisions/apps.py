from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "sosialsak.contexts.decisions"
    label = "decisions"
