"""The event layer: CloudEvents on NATS JetStream with an outbox and idempotent consumers."""
