"""Language: Bokmål unless the person has chosen another language in the footer.

Django's LocaleMiddleware would follow the browser's Accept-Language, which would show a
caseworker with an English browser an English UI they never asked for; a public service in
Norway starts in Bokmål and offers Nynorsk and English as a choice (kept in a cookie).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.available = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # ``override`` restores the thread's language afterwards, so nothing that runs later
        # on this thread outside a request (jobs, the CLI, tests) inherits a visitor's choice.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
