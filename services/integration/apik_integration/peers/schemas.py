"""The peers' signal as received, and the shared cases as listed."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from apik_integration.peers.rules import SIGNAL_TYPE
from apik_shared.vocabulary.inputs import Input, Line
from apik_shared.vocabulary.instants import Instant

PeerStatus = Literal["verified", "rejected", "closed", "examination", "concluded"]


class SignalIn(Input):
    """A peer's signal: the letter's fingerprint, the peer's number and status."""

    type: Literal["shared_case.signal"] = Field(examples=[SIGNAL_TYPE])
    fingerprint: str = Field(pattern=r"^[0-9a-f]{64}$")
    letter_fingerprint: str | None = Field(
        default=None,
        pattern=r"^[0-9a-f]{64}$",
        description="the keyed fingerprint of the letter's own number, when it has one",
    )
    registration_number: Line = Field(min_length=1, max_length=100)
    status: PeerStatus
    status_at: Instant


class SignalAccepted(BaseModel):
    peer: str
    webhook_id: str
    registration_number: str
    effect: str = Field(description="recorded, updated, or older (nothing changed)")


class SharedCasePublic(BaseModel):
    """One of the office's reports that a peer holds too: both numbers, both statuses."""

    peer: str
    registration_number: str = Field(description="our report's number")
    status: str = Field(description="our report's latest status")
    status_at: datetime
    peer_registration_number: str = Field(description="the same letter's number at the peer")
    peer_status: str = Field(description="its latest status there, as the peer signalled")
    peer_status_at: datetime
