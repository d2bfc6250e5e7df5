"""Local stand-ins for external services (Gemini, Firecrawl, Resend, Stripe) that speak each
service's documented wire format, so the real SDKs can be pointed at them in tests and the demo.
Imports nothing from the rooms."""
