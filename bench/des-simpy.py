"""M/M/10 at 90 % utilisation (lambda = 9, mu = 1) in SimPy 3, the reference for bench/des.ts.

Usage: /usr/bin/python3 bench/des-simpy.py <customers> <seed>
Prints one JSON object: customers, seconds, customers_per_s, mean_response (first 10 % deleted).
"""

import json
import random
import sys
import time

import simpy

ARRIVAL_RATE = 9.0
SERVICE_RATE = 1.0
SERVERS = 10


def main() -> None:
    customers = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    arrivals = random.Random(seed)
    services = random.Random(seed + 1)
    env = simpy.Environment()
    servers = simpy.Resource(env, capacity=SERVERS)
    responses = []
    done = env.event()

    def customer():
        arrived = env.now
        with servers.request() as request:
            yield request
            yield env.timeout(services.expovariate(SERVICE_RATE))
        responses.append(env.now - arrived)
        if len(responses) == customers and not done.triggered:
            done.succeed()

    def source():
        while True:
            yield env.timeout(arrivals.expovariate(ARRIVAL_RATE))
            env.process(customer())

    env.process(source())
    started = time.perf_counter()
    env.run(until=done)
    seconds = time.perf_counter() - started
    kept = responses[customers // 10 :]
    print(
        json.dumps(
            {
                "customers": customers,
                "seconds": seconds,
                "customers_per_s": customers / seconds,
                "mean_response": sum(kept) / len(kept),
                "simpy": simpy.__version__,
            }
        )
    )


if __name__ == "__main__":
    main()
