"""Which host names belong to which platform. A jar handed over for a platform may hold only
cookies of the platform's registrable domains (and their subdomains), and a selector pack may send
the browser only there.

"Belongs" is decided by a public-suffix aware parser (tldextract, with the Public Suffix List
snapshot it ships: no network at run time), after a strict host name check: letters, digits and
hyphens in dot-separated labels, no IP literals, no single-label names such as ``localhost``, no
wildcards, slashes or spaces. ``evil.com/.google.com`` is not a google.com host."""

from __future__ import annotations

import functools
import ipaddress
import re

import tldextract

from core.errors import InvalidInput
from core.types import PLATFORMS

PLATFORM_COOKIE_DOMAINS: dict[str, tuple[str, ...]] = {
    "google": ("google.com",),
    "facebook": ("facebook.com",),
    "microsoft": ("microsoft.com", "live.com", "microsoftonline.com"),
}
MAX_HOST_LENGTH = 253  # RFC 1035, without the trailing dot
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


@functools.cache
def _public_suffixes() -> tldextract.TLDExtract:
    # suffix_list_urls=(): never fetch the list; cache_dir=None: never write a cache file
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def domains_for(platform: str) -> tuple[str, ...]:
    if platform not in PLATFORM_COOKIE_DOMAINS:
        raise InvalidInput(f"unknown platform {platform!r}; known: {', '.join(PLATFORMS)}")
    return PLATFORM_COOKIE_DOMAINS[platform]


def normalise_host(host: str) -> str | None:
    """The host name in lower case (one trailing dot dropped), or None when ``host`` is not a
    host name: an IP literal, a single label, a wildcard, anything outside LDH labels."""
    name = host.lower()
    if name.endswith("."):
        name = name[:-1]
    if not name or len(name) > MAX_HOST_LENGTH or not name.isascii():
        return None
    try:
        ipaddress.ip_address(name.strip("[]"))
        return None
    except ValueError:
        pass
    labels = name.split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels):
        return None
    if labels[-1].isdigit():  # 1.2.3.4 in a form ip_address does not read (e.g. 0x7f.1)
        return None
    return name


def registrable_domain(host: str) -> str | None:
    """The registrable domain (eTLD+1) of a host name, or None when the host is not a host name or
    is itself a public suffix (``co.uk``)."""
    name = normalise_host(host)
    if name is None:
        return None
    found = _public_suffixes()(name)
    if not found.domain or not found.suffix:
        return None
    return f"{found.domain}.{found.suffix}"


def host_allowed(platform: str, host: str) -> bool:
    """True when ``host`` is a host name under one of the platform's registrable domains."""
    return registrable_domain(host) in domains_for(platform)


def cookie_domain_allowed(platform: str, domain: str) -> bool:
    """True when ``domain`` (as chrome.cookies reports it: a host name, with a leading dot for a
    domain cookie) is one of the platform's registrable domains or a subdomain of one.
    ``evilgoogle.com``, ``*.google.com`` and ``evil.com/.google.com`` are not ``google.com``."""
    host = domain[1:] if domain.startswith(".") else domain
    return host_allowed(platform, host)
