"""``communique serve``: the JSON API and the web app over the store, on localhost by default."""

from __future__ import annotations

import argparse
import sys

from communique.cli.common import EXIT_OK, UsageError, add_config_options, add_db_option, configure

SERVE_EXAMPLES = """\
examples:
  communique serve                                  # ./communique.db on http://127.0.0.1:8000/
  communique serve --db news.db --port 8080
  communique serve --allow-writes                   # also POST /api/articles (ingest one text)
  communique serve --no-extract --max-bytes 100000  # no pipeline behind the server, small bodies

The API is described by its OpenAPI document at /api/openapi.json; docs/web.md lists it.
exit status: 0 stopped, 2 usage error (no store, bad option).
"""

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


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
    add_config_options(parser)
    parser.set_defaults(func=serve, prog=parser.prog)


def serve(args: argparse.Namespace) -> int:
    """Build the app and run it with uvicorn until interrupted."""
    import uvicorn

    app = build_app(args)
    if args.host not in LOCAL_HOSTS:
        sys.stderr.write(
            f"communique serve: listening on {args.host}: anyone who can reach it can read the store\n"
        )
    uvicorn.run(app, host=args.host, port=args.port, log_level="info", server_header=False)
    return EXIT_OK


def build_app(args: argparse.Namespace):
    """The ASGI app the options describe; a store that cannot be opened is a usage error."""
    from communique.cli.store import db_url
    from communique.store import StoreError
    from communique.web.app import ServeSettings, create_app

    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port must be between 0 and 65535, got {args.port}")
    if args.max_bytes < 1:
        raise UsageError(f"--max-bytes must be at least 1, got {args.max_bytes}")
    if args.timeout <= 0:
        raise UsageError(f"--timeout must be more than 0 seconds, got {args.timeout}")
    settings = ServeSettings(
        db_url=db_url(args),
        allow_writes=args.allow_writes,
        extract=not args.no_extract,
        max_bytes=args.max_bytes,
        timeout=args.timeout,
        config=configure(args),
    )
    try:
        return create_app(settings)
    except StoreError as exc:
        raise UsageError(str(exc)) from exc
