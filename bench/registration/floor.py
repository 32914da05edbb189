"""Sends N requests of one kind over 8 keep-alive connections and prints the count of each status.

  floor.py URL EVENT KIND N    KIND: live (GET /health/live), refused (a registration without
                               consent, refused after its body is decoded), accepted (a registration)
"""
import asyncio, json, os, sys


async def main(url, event, kind, n, connections=8):
    host, port = url.split("://", 1)[1].split(":")
    tag = os.urandom(4).hex()
    counter = iter(range(n))
    statuses = {}

    def request(i):
        if kind == "live":
            return b"GET /health/live HTTP/1.1\r\nHost: bench\r\n\r\n"
        body = json.dumps({"fullName": f"مشارك تجريبي {i}", "email": f"floor-{tag}-{i}@example.org",
                           "category": "citizen", "mode": "in_person", "consent": kind == "accepted"}).encode()
        head = (f"POST /v1/events/{event}/registrations HTTP/1.1\r\nHost: bench\r\n"
                f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n")
        return head.encode() + body

    async def worker():
        reader, writer = await asyncio.open_connection(host, int(port))
        for i in counter:
            writer.write(request(i))
            await writer.drain()
            status = int((await reader.readline()).split()[1])
            length = 0
            while (line := await reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            await reader.readexactly(length)
            statuses[status] = statuses.get(status, 0) + 1
        writer.close()

    await asyncio.gather(*(worker() for _ in range(connections)))
    print(json.dumps(statuses))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])))
