"""A throw-away Icecast server (Debian's icecast2) on a loopback port, for tests and benches."""

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from types import TracebackType
from typing import Self
from xml.sax.saxutils import escape

ICECAST_BIN = "/usr/bin/icecast2"
RUN_AS = "nobody"  # icecast2 refuses to run as root; it drops to this user


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def icecast_config(port: int, password: str, log_dir: Path, web_dir: Path) -> str:
    """An icecast.xml listening on 127.0.0.1:port with one source password."""
    secret = escape(password)
    return f"""<icecast>
  <location>Loa</location><admin>loa@localhost</admin><hostname>127.0.0.1</hostname>
  <limits><clients>50</clients><sources>20</sources><queue-size>524288</queue-size>
    <client-timeout>30</client-timeout><header-timeout>15</header-timeout>
    <source-timeout>10</source-timeout><burst-on-connect>1</burst-on-connect>
    <burst-size>16384</burst-size></limits>
  <authentication><source-password>{secret}</source-password>
    <admin-user>admin</admin-user><admin-password>{secret}</admin-password></authentication>
  <listen-socket><port>{port}</port><bind-address>127.0.0.1</bind-address></listen-socket>
  <http-headers><header name="Access-Control-Allow-Origin" value="*" /></http-headers>
  <fileserve>1</fileserve>
  <paths><basedir>/usr/share/icecast2</basedir><logdir>{log_dir}</logdir>
    <webroot>{web_dir}</webroot><adminroot>/usr/share/icecast2/admin</adminroot>
    <alias source="/" destination="/status.xsl"/></paths>
  <logging><accesslog>access.log</accesslog><errorlog>error.log</errorlog>
    <loglevel>3</loglevel><logsize>10000</logsize></logging>
  <security><chroot>0</chroot><changeowner><user>{RUN_AS}</user><group>nogroup</group>
    </changeowner></security>
</icecast>
"""


class LocalIcecast:
    """Start icecast2 with its own config in `work_dir` on a free port; stop it on exit."""

    def __init__(self, work_dir: Path, password: str = "loa-source", port: int = 0) -> None:
        self.work_dir = work_dir
        self.password = password
        self.port = port or free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self._own_log_dir: Path | None = None

    @property
    def url(self) -> str:
        """Base URL of the server, e.g. http://127.0.0.1:PORT."""
        return f"http://127.0.0.1:{self.port}"

    def _prepare(self) -> Path:
        if os.geteuid() == 0:
            # The server drops to `nobody`, which must reach and write its log directory:
            # a fresh one under /tmp (the work directory's parents are often private).
            log_dir = Path(tempfile.mkdtemp(prefix="loa-icecast-"))
            user = pwd.getpwnam(RUN_AS)
            os.chown(log_dir, user.pw_uid, user.pw_gid)
            self._own_log_dir = log_dir
        else:
            log_dir = self.work_dir / "icecast-log"
            log_dir.mkdir(parents=True, exist_ok=True)
        web_dir = Path("/usr/share/icecast2/web")
        self.work_dir.mkdir(parents=True, exist_ok=True)
        conf = self.work_dir / "icecast.xml"
        conf.write_text(icecast_config(self.port, self.password, log_dir, web_dir))
        conf.chmod(0o644)
        return conf

    def start(self, timeout: float = 10.0) -> None:
        """Start the server and wait until it answers HTTP."""
        if shutil.which(ICECAST_BIN) is None:
            raise RuntimeError(f"{ICECAST_BIN} is missing: apt-get install icecast2")
        conf = self._prepare()
        self.process = subprocess.Popen(
            [ICECAST_BIN, "-c", str(conf)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                out = self.process.stdout
                err = out.read().decode(errors="replace") if out is not None else ""
                raise RuntimeError(f"icecast2 exited: {err.strip()}")
            try:
                with urllib.request.urlopen(f"{self.url}/status-json.xsl", timeout=1):
                    return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("icecast2 did not answer in time")

    def stop(self) -> None:
        """Stop the server (terminate, then kill)."""
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()
        self.process = None
        if self._own_log_dir is not None:
            shutil.rmtree(self._own_log_dir, ignore_errors=True)
            self._own_log_dir = None

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
