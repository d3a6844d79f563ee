"""The FastAPI application: routes, authentication, and errors as problem details.

FastAPI rather than bare Starlette: the request is validated from one pydantic model that
also writes the OpenAPI document and the interactive docs, so what is checked, what is
documented and what Schemathesis tests against cannot drift apart. Starlette alone would
need the validation, the schema and the docs written and kept in step by hand. The docs'
scripts come from fastapi-offline's copy of Swagger UI and ReDoc, served by this server:
FastAPI's own pages would make the reader's browser load them from a CDN.
"""

from __future__ import annotations

import hmac
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from functools import cache
from http import HTTPStatus
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException
from starlette.responses import Response

from checker.core import AUTO
from checker.serve import models
from checker.serve.jobs import Job, WorkerOptions
from checker.serve.logs import log
from checker.serve.pool import CheckTimeout, QueueFull, WorkerDied, WorkerPool
from checker.serve.problems import PROBLEM_TYPE, Problem, problem_body
from checker.serve.settings import ServeSettings
from checker.serve.state import ServiceState
from checker.version import __version__

RETRY_AFTER = "1"  # seconds: a check takes a fraction of one, so the queue moves quickly


class Invalid(Exception):
    """A request field that is valid JSON but cannot be served (422)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class Unauthorised(Exception):
    """A /v1 request without the right bearer token (401)."""


def problem(
    status: int,
    detail: str = "",
    errors: Sequence[tuple[str, str]] = (),
    headers: Mapping[str, str] | None = None,
) -> Response:
    body = problem_body(status, detail, errors)
    return Response(body, status, headers=headers, media_type=PROBLEM_TYPE)


def _problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {
        status: {"model": Problem, "description": HTTPStatus(status).phrase} for status in statuses
    }


@cache
def _rules() -> bytes:
    """The bundled packs and their rules, as `syndicheck rules list` shows them."""
    from checker.packs import available_packs, load_pack

    packs = [load_pack(name) for name in available_packs()]
    answer = models.Rules(
        packs=[
            models.PackOut(
                name=pack.name,
                version=pack.version,
                description=pack.description,
                rules=[
                    models.RuleOut(
                        id=rule.qualified_id,
                        severity=rule.severity.label,  # type: ignore[arg-type]
                        check=rule.check,
                        description=" ".join(rule.description.split()),
                    )
                    for rule in pack.rules
                ],
            )
            for pack in packs
        ]
    )
    return answer.model_dump_json().encode("utf-8")


@cache
def pack_names() -> frozenset[str]:
    from checker.packs import available_packs

    return frozenset(available_packs())


def to_job(body: models.CheckRequest, settings: ServeSettings) -> Job:
    """The worker's job, or Invalid for what the schema cannot say."""
    # Only bundled pack names: a file name would let a client read the server's files.
    unknown = [name for name in body.rules if name != AUTO and name not in pack_names()]
    if unknown:
        known = ", ".join(sorted(pack_names()))
        raise Invalid("rules", f"unknown pack {unknown[0]!r}; use auto or one of: {known}")
    source = body.source
    fetch = None
    if source is not None and source.content is None:
        if not settings.allow_network:
            raise Invalid(
                "source.url",
                "a source given by url alone is fetched only when the server was started with "
                "--allow-network; send its content instead",
            )
        fetch = source.url
    return Job(
        article=body.article.content,
        article_format=body.article.format,
        article_url=body.article.url,
        source=source.content if source is not None else None,
        source_format=source.format if source is not None else None,
        fetch=fetch,
        publisher=body.publisher,
        source_url=body.source_url or (source.url if source is not None else None),
        rules=tuple(body.rules) or (AUTO,),
        fail_level=body.fail_level,
    )


def _field(location: Sequence[int | str]) -> str:
    parts = [str(part) for part in location]
    if parts and parts[0] == "body":
        parts = parts[1:]
    return ".".join(parts) or "body"


async def validation_failed(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    errors = error.errors()
    malformed = [e for e in errors if e.get("type") == "json_invalid"]
    if malformed:
        context = malformed[0].get("ctx", {}).get("error", "")
        return problem(400, f"the body is not valid JSON: {context}".rstrip(": "))
    named = [(_field(e.get("loc", ())), str(e.get("msg", "invalid"))) for e in errors]
    detail = "; ".join(f"{field}: {message}" for field, message in named)
    return problem(422, detail, named)


def _handlers() -> dict[type[Exception] | int, Callable[[Request, Exception], Any]]:
    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        return problem(error.status_code, str(error.detail), headers=error.headers)

    async def invalid(request: Request, error: Exception) -> Response:
        assert isinstance(error, Invalid)
        return problem(422, f"{error.field}: {error.message}", [(error.field, error.message)])

    async def unauthorised(request: Request, error: Exception) -> Response:
        return problem(401, "a bearer token is required", headers={"WWW-Authenticate": "Bearer"})

    async def queue_full(request: Request, error: Exception) -> Response:
        detail = "every worker is busy and the queue is full; retry shortly"
        return problem(429, detail, headers={"Retry-After": RETRY_AFTER})

    async def timed_out(request: Request, error: Exception) -> Response:
        return problem(504, "the check took longer than the server's --timeout")

    async def died(request: Request, error: Exception) -> Response:
        return problem(503, "the worker checking this request stopped; retry it")

    async def crashed(request: Request, error: Exception) -> Response:
        # Starlette re-raises after answering: checker.serve.service writes the crash log.
        return problem(500, "internal error")

    return {
        Exception: crashed,
        RequestValidationError: validation_failed,
        HTTPException: http_error,
        Invalid: invalid,
        Unauthorised: unauthorised,
        QueueFull: queue_full,
        CheckTimeout: timed_out,
        WorkerDied: died,
    }


def _authorisation(token: str) -> Callable[..., Any]:
    bearer = HTTPBearer(auto_error=False, description="The token the server was started with.")
    expected = token.encode("utf-8")

    async def authorised(
        credentials: HTTPAuthorizationCredentials | None = Depends(bearer),  # noqa: B008
    ) -> None:
        given = credentials.credentials.encode("utf-8") if credentials is not None else b""
        if not hmac.compare_digest(given, expected):  # constant time: no timing oracle
            raise Unauthorised

    return authorised


def _document(schema: dict[str, Any]) -> dict[str, Any]:
    """What the models cannot say: FastAPI documents every model as application/json, and
    errors are problem+json; `rules` takes the bundled packs' names, known only at run time."""
    request = schema.get("components", {}).get("schemas", {}).get("CheckRequest", {})
    if "rules" in request.get("properties", {}):
        names = [AUTO, *sorted(pack_names())]
        request["properties"]["rules"]["items"] = {"type": "string", "enum": names}
    for operation in (op for path in schema.get("paths", {}).values() for op in path.values()):
        for status, response in operation.get("responses", {}).items():
            content = response.get("content", {})
            if status[0] in "45" and "application/json" in content:
                response["content"] = {PROBLEM_TYPE: content["application/json"]}
    return schema


def create_app(settings: ServeSettings, state: ServiceState) -> FastAPI:
    options = WorkerOptions(
        config=settings.config,
        allow_network=settings.allow_network,
        allow_private=settings.allow_private,
        max_bytes=settings.max_body,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state.pool = WorkerPool(settings.workers, options, settings.timeout, settings.queue)
        try:
            await state.pool.start()
            log("ready", workers=settings.workers)
            yield
        finally:
            state.pool.close()

    app = FastAPIOffline(
        title="syndicheck",
        version=__version__,
        summary="Checks that a republished article honours the terms of its source.",
        lifespan=lifespan,
        exception_handlers=_handlers(),
    )
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    secured = [Depends(_authorisation(settings.token))] if settings.token else []

    @app.post(
        "/v1/check",
        response_model=models.CheckAnswer,
        responses=_problems(400, 401, 413, 422, 429, 503, 504),
        dependencies=secured,
        summary="Check one article against its source",
    )
    async def check(body: models.CheckRequest, request: Request) -> Response:
        request.state.article_bytes = len(body.article.content.encode("utf-8", "surrogatepass"))
        job = to_job(body, settings)
        assert state.pool is not None
        outcome = await state.pool.run(job)
        if outcome.status == 200:
            return Response(outcome.body, media_type="application/json")
        if outcome.status == 422:
            field = outcome.field or "body"
            return problem(422, f"{field}: {outcome.detail}", [(field, outcome.detail)])
        return problem(500, "internal error")

    @app.get(
        "/v1/rules",
        response_model=models.Rules,
        responses=_problems(401),
        dependencies=secured,
        summary="The packs and their rules",
    )
    async def rules() -> Response:
        return Response(_rules(), media_type="application/json")

    @app.get("/healthz", response_model=models.Health, responses=_problems(503))
    async def healthz() -> models.Health:
        pool = state.pool
        return models.Health(
            status="ok",
            workers=pool.alive if pool is not None else 0,
            busy=pool.busy if pool is not None else 0,
            waiting=pool.waiting if pool is not None else 0,
        )

    openapi = app.openapi
    app.openapi = lambda: _document(openapi())  # type: ignore[method-assign]
    return app
