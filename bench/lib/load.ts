// A small closed-loop HTTP load generator: `connections` keep-alive sockets, each sending
// its next request as soon as the previous answer arrives. Latency is measured per request
// from write to the end of the response; only the window after the warm-up counts.
import http from "node:http";

export type LoadRequest = { method: string; path: string; headers: Record<string, string>; body?: string };
export type LoadResult = {
  readonly requests: number;
  readonly seconds: number;
  readonly throughput: number;
  readonly p50: number;
  readonly p99: number;
  readonly statuses: Record<number, number>;
  readonly errors: number;
};

export async function runLoad(options: {
  url: string;
  connections: number;
  warmupSeconds: number;
  seconds: number;
  next: () => LoadRequest;
}): Promise<LoadResult> {
  const target = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  const started = performance.now();
  const measureFrom = started + options.warmupSeconds * 1000;
  const stopAt = measureFrom + options.seconds * 1000;

  const send = (request: LoadRequest) =>
    new Promise<number>((resolve) => {
      const outgoing = http.request(
        { host: target.hostname, port: target.port, method: request.method, path: request.path, headers: request.headers, agent },
        (response) => {
          response.resume();
          response.on("end", () => resolve(response.statusCode ?? 0));
        },
      );
      outgoing.on("error", () => resolve(0));
      outgoing.end(request.body);
    });

  const worker = async () => {
    while (performance.now() < stopAt) {
      const request = options.next();
      const begin = performance.now();
      const status = await send(request);
      const end = performance.now();
      if (begin >= measureFrom && end <= stopAt) {
        latencies.push(end - begin);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status < 200 || status >= 300) errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const quantile = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    requests: latencies.length,
    seconds: options.seconds,
    throughput: latencies.length / options.seconds,
    p50: quantile(0.5),
    p99: quantile(0.99),
    statuses,
    errors,
  };
}
