"""Decorators for page handlers: outside the API's auth middleware and the OpenAPI schema."""

from __future__ import annotations

from functools import partial

from litestar import get, post

page_get = partial(get, exclude_from_auth=True, include_in_schema=False)
page_post = partial(post, exclude_from_auth=True, include_in_schema=False, status_code=200)
