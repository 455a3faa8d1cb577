"""Accounts and credentials (docs/architecture.md, "Remote schema and key rules", "Local store and secrets"): Cognito sign-in, identity-pool credentials kept in
the OS keyring, and boto3 sessions whose credentials renew themselves. Sign-in builds on
``botocore_session`` only, never on the signed-in session it leads to.

Entry points: :class:`desktop_app.auth.account_service.AccountService` (sign in/out, who is
signed in, local-profile adoption) and
:class:`desktop_app.auth.aws_session.AwsSessionFactory` (boto3 clients for the sync engine).
Nothing here imports Qt."""
