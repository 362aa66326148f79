"""The edge: what forwards `/api/v1/<service>/...` to the services, outside FastAPI.

The gateway's hot path, tuned for throughput; the modules keep the names they had at
the root: `edge` (the outermost ASGI layer), `proxy` (the forwarder), `upstream`
(connections to the services), `request_head` (the forwarded head), `ratelimit`
(public paths' token buckets).
"""

from apik_gateway.forwarding.service.edge import Gateway
from apik_gateway.forwarding.service.proxy import Forwarder
from apik_gateway.forwarding.service.ratelimit import TokenBuckets

__all__ = ["Forwarder", "Gateway", "TokenBuckets"]
