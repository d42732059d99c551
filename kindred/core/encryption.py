"""Authenticated encryption for what members write (AES-256-GCM from `cryptography`).

Keys come from ``KINDRED_ENCRYPTION_KEYS`` (comma-separated, newest first, each 32 random
bytes in URL-safe base64), never from SECRET_KEY. Every value records the id of the key that
sealed it, so old keys keep decrypting while ``manage.py rotate_encryption_keys`` re-seals
everything under the newest one. Each value is bound to its table, column and row through the
GCM associated data: a value copied into another row, or another column, does not decrypt.

Token format: ``kv1$<key id>$<base64url(nonce || ciphertext+tag)>``.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from dataclasses import dataclass
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "kv1"
NONCE_BYTES = 12


class DecryptionError(Exception):
    """A value could not be opened: wrong row, unknown key, or tampered with."""


def generate_key() -> str:
    """A new random key, ready for KINDRED_ENCRYPTION_KEYS."""
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


def key_id(key: bytes) -> str:
    return hashlib.sha256(key).hexdigest()[:12]


@dataclass(frozen=True)
class KeyRing:
    """The keys in use: the first seals, all of them open."""

    keys: tuple[bytes, ...]

    @classmethod
    def from_strings(cls, raw_keys: list[str]) -> KeyRing:
        keys = []
        for position, raw in enumerate(raw_keys, start=1):
            try:
                key = base64.urlsafe_b64decode(raw.strip().encode())
            except ValueError:
                key = b""
            if len(key) != 32:
                raise ImproperlyConfigured(
                    f"KINDRED_ENCRYPTION_KEYS: key {position} is not 32 bytes of URL-safe "
                    "base64 (make one with: python manage.py rotate_encryption_keys --new-key)."
                )
            keys.append(key)
        if not keys:
            raise ImproperlyConfigured("KINDRED_ENCRYPTION_KEYS is empty.")
        return cls(tuple(keys))

    @property
    def newest_id(self) -> str:
        return key_id(self.keys[0])

    def _by_id(self) -> dict[str, bytes]:
        return {key_id(key): key for key in self.keys}

    def seal(self, plaintext: str, context: str) -> str:
        nonce = os.urandom(NONCE_BYTES)
        data = utf8_bytes(plaintext)
        sealed = AESGCM(self.keys[0]).encrypt(nonce, data, context.encode())
        body = base64.urlsafe_b64encode(nonce + sealed).decode()
        return f"{PREFIX}${self.newest_id}${body}"

    def open(self, token: str, context: str) -> str:
        try:
            prefix, kid, body = token.split("$", 2)
        except ValueError:
            raise DecryptionError("not an encrypted value") from None
        if prefix != PREFIX:
            raise DecryptionError("unknown format")
        key = self._by_id().get(kid)
        if key is None:
            raise DecryptionError(f"no key with id {kid} is configured")
        try:
            raw = base64.urlsafe_b64decode(body.encode())
            plain = AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], context.encode())
        except (InvalidTag, ValueError):
            raise DecryptionError("the value does not belong here or was altered") from None
        return plain.decode()

    @staticmethod
    def key_id_of(token: str) -> str | None:
        parts = token.split("$", 2)
        return parts[1] if len(parts) == 3 and parts[0] == PREFIX else None


LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def utf8_bytes(text: str) -> bytes:
    """The text as UTF-8, with any lone surrogate replaced by U+FFFD.

    JSON may carry "\\ud800" on its own, which is not a character and has no UTF-8 form;
    the rest of what the member typed is kept.
    """
    try:
        return text.encode()
    except UnicodeEncodeError:
        return LONE_SURROGATE.sub("\ufffd", text).encode()


@lru_cache(maxsize=4)
def _ring_for(raw: tuple[str, ...]) -> KeyRing:
    return KeyRing.from_strings(list(raw))


def keyring() -> KeyRing:
    """The configured key ring (settings.KINDRED_ENCRYPTION_KEYS)."""
    return _ring_for(tuple(settings.KINDRED_ENCRYPTION_KEYS))
