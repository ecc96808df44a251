"""Did the town's mail server authenticate the sender? Read from its Authentication-Results header.

Anybody can write any address in a mail's From: line. Before a reply joins a request (and its
words land in that citizen's timeline, or reopen the conversation on their behalf), the
application asks what the receiving mail server found when it checked the message: DMARC,
DKIM and SPF, as it recorded them in an `Authentication-Results` header (RFC 8601).

Only the header written by the town's own server counts: the one whose authserv-id is
`INBOUND_AUTHSERV_ID` (the server must remove, as RFC 8601 §5 asks, any header that claims
its id on arrival). Headers of any other id were written by servers on the way, or by the
sender, and prove nothing. When several carry the id, the topmost one (the last added) is read.

The rule, for the domain of the From: address:

1. `dmarc=pass` → authenticated; `dmarc=fail` → not (whatever else the header says);
2. otherwise (no DMARC result, `none`, `temperror`, ...): `dkim=pass` for a signing domain
   (`header.d`) that is the From: domain or a parent of it, or `spf=pass` for an envelope
   domain (`smtp.mailfrom`) that is the From: domain or a parent of it → authenticated;
3. anything else (fail, softfail, neutral, none, no header of that id) → not authenticated:
   the reply is held for an agent, who can still add it to the request.

With `INBOUND_AUTHSERV_ID` empty the check is off and every reply counts as authenticated:
the headers of an unknown server cannot be trusted, so there is nothing to read.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings

HEADER = "Authentication-Results"
# method=result, or ptype.property=value, a value being a quoted string or a token.
PAIR = re.compile(r'([A-Za-z0-9._/-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^\s";]+)')


@dataclass
class Results:
    """One Authentication-Results header: its authserv-id and its results by method."""

    authserv_id: str
    # method → [(result, {"header.d": "example.fr", ...}), ...]: a method may appear twice (two DKIM signatures).
    methods: dict[str, list[tuple[str, dict[str, str]]]] = field(default_factory=dict)

    def passes(self, method: str) -> list[dict[str, str]]:
        return [props for result, props in self.methods.get(method, []) if result == "pass"]

    def result_of(self, method: str) -> str | None:
        results = self.methods.get(method)
        return results[0][0] if results else None


def _without_comments(value: str) -> str:
    """CFWS comments (nested parentheses) removed; quoted strings kept as they are."""
    out, depth, quoted, escaped = [], 0, False, False
    for ch in value:
        if escaped:
            escaped = False
            if depth == 0:
                out.append(ch)
            continue
        if ch == "\\":
            escaped = True
            if depth == 0:
                out.append(ch)
            continue
        if quoted:
            quoted = ch != '"'
            out.append(ch)
        elif ch == '"' and depth == 0:
            quoted = True
            out.append(ch)
        elif ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def _split_statements(value: str) -> list[str]:
    """Split on the semicolons that are not inside a quoted string."""
    parts, current, quoted, escaped = [], [], False, False
    for ch in value:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == '"':
            quoted = not quoted
        elif ch == ";" and not quoted:
            parts.append("".join(current))
            current = []
            continue
        current.append(ch)
    parts.append("".join(current))
    return parts


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return re.sub(r"\\(.)", r"\1", value[1:-1])
    return value


def parse_header(value: str) -> Results | None:
    """One header's value; None when it has no authserv-id to speak of."""
    statements = _split_statements(_without_comments(" ".join(str(value).split())))
    head = statements[0].split()
    if not head:
        return None
    results = Results(authserv_id=_unquote(head[0]).lower())
    for statement in statements[1:]:
        pairs = PAIR.findall(statement)
        if not pairs:
            continue
        method, result = pairs[0]
        method = method.lower().split("/", 1)[0]  # "dkim/1": the version does not matter here
        properties = {name.lower(): _unquote(value).lower() for name, value in pairs[1:] if name.lower() != "reason"}
        results.methods.setdefault(method, []).append((result.lower(), properties))
    return results


def trusted_results(message, authserv_id: str) -> Results | None:
    """The topmost Authentication-Results header written by the server named `authserv_id`."""
    wanted = authserv_id.strip().lower()
    for value in message.get_all(HEADER) or []:
        results = parse_header(str(value))
        if results is not None and results.authserv_id == wanted:
            return results
    return None


def _aligned(domain: str, from_domain: str) -> bool:
    """The authenticated domain is the From: domain or one of its parents (relaxed alignment)."""
    domain = domain.strip().lower().rstrip(".")
    return bool(domain) and "." in domain and (from_domain == domain or from_domain.endswith("." + domain))


def _domain_of(address_or_domain: str) -> str:
    return address_or_domain.rsplit("@", 1)[-1]


def sender_is_authenticated(message, from_address: str, *, authserv_id: str | None = None) -> bool:
    """Whether the town's mail server vouches for the From: address's domain (see the module's rule)."""
    authserv_id = settings.INBOUND_AUTHSERV_ID if authserv_id is None else authserv_id
    if not authserv_id:
        return True  # the check is off: no server's headers are known to be trustworthy
    results = trusted_results(message, authserv_id)
    if results is None:
        return False
    from_domain = _domain_of(from_address.lower()).rstrip(".")
    dmarc = results.result_of("dmarc")
    if dmarc == "pass":
        return all(
            _aligned(props["header.from"], from_domain) for props in results.passes("dmarc") if "header.from" in props
        )
    if dmarc == "fail":
        return False
    if any(_aligned(props.get("header.d", ""), from_domain) for props in results.passes("dkim")):
        return True
    return any(_aligned(_domain_of(props.get("smtp.mailfrom", "")), from_domain) for props in results.passes("spf"))
