"""The peers' use cases (`outbound`: signals made and sent; `inbound`: signals received,
shared cases listed)."""

from apik_integration.peers.service.inbound import (
    Received,
    list_shared_cases,
    peer_of,
    receive_signal,
)
from apik_integration.peers.service.outbound import SendTimes, enqueue_signals, send_due

__all__ = [
    "Received",
    "SendTimes",
    "enqueue_signals",
    "list_shared_cases",
    "peer_of",
    "receive_signal",
    "send_due",
]
