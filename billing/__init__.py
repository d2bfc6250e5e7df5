"""Billing: credits ledger, Stripe checkout, subscriptions and webhooks (imports core and store only)."""
