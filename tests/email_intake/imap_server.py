"""A throw-away Dovecot IMAP server on loopback, for the poller's tests.

Debian's dovecot-imapd with a config written in a temporary directory: an unprivileged port,
a passwd-file of test users, maildirs in the same directory, no chroot (so it also runs as an
ordinary user) and no TLS. When the tests run as root, mail is owned by `nobody`, since
Dovecot refuses to serve mail as root.
"""

import grp
import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

DOVECOT = "/usr/sbin/dovecot"

CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
first_valid_uid = 1
mail_location = maildir:{root}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/mail/%u
}}
namespace inbox {{
  inbox = yes
  separator = /
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ImapServer:
    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="rc-imap-"))
        self.port = free_port()
        self.process = None
        self.users = {}

    @property
    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def start(self, timeout: float = 15) -> None:
        if os.geteuid() == 0:
            account = pwd.getpwnam("nobody")
            user, uid, gid = account.pw_name, account.pw_uid, account.pw_gid
        else:
            uid, gid = os.getuid(), os.getgid()
            user = pwd.getpwuid(uid).pw_name
        group = grp.getgrgid(gid).gr_name
        for sub in ("run", "state", "mail"):
            (self.root / sub).mkdir()
        (self.root / "users").touch()
        self.root.chmod(0o755)
        if os.geteuid() == 0:
            os.chown(self.root / "mail", uid, gid)
        config = self.root / "dovecot.conf"
        config.write_text(CONFIG.format(root=self.root, user=user, group=group, uid=uid, gid=gid, port=self.port))
        self.process = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"dovecot exited with {self.process.returncode}: {self.process.stderr.read()!r}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                    if sock.recv(100).startswith(b"* OK"):
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"dovecot did not answer on port {self.port} within {timeout}s:\n{self.log}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self.process is not None and self.process.stderr:
            self.process.stderr.close()
        shutil.rmtree(self.root, ignore_errors=True)

    def add_user(self, name: str, password: str) -> None:
        with (self.root / "users").open("a") as users:
            users.write(f"{name}:{{PLAIN}}{password}\n")
        self.users[name] = password

    def client(self, name: str) -> imaplib.IMAP4:
        connection = imaplib.IMAP4("127.0.0.1", self.port, timeout=10)
        connection.login(name, self.users[name])
        return connection
