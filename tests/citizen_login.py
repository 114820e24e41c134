"""Log a citizen in through the development OIDC provider, in-process (issue 16, item 1).

The real client code path runs (Authlib's session, discovery, token exchange, JWKS, joserfc's
checks); only the transport differs: a requests adapter answers the back-channel calls from
the app itself through Django's test client, so no network or server is needed.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import requests
from django.test import Client
from requests.adapters import BaseAdapter


class DjangoClientAdapter(BaseAdapter):
    """Answer requests to http://testserver/ from the app (no socket)."""

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        url = urlsplit(request.url or "")
        path = url.path + (f"?{url.query}" if url.query else "")
        client = Client()
        headers = {k: v for k, v in request.headers.items()
                   if k.lower() in ("authorization", "accept")}
        if request.method == "POST":
            answer = client.post(path, data=request.body or b"",
                                 content_type=request.headers.get("Content-Type", ""),
                                 headers=headers)
        else:
            answer = client.get(path, headers=headers)
        response = requests.Response()
        response.status_code = answer.status_code
        response._content = answer.content
        response.headers.update({k: v for k, v in answer.items()})
        response.url = request.url or ""
        response.request = request
        return response

    def close(self) -> None:
        pass


def mount(monkeypatch: Any) -> None:
    from sosialsak.interfaces.citizen import oidc

    monkeypatch.setattr(oidc, "ADAPTERS", [("http://testserver/", DjangoClientAdapter())])


def oidc_login(client: Client, pid: str, acr: str = "idporten-loa-high") -> Any:
    """Go through the whole login; return the last response (the callback's)."""
    start = client.get("/mine/logg-inn/idporten/")
    assert start.status_code == 302, start.content
    authorize = start["Location"]
    assert authorize.startswith("http://testserver/dev-idp/authorize?")
    back = client.post(authorize.removeprefix("http://testserver"), {"pid": pid, "acr": acr})
    assert back.status_code == 302, back.content
    return client.get(back["Location"].removeprefix("http://testserver"))
