"""gunicorn's production configuration: ``gunicorn -c gunicorn.conf.py`` (docs/deploy.md).

Every value can be changed from the environment without editing this file:

    WEB_CONCURRENCY    worker processes          (default: see WORKERS below)
    GUNICORN_THREADS   threads per worker        (default: see THREADS below; 1 = sync workers)
    GUNICORN_BIND      address to listen on      (default 127.0.0.1:8001, or 0.0.0.0:$PORT)
    GUNICORN_ACCESS_LOG  "-" for stdout or a file (default: off; nginx logs the requests)
    GUNICORN_TIMEOUT   seconds a request may take (default 30)
"""

import multiprocessing
import os

CORES = multiprocessing.cpu_count()

# The application: production settings unless DJANGO_SETTINGS_MODULE says otherwise (cms/wsgi.py).
wsgi_app = "cms.wsgi:application"

# Listen on loopback only: nginx is in front (deploy/nginx/cms.conf proxies to 127.0.0.1:8001).
# A platform that gives a port in $PORT gets every interface on it.
bind = os.environ.get("GUNICORN_BIND") or (
    f"0.0.0.0:{os.environ['PORT']}" if os.environ.get("PORT") else "127.0.0.1:8001"
)

# Workers sized to the cores, as measured by `make bench` on every run (docs/performance.md,
# "gunicorn workers"): on 2 cores, cores gthread workers of 4 threads served ~30 % more requests
# than 2 × cores + 1 sync workers, both on the floor (3,670 against 2,797 requests/s) and on
# uncached renders (48 against 38 for a news item), with lower p99s. A page is CPU work in Python
# (templates, queries built in Python, renditions) and the GIL runs one thread of a process at a
# time, so one process a core keeps the cores busy; the threads overlap the waits on PostgreSQL
# and Redis, and the worker keeps connections alive (nginx's upstream keepalive) where a sync
# worker closes each one; fewer processes also fight less with nginx, PostgreSQL and Redis for
# the same cores, and use less memory (about 100 MB each). 4 threads is within gunicorn's usual
# 2–4 a core; compare others with WEB_CONCURRENCY/GUNICORN_THREADS and `make bench`.
THREADS = 4
WORKERS = CORES
threads = int(os.environ.get("GUNICORN_THREADS", THREADS))
workers = int(os.environ.get("WEB_CONCURRENCY", WORKERS))
worker_class = "gthread" if threads > 1 else "sync"

# The workers' heartbeat files in memory, not on a disk that may stall (gunicorn's advice for
# containers and busy disks).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108

# Logs: errors to stderr (journald); the access log is off by default because nginx already logs
# every request, and writing one line a request costs the workers time under load.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = "info"

# A request may take 30 s (a large upload, a slow admin page) before its worker is killed and
# replaced. On SIGTERM or HUP, workers finish the requests they hold for up to 30 s more before
# they are stopped (graceful_timeout), so a deploy or restart drops no request.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
# Idle keep-alive connections (nginx's upstream keepalive) are kept 5 s; they wait in the worker's
# poller, not in a thread.
keepalive = 5

# Code is loaded by each worker (no preload_app): `kill -HUP` restarts the workers one by one on
# the new code after a deploy, and no database connection is ever shared across a fork.
preload_app = False
# No max_requests: nothing in this code leaks, and restarting workers every N requests would
# cost a reload of Django in the middle of a rush. Set GUNICORN_CMD_ARGS="--max-requests 10000"
# if memory ever grows.

# Behind nginx on the same host: trust its X-Forwarded-* headers from loopback only (the default).
forwarded_allow_ips = "127.0.0.1,::1"
proxy_allow_ips = "127.0.0.1,::1"
