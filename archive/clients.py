"""Who a request comes from, for login throttling and the API's budget: ``REMOTE_ADDR``, or
behind ``TRUSTED_PROXIES`` proxies the address the outermost of them saw, read from the end
of ``X-Forwarded-For`` (what a client writes at its start is never believed)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    proxies = settings.TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if proxies and hops:
        return hops[-min(proxies, len(hops))]
    return request.META.get("REMOTE_ADDR")
