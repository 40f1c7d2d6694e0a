"""``communique serve``: the JSON API and the web app over the store, on localhost by default."""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import asdict

from communique.cli.common import EXIT_OK, UsageError, add_config_options, add_db_option, configure

SERVE_EXAMPLES = """\
examples:
  communique serve                                  # ./communique.db on http://127.0.0.1:8000/
  communique serve --db news.db --port 8080
  communique serve --allow-writes                   # also POST /api/articles (ingest one text)
  communique serve --no-extract --max-bytes 100000  # no pipeline behind the server, small bodies
  communique serve --workers 2                      # two server processes on one port
  communique serve --host 0.0.0.0 --allowed-host news.example.org

The API is described by its OpenAPI document at /api/openapi.json; docs/web.md lists it.
exit status: 0 stopped, 2 usage error (no store, bad option).
"""

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")

SETTINGS_ENV = "COMMUNIQUE_SERVE_SETTINGS"
"""Where ``--workers N`` hands the settings to the worker processes."""

MAX_WORKERS = 64

MAX_HEAD_BYTES = 65536 + 16384
"""Request line and headers accepted (uvicorn's h11 default is 16 KiB): a 64 KiB header still gets an
answer (a 4xx from the app if it wants) rather than a dropped connection."""


def add_serve(commands: argparse._SubParsersAction) -> None:
    """``communique serve``: run the web app and API."""
    parser = commands.add_parser(
        "serve",
        help="serve the store as a JSON API and a web app",
        description="Serve the store: a JSON API (OpenAPI at /api/openapi.json) and a web app (events, "
        "articles with their evidence highlighted, timelines, the actor network, a map, quotes). "
        "Read-only unless --allow-writes; binds to localhost unless --host says otherwise.",
        epilog=SERVE_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_db_option(parser)
    parser.add_argument(
        "--host", default="127.0.0.1", help="the address to listen on (default: 127.0.0.1, this machine only)"
    )
    parser.add_argument("--port", type=int, default=8000, help="the port to listen on (default: 8000)")
    parser.add_argument(
        "--allow-writes",
        action="store_true",
        help="allow POST /api/articles to add articles to the store (default: read-only)",
    )
    parser.add_argument(
        "--no-extract",
        action="store_true",
        help="switch off POST /api/extract and POST /api/articles (no pipeline is loaded)",
    )
    parser.add_argument(
        "--max-bytes",
        metavar="N",
        type=int,
        default=1_000_000,
        help="the largest request body accepted, in bytes; larger ones get 413 (default: 1000000)",
    )
    parser.add_argument(
        "--timeout",
        metavar="SECONDS",
        type=float,
        default=30.0,
        help="the longest one extraction may run before the answer is 504 (default: 30)",
    )
    parser.add_argument(
        "--extract-memory-mb",
        metavar="MB",
        type=int,
        default=2048,
        help="the address space of the process that runs extractions (default: 2048); a document "
        "that needs more gets 422 and the server goes on",
    )
    parser.add_argument(
        "--allowed-host",
        metavar="NAME",
        action="append",
        default=[],
        help="also answer requests whose Host header is NAME (repeatable); any other name than the bound "
        "address (and localhost on a loopback address) gets 403, against DNS rebinding",
    )
    parser.add_argument(
        "--workers",
        metavar="N",
        type=int,
        default=1,
        help="server processes sharing the port (default: 1); each keeps its own answer cache and, "
        "when it extracts, its own pipeline",
    )
    parser.add_argument(
        "--cache-mb",
        metavar="MB",
        type=float,
        default=64,
        help="memory per worker for API answers kept until the store changes (default: 64; 0: none)",
    )
    add_config_options(parser)
    parser.set_defaults(func=serve, prog=parser.prog)


def serve(args: argparse.Namespace) -> int:
    """Build the app and run it with uvicorn until interrupted."""
    import uvicorn

    settings = serve_settings(args)
    app = open_app(settings)
    if args.host not in LOCAL_HOSTS:
        sys.stderr.write(
            f"communique serve: listening on {args.host}: anyone who can reach it can read the store\n"
        )
    limits = {"log_level": "info", "server_header": False, "h11_max_incomplete_event_size": MAX_HEAD_BYTES}
    if args.workers == 1:
        uvicorn.run(app, host=args.host, port=args.port, **limits)
        return EXIT_OK
    # Each worker process builds its own app from the same settings, handed over in the environment.
    os.environ[SETTINGS_ENV] = settings_to_json(settings)
    uvicorn.run(f"{__name__}:app_from_environment", factory=True, host=args.host, port=args.port,
                workers=args.workers, **limits)
    return EXIT_OK


def serve_settings(args: argparse.Namespace):
    """The ServeSettings the options describe; a bad value is a usage error."""
    from communique.cli.store import db_url
    from communique.web.app import ServeSettings
    from communique.web.security import allowed_hosts

    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port must be between 0 and 65535, got {args.port}")
    if args.max_bytes < 1:
        raise UsageError(f"--max-bytes must be at least 1, got {args.max_bytes}")
    if args.timeout <= 0:
        raise UsageError(f"--timeout must be more than 0 seconds, got {args.timeout}")
    if not 1 <= args.workers <= MAX_WORKERS:
        raise UsageError(f"--workers must be between 1 and {MAX_WORKERS}, got {args.workers}")
    if args.extract_memory_mb < 256:
        raise UsageError(f"--extract-memory-mb must be at least 256, got {args.extract_memory_mb}")
    if args.cache_mb < 0:
        raise UsageError(f"--cache-mb cannot be negative, got {args.cache_mb}")
    return ServeSettings(
        db_url=db_url(args),
        allow_writes=args.allow_writes,
        extract=not args.no_extract,
        max_bytes=args.max_bytes,
        timeout=args.timeout,
        extract_memory_mb=args.extract_memory_mb,
        config=configure(args),
        allowed_hosts=allowed_hosts(args.host, args.allowed_host),
        cache_bytes=int(args.cache_mb * 2**20),
    )


def build_app(args: argparse.Namespace):
    """The ASGI app the options describe; a store that cannot be opened is a usage error."""
    return open_app(serve_settings(args))


def open_app(settings):
    """The app over the store of ``settings``; a store that cannot be opened is a usage error."""
    from communique.store import StoreError
    from communique.web.app import create_app

    try:
        return create_app(settings)
    except StoreError as exc:
        raise UsageError(str(exc)) from exc


def settings_to_json(settings) -> str:
    return json.dumps({**asdict(settings), "config": dict(settings.config)})


def app_from_environment():
    """The app of one worker process (``--workers N``): the settings the parent put in the environment."""
    from communique.web.app import ServeSettings, create_app

    fields = json.loads(os.environ[SETTINGS_ENV])
    fields["allowed_hosts"] = tuple(fields["allowed_hosts"])
    return create_app(ServeSettings(**fields))
