from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "sosialsak.contexts.people"
    label = "people"
