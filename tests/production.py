"""Starting the project's Python as the production server does: in a subprocess with only the
environment a deployment sets (cms/settings/production.py reads it at import and refuses to start
without it), nothing inherited from the test process but PATH."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def production_env(database_url="postgres://cms:mat-khau@127.0.0.1:5432/cms"):
    """A complete production environment, as the systemd unit sets it: PostgreSQL, Redis, SMTP,
    the site's HTTPS address and a key from the generator docs/deploy.md gives."""
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": database_url,
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "ALLOWED_HOSTS": "binhdanggioi.thptsoctrang.edu.vn",
        "EMAIL_URL": "smtp+tls://binhdanggioi:mat-khau@smtp.thptsoctrang.edu.vn:587",
        "WAGTAILADMIN_BASE_URL": "https://binhdanggioi.thptsoctrang.edu.vn",
    }


def run_python(args, env):
    """``python ARGS`` in the project, with ``env`` and PATH as its whole environment."""
    return subprocess.run(  # noqa: S603
        [sys.executable, *args],
        cwd=PROJECT_ROOT,
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
