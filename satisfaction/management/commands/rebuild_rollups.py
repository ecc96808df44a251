"""`manage.py rebuild_rollups`: recompute the daily facts of a range of days, showing progress.

Without arguments, from the day of the first ticket to today. `--days N` is the N days ending
at `--to` (today by default). Each day is replaced in its own transaction, so the command can
be stopped and run again.
"""

import datetime
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from satisfaction import rollups


def _date(value: str, option: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("%(option)s expects a date as YYYY-MM-DD, not %(value)r.") % {"option": option, "value": value}
        ) from None


class Command(BaseCommand):
    help = "Recompute the daily rollups behind the dashboards for a range of days."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="First day (default: first ticket's)")
        parser.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="Last day (default: today)")
        parser.add_argument("--days", type=int, metavar="N", help="The N days ending at --to (instead of --from)")

    def handle(self, *args, start=None, end=None, days=None, **options):
        end = _date(end, "--to") if end else timezone.localdate()
        if days is not None and start:
            raise CommandError(_("Give either --from or --days, not both."))
        if days is not None:
            if days < 1:
                raise CommandError(_("--days must be at least 1."))
            start = end - datetime.timedelta(days=days - 1)
        elif start:
            start = _date(start, "--from")
        else:
            start = rollups.first_day()
            if start is None:
                self.stdout.write(_("No requests yet: nothing to roll up."))
                return
            start = min(start, end)
        if start > end:
            raise CommandError(_("--from (%(start)s) is after --to (%(end)s).") % {"start": start, "end": end})

        began = time.monotonic()

        def progress(done: int, total: int, day: datetime.date) -> None:
            self.stdout.write(
                _("Day %(done)d/%(total)d (%(day)s) — %(percent)d%% — %(elapsed).1f s elapsed")
                % {
                    "done": done,
                    "total": total,
                    "day": day.isoformat(),
                    "percent": done * 100 // total,
                    "elapsed": time.monotonic() - began,
                }
            )

        total = rollups.rebuild(start, end, progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                _("Rebuilt %(total)d days from %(start)s to %(end)s in %(elapsed).1f s.")
                % {"total": total, "start": start, "end": end, "elapsed": time.monotonic() - began}
            )
        )
