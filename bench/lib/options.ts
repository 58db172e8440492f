import { parseArgs } from "node:util";
import type { DatabaseKind } from "../../app/db/database.server";

/** The options every benchmark takes: --seconds --warmup --connections --rounds --databases. */
export function benchOptions() {
  const { values } = parseArgs({
    options: {
      seconds: { type: "string", default: "10" },
      warmup: { type: "string", default: "3" },
      connections: { type: "string", default: "50" },
      rounds: { type: "string", default: "2" },
      databases: { type: "string", default: "sqlite,postgres" },
    },
  });
  const named = values.databases.split(",");
  const kinds = named.filter((kind): kind is DatabaseKind => kind === "sqlite" || kind === "postgres");
  if (kinds.length !== named.length) throw new Error(`--databases takes sqlite and/or postgres, got ${values.databases}`);
  return {
    seconds: Number(values.seconds),
    warmupSeconds: Number(values.warmup),
    connections: Number(values.connections),
    rounds: Number(values.rounds),
    kinds,
  };
}
