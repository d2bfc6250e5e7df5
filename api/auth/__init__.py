"""Authentication: passwords, web sessions (Redis), extension tokens (JWT + rotating refresh
tokens), API keys, and the middleware that turns any of them into a ``Caller``."""
