#!/usr/bin/env python3
"""A real SMTP server for the console's browser tests: aiosmtpd on 127.0.0.1 (a port the kernel
picks), writing every message it accepts, as received, to FOLDER/NNNN.eml (written whole, then
renamed, so a reader never sees half a message). Prints the port on its first line.

Usage: python3 smtp_sink.py FOLDER
"""

import asyncio
import os
import sys

from aiosmtpd.smtp import SMTP


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        path = os.path.join(self.folder, "%04d.eml" % self.count)
        with open(path + ".part", "wb") as file:
            file.write(envelope.original_content)
        os.rename(path + ".part", path)
        return "250 2.0.0 accepted"


async def main():
    folder = sys.argv[1]
    os.makedirs(folder, exist_ok=True)
    sink = Sink(folder)  # one for every connection, so the numbering runs on across them
    server = await asyncio.get_running_loop().create_server(lambda: SMTP(sink), "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()


asyncio.run(main())
