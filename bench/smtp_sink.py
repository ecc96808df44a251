"""An SMTP server on loopback that accepts every message and keeps only a count.

`python -m bench.smtp_sink PORT COUNT_FILE`: runs until SIGTERM, rewriting COUNT_FILE with the
number of accepted messages at most ten times a second.
"""

import signal
import sys
import threading
import time

from aiosmtpd.controller import Controller


class CountingSink:
    def __init__(self):
        self.accepted = 0

    async def handle_DATA(self, server, session, envelope):
        self.accepted += 1
        return "250 Message accepted for delivery"


def main(port: int, count_file: str) -> None:
    sink = CountingSink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    written = -1
    while not stop.is_set():
        if sink.accepted != written:
            written = sink.accepted
            with open(count_file, "w") as handle:
                handle.write(str(written))
        time.sleep(0.1)
    controller.stop()


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
