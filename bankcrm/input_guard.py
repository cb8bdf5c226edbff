"""Text every request must carry before a view sees it: valid Unicode, no NUL, JSON nested shallowly.

PostgreSQL cannot store a NUL in text and psycopg cannot encode a lone surrogate ("\\udfff", which
JSON may spell but UTF-8 cannot), so either would reach the database as a 500. Bytes that are not
UTF-8 in a query string or form Django would quietly read as U+FFFD, storing "\ufffd\ufffd\ufffd" for
what was sent. JSON nested a thousand deep makes the parser recurse until Python gives up. All are
refused here, once, for every endpoint: JSON bodies by the API's parser (``GuardedJSONParser``),
headers, query strings and form posts (the pages, admin and the API alike) by
``RequestTextMiddleware``. Each answer is a 400 that names the field; a body over
``DATA_UPLOAD_MAX_MEMORY_SIZE`` is a 413, in JSON like the rest.
"""

import base64
import binascii
import codecs
import io
import re
from collections.abc import Callable, Iterator
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.handlers.wsgi import get_bytes_from_wsgi
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from rest_framework import exceptions
from rest_framework.parsers import JSONParser
from rest_framework.settings import api_settings

MAX_JSON_DEPTH = 32
NUL_MESSAGE = "Null characters are not allowed."
FORM_MEDIA_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

_BAD_CHARACTER = re.compile("[\x00\ud800-\udfff]")
_JSON_TOKEN = re.compile(r'[\[\]{}"\\]')
_PART_NAME = re.compile(rb'\bname="([^"]*)"', re.IGNORECASE)
_PART_BASE64 = re.compile(rb"^content-transfer-encoding:\s*base64\s*$", re.IGNORECASE | re.MULTILINE)


def text_problem(text: str) -> str | None:
    """Why ``text`` cannot be stored as text, or None."""
    found = _BAD_CHARACTER.search(text)
    if found is None:
        return None
    if found[0] == "\x00":
        return NUL_MESSAGE
    return f"Not valid Unicode: a lone surrogate (U+{ord(found[0]):04X})."


def storable(data):
    """``data`` (text, or JSON-like lists and dicts of it) without what PostgreSQL cannot store.

    For records that must be written whatever they quote (the audit trail); input is refused instead.
    """
    if isinstance(data, str):
        return _BAD_CHARACTER.sub("", data)
    if isinstance(data, dict):
        return {storable(str(key)): storable(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [storable(value) for value in data]
    return data


def printable_name(name: str) -> str:
    """A key that may hold bad characters, escaped so that the error message itself is valid text."""
    return name if text_problem(name) is None else name.encode("unicode_escape").decode("ascii")


def _problems(data, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(data, str):
        if problem := text_problem(data):
            yield path, problem
    elif isinstance(data, dict):
        for key, value in data.items():
            if problem := text_problem(key):
                yield (
                    (*path, printable_name(key)),
                    f"This key is not usable: {problem[0].lower()}{problem[1:]}",
                )
            else:
                yield from _problems(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _problems(value, (*path, index))


def first_text_problem(data) -> tuple[tuple, str] | None:
    """The path (keys and list indexes) to the first unusable string or key in ``data``, and why."""
    return next(_problems(data, ()), None)


def error_detail(path: tuple, message: str) -> dict:
    """DRF's nested error shape: ``{"filters": {"state": {0: ["..."]}}}``."""
    detail: object = [message]
    for step in reversed(path or (api_settings.NON_FIELD_ERRORS_KEY,)):
        detail = {step: detail}
    return detail


def json_too_deep(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether arrays and objects nest deeper than ``limit``, counted without parsing (no recursion).

    One pass over the brackets, quotes and backslashes, in linear time whatever the text: a regular
    expression for strings backtracks quadratically on a run of escaped quotes.
    """
    depth = 0
    in_string = False
    escaped_until = -1
    for token in _JSON_TOKEN.finditer(text):
        if in_string:
            if token.start() < escaped_until:
                continue
            if token[0] == "\\":
                escaped_until = token.start() + 2
            elif token[0] == '"':
                in_string = False
        elif token[0] == '"':
            in_string = True
        elif token[0] in "[{":
            depth += 1
            if depth > limit:
                return True
        elif token[0] in "]}":
            depth -= 1
    return False


class GuardedJSONParser(JSONParser):
    """DRF's JSON parser, after a depth check on the raw text and before any view sees bad text."""

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        raw = stream.read()
        if json_too_deep(raw.decode(encoding, errors="replace")):
            raise exceptions.ParseError(f"JSON parse error - nested deeper than {MAX_JSON_DEPTH} levels.")
        data = super().parse(io.BytesIO(raw), media_type, parser_context)
        if problem := first_text_problem(data):
            raise exceptions.ValidationError(error_detail(*problem))
        return data


def _urlencoded_fields(raw: bytes) -> Iterator[tuple[bytes, bytes]]:
    for pair in raw.split(b"&"):
        name, _, value = pair.partition(b"=")
        yield unquote_to_bytes(name.replace(b"+", b" ")), unquote_to_bytes(value.replace(b"+", b" "))


def _multipart_fields(raw: bytes, boundary: str) -> Iterator[tuple[bytes, bytes]]:
    """Each text part's name and bytes; file parts are bytes by right and are left alone."""
    if not boundary:
        return  # Django's parser refuses it
    for part in raw.split(b"--" + boundary.encode("latin-1"))[1:]:
        head, separator, value = part.partition(b"\r\n\r\n")
        if not separator or b"filename=" in head.lower():
            continue
        value = value.removesuffix(b"\r\n")
        if _PART_BASE64.search(head):
            try:
                value = base64.b64decode(value)
            except binascii.Error:
                continue
        name = _PART_NAME.search(head)
        yield (name[1] if name else b""), value


def undecodable_field(fields: Iterator[tuple[bytes, bytes]], encoding: str) -> tuple[tuple, str] | None:
    """The first field (name or value) whose bytes are not text in ``encoding``, named, and why.

    Checked on the bytes, before Django decodes them with U+FFFD in place of what is not text.
    """
    try:
        encoding = codecs.lookup(encoding).name
    except LookupError:
        encoding = settings.DEFAULT_CHARSET
    message = f"Not valid {'UTF-8' if encoding == 'utf-8' else encoding} text."
    for name, value in fields:
        try:
            name.decode(encoding)
            value.decode(encoding)
        except UnicodeDecodeError:
            return (printable_name(name.decode(encoding, errors="backslashreplace")),), message
    return None


REFUSED_REQUESTS = {
    RequestDataTooBig: (
        413,
        "The request body is larger than {DATA_UPLOAD_MAX_MEMORY_SIZE:,} bytes (REQUEST_MAX_BYTES).",
    ),
    TooManyFieldsSent: (
        400,
        "More than {DATA_UPLOAD_MAX_NUMBER_FIELDS:,} parameters (DATA_UPLOAD_MAX_NUMBER_FIELDS).",
    ),
    TooManyFilesSent: (
        400,
        "More than {DATA_UPLOAD_MAX_NUMBER_FILES:,} files (DATA_UPLOAD_MAX_NUMBER_FILES).",
    ),
    MultiPartParserError: (400, "The multipart body cannot be read (its boundary or parts are malformed)."),
}

_LIMITS = ("DATA_UPLOAD_MAX_MEMORY_SIZE", "DATA_UPLOAD_MAX_NUMBER_FIELDS", "DATA_UPLOAD_MAX_NUMBER_FILES")


class RequestTextMiddleware:
    """Headers, query strings and form posts with unusable text answer 400 naming the header or
    parameter, before any view, sign-in or audit record sees the request; a body or query string
    over Django's limits answers in JSON too, rather than Django's HTML error page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            problem = self._problem(request)
        except tuple(REFUSED_REQUESTS) as refused:
            status, message = REFUSED_REQUESTS[type(refused)]
            limits = {name: getattr(settings, name) for name in _LIMITS}
            return JsonResponse({"detail": message.format(**limits)}, status=status)
        if problem:
            return JsonResponse(error_detail(*problem), status=400)
        return self.get_response(request)

    @staticmethod
    def _problem(request: HttpRequest) -> tuple[tuple, str] | None:
        if problem := text_problem(request.path_info):
            return ("path",), problem
        # Headers reach the audit trail (user agent, forwarded address) and django-axes: refused
        # here, before sign-in, so that such a request is neither an answer about a password nor
        # a failure the lockout does not count.
        headers = {**request.headers, "Remote-Addr": request.META.get("REMOTE_ADDR") or ""}
        if problem := first_text_problem(headers):
            return ("headers", *problem[0][:1]), problem[1]
        encoding = request.encoding or settings.DEFAULT_CHARSET
        query = get_bytes_from_wsgi(request.META, "QUERY_STRING", "")
        if problem := undecodable_field(_urlencoded_fields(query), encoding):
            return problem
        body = request.body  # read here, so that a body over the limit is refused here
        sources = [request.GET]
        if request.content_type in FORM_MEDIA_TYPES:
            if request.content_type == "multipart/form-data":
                fields = _multipart_fields(body, request.content_params.get("boundary", ""))
            else:
                fields = _urlencoded_fields(body)
            if problem := undecodable_field(fields, encoding):
                return problem
            sources.append(request.POST)
        for params in sources:
            if problem := first_text_problem(dict(params.lists())):
                return problem[0][:1], problem[1]
        return None
