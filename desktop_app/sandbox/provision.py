"""Create a LeaseDesk backend in an AWS emulator: what ``sandbox serve`` stands up, and what
tests use to get a realistic moto.

Every client here is given throwaway emulator credentials explicitly; nothing is read from or
written to the process environment."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from desktop_app.remote.boto import BotoClient
from desktop_app.remote.tables import ALL_TABLES

REGION = "us-east-1"  # moto answers Cognito's unsigned calls in us-east-1 only
DEMO_USERNAME = "demo.agent"
DEMO_PASSWORD = "Sandbox-Demo-2026!"  # a sandbox-only, published password
DEMO_EMAIL = "demo.agent@example.com"
DOCUMENT_BUCKET = "leasedesk-sandbox-documents"
KMS_ALIAS = "alias/leasedesk-sandbox"
REFRESH_TOKEN_DAYS = 30
_EMULATOR_KEYS = {"aws_access_key_id": "sandbox", "aws_secret_access_key": "sandbox"}


@dataclass(frozen=True)
class SandboxBackend:
    endpoint_url: str
    region: str
    user_pool_id: str
    user_pool_client_id: str
    identity_pool_id: str
    s3_bucket: str
    kms_key_id: str
    demo_username: str = DEMO_USERNAME
    demo_password: str = DEMO_PASSWORD
    table_prefix: str = ""
    table_suffix: str = ""

    def settings(self) -> dict[str, str]:
        """The ``DESKTOP_APP_*`` settings that point LeaseDesk at this backend."""
        values = {
            "REGION": self.region,
            "ENDPOINT_URL": self.endpoint_url,
            "IDENTITY_POOL_ID": self.identity_pool_id,
            "USER_POOL_ID": self.user_pool_id,
            "USER_POOL_CLIENT_ID": self.user_pool_client_id,
            # The emulator checks the password only in this flow (its SRP verifier accepts any
            # proof); the real user pool checks both, so the agent meets the same refusal.
            "AUTH_FLOW": "USER_PASSWORD_AUTH",
            "REFRESH_TOKEN_DAYS": str(REFRESH_TOKEN_DAYS),
            "S3_BUCKET": self.s3_bucket,
            "KMS_KEY_ID": self.kms_key_id,
        }
        if self.table_prefix:
            values["TABLE_PREFIX"] = self.table_prefix
        if self.table_suffix:
            values["TABLE_SUFFIX"] = self.table_suffix
        return {f"DESKTOP_APP_{key}": value for key, value in values.items()}


_CLIENTS_LOCK = threading.Lock()
_CLIENTS: dict[tuple[str, str, str], BotoClient] = {}


def emulator_client(endpoint_url: str, service: str, region: str = REGION) -> BotoClient:
    """A client for the emulator, with throwaway keys; made once per endpoint and service."""
    import boto3

    key = (endpoint_url, service, region)
    with _CLIENTS_LOCK:
        if key not in _CLIENTS:
            if not _CLIENTS:
                _CLIENTS[("", "", "")] = boto3.session.Session(region_name=region)
            session = _CLIENTS[("", "", "")]
            _CLIENTS[key] = session.client(
                service, endpoint_url=endpoint_url, region_name=region, **_EMULATOR_KEYS
            )
        return _CLIENTS[key]


def create_tables(
    endpoint_url: str, region: str = REGION, prefix: str = "", suffix: str = ""
) -> None:
    dynamodb = emulator_client(endpoint_url, "dynamodb", region)
    for spec in ALL_TABLES:
        try:
            dynamodb.create_table(**spec.create_table_kwargs(prefix, suffix))
        except dynamodb.exceptions.ResourceInUseException:
            pass  # left by an earlier sandbox in this process: moto's state is per process
    for spec in ALL_TABLES:
        dynamodb.get_waiter("table_exists").wait(
            TableName=spec.name(prefix, suffix), WaiterConfig={"Delay": 1, "MaxAttempts": 30}
        )


def create_user_pool(endpoint_url: str, region: str = REGION) -> tuple[str, str]:
    """A user pool and a public app client (SRP, password and refresh-token flows)."""
    idp = emulator_client(endpoint_url, "cognito-idp", region)
    pool = idp.create_user_pool(
        PoolName="leasedesk-sandbox-agents",
        Policies={
            "PasswordPolicy": {
                "MinimumLength": 12,
                "RequireUppercase": True,
                "RequireLowercase": True,
                "RequireNumbers": True,
                "RequireSymbols": False,
            }
        },
        AutoVerifiedAttributes=["email"],
    )["UserPool"]
    client = idp.create_user_pool_client(
        UserPoolId=pool["Id"],
        ClientName="leasedesk-desktop",
        GenerateSecret=False,
        ExplicitAuthFlows=[
            "ALLOW_USER_SRP_AUTH",
            "ALLOW_USER_PASSWORD_AUTH",
            "ALLOW_REFRESH_TOKEN_AUTH",
        ],
        RefreshTokenValidity=REFRESH_TOKEN_DAYS,
        TokenValidityUnits={"RefreshToken": "days"},
        EnableTokenRevocation=True,
    )["UserPoolClient"]
    return pool["Id"], client["ClientId"]


def create_agent(
    endpoint_url: str,
    user_pool_id: str,
    username: str,
    password: str,
    *,
    confirmed: bool = True,
    region: str = REGION,
) -> None:
    """An agent account. ``confirmed=False`` leaves ``password`` temporary, so the first
    sign-in meets the NEW_PASSWORD_REQUIRED challenge."""
    idp = emulator_client(endpoint_url, "cognito-idp", region)
    idp.admin_create_user(
        UserPoolId=user_pool_id,
        Username=username,
        TemporaryPassword=password,
        MessageAction="SUPPRESS",
        UserAttributes=[
            {"Name": "email", "Value": f"{username}@example.com"},
            {"Name": "email_verified", "Value": "true"},
        ],
    )
    if confirmed:
        idp.admin_set_user_password(
            UserPoolId=user_pool_id, Username=username, Password=password, Permanent=True
        )


def create_identity_pool(
    endpoint_url: str, user_pool_id: str, client_id: str, region: str = REGION
) -> str:
    identity = emulator_client(endpoint_url, "cognito-identity", region)
    pool = identity.create_identity_pool(
        IdentityPoolName="leasedesk_sandbox_agents",
        AllowUnauthenticatedIdentities=False,
        CognitoIdentityProviders=[
            {
                "ProviderName": f"cognito-idp.{region}.amazonaws.com/{user_pool_id}",
                "ClientId": client_id,
                "ServerSideTokenCheck": False,
            }
        ],
    )
    pool_id: str = pool["IdentityPoolId"]
    return pool_id


def create_document_store(endpoint_url: str, region: str = REGION) -> tuple[str, str]:
    s3 = emulator_client(endpoint_url, "s3", region)
    try:
        s3.create_bucket(Bucket=DOCUMENT_BUCKET)
    except s3.exceptions.BucketAlreadyOwnedByYou:
        pass
    kms = emulator_client(endpoint_url, "kms", region)
    key = kms.create_key(Description="LeaseDesk sandbox field and document key")
    key_id = key["KeyMetadata"]["KeyId"]
    try:
        kms.create_alias(AliasName=KMS_ALIAS, TargetKeyId=key_id)
    except kms.exceptions.AlreadyExistsException:
        kms.update_alias(AliasName=KMS_ALIAS, TargetKeyId=key_id)
    return DOCUMENT_BUCKET, key_id


def provision(
    endpoint_url: str, region: str = REGION, *, with_tables: bool = True
) -> SandboxBackend:
    """Stand up the whole backend in the emulator at ``endpoint_url``. The independent parts
    run side by side: the emulator loads each service on its first request, which is slow."""
    from concurrent.futures import ThreadPoolExecutor

    def cognito() -> tuple[str, str, str]:
        user_pool_id, client_id = create_user_pool(endpoint_url, region)
        create_agent(endpoint_url, user_pool_id, DEMO_USERNAME, DEMO_PASSWORD, region=region)
        return (
            user_pool_id,
            client_id,
            create_identity_pool(endpoint_url, user_pool_id, client_id, region),
        )

    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="sandbox-provision") as pool:
        tables = pool.submit(create_tables, endpoint_url, region) if with_tables else None
        pools = pool.submit(cognito)
        documents = pool.submit(create_document_store, endpoint_url, region)
        if tables is not None:
            tables.result()
        user_pool_id, client_id, identity_pool_id = pools.result()
        bucket, key_id = documents.result()
    return SandboxBackend(
        endpoint_url=endpoint_url,
        region=region,
        user_pool_id=user_pool_id,
        user_pool_client_id=client_id,
        identity_pool_id=identity_pool_id,
        s3_bucket=bucket,
        kms_key_id=key_id,
    )
