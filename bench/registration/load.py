#!/usr/bin/env python3
"""Load for bench/registration: HTTP/1.1 keep-alive clients on raw asyncio sockets,
so that the load generator costs little of the machine's two cores.

  load.py burst URL PATH N CONNECTIONS    N registrations at once; prints counts, wall time and
                                          each request's p50 and p99
  load.py rate URL PATH RATE SECONDS      open loop at RATE/s; prints p50/p99 from the scheduled
                                          send time (no coordinated omission)
"""
import asyncio, json, os, sys, time

def body(n, tag):
    return json.dumps({"fullName": f"مشارك تجريبي {n}", "email": f"bench-{tag}-{n}@example.org",
                       "category": "citizen", "mode": "in_person", "consent": True},
                      ensure_ascii=False).encode()

class Connection:
    def __init__(self, host, port):
        self.host, self.port = host, port

    async def open(self):
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    async def post(self, path, payload):
        head = (f"POST {path} HTTP/1.1\r\nHost: {self.host}\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(payload)}\r\n\r\n").encode()
        self.writer.write(head + payload)
        status_line = await self.reader.readline()
        status = int(status_line.split()[1])
        length = 0
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        data = await self.reader.readexactly(length)
        return status, data

def parse(url):
    hostport = url.split("://", 1)[1].split("/", 1)[0]
    host, _, port = hostport.partition(":")
    return host, int(port or 80)

async def burst(url, path, n, connections):
    host, port = parse(url)
    pool = [Connection(host, port) for _ in range(connections)]
    await asyncio.gather(*(c.open() for c in pool))
    tag = os.urandom(4).hex()
    counter = iter(range(n))
    outcomes = {}
    latencies = []
    async def worker(connection):
        for i in counter:
            sent = time.perf_counter()
            status, data = await connection.post(path, body(i, tag))
            latencies.append(time.perf_counter() - sent)
            key = json.loads(data).get("status", status) if status == 201 else status
            outcomes[key] = outcomes.get(key, 0) + 1
    start = time.perf_counter()
    await asyncio.gather(*(worker(c) for c in pool))
    wall = time.perf_counter() - start
    latencies.sort()
    print(json.dumps({"attempts": n, "outcomes": outcomes, "wall_seconds": round(wall, 3),
                      "p50_ms": round(latencies[len(latencies) // 2] * 1000, 1),
                      "p99_ms": round(latencies[int(len(latencies) * 0.99)] * 1000, 1)}))

async def rate(url, path, per_second, seconds):
    host, port = parse(url)
    pool = asyncio.Queue()
    for _ in range(64):
        connection = Connection(host, port)
        await connection.open()
        pool.put_nowait(connection)
    tag = os.urandom(4).hex()
    latencies, errors = [], 0
    total = int(per_second * seconds)
    start = time.perf_counter() + 0.1
    async def one(i, scheduled):
        nonlocal errors
        connection = await pool.get()
        status, _ = await connection.post(path, body(i, tag))
        latencies.append(time.perf_counter() - scheduled)
        if status != 201:
            errors += 1
        pool.put_nowait(connection)
    tasks = []
    for i in range(total):
        scheduled = start + i / per_second
        delay = scheduled - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(i, scheduled)))
    await asyncio.gather(*tasks)
    latencies.sort()
    pick = lambda q: round(latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000, 2)
    achieved = total / (time.perf_counter() - start)
    print(json.dumps({"offered_per_second": per_second, "achieved_per_second": round(achieved, 1), "requests": total,
                      "non_201": errors, "p50_ms": pick(0.50), "p99_ms": pick(0.99), "max_ms": pick(1.0)}))

if __name__ == "__main__":
    mode, url, path = sys.argv[1], sys.argv[2], sys.argv[3]
    if mode == "burst":
        asyncio.run(burst(url, path, int(sys.argv[4]), int(sys.argv[5])))
    else:
        asyncio.run(rate(url, path, float(sys.argv[4]), float(sys.argv[5])))
