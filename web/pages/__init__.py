"""Page handlers, one module per area; ``page_get``/``page_post`` mark a handler as a page (the API's
token middleware leaves it alone: pages resolve their visitor themselves and redirect to /signin)."""
