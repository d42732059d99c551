from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture
def alice_client(client: Client, alice) -> Client:  # type: ignore[no-untyped-def]
    client.force_login(alice)
    return client
