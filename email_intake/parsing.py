"""Reading e-mails as real clients write them: headers, body text, quoted history, attachments.

Everything here is pure: bytes or an `email.message.EmailMessage` in, plain Python values out.
Mail in the wild is often broken (wrong charsets, undecodable headers, missing parts), so every
helper degrades to something readable instead of raising.
"""

import email
import email.policy
import hashlib
import re
from dataclasses import dataclass, field
from email.header import decode_header, make_header
from email.message import EmailMessage, Message
from email.utils import getaddresses, parseaddr
from html.parser import HTMLParser

MAX_SUBJECT_LENGTH = 200
# Inline images below this size that the HTML embeds by Content-ID are logos and signature
# decorations, not documents the citizen means to send.
INLINE_DECORATION_BYTES = 12 * 1024


class UnparseableEmail(ValueError):
    """The input is not an e-mail message at all."""


@dataclass(frozen=True)
class MailAttachment:
    name: str
    content_type: str
    data: bytes


@dataclass
class ParsedEmail:
    message_id: str
    from_address: str
    from_name: str
    subject: str
    recipients: list[str]
    references: list[str]
    body: str
    attachments: list[MailAttachment] = field(default_factory=list)

    @property
    def trimmed_body(self) -> str:
        return trim_reply(self.body)


# --- reading the message -------------------------------------------------------------------


def load_message(raw: bytes | Message) -> tuple[EmailMessage, bytes]:
    """The message object and its bytes, whichever of the two we were given."""
    if isinstance(raw, Message):
        message = raw
        try:
            data = message.as_bytes(policy=email.policy.SMTP)
        except Exception:
            data = message.as_bytes(policy=email.policy.compat32)
        if not isinstance(message, EmailMessage):
            message = email.message_from_bytes(data, policy=email.policy.default)
        return message, data
    if not isinstance(raw, bytes | bytearray):
        raise UnparseableEmail("expected the bytes of an RFC 822 message")
    data = bytes(raw)
    if not data.strip():
        raise UnparseableEmail("the input is empty")
    head = data.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    if not re.search(rb"^[!-9;-~]+:", head, re.MULTILINE):
        raise UnparseableEmail("no header line found: this is not an e-mail message")
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not (message.get("From") or message.get("Message-ID") or message.get("Subject")):
        raise UnparseableEmail("no From, Message-ID or Subject header: this is not an e-mail message")
    return message, data


def header(message: Message, name: str) -> str:
    """A header as text: RFC 2047 words decoded, folding removed; '' if absent or hopeless."""
    raw = _raw_header(message, name)
    if raw is not None and _SURROGATES.search(raw):
        # Raw 8-bit bytes in a header (no RFC 2047): read them as UTF-8, else as Windows-1252.
        data = raw.encode("ascii", "surrogateescape")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
        return " ".join(text.split())
    try:
        value = message.get(name)
    except Exception:
        value = _decode_words(raw) if raw is not None else None
    if value is None:
        return ""
    text = str(value)
    if "=?" in text:
        text = _decode_words(text)
    return " ".join(text.split())


_SURROGATES = re.compile("[\udc80-\udcff]")


def _raw_header(message: Message, name: str) -> str | None:
    for key, value in message.raw_items():
        if key.lower() == name.lower():
            return value if isinstance(value, str) else str(value)
    return None


def _decode_words(text: str) -> str:
    try:
        return str(make_header(decode_header(text)))
    except Exception:
        return text


def header_values(message: Message, name: str) -> list[str]:
    values = []
    try:
        values = [str(v) for v in message.get_all(name) or ()]
    except Exception:
        values = [str(v) for k, v in message.raw_items() if k.lower() == name.lower()]
    return values


def message_ids(text: str) -> list[str]:
    return re.findall(r"<[^<>\s]+>", text or "")


def normalise_message_id(value: str) -> str:
    found = message_ids(value)
    if found:
        return found[0][:255]
    value = value.strip()
    return f"<{value}>"[:255] if value else ""


def synthetic_message_id(data: bytes) -> str:
    """Mail without a Message-ID is identified by its bytes, so the same mail twice is seen once."""
    return f"<sha256-{hashlib.sha256(data).hexdigest()}@no-message-id>"


def parse(message: EmailMessage, data: bytes) -> ParsedEmail:
    name, address = parseaddr(header(message, "From"))
    recipients = []
    for key in ("To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To"):
        for _, addr in getaddresses([header(message, key)]):
            if addr:
                recipients.append(addr.lower())
    envelope = getattr(message, "envelope_recipient", None)
    if envelope:
        recipients.append(str(envelope).lower())
    references = message_ids(header(message, "In-Reply-To")) + message_ids(header(message, "References"))
    return ParsedEmail(
        message_id=normalise_message_id(header(message, "Message-ID")) or synthetic_message_id(data),
        from_address=address.strip().lower(),
        from_name=name.strip().strip('"'),
        subject=header(message, "Subject")[:MAX_SUBJECT_LENGTH],
        recipients=recipients,
        references=references,
        body=body_text(message),
        attachments=attachments(message),
    )


# --- loops and robots ----------------------------------------------------------------------

BOUNCE_SENDERS = re.compile(r"^(mailer-daemon|postmaster)@", re.IGNORECASE)
NO_REPLY_SENDERS = re.compile(r"^(no-?reply|do-?not-?reply|ne-?pas-?repondre)@", re.IGNORECASE)


def robot_reason(message: Message, from_address: str) -> str:
    """Why this mail was written by a machine ('' for a person): such mail never opens a ticket.

    Answering it would start a loop (RFC 3834): out-of-office replies, bounces, mailing lists.
    """
    auto_submitted = header(message, "Auto-Submitted").lower()
    if auto_submitted and auto_submitted.split(";")[0].strip() != "no":
        return "auto_reply"
    if header(message, "X-Autoreply") or header(message, "X-Autorespond") or header(message, "X-Autoresponse"):
        return "auto_reply"
    if header(message, "Precedence").lower() in {"bulk", "junk", "list", "auto_reply"}:
        return "bulk"
    if header(message, "List-Id"):
        return "mailing_list"
    if message.get_content_type() == "multipart/report":
        return "bounce"
    return_paths = [v.strip() for v in header_values(message, "Return-Path")]
    if any(v in {"<>", ""} for v in return_paths) and return_paths:
        return "bounce"
    if BOUNCE_SENDERS.match(from_address):
        return "bounce"
    if NO_REPLY_SENDERS.match(from_address):
        return "auto_reply"
    return ""


# --- body ----------------------------------------------------------------------------------


def decode_part(part: Message) -> str:
    """A text part's content, trusting its charset label only as far as it decodes."""
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        payload = None
    if payload is None:
        payload = part.get_payload()
        return payload if isinstance(payload, str) else ""
    charset = (part.get_content_charset() or "us-ascii").lower()
    # Clients label windows-1252 text (curly quotes, euro sign) as iso-8859-1: the superset reads both.
    if charset in {"iso-8859-1", "latin-1", "latin1", "iso8859-1", "us-ascii", "ascii"}:
        candidates = ["utf-8", "cp1252"] if charset in {"us-ascii", "ascii"} else ["cp1252"]
    else:
        candidates = [charset, "utf-8", "cp1252"]
    for candidate in candidates:
        try:
            return payload.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    return payload.decode("cp1252", errors="replace")


def _is_attachment(part: Message) -> bool:
    if part.is_multipart():
        return False
    disposition = (part.get_content_disposition() or "").lower()
    if disposition == "attachment":
        return True
    return bool(_filename(part)) and part.get_content_maintype() != "text"


def body_text(message: Message) -> str:
    """The readable text: the plain part if there is one, else the HTML part made plain."""
    plain, html = None, None
    for part in message.walk():
        if part.is_multipart() or _is_attachment(part):
            continue
        content_type = part.get_content_type()
        if content_type == "text/plain" and plain is None:
            plain = decode_part(part)
        elif content_type == "text/html" and html is None:
            html = decode_part(part)
    if plain is not None and plain.strip():
        text = plain
    elif html is not None:
        text = html_to_text(html)
    else:
        text = plain or ""
    return _tidy(text)


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


class _TextExtractor(HTMLParser):
    BLOCKS = frozenset(
        {"p", "div", "br", "li", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "hr", "pre"}
    )
    SKIP = frozenset({"script", "style", "head", "title", "template", "noscript"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.quote_depth = 0
        self.href = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.SKIP:
            self.skip_depth += 1
        elif tag == "blockquote":
            self.quote_depth += 1
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in self.BLOCKS:
            self.parts.append("\n")
        if tag == "a":
            self.href = attrs.get("href") or None

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip_depth = max(self.skip_depth - 1, 0)
        elif tag == "blockquote":
            self.quote_depth = max(self.quote_depth - 1, 0)
            self.parts.append("\n")
        elif tag in self.BLOCKS:
            self.parts.append("\n")
        if tag == "a":
            self.href = None

    def handle_data(self, data):
        if self.skip_depth:
            return
        text = re.sub(r"\s+", " ", data)
        if self.href and self.href.startswith(("http://", "https://")) and self.href not in text and text.strip():
            text = f"{text} ({self.href})"
        if self.quote_depth:
            # Quoted history keeps its mark, so trimming removes it as in a plain-text reply.
            text = text.replace("\n", "\n> ")
            if not self.parts or self.parts[-1].endswith("\n"):
                text = "> " + text.lstrip()
        self.parts.append(text)

    def text(self) -> str:
        lines = [line.strip() for line in "".join(self.parts).split("\n")]
        return "\n".join(lines)


def html_to_text(html: str) -> str:
    """Plain text from HTML: tags, scripts and styles gone; paragraphs and links kept readable."""
    parser = _TextExtractor()
    try:
        parser.feed(html)
        parser.close()
    except Exception:
        return _tidy(re.sub(r"<[^>]*>", " ", html))
    return _tidy(parser.text())


# --- trimming quoted history and signatures -----------------------------------------------

QUOTE_HEADERS = [
    re.compile(r"^\s*Le .{4,200}a\s+écrit\s*:\s*$", re.IGNORECASE | re.DOTALL),
    re.compile(r"^\s*On .{4,200}wrote\s*:\s*$", re.IGNORECASE | re.DOTALL),
    re.compile(r"^\s*-{2,}\s*(Original Message|Message d'origine|Message original)\s*-{2,}\s*$", re.IGNORECASE),
    re.compile(r"^\s*_{20,}\s*$"),
]
OUTLOOK_FROM = re.compile(r"^\s*\*?(De|From)\s*:\s*\*?\s*\S", re.IGNORECASE)
OUTLOOK_NEXT = re.compile(r"^\s*\*?(Envoyé|Sent|Date|À|To|Objet|Subject)\s*:", re.IGNORECASE)
SIGNATURE_MARK = re.compile(r"^--\s?$")
MOBILE_SIGNATURES = re.compile(
    r"^\s*(Envoyé de mon \S+|Envoyé depuis mon .+|Envoyé à partir de .+|Sent from my .+|"
    r"Télécharger Outlook pour .+|Get Outlook for .+|Obtenir Outlook pour .+)\s*$",
    re.IGNORECASE,
)


def trim_reply(text: str) -> str:
    """The new words of a reply: quoted history, signatures and mobile footers removed.

    If nothing is left (a mail that is only a quote), the whole text is kept: losing a message
    is worse than showing too much of it.
    """
    lines = text.split("\n")
    cut = len(lines)
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        two_lines = f"{line} {following.strip()}"
        if any(p.match(line) for p in QUOTE_HEADERS) or (
            line.strip().startswith(("Le ", "On ")) and any(p.match(two_lines) for p in QUOTE_HEADERS[:2])
        ):
            cut = index
            break
        if OUTLOOK_FROM.match(line) and any(OUTLOOK_NEXT.match(n) for n in lines[index + 1 : index + 4]):
            cut = index
            break
        if SIGNATURE_MARK.match(line):
            cut = index
            break
    kept = [line for line in lines[:cut] if not line.lstrip().startswith(">")]
    kept = [line for line in kept if not MOBILE_SIGNATURES.match(line)]
    trimmed = _tidy("\n".join(kept))
    return trimmed or _tidy(text)


# --- attachments ---------------------------------------------------------------------------


def _filename(part: Message) -> str:
    try:
        name = part.get_filename() or ""
    except Exception:
        name = ""
    if "=?" in name:
        name = _decode_words(name)
    return name.replace("\\", "/").rsplit("/", 1)[-1].strip()


EXTENSIONS = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/gif": "gif",
    "image/webp": "webp",
    "image/heic": "heic",
    "text/plain": "txt",
}


def attachments(message: Message) -> list[MailAttachment]:
    found = []
    for part in message.walk():
        if part.is_multipart() or (part.get_content_type() in {"text/plain", "text/html"} and not _is_attachment(part)):
            continue
        if part.get_content_maintype() == "message" or part.get_content_type().startswith("multipart/"):
            continue
        try:
            data = part.get_payload(decode=True) or b""
        except Exception:
            data = b""  # an undecodable part carries nothing we could store
        if not data:
            continue
        disposition = (part.get_content_disposition() or "").lower()
        if disposition != "attachment" and part.get("Content-ID") and len(data) < INLINE_DECORATION_BYTES:
            continue
        name = _filename(part)
        if not name:
            name = f"piece-jointe-{len(found) + 1}.{EXTENSIONS.get(part.get_content_type(), 'bin')}"
        found.append(MailAttachment(name=name[:200], content_type=part.get_content_type(), data=data))
    return found
