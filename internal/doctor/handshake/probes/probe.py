"""Connect to one tlsfloor handshake lab server with Python's default
client context (ssl.create_default_context), trusting only the lab CA.

Usage: python3 probe.py CA_FILE HOST PORT
"""

import socket
import ssl
import sys


def main():
    ca, host, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    ctx = ssl.create_default_context(cafile=ca)
    with socket.create_connection((host, port), timeout=10) as raw:
        with ctx.wrap_socket(raw, server_hostname=host) as conn:
            group = conn.group() if hasattr(conn, "group") else None
            print("tlsfloor-probe", conn.version(), conn.cipher()[0], group or "-", flush=True)
            conn.sendall(b"GET / HTTP/1.1\r\nHost: " + host.encode() + b"\r\nConnection: close\r\n\r\n")
            while conn.recv(4096):
                pass


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # one line for the report, not a traceback
        print(type(e).__name__ + ": " + str(e), file=sys.stderr)
        sys.exit(1)
