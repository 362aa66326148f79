"""The platform every component runs on: app shell, database, events, auth, errors,
idempotency, routing, settings, logs and traces."""
