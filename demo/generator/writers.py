"""Writing the generated rows: ids handed out ahead, COPY on PostgreSQL, `executemany` on SQLite,
one transaction per batch, in a second thread on PostgreSQL."""

import datetime
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.management.color import no_style
from django.db import connection, connections, transaction
from django.db.models import Max

from accounts.models import User
from requests_app.models import Message, ReferenceCounter, Ticket, TicketEvent
from satisfaction.models import Survey


class IdPool:
    """Primary keys handed out ahead of the insert, so rows can point at each other in one batch.

    PostgreSQL: taken from the table's sequence (`nextval`), so a concurrent insert never collides.
    SQLite: one writer at a time, so counting on from the largest id is enough.
    """

    def __init__(self, model, chunk: int):
        self.model = model
        self.chunk = chunk
        self.ids: list[int] = []
        self.position = 0
        self.last = None

    def next(self) -> int:
        if self.position >= len(self.ids):
            self.ids = self._take(self.chunk)
            self.position = 0
        value = self.ids[self.position]
        self.position += 1
        return value

    def _take(self, count: int) -> list[int]:
        table = connection.ops.quote_name(self.model._meta.db_table)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Bandit B608 is silenced: the quoted table name comes from the model, the count is a parameter.
                cursor.execute(
                    f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, %s)",  # noqa: S608  # nosec B608
                    [count],
                )
                return [row[0] for row in cursor.fetchall()]
        if self.last is None:
            self.last = self.model._base_manager.aggregate(last=Max("pk"))["last"] or 0
        first = self.last + 1
        self.last += count
        return list(range(first, first + count))


def _sqlite_converter(field_obj) -> Callable | None:
    ops = connection.ops
    internal = field_obj.get_internal_type()
    if internal == "DateTimeField":
        return ops.adapt_datetimefield_value
    if internal == "DateField":
        return ops.adapt_datefield_value
    if internal == "DecimalField":
        return lambda value: ops.adapt_decimalfield_value(value, field_obj.max_digits, field_obj.decimal_places)
    return None


def write_rows(model, columns: list[str], rows: list[tuple]) -> None:
    """Insert `rows` (tuples in `columns` order; JSON already serialised) into the model's table."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(column) for column in columns)
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        with connection.connection.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    by_column = {f.column: f for f in model._meta.concrete_fields}
    converters = [(index, _sqlite_converter(by_column[column])) for index, column in enumerate(columns)]
    converters = [(index, convert) for index, convert in converters if convert is not None]
    if converters:
        converted = []
        for row in rows:
            row = list(row)
            for index, convert in converters:
                if row[index] is not None:
                    row[index] = convert(row[index])
            converted.append(row)
        rows = converted
    placeholders = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        # Table and column names come from the models' metadata, quoted; values are parameters
        # (bandit B608 silenced).
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", rows)  # noqa: S608  # nosec B608


TABLES = (User, Ticket, Message, TicketEvent, Survey)


def reset_sequences() -> None:
    """Put each table's id sequence after its largest id, so ordinary inserts go on from there."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(TABLES))
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


TICKET_COLUMNS = [f.column for f in Ticket._meta.concrete_fields]
EVENT_COLUMNS = [f.column for f in TicketEvent._meta.concrete_fields]
MESSAGE_COLUMNS = [f.column for f in Message._meta.concrete_fields]
SURVEY_COLUMNS = [f.column for f in Survey._meta.concrete_fields]


@dataclass
class Batch:
    tickets: list = field(default_factory=list)
    events: list = field(default_factory=list)
    messages: list = field(default_factory=list)
    surveys: list = field(default_factory=list)
    last_numbers: dict = field(default_factory=dict)  # year → last reference number


@dataclass
class Result:
    citizens: int = 0
    tickets: int = 0
    events: int = 0
    messages: int = 0
    surveys: int = 0
    rollup_days: int = 0
    first_day: datetime.date | None = None
    last_day: datetime.date | None = None


def skips_key_checks() -> bool:
    """Whether foreign-key checks can be switched off for the load (PostgreSQL superusers only)."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('is_superuser') = 'on'")
        return cursor.fetchone()[0]


def write_batch(batch: Batch, *, skip_key_checks: bool = False) -> None:
    with transaction.atomic():
        if skip_key_checks:
            # Each row would queue one deferred check per foreign key, replayed at commit: most of
            # the load's cost. The rows point at rows of the same batch or already committed ones.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = replica")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # A batch lost in a crash would be generated again anyway: no need to wait for the disk.
                cursor.execute("SET LOCAL synchronous_commit = off")
        write_rows(Ticket, TICKET_COLUMNS, batch.tickets)
        write_rows(Message, MESSAGE_COLUMNS, batch.messages)
        write_rows(TicketEvent, EVENT_COLUMNS, batch.events)
        write_rows(Survey, SURVEY_COLUMNS, batch.surveys)
        for year, last in batch.last_numbers.items():
            ReferenceCounter.objects.update_or_create(year=year, defaults={"last": last})


def analyze(models=TABLES) -> None:
    """Refresh the planner's statistics: after a bulk load they describe empty tables, and the
    rollups' day-by-day queries would be planned as such."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {quote(model._meta.db_table)}")


class BatchWriter:
    """Writes batches, in a second thread on PostgreSQL: Python builds the next batch while the
    server ingests the previous one (the copy waits on the socket without holding the GIL).

    At most one batch waits in the queue, so memory stays at about three batches. The thread
    has its own database connection, so it only sees committed rows: it is used outside any
    transaction only (the directory and the citizens are committed by then).
    """

    def __init__(self, result: Result, *, background: bool, skip_key_checks: bool):
        self.result = result
        self.skip_key_checks = skip_key_checks
        self.error: BaseException | None = None
        self.queue: queue.Queue | None = None
        if background:
            self.queue = queue.Queue(maxsize=1)
            self.thread = threading.Thread(target=self._run, name="generate-data-writer", daemon=True)
            self.thread.start()

    def put(self, batch: Batch) -> None:
        if self.queue is None:
            self._write(batch)
            return
        if self.error is not None:
            self.close()
        self.queue.put(batch)

    def close(self) -> None:
        if self.queue is not None:
            if self.thread.is_alive():
                self.queue.put(None)
                self.thread.join()
            if self.error is not None:
                raise self.error

    def _run(self) -> None:
        try:
            while (batch := self.queue.get()) is not None:
                if self.error is None:
                    self._write(batch)
        except BaseException as error:  # handed to the main thread, which raises it
            self.error = error
            while self.queue.get() is not None:  # let the producer finish putting
                pass
        finally:
            connections.close_all()

    def _write(self, batch: Batch) -> None:
        write_batch(batch, skip_key_checks=self.skip_key_checks)
        self.result.tickets += len(batch.tickets)
        self.result.events += len(batch.events)
        self.result.messages += len(batch.messages)
        self.result.surveys += len(batch.surveys)
