"""Development settings: the embedded default that `make run` serves on http://127.0.0.1:8000."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# Not a secret: only good for a developer's own machine. Production demands its own.
SECRET_KEY = env(
    "SECRET_KEY", default="dev-only-insecure-key-for-the-embedded-default-do-not-deploy"
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
