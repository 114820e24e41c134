"""Headers that keep personal data out of caches (issue 10, item 7).

Every page, API response and file download here may hold personal data, so no browser,
proxy or shared computer may keep a copy: ``Cache-Control: no-store`` on all of them. Static
files are served by WhiteNoise before this middleware runs and keep their long cache times;
the path check covers a server that serves them through Django instead.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import add_never_cache_headers


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.static = "/" + settings.STATIC_URL.lstrip("/")

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if not request.path.startswith(self.static):
            add_never_cache_headers(response)
        return response
