"""boto3 clients for the admin commands: endpoint and region from options, then the app's
``DESKTOP_APP_*`` settings, then boto3's own chain; botocore's standard retry mode."""

from __future__ import annotations

import os
from dataclasses import dataclass

from desktop_app.remote.boto import BotoClient
from desktop_app.remote.tables import TableNames


@dataclass(frozen=True)
class AwsTarget:
    endpoint_url: str | None = None
    region: str | None = None
    table_prefix: str = ""
    table_suffix: str = ""

    @classmethod
    def from_options(
        cls,
        endpoint_url: str | None = None,
        region: str | None = None,
        table_prefix: str | None = None,
        table_suffix: str | None = None,
    ) -> AwsTarget:
        env = os.environ
        return cls(
            endpoint_url=endpoint_url or env.get("DESKTOP_APP_ENDPOINT_URL") or None,
            region=region
            or env.get("DESKTOP_APP_REGION")
            or env.get("AWS_REGION")
            or env.get("AWS_DEFAULT_REGION")
            or None,
            table_prefix=table_prefix
            if table_prefix is not None
            else env.get("DESKTOP_APP_TABLE_PREFIX", ""),
            table_suffix=table_suffix
            if table_suffix is not None
            else env.get("DESKTOP_APP_TABLE_SUFFIX", ""),
        )

    @property
    def table_names(self) -> TableNames:
        return TableNames.with_affixes(self.table_prefix, self.table_suffix)

    def client(self, service: str, max_pool_connections: int = 10) -> BotoClient:
        import boto3
        from botocore.config import Config

        config = Config(
            retries={"mode": "standard", "max_attempts": 8},
            max_pool_connections=max_pool_connections,
            connect_timeout=10,
            read_timeout=60,
        )
        return boto3.session.Session().client(
            service, endpoint_url=self.endpoint_url, region_name=self.region, config=config
        )
