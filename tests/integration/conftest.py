"""Fixtures of the integration tests: the fault-injecting proxy in front of moto (moto itself,
the Secret Service and the backend come from the root ``conftest.py``)."""

from tests.fixtures.fault_proxy import fault_proxy

__all__ = ["fault_proxy"]
