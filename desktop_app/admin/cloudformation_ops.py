"""The template's operations part (docs/admin.md, "Alarms and dashboard"): CloudWatch alarms on
the four tables and the user pool, sent to an SNS topic given as a parameter, a dashboard, and
the document bucket's lifecycle rules (noncurrent versions of removed documents expire;
incomplete multipart uploads are aborted)."""

from __future__ import annotations

import copy
from typing import Any

from desktop_app.remote.tables import ALL_TABLES

ALARM_TOPIC = "AlarmTopicArn"
NONCURRENT_DAYS = "NoncurrentVersionDays"
_HAS_TOPIC = "HasAlarmTopic"


def parameters() -> dict[str, Any]:
    return {
        ALARM_TOPIC: {
            "Type": "String",
            "Default": "",
            "Description": "SNS topic ARN the alarms notify (empty: alarms without actions)",
        },
        NONCURRENT_DAYS: {
            "Type": "Number",
            "Default": 30,
            "MinValue": 1,
            "MaxValue": 3650,
            "Description": "days a removed or replaced document's bytes are kept as a noncurrent "
            "version before they expire",
        },
    }


def conditions() -> dict[str, Any]:
    return {_HAS_TOPIC: {"Fn::Not": [{"Fn::Equals": [{"Ref": ALARM_TOPIC}, ""]}]}}


def lifecycle() -> dict[str, Any]:
    """The bucket's ``LifecycleConfiguration``."""
    return {
        "Rules": [
            {
                "Id": "ExpireNoncurrentVersions",
                "Status": "Enabled",
                "NoncurrentVersionExpiration": {"NoncurrentDays": {"Ref": NONCURRENT_DAYS}},
                "ExpiredObjectDeleteMarker": True,
            },
            {
                "Id": "AbortIncompleteMultipartUploads",
                "Status": "Enabled",
                "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7},
            },
        ]
    }


def _actions() -> dict[str, Any]:
    def topic() -> dict[str, Any]:  # a new object each time: the YAML gets no aliases
        return {"Fn::If": [_HAS_TOPIC, [{"Ref": ALARM_TOPIC}], {"Ref": "AWS::NoValue"}]}

    return {"AlarmActions": topic(), "OKActions": topic()}


def _alarm(
    description: str,
    namespace: str,
    metric: str,
    dimensions: list[dict[str, Any]],
    threshold: float,
    *,
    statistic: str = "Sum",
    periods: int = 1,
    comparison: str = "GreaterThanOrEqualToThreshold",
) -> dict[str, Any]:
    return {
        "Type": "AWS::CloudWatch::Alarm",
        "Properties": {
            "AlarmDescription": description,
            "Namespace": namespace,
            "MetricName": metric,
            "Dimensions": copy.deepcopy(dimensions),  # no shared objects: no YAML aliases
            "Statistic": statistic,
            "Period": 300,
            "EvaluationPeriods": periods,
            "Threshold": threshold,
            "ComparisonOperator": comparison,
            "TreatMissingData": "notBreaching",
            **_actions(),
        },
    }


def resources(table_resources: dict[str, str]) -> dict[str, Any]:
    """``table_resources``: logical table name -> the template's resource name."""
    out: dict[str, Any] = {}
    for spec in ALL_TABLES:
        resource = table_resources[spec.logical]
        table = [{"Name": "TableName", "Value": {"Ref": resource}}]
        out[f"{resource}ThrottleAlarm"] = _alarm(
            f"LeaseDesk {spec.base_name}: requests throttled",
            "AWS/DynamoDB", "ThrottledRequests", table, 10,
        )  # fmt: skip
        out[f"{resource}SystemErrorAlarm"] = _alarm(
            f"LeaseDesk {spec.base_name}: DynamoDB system errors",
            "AWS/DynamoDB", "SystemErrors", table, 5,
        )  # fmt: skip
        out[f"{resource}ConflictAlarm"] = _alarm(
            f"LeaseDesk {spec.base_name}: transaction conflicts (two machines pushing one "
            "application at once, or a retry storm)",
            "AWS/DynamoDB", "TransactionConflict", table, 20,
        )  # fmt: skip
    # User errors are account-wide (no table dimension): rising over three periods.
    out["UserErrorsAlarm"] = _alarm(
        "LeaseDesk: DynamoDB user errors rising (refused conditions, validation, access denied)",
        "AWS/DynamoDB", "UserErrors", [], 50, periods=3,
    )  # fmt: skip
    pool = [
        {"Name": "UserPool", "Value": {"Ref": "UserPool"}},
        {"Name": "UserPoolClient", "Value": {"Ref": "UserPoolClient"}},
    ]
    out["SignInThrottleAlarm"] = _alarm(
        "LeaseDesk: Cognito sign-ins throttled", "AWS/Cognito", "SignInThrottles", pool, 5
    )
    # SignInSuccesses' average is the share of sign-in attempts that succeeded.
    out["SignInFailuresAlarm"] = _alarm(
        "LeaseDesk: under 80% of Cognito sign-ins succeed (wrong passwords, disabled users)",
        "AWS/Cognito", "SignInSuccesses", pool, 0.8,
        statistic="Average", periods=3, comparison="LessThanThreshold",
    )  # fmt: skip
    out["OperationsDashboard"] = {
        "Type": "AWS::CloudWatch::Dashboard",
        "Properties": {
            "DashboardName": {"Fn::Sub": "${AWS::StackName}-leasedesk"},
            "DashboardBody": {"Fn::Sub": _dashboard_body(table_resources)},
        },
    }
    return out


def _dashboard_body(table_resources: dict[str, str]) -> str:
    import json

    def widget(title: str, metrics: list[list[Any]], x: int, y: int) -> dict[str, Any]:
        return {
            "type": "metric",
            "x": x,
            "y": y,
            "width": 12,
            "height": 6,
            "properties": {
                "title": title,
                "region": "${AWS::Region}",
                "stat": "Sum",
                "period": 300,
                "metrics": metrics,
            },
        }

    tables = [f"${{{table_resources[s.logical]}}}" for s in ALL_TABLES]
    panels = [
        ("Consumed write capacity", "ConsumedWriteCapacityUnits"),
        ("Consumed read capacity", "ConsumedReadCapacityUnits"),
        ("Throttled requests", "ThrottledRequests"),
        ("Transaction conflicts", "TransactionConflict"),
        ("System errors", "SystemErrors"),
    ]
    widgets = [
        widget(title, [["AWS/DynamoDB", metric, "TableName", t] for t in tables], 12 * (i % 2), 6 * (i // 2))
        for i, (title, metric) in enumerate(panels)
    ]
    widgets.append(
        widget(
            "Sign-ins (successes, throttles)",
            [
                ["AWS/Cognito", "SignInSuccesses", "UserPool", "${UserPool}", "UserPoolClient", "${UserPoolClient}"],
                ["AWS/Cognito", "SignInThrottles", "UserPool", "${UserPool}", "UserPoolClient", "${UserPoolClient}"],
            ],
            12, 12,
        )  # fmt: skip
    )
    return json.dumps({"widgets": widgets}, separators=(",", ":"))
