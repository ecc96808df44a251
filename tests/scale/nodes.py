"""Web nodes of the scale-out test: `gunicorn` masters in their own processes, on loopback ports.

They share the test's database and a private broker with the Celery workers: the environment
is the one `tests.notifications.reliability.WorkerProcess` builds for a worker.
"""

import subprocess
import sys
import urllib.error
import urllib.request

from django.conf import settings

from tests.notifications.reliability import wait_for


class WebNode:
    """`gunicorn` with a few workers of a few threads each, like one machine behind the balancer."""

    def __init__(self, *, port: int, env: dict, log_path, workers: int = 2, threads: int = 4):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.env = {**env, "DEBUG": "false", "ALLOWED_HOSTS": "127.0.0.1", "SESSION_COOKIE_SECURE": "false"}
        # Fifty simulated citizens from one loopback address, posting forms without pausing:
        # exactly what the rate limits and bot checks refuse in production.
        self.env.update(
            {
                "ANTIBOT_ENABLED": "false",
                "RATE_LIMIT_FILING_PER_ADDRESS": "",
                "RATE_LIMIT_FILING_PER_PERSON": "",
                "RATE_LIMIT_OPEN311_POST_PER_ADDRESS": "",
                "RATE_LIMIT_OPEN311_POST_PER_KEY": "",
            }
        )
        self.log_path = log_path
        self.workers = workers
        self.threads = threads
        self.process = None

    def start(self):
        """Start the master; `wait_until_ready` then waits for it to answer."""
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "citizen_crm.wsgi:application",
                    f"--bind=127.0.0.1:{self.port}",
                    f"--workers={self.workers}",
                    f"--threads={self.threads}",
                    "--timeout=60",
                    "--graceful-timeout=5",
                    "--log-level=warning",
                ],
                cwd=settings.BASE_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def wait_until_ready(self):
        wait_for(self._answers, seconds=60, message=f"gunicorn on port {self.port}")

    def begin_stop(self):
        """Ask the master to stop (SIGTERM: graceful), without waiting: nodes stop side by side."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
        if self.process is not None:
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self.process = None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]

    def _answers(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError(f"gunicorn on port {self.port} exited:\n{self.log()}")
        try:
            with urllib.request.urlopen(self.url + "/open311/v2/discovery.json", timeout=2) as response:  # noqa: S310
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False
