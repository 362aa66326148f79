"""The edge: what forwards `/api/v1/<service>/...` to the services, outside FastAPI.

The gateway's hot path, tuned for throughput; the modules keep the names they had at
the root: `edge` (the outermost ASGI layer), `proxy` (the forwarder), `upstream`
(connections to the services), `request_head` (the forwarded head), `ratelimit`
(the public paths' limit, shared by the replicas), `client_address` (who the client is:
the peer, or what a configured proxy says).
"""

from apik_gateway.forwarding.service.client_address import ClientAddress
from apik_gateway.forwarding.service.edge import Gateway
from apik_gateway.forwarding.service.proxy import Forwarder
from apik_gateway.forwarding.service.ratelimit import SharedRateLimit, TokenBuckets

__all__ = ["ClientAddress", "Forwarder", "Gateway", "SharedRateLimit", "TokenBuckets"]
