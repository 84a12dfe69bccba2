"""Serve the console's build (console/dist) at /console/, redirect / there, and GraphiQL from local assets.

The build is made by ``make run`` / ``make test`` (``npm ci`` from the lock file, then ``npm run build``); nothing is
fetched from a CDN, so the console works on an office network closed to the internet.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from strawberry.fastapi import GraphQLRouter

from api.settings import PROJECT_ROOT

CONSOLE_DIST = PROJECT_ROOT / "console" / "dist"
CONSOLE_PREFIX = "/console/"

_NOT_BUILT = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Himaya</title></head>
<body><h1>The console is not built</h1><p>Run <code>make run</code> (it runs <code>npm ci</code> and
<code>npm run build</code> in <code>console/</code>).</p></body></html>"""

_CONTENT_TYPES = {".js": "text/javascript", ".css": "text/css", ".woff2": "font/woff2", ".woff": "font/woff",
                  ".svg": "image/svg+xml", ".png": "image/png", ".json": "application/json",
                  ".html": "text/html; charset=utf-8", ".ico": "image/x-icon", ".map": "application/json"}


def _built_file(dist: Path, relative: str) -> Path | None:
    """The file of the build at this relative path, never outside the build folder."""
    root = dist.resolve()
    candidate = (root / relative).resolve()
    if not candidate.is_relative_to(root) or not candidate.is_file():
        return None
    return candidate


def _page(dist: Path, name: str) -> Response:
    page = _built_file(dist, name)
    if page is None:
        return HTMLResponse(_NOT_BUILT, status_code=503)
    return FileResponse(page, media_type="text/html; charset=utf-8")


def install_console(app: FastAPI, dist: Path = CONSOLE_DIST) -> None:
    """Mount /console/ (files of the build, and index.html for the application's own routes) and / → /console/."""

    @app.get("/", include_in_schema=False)
    async def root() -> RedirectResponse:
        return RedirectResponse(CONSOLE_PREFIX, status_code=307)

    @app.get("/console", include_in_schema=False)
    async def console_bare() -> RedirectResponse:
        return RedirectResponse(CONSOLE_PREFIX, status_code=307)

    @app.get("/console/{path:path}", include_in_schema=False)
    async def console(path: str, request: Request) -> Response:
        if path and path != "index.html":
            found = _built_file(dist, path)
            if found is not None:
                return FileResponse(found, media_type=_CONTENT_TYPES.get(found.suffix, "application/octet-stream"))
            if "." in path.rsplit("/", 1)[-1]:
                return Response(status_code=404)
        return _page(dist, "index.html")


class LocalGraphiQLRouter(GraphQLRouter[object, None]):
    """Strawberry's router, with GraphiQL served from the console's build instead of a CDN."""

    dist: Path = CONSOLE_DIST

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        page = _built_file(self.dist, "graphiql.html")
        if page is None:
            return HTMLResponse(_NOT_BUILT, status_code=503)
        return HTMLResponse(page.read_text(encoding="utf-8"))
