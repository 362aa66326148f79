"""A three-node NATS JetStream cluster on one machine, for the cluster test.

Each node is an `EmbeddedNats` (the same binary, users and permissions as `make up`'s
single server) with a `cluster` block routing to the others. `no_advertise` keeps the
clients on the URLs they were given (each carries its user's password; a discovered
node's address would not).
"""

from __future__ import annotations

import asyncio
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import nats

from apik_shared.devstack import nats_access
from apik_shared.devstack.components import COMPONENTS
from apik_shared.devstack.infra import HOST, EmbeddedNats, random_nats_passwords
from apik_shared.devstack.processes import free_port


@dataclass
class ClusterNode(EmbeddedNats):
    server_name: str = ""
    cluster_port: int = 0
    routes: list[int] = field(default_factory=list)  # the other nodes' cluster ports

    def _write_config(self) -> Path:
        path = self.data_dir / "nats.conf"
        path.unlink(missing_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        cluster = {
            "name": "apik",
            "listen": f"{HOST}:{self.cluster_port}",
            "routes": [f"nats-route://{HOST}:{port}" for port in self.routes],
            "no_advertise": True,
        }
        with os.fdopen(fd, "w") as file:
            file.write(
                f"server_name: {json.dumps(self.server_name)}\n"
                + nats_access.config(
                    store_dir=str(self.data_dir / "jetstream"),
                    passwords=self.passwords,
                    admin=self.admin,
                )
                + f"cluster {json.dumps(cluster)}\n"
            )
        return path


@dataclass
class NatsCluster:
    data_dir: Path
    size: int = 3
    passwords: dict[str, str] = field(default_factory=random_nats_passwords)
    nodes: list[ClusterNode] = field(default_factory=list)

    def start(self, *, timeout: float = 30) -> NatsCluster:
        cluster_ports = [free_port() for _ in range(self.size)]
        self.nodes = [
            ClusterNode(
                data_dir=self.data_dir / f"n{i + 1}",
                passwords=self.passwords,
                server_name=f"n{i + 1}",
                cluster_port=port,
                routes=[p for p in cluster_ports if p != port],
            )
            for i, port in enumerate(cluster_ports)
        ]
        for node in self.nodes:
            node.start()
        asyncio.run(asyncio.wait_for(self._until_jetstream(), timeout))
        return self

    def urls_for(self, user: str) -> str:
        """`user`'s URL of every node, comma-separated (`APIK_NATS_URL` of a cluster)."""
        return ",".join(node.url_for(user) for node in self.nodes)

    @property
    def admin_urls(self) -> list[str]:
        return [node.url for node in self.nodes if node.process is not None]

    def component_urls(self) -> dict[str, str]:
        return {c.name: self.urls_for(c.name) for c in COMPONENTS}

    async def _until_jetstream(self) -> None:
        """Until the nodes have elected JetStream's meta leader (the API answers)."""
        while True:
            try:
                nc = await nats.connect(self.admin_urls, connect_timeout=1)
                try:
                    await nc.jetstream().account_info()
                    return
                finally:
                    await nc.close()
            except Exception:
                await asyncio.sleep(0.3)

    def kill(self, index: int) -> None:
        """SIGKILLs node `index`: no goodbye to its routes or its clients."""
        process = self.nodes[index].process
        if process is not None:
            process.kill()
            process.wait(5)
        self.nodes[index].process = None

    def restart(self, index: int) -> None:
        """Starts node `index` again, on its port and store: it catches up from the others."""
        self.nodes[index].start()

    async def until_current(self, stream: str) -> None:
        """Until every node holds `stream` up to date (its replicas current, none lagging):
        then any one node may go without the stream losing its quorum."""
        while True:
            try:
                nc = await nats.connect(self.admin_urls, connect_timeout=1)
                try:
                    cluster = (await nc.jetstream().stream_info(stream)).cluster
                    replicas = (cluster.replicas or []) if cluster else []
                    if len(replicas) == self.size - 1 and all(
                        r.current and not r.offline for r in replicas
                    ):
                        return
                finally:
                    await nc.close()
            except Exception:
                pass
            await asyncio.sleep(0.3)

    def stop(self) -> None:
        for node in self.nodes:
            node.stop()
