"""Schemathesis hooks for nabij (loaded by tests/schemathesis/schemathesis.toml).

`openapi.yaml` states every rule JSON Schema can state. A few rules of the API depend on
the current date, on another field of the same body, or on data the server holds, so a
generator cannot know them. So that `positive_data_acceptance` stays a sharp check
(every schema-valid request must be accepted), the hooks below make *positive* test
cases follow those rules, each named here; negative cases are never touched.

- A `cursor` is valid only when the server issued it (`next_cursor` of the page before).
  A made-up cursor is dropped from positive cases; the stateful phase follows the real
  ones through the `NextPage` links.
- `Idempotency-Key`: the same key with another body is 422 `idempotency_key_reused` by
  design. Positive cases get a key of their own (the generated key, a run id and a
  counter), so a key is never reused by accident. (Replays are tested in
  crates/api/tests/api.)
- `window.date` of a request lies between yesterday and a year from now: positive
  cases get a date in that range.
- An exchange is between two different neighbours: `to_id` differs from `from_id`.
- `consent.recorded_at` lies in the past year (at most 5 minutes ahead): positive cases
  get a time a few days ago.
- A signal (`POST /v1/signals`) is about a neighbour or a person, not both; a person
  has a phone number or an address line; a referral card names its referring partner
  and the day it was signed (in the past year), other sources have no `signed_on`;
  `contact_by` lies between today and a year ahead; a life domain is named once.
  Positive cases are made to follow those rules.
- An outcome (`POST /v1/signals/{id}/outcome`) carries the fields of its kind only,
  with the ones it needs (`service_id`, `next_call_on`, `decided_by`, a registration or
  a request) and its dates in range: positive cases are made to.

- An import's file must be a file of its kind that a generator cannot make: polygons
  whose rings close and do not cross themselves, named by the `name_property` the query
  gives (`POST /v1/neighbourhoods/import`); rows of the official address register with
  its columns (`POST /v1/addresses/import`). Positive cases send the repository's
  fixtures (fixtures/pelt-neighbourhoods.geojson with `name_property=naam`,
  fixtures/pelt-addresses.csv); bad files are tested in crates/api/tests/api/setup.rs.
  The spreadsheet imports (`POST /v1/imports/neighbours`, `/v1/imports/services`) get
  fixtures/import-residents.csv (its consent dates set to today: consent lies in the
  past year) and fixtures/import-services.csv, with the columns guessed from their
  headers (generated column choices name headers the file does not have); bad files
  are tested in crates/api/tests/api/imports.rs. An import whose addresses the server's
  register does not hold answers 422 `import_invalid`, which the contract documents.

A body field that names a row the server does not hold (`neighbourhood_id`,
`service_id`, `neighbour_id`, `request_id`, `companion_ids`, `from_id`, `to_id`,
`match_id`) answers 422 `unknown_reference` naming the field, as a path id answers
404: a generator cannot know which ids exist, so `filter_failure` drops a positive case
refused that way (and only that way). Likewise an address the organisation's register
does not hold answers 422 `address_unknown` (with suggestions).

Rules that depend on who is part of what cannot be met by a generator. A positive case
that breaks one of them gets a 400 naming exactly that rule; `filter_failure` below
drops those failures and no other (the run's summary counts what it dropped).
"""

from __future__ import annotations

import base64
import datetime
import itertools
import json
import pathlib
import re
import uuid

import schemathesis
from schemathesis.core.parameters import ParameterLocation

_FIXTURES = pathlib.Path(__file__).resolve().parents[2] / "fixtures"
_NEIGHBOURHOODS = json.loads((_FIXTURES / "pelt-neighbourhoods.geojson").read_text(encoding="utf-8"))
_ADDRESSES = (_FIXTURES / "pelt-addresses.csv").read_text(encoding="utf-8")
_SERVICES_FILE = (_FIXTURES / "import-services.csv").read_text(encoding="utf-8")


def _residents_file() -> str:
    """The resident fixture with today's date as every consent date."""
    today = datetime.date.today().strftime("%d/%m/%Y")
    lines = (_FIXTURES / "import-residents.csv").read_text(encoding="utf-8").splitlines()
    out = [lines[0]] + [line.rsplit(";", 1)[0] + ";" + today for line in lines[1:]]
    return "\n".join(out) + "\n"
_counter = itertools.count(1)
# Keys are remembered for 24 h per caller: a run against a server an earlier run used
# must not meet its keys again.
_RUN = uuid.uuid4().hex[:8]
_REAL_CURSOR = re.compile(r"^[a-z_]+:[1-9][0-9]*$")
_VISIBLE_ASCII = re.compile(r"^[!-~]{1,255}$")

# 400 `invalid_value` details of rules about membership, which only the server's data
# decide (crates/store/src/matching.rs, exchange.rs), and of the neighbourhoods a limited
# coordinator may place a resident in (crates/api/src/routes/neighbours/mod.rs).
STATE_RULES = frozenset(
    {
        "the requester cannot be their own companion",
        "neighbour_id is not part of this match",
        # A check-in answer recorded for someone not in the match
        # (crates/api/src/routes/check_ins.rs; the field is named in the error).
        "is not part of this match",
        "both neighbours must be part of the match",
        "outside the neighbourhoods you coordinate",
        # Signals (crates/ops/src/signals.rs, crates/api/src/routes/signals/body.rs):
        # what the signal on the server is about and where it came from.
        "a partner app files referral_card or partner signals",
        "the signal is about a registered neighbour already",
        "must be the channel of the signal's source (phone_round, home_visit or referral_card)",
        "required: this signal's source does not say how consent was given",
        "the person is not registered: register them with the request",
        "the person is not registered: register them to put them on the phone list",
    }
)


# A partner app's consent is recorded as the client itself: naming someone else is a rule
# about who calls (crates/api/src/routes/neighbours/body.rs), not about the value.
PARTNER_RECORDER = "a partner app cannot name who recorded the consent"


def _state_rule(message) -> bool:
    return isinstance(message, str) and (message in STATE_RULES or message.startswith(PARTNER_RECORDER))


def _positive(case, location: ParameterLocation) -> bool:
    meta = case.meta
    return meta is not None and location in meta.components and not meta.is_negative_at(location)


def _is_real_cursor(value) -> bool:
    if not isinstance(value, str):
        return False
    try:
        text = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return False
    return bool(_REAL_CURSOR.match(text))


@schemathesis.hook
def map_case(context, case):
    if _positive(case, ParameterLocation.QUERY) and isinstance(case.query, dict) and "cursor" in case.query:
        if not _is_real_cursor(case.query["cursor"]):
            case.query = {k: v for k, v in case.query.items() if k != "cursor"}
    if _positive(case, ParameterLocation.HEADER) and case.headers:
        key = case.headers.get("Idempotency-Key")
        if isinstance(key, str) and _VISIBLE_ASCII.match(key):
            suffix = f"-{_RUN}-{next(_counter)}"
            headers = dict(case.headers)
            headers["Idempotency-Key"] = key[: 255 - len(suffix)] + suffix
            case.headers = headers
    body = case.body
    if _positive(case, ParameterLocation.BODY) and case.operation.path == "/v1/neighbourhoods/import":
        case.body = _NEIGHBOURHOODS
        case.query = {**(case.query or {}), "name_property": "naam"}
        return case
    if _positive(case, ParameterLocation.BODY) and case.operation.path == "/v1/addresses/import":
        case.body = _ADDRESSES
        return case
    if _positive(case, ParameterLocation.BODY) and case.operation.path in ("/v1/imports/neighbours", "/v1/imports/services"):
        case.body = _residents_file() if case.operation.path.endswith("neighbours") else _SERVICES_FILE
        case.media_type = "text/csv"
        dry = (case.query or {}).get("dry_run")
        case.query = {} if dry is None else {"dry_run": dry}
        return case
    if _positive(case, ParameterLocation.BODY) and isinstance(body, dict):
        path = case.operation.path
        if path == "/v1/signals":
            case.body = _signal(body)
            return case
        if path == "/v1/signals/{id}/outcome":
            case.body = _outcome(body)
            return case
        if path == "/v1/requests/{id}/cancel":
            # `other` needs a note saying what (a rule across two fields).
            if body.get("reason") == "other" and _blank(body.get("note")):
                case.body = {**body, "note": "Iets anders"}
            return case
        if path == "/v1/requests/{id}":
            # An edit names at least one field; a one-off date lies within the coming year.
            body = dict(body) if body else {"text": "Samen wandelen"}
            window = body.get("window")
            if isinstance(window, dict) and window.get("type") == "once":
                day = datetime.date.today() + datetime.timedelta(days=next(_counter) % 360)
                body["window"] = {**window, "date": day.isoformat()}
            case.body = body
            return case
        if path == "/v1/requests" and isinstance(body.get("window"), dict):
            window = body["window"]
            if window.get("type") == "once":
                day = datetime.date.today() + datetime.timedelta(days=next(_counter) % 360)
                case.body = {**body, "window": {**window, "date": day.isoformat()}}
        elif path.startswith("/v1/neighbours") and isinstance(body.get("consent"), dict):
            consent = body["consent"]
            if isinstance(consent.get("recorded_at"), str):
                at = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=1 + next(_counter) % 300)
                case.body = {**body, "consent": {**consent, "recorded_at": at.strftime("%Y-%m-%dT%H:%M:%SZ")}}
        elif path == "/v1/exchanges":
            a, b = body.get("from_id"), body.get("to_id")
            numbers = (int, float)
            if isinstance(a, numbers) and isinstance(b, numbers) and not isinstance(a, bool) and a == b:
                a = int(a)
                case.body = {**body, "to_id": a + 1 if a < 2**63 - 1 else a - 1}
    return case


def _day(offset: int) -> str:
    return (datetime.date.today() + datetime.timedelta(days=offset)).isoformat()


def _blank(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _signal(body: dict) -> dict:
    """A positive signal body made to follow the rules across its fields."""
    body = dict(body)
    n = next(_counter)
    if body.get("neighbour_id") is not None and isinstance(body.get("person"), dict):
        body.pop("neighbour_id")
    if body.get("neighbour_id") is None and not isinstance(body.get("person"), dict):
        body["person"] = {"name": "Maria", "phone": "011 22 33 44", "basis": "concern"}
    person = body.get("person")
    if isinstance(person, dict) and _blank(person.get("phone")) and _blank(person.get("address")):
        body["person"] = {**person, "phone": "011 22 33 44"}
    if body.get("source") == "referral_card":
        if _blank(body.get("referring_partner")) and body.get("referring_service_id") is None:
            body["referring_partner"] = "Apotheek"
        body["signed_on"] = _day(-(n % 300))
    else:
        body.pop("signed_on", None)
    if body.get("contact_by") is not None:
        body["contact_by"] = _day(n % 300)
    domains = body.get("life_domains")
    if isinstance(domains, list):
        body["life_domains"] = list(dict.fromkeys(d for d in domains if isinstance(d, str))) or ["health"]
    return body


_OUTCOME_FIELDS = {
    "registered": {"neighbour", "request"},
    "referred": {"service_id", "check_on"},
    "recurring_call": {"neighbour", "next_call_on"},
    "no_action_wanted": {"decided_by", "decided_on"},
}


def _outcome(body: dict) -> dict:
    """A positive outcome body with the fields of its kind, what it needs, dates in range."""
    kind = body.get("outcome")
    if kind not in _OUTCOME_FIELDS:
        return body
    n = next(_counter)
    out = {k: v for k, v in body.items() if k == "outcome" or (k in _OUTCOME_FIELDS[kind] and v is not None)}
    neighbour = out.get("neighbour")
    if isinstance(neighbour, dict) and isinstance(neighbour.get("consent"), dict):
        consent = neighbour["consent"]
        if isinstance(consent.get("recorded_at"), str):
            at = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=1 + n % 300)
            out["neighbour"] = {**neighbour, "consent": {**consent, "recorded_at": at.strftime("%Y-%m-%dT%H:%M:%SZ")}}
    request = out.get("request")
    if isinstance(request, dict) and isinstance(request.get("window"), dict) and request["window"].get("type") == "once":
        out["request"] = {**request, "window": {**request["window"], "date": _day(n % 360)}}
    if kind == "registered" and "neighbour" not in out and "request" not in out:
        out["request"] = {"kind": "practical", "window": {"type": "flexible"}}
    if kind == "referred":
        out.setdefault("service_id", 1)
        if "check_on" in out:
            out["check_on"] = _day(n % 300)
    if kind == "recurring_call":
        out["next_call_on"] = _day(n % 300)
    if kind == "no_action_wanted":
        if not isinstance(out.get("decided_by"), str):
            out["decided_by"] = "de persoon zelf"
        if "decided_on" in out:
            out["decided_on"] = _day(-(n % 300))
    return out


# Spreadsheet imports take the file as a text/csv body: any bytes are a file, so a
# "wrongly typed" body cannot exist on the wire; a dry run answers 200 with its findings
# (for such a body: no usable columns), which is what it is for.
CSV_IMPORTS = ("/v1/imports/neighbours", "/v1/imports/services")


@schemathesis.hook
def filter_failure(context, failure, case, response):
    """Keeps every failure but a positive case refused for a membership rule, and a
    dry run of a spreadsheet import answering a generated non-file body with findings."""
    if type(failure).__name__ == "AcceptedNegativeData":
        negative_body = case.meta is not None and case.meta.is_negative_at(ParameterLocation.BODY)
        return not (
            case.operation.path in CSV_IMPORTS
            and negative_body
            and response.status_code == 200
            and "dry_run=true" in (response.request.url or "")
        )
    if type(failure).__name__ != "RejectedPositiveData":
        return True
    if response.status_code == 422:
        try:
            problem = response.json()
        except ValueError:
            return True
        return not (isinstance(problem, dict) and problem.get("code") in ("unknown_reference", "address_unknown"))
    if response.status_code != 400:
        return True
    try:
        problem = response.json()
    except ValueError:
        return True
    if not isinstance(problem, dict) or problem.get("code") != "invalid_value":
        return True
    errors = problem.get("errors") or []
    if errors:
        # Every field error must be one of those rules.
        return not all(isinstance(e, dict) and _state_rule(e.get("message")) for e in errors)
    return not _state_rule(problem.get("detail"))
