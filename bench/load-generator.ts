// Runs autocannon in its own process against one server, GETting random paths from a list, and
// prints its summary as JSON. Used by api-entity-read; not a benchmark by itself.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const [url, pathsFile, token, seconds, connections] = process.argv.slice(2);
const paths = JSON.parse(readFileSync(pathsFile as string, 'utf8')) as string[];
let next = 0;
const result = await autocannon({
  url: url as string,
  connections: Number(connections ?? 50),
  pipelining: 1,
  duration: Number(seconds ?? 10),
  headers: token ? { authorization: `Bearer ${token}` } : {},
  requests: [
    {
      method: 'GET',
      setupRequest: (request) => {
        next = (next + 1) % paths.length;
        return { ...request, path: paths[next] as string };
      },
    },
  ],
});
console.log(
  JSON.stringify({
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    total: result.requests.total,
  }),
);
