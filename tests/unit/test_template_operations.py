"""The template's operations part: an alarm per cause the backend's operator must hear of,
each notifying the SNS topic parameter when one is given; a dashboard; and the bucket's
lifecycle rules (removed documents' bytes expire; incomplete multipart uploads are aborted)."""

from __future__ import annotations

import json

from desktop_app.admin.cloudformation import template
from desktop_app.admin.cloudformation_ops import ALARM_TOPIC


def test_alarms_cover_each_cause_and_notify_the_topic_parameter():
    t = template()
    assert t["Parameters"][ALARM_TOPIC]["Default"] == ""
    alarms = {
        name: r["Properties"]
        for name, r in t["Resources"].items()
        if r["Type"] == "AWS::CloudWatch::Alarm"
    }
    metrics = {(p["Namespace"], p["MetricName"]) for p in alarms.values()}
    assert metrics == {
        ("AWS/DynamoDB", "ThrottledRequests"),
        ("AWS/DynamoDB", "SystemErrors"),
        ("AWS/DynamoDB", "UserErrors"),
        ("AWS/DynamoDB", "TransactionConflict"),
        ("AWS/Cognito", "SignInThrottles"),
        ("AWS/Cognito", "SignInSuccesses"),
    }
    failures = alarms["SignInFailuresAlarm"]
    assert failures["Statistic"] == "Average" and failures["ComparisonOperator"] == "LessThanThreshold"
    per_table = [p for p in alarms.values() if p["MetricName"] == "ThrottledRequests"]
    assert len(per_table) == 4
    for props in alarms.values():
        assert props["AlarmActions"]["Fn::If"][1] == [{"Ref": ALARM_TOPIC}]
        assert props["OKActions"]["Fn::If"][1] == [{"Ref": ALARM_TOPIC}]


def test_dashboard_and_bucket_lifecycle_rules():
    t = template()
    (dashboard,) = [r for r in t["Resources"].values() if r["Type"] == "AWS::CloudWatch::Dashboard"]
    body = json.loads(dashboard["Properties"]["DashboardBody"]["Fn::Sub"])
    assert len(body["widgets"]) >= 5
    rules = {
        r["Id"]: r
        for r in t["Resources"]["DocumentBucket"]["Properties"]["LifecycleConfiguration"]["Rules"]
    }
    assert "NoncurrentVersionExpiration" in rules["ExpireNoncurrentVersions"]
    assert rules["AbortIncompleteMultipartUploads"]["AbortIncompleteMultipartUpload"] == {
        "DaysAfterInitiation": 7
    }
