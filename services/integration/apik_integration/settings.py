"""Settings of the integration service (`APIK_*` environment variables).

The webhook numbers follow the Standard Webhooks guidance and what the large senders do
(the research page, `integration.md`): a schedule of about three days with jitter, a
15-30 s timeout, an endpoint disabled after days of failure (Svix: 5), and ±5 minutes
for a signed request's timestamp.
"""

from __future__ import annotations

from typing import Self

from pydantic import BaseModel, Field, field_validator, model_validator

from apik_integration.webhooks.rules import InvalidSecret, decode_secret
from apik_shared.platform.crypto import development_keyring, development_transfer_keyring
from apik_shared.platform.settings import Environment, InsecureSettingsError, ServiceSettings


class PortalSettings(BaseModel):
    """One connected portal (`APIK_PORTALS`, a JSON map of portal name to these)."""

    # The base URL of the portal's integration API, and the key it issued us.
    url: str
    token: str = ""
    # Phase 1 (push), switched on per office: these offices' reports are sent to the
    # portal and their follow-ups sent as the portal's updates.
    push_offices: list[str] = Field(default_factory=list)
    # Which of our events is which status of the portal's (LAPOR!'s names are not
    # public: placeholders for the office to set). An event not in the map is not sent.
    status_map: dict[str, str] = Field(
        default_factory=lambda: {
            "report.verified": "verified",
            "report.rejected": "rejected",
            "report.closed": "closed",
            "case.concluded": "followed_up",
            "case.closed": "closed",
        }
    )
    # Phase 2 (pull), switched on per office: the complaints the portal assigns to these
    # offices come into intake (the portal's webhook, polling, a nightly catch-up).
    pull_offices: list[str] = Field(default_factory=list)
    # Phase 3 (two-way), switched on per office: the portal's status changes of the
    # office's linked reports reach intake, and APIK's status changes of reports pulled
    # from the portal go back as the portal's updates.
    two_way_offices: list[str] = Field(default_factory=list)
    # The portal's statuses as intake steps (LAPOR!-style placeholders): a status not in
    # the map, or a step intake's state machine does not allow then, is kept as a note.
    # Only a complainant's withdrawal at the portal moves APIK's own status by default.
    inbound_status_map: dict[str, str] = Field(default_factory=lambda: {"dicabut": "withdraw"})
    # Per office, entries that replace the portal's maps for that office's reports.
    office_status_maps: dict[str, dict[str, str]] = Field(default_factory=dict)
    office_inbound_status_maps: dict[str, dict[str, str]] = Field(default_factory=dict)

    def status_map_for(self, office: str) -> dict[str, str]:
        """Our event types as the portal's statuses, for one office's reports."""
        return {**self.status_map, **self.office_status_maps.get(office, {})}

    def inbound_map_for(self, office: str) -> dict[str, str]:
        """The portal's statuses as intake steps, for one office's reports."""
        return {**self.inbound_status_map, **self.office_inbound_status_maps.get(office, {})}


class PeerSettings(BaseModel):
    """Another APIK deployment that exchanges shared-case signals with one office of
    ours (`APIK_PEERS`, a JSON map of peer name to these; one entry per office pair)."""

    # The peer's base URL (its gateway or its integration service), without `/api/v1`.
    url: str
    # The secret both sides hold (`whsec_` + base64 of 24-64 bytes): it signs the
    # signals (Standard Webhooks) and, through a derived key, keys the fingerprints.
    secret: str
    # Our office whose reports are signalled to the peer and matched against its own.
    office: str
    # The name the peer gives us in its own `APIK_PEERS` (the path we post to); by
    # default the same name as ours (both sides name the pair alike).
    name_there: str | None = Field(default=None, pattern=r"^[a-z0-9_-]{1,64}$")

    @field_validator("secret")
    @classmethod
    def _secret(cls, value: str) -> str:
        # Refused at start, not at the first signal: a secret that cannot sign.
        try:
            decode_secret(value)
        except InvalidSecret as exc:
            raise ValueError(f"not a whsec_ secret: {exc}") from exc
        return value


class Settings(ServiceSettings):
    service_name: str = "integration"
    # Keys for the webhook secrets at rest (`kid:<base64 32 bytes>,…`, active key first):
    # a secret must be read back to sign, so it is sealed, never hashed.
    pii_keys: str = ""
    # Seconds between a failed attempt and the next one, after the immediate first: the
    # Standard Webhooks example (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h),
    # about 3.2 days in all. A delivery that fails them all is dead-lettered.
    webhook_retry_seconds: list[float] = Field(
        default=[5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400], min_length=1
    )
    # Each wait is stretched or shrunk by up to this fraction at random, so that an
    # endpoint coming back is not hit by every delivery at the same second.
    webhook_jitter: float = Field(default=0.2, ge=0, lt=1)
    # The longest `Retry-After` honoured (a receiver cannot park a delivery for a month).
    webhook_max_retry_after_seconds: float = Field(default=86400, gt=0)
    # Seconds a receiver has to answer (the guidance: 15-30).
    webhook_timeout_seconds: float = Field(default=15, gt=0)
    # An endpoint failing without a single success for this many days is disabled.
    webhook_disable_after_days: float = Field(default=5, gt=0)
    # After a secret rotates, the old secret keeps signing beside the new one this long,
    # so the receiver can switch without a gap.
    webhook_rotation_overlap_hours: float = Field(default=24, ge=0)
    # Targets resolving to loopback, private, link-local or other non-public addresses
    # are refused (server-side request forgery) unless this is true (tests, a closed
    # government network whose systems live on private addresses).
    webhook_allow_private_targets: bool = False
    # Plain http targets (signed, but readable on the way); https only by default.
    webhook_allow_http: bool = False
    # Event types no subscription may ask for: the survey link's hash is the reporter's
    # key to the survey, and the Red Button's events are for the protection officers.
    webhook_withheld_types: list[str] = Field(
        default=[
            "report.survey_link_issued",
            "red_button.raised",
            "red_button.acknowledged",
            "red_button.escalated",
            # A sealed row of an office's old records, for intake alone.
            "import.row_ready",
            # Sealed for intake alone: a subscriber could not read it anyway.
            "complaint.pulled",
        ]
    )
    # How often the delivery job looks for due deliveries, and how many it claims at once.
    webhook_scan_seconds: float = Field(default=1, gt=0)
    webhook_batch: int = Field(default=20, ge=1, le=500)
    # Inbound: each portal's webhook secrets (`{"lapor": ["whsec_…", …]}`, several during
    # the portal's rotation) and the tolerance on its `webhook-timestamp`.
    portal_secrets: dict[str, list[str]] = Field(default_factory=dict)
    inbound_tolerance_seconds: int = Field(default=300, ge=1)
    # Outbound to portals: each portal's API and its offices (`PortalSettings`).
    portals: dict[str, PortalSettings] = Field(default_factory=dict)
    # FixMyStreet's sending rhythm: retried after 5 minutes, then every 30, here for a
    # day (49 tries); then the send fails and waits for a replay.
    portal_retry_seconds: list[float] = Field(default=[300.0] + [1800.0] * 47, min_length=1)
    portal_scan_seconds: float = Field(default=5, gt=0)
    portal_timeout_seconds: float = Field(default=30, gt=0)
    # LAPOR!'s process (the research page): the portal verifies within 3 working days,
    # the agency follows up within 5, the complaint closes 10 after the follow-up.
    portal_deadline_days: tuple[int, int, int] = (3, 5, 10)
    # The keyring integration shares with intake to seal the personal data that travels
    # between them inside an event: an import's rows (`import.row_ready`) and a portal's
    # pulled complaints (`complaint.pulled`), each bound to its own context. Only the two
    # services hold it, so the stream and webhook subscribers carry ciphertext.
    # `kid:<base64 32 bytes>,…`, active key first; derived in development; elsewhere
    # required by the features that need it: without it an import is checked but not
    # run, and pulling is refused at start.
    transfer_keys: str = ""
    # Imports of an office's old records (`imports/`): the largest upload, the rows an
    # upload may hold, and the run job's rhythm (rows per transaction).
    import_max_bytes: int = Field(default=20 * 1024 * 1024, ge=1)
    import_max_rows: int = Field(default=50_000, ge=1)
    import_scan_seconds: float = Field(default=1, gt=0)
    import_batch: int = Field(default=200, ge=1, le=5000)
    # An upload checked and never run is deleted (file and rows) after this many days:
    # its rows hold personal data nobody asked to import. A placeholder for the office's
    # records schedule.
    import_unrun_days: float = Field(default=30, gt=0)
    # Phase 2 (pull), FixMyStreet's fetching rhythm: a poll every 5 minutes over a
    # 2-hour window (from the last good poll: an outage leaves no gap), and a nightly
    # catch-up over the last 24 hours, once per office day from this local hour.
    portal_poll_seconds: float = Field(default=300, gt=0)
    portal_poll_window_seconds: float = Field(default=7200, gt=0)
    portal_catch_up_hours: float = Field(default=24, gt=0)
    portal_catch_up_hour: int = Field(default=1, ge=0, le=23)

    # Shared cases (`peers/`): the other deployments, and the rhythm of the signals'
    # sends (the webhooks' schedule by default: about three days, then dead-lettered).
    peers: dict[str, PeerSettings] = Field(default_factory=dict)
    peer_retry_seconds: list[float] = Field(
        default=[5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400], min_length=1
    )
    peer_scan_seconds: float = Field(default=2, gt=0)
    peer_timeout_seconds: float = Field(default=15, gt=0)

    @model_validator(mode="after")
    def _keyring(self) -> Self:
        if not self.pii_keys:
            if self.env is not Environment.development:
                raise InsecureSettingsError(f"APIK_PII_KEYS must be set when APIK_ENV={self.env}")
            self.pii_keys = development_keyring(self.secret_key)
        if not self.transfer_keys:
            if self.env is Environment.development:
                # The same in intake (`apik_intake.settings`).
                self.transfer_keys = development_transfer_keyring()
            elif any(p.pull_offices for p in self.portals.values()):
                raise InsecureSettingsError(
                    f"APIK_TRANSFER_KEYS must be set to pull when APIK_ENV={self.env}"
                )
        return self
