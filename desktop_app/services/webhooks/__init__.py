"""Webhooks: a submitted application announced to the brokerage's systems, signed per the
Standard Webhooks specification, delivered from a local outbox after the application's push is
confirmed; the answers are written back to the tables (docs/webhooks.md)."""
