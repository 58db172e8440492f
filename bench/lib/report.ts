import type { LoadResult } from "./load";

const fmt = (value: number, digits = 1) => value.toFixed(digits);

export function printComparison(title: string, ceiling: LoadResult, wafa: LoadResult): void {
  console.log(`\n${title}`);
  console.log("              requests/s    p50 ms    p99 ms   errors");
  for (const [name, result] of [["ceiling", ceiling], ["wafa", wafa]] as const) {
    console.log(`  ${name.padEnd(10)} ${fmt(result.throughput, 0).padStart(10)} ${fmt(result.p50).padStart(9)} ${fmt(result.p99).padStart(9)} ${String(result.errors).padStart(8)}`);
  }
  console.log(`  wafa/ceiling: throughput ${fmt((wafa.throughput / ceiling.throughput) * 100, 0)} %, p99 ${fmt(wafa.p99 / ceiling.p99, 2)}x`);
}

/**
 * The bar over all rounds: total requests of Wafa vs the ceiling (throughput), and the
 * median of the rounds' p99 ratios.
 */
export function verdict(database: string, rounds: ReadonlyArray<{ ceiling: LoadResult; wafa: LoadResult }>) {
  const sum = (pick: (round: { ceiling: LoadResult; wafa: LoadResult }) => number) => rounds.reduce((total, round) => total + pick(round), 0);
  const throughputRatio = sum((round) => round.wafa.throughput) / sum((round) => round.ceiling.throughput);
  const p99Ratios = rounds.map((round) => round.wafa.p99 / round.ceiling.p99).sort((a, b) => a - b);
  const p99Ratio = p99Ratios[Math.floor((p99Ratios.length - 1) / 2)] ?? Number.NaN;
  const errors = sum((round) => round.wafa.errors + round.ceiling.errors);
  const pass = throughputRatio >= 0.5 && p99Ratio <= 2 && errors === 0;
  return {
    database,
    throughputRatio,
    p99Ratio,
    errors,
    pass,
    text: `${database}: Wafa at ${fmt(throughputRatio * 100, 0)} % of the ceiling's throughput (bar >= 50 %), p99 ${fmt(p99Ratio, 2)}x (bar <= 2x), ${errors} errors: ${pass ? "PASS" : "FAIL"}`,
  };
}
