from django.apps import AppConfig


class CaseworkerConfig(AppConfig):
    name = "sosialsak.interfaces.caseworker"
    label = "caseworker"

    def ready(self) -> None:
        from sosialsak.interfaces import wiring

        wiring.install()
