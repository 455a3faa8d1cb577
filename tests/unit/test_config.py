"""The configuration of docs/architecture.md, "Configuration and command line": TOML file, DESKTOP_APP_* overrides, validation messages."""

from pathlib import Path

import pytest

from desktop_app.config import ConfigError, load_config

POOLS = {
    "DESKTOP_APP_IDENTITY_POOL_ID": "us-east-1:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
    "DESKTOP_APP_USER_POOL_ID": "us-east-1_AbCdEf123",
    "DESKTOP_APP_USER_POOL_CLIENT_ID": "1a2b3c4d5e6f7g8h9i0j1k2l3m",
}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(config_path=None, env=None) -> str:
    with pytest.raises(ConfigError) as caught:
        load_config(config_path, env=env or {})
    return "\n".join(caught.value.problems)


def test_no_file_and_no_environment_means_offline_with_defaults(tmp_path):
    config = load_config(None, env={"XDG_CONFIG_HOME": str(tmp_path)}, read_default_file=False)
    assert config.backend_configured is False
    assert config.region == "us-east-1"
    assert config.auth_flow == "USER_SRP_AUTH"
    assert config.refresh_token_days == 30
    assert config.table_names.all() == [
        "app_nyc",
        "applicant_nyc",
        "Co-Applicants",
        "Guarantors_nyc",
    ]


def test_file_values_are_read_and_the_environment_overrides_them(tmp_path):
    path = write(
        tmp_path,
        'region = "eu-west-1"\nTABLE_PREFIX = "staging-"\nrefresh_token_days = 7\n'
        'auth_flow = "USER_PASSWORD_AUTH"\nendpoint_url = "http://127.0.0.1:5000"\n',
    )
    env = {"DESKTOP_APP_REGION": "us-east-1", "DESKTOP_APP_TABLE_SUFFIX": "_v2", **POOLS}
    config = load_config(path, env=env)
    assert config.region == "us-east-1"
    assert config.refresh_token_days == 7
    assert config.auth_flow == "USER_PASSWORD_AUTH"
    assert config.endpoint_url == "http://127.0.0.1:5000"
    assert config.backend_configured is True
    assert config.table_names.app == "staging-app_nyc_v2"
    assert config.table_names.coapplicant == "staging-Co-Applicants_v2"


def test_an_empty_environment_variable_clears_the_file_value(tmp_path):
    path = write(tmp_path, 'endpoint_url = "http://127.0.0.1:5000"\n')
    config = load_config(path, env={"DESKTOP_APP_ENDPOINT_URL": ""})
    assert config.endpoint_url is None


def test_each_bad_value_is_reported_with_its_key_source_and_expected_form(tmp_path):
    path = write(tmp_path, 'region = "Mars"\nkms_key_id = "my key"\n')
    env = {
        "DESKTOP_APP_REFRESH_TOKEN_DAYS": "thirty",
        "DESKTOP_APP_AUTH_FLOW": "CUSTOM_AUTH",
        "DESKTOP_APP_S3_BUCKET": "Bad_Bucket",
        "DESKTOP_APP_WEBHOOK_URL": "http://hooks.example.com/x",
    }
    text = problems(path, env)
    assert (
        f"REGION (in {path}): 'Mars' is not valid; expected an AWS region such as us-east-1" in text
    )
    assert "KMS_KEY_ID (in" in text and "alias/NAME" in text
    assert (
        "REFRESH_TOKEN_DAYS (from the environment variable DESKTOP_APP_REFRESH_TOKEN_DAYS): "
        "'thirty' is not valid; expected a whole number of days" in text
    )
    assert "AUTH_FLOW" in text and "USER_SRP_AUTH or USER_PASSWORD_AUTH" in text
    assert "S3_BUCKET" in text and "bucket name" in text
    assert "WEBHOOK_URL" in text and "https://" in text


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("DESKTOP_APP_REFRESH_TOKEN_DAYS", "0"),
        ("DESKTOP_APP_ENDPOINT_URL", "localhost:5000"),
        ("DESKTOP_APP_USER_POOL_ID", "not a pool"),
        ("DESKTOP_APP_IDENTITY_POOL_ID", "us-east-1_wrongshape"),
        ("DESKTOP_APP_TABLE_PREFIX", "bad prefix!"),
    ],
)
def test_malformed_values_are_refused_by_name(key, value):
    env = {**POOLS, key: value}
    assert key.removeprefix("DESKTOP_APP_") + " (from the environment" in problems(env=env)


def test_half_a_cognito_configuration_names_what_is_missing():
    text = problems(env={"DESKTOP_APP_USER_POOL_ID": POOLS["DESKTOP_APP_USER_POOL_ID"]})
    assert "IDENTITY_POOL_ID, USER_POOL_CLIENT_ID: required when USER_POOL_ID is set" in text


def test_pools_in_another_region_than_region_are_refused():
    text = problems(env={**POOLS, "DESKTOP_APP_REGION": "us-west-2"})
    assert "belongs to region us-east-1 but REGION is 'us-west-2'" in text


def test_unknown_keys_in_the_file_are_refused_with_the_known_ones(tmp_path):
    path = write(tmp_path, 'regoin = "us-east-1"\n')
    text = problems(path)
    assert "regoin (in" in text and "unknown key" in text and "REGION" in text


def test_an_unreadable_file_and_a_missing_config_file_are_reported(tmp_path):
    assert "not a readable TOML file" in problems(write(tmp_path, "region = \n"))
    assert "configuration file not found" in problems(tmp_path / "absent.toml")


def test_the_default_file_comes_from_the_platform_config_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "desktop_app").mkdir()
    (tmp_path / "desktop_app" / "config.toml").write_text('region = "eu-central-1"\n')
    assert load_config(None, env={}).region == "eu-central-1"
    assert load_config(None, env={}, read_default_file=False).region == "us-east-1"


def test_data_dir_comes_from_the_command_line_then_the_configuration(tmp_path):
    config = load_config(
        None, env={"DESKTOP_APP_DATA_DIR": str(tmp_path / "cfg")}, read_default_file=False
    )
    assert config.resolve_data_dir(tmp_path / "cli") == tmp_path / "cli"
    assert config.resolve_data_dir(None) == tmp_path / "cfg"
