/** How the benchmark prints its tables (npm run bench, npm run bench:costs). */
import type { CostReport } from "./costs.ts";
import { dollars, monthlyCost, restingCost, sites } from "./monthly-costs.ts";

/** A figure with `digits` decimals, or none when it is whole. */
export const n = (value: number, digits = 1) => (Number.isInteger(value) ? String(value) : value.toFixed(digits));

const row = (cells: (string | number)[], widths: number[]) =>
  cells.map((cell, index) => (index === 0 ? String(cell).padEnd(widths[index]!) : String(cell).padStart(widths[index]!))).join("  ");

/** Prints a titled table, the first column left-aligned and the others right-aligned. */
export const print = (title: string, header: string[], rows: (string | number)[][]) => {
  const widths = header.map((cell, index) => Math.max(cell.length, ...rows.map((one) => String(one[index]).length)));
  console.log(`\n${title}\n${row(header, widths)}\n${widths.map((width) => "-".repeat(width)).join("  ")}`);
  for (const one of rows) console.log(row(one, widths));
};

/** The backend's cost per action, with few and with many conversations. */
export function printCostTable(costs: CostReport[]): void {
  print(
    "Backend cost per action (mean of samples; RU/WU = dynalite's ConsumedCapacity, table only; real = computed for DynamoDB incl. index writes, see docs/benchmarks.md)",
    ["action", "conv.", "requests", "round trips", "RU", "WU", "real RU", "real WRU (table+LSI / GSI)", "mgmt calls"],
    costs.flatMap((report) =>
      report.actions.map((action) => [
        action.action,
        report.conversations.toLocaleString("en"),
        n(action.requests),
        n(action.roundTrips),
        n(action.readUnits),
        n(action.writeUnits),
        n(action.realReadUnits),
        `${n(action.realWriteUnits + action.realIndexWriteUnits)} (${n(action.realWriteUnits)} / ${n(action.realIndexWriteUnits)})`,
        n(action.managementCalls),
      ]),
    ),
  );
}

/** A month of each site (monthly-costs.ts: what a conversation is, the prices), from the run with the most conversations. */
export function printMonthlyCosts(costs: CostReport[]): void {
  const report = costs.reduce((most, one) => (one.conversations > most.conversations ? one : most));
  const bySite = sites.map((site) => monthlyCost(report, site.conversations));
  const rows = Object.keys(bySite[0]!).map((item) => [item, ...bySite.map((costs) => dollars(costs[item]!))]);
  const total = bySite.map((costs) => Object.values(costs).reduce((sum, value) => sum + value, 0));
  print(
    "A month of Porch (us-east-1 list prices before free tiers; bench/monthly-costs.ts says what a conversation is)",
    ["billed", ...sites.map((site) => `${site.name}, ${site.conversations.toLocaleString("en")} conv.`)],
    [...rows, ["total", ...total.map(dollars)]],
  );
  print(
    "At rest (nobody chatting), a month",
    ["billed", "cost"],
    Object.entries(restingCost()).map(([item, cost]) => [item, dollars(cost)]),
  );
}
