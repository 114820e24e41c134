"""sosialsak: case management and follow-up for the social services in NAV."""

__version__ = "0.1.0"
SYSTEM_NAME = "sosialsak"
