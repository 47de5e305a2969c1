/**
 * `npm run bench:costs`: only the benchmark's cost table (requests, round trips, read and write
 * units, management calls per action), in about 20 s: what a change to the store must leave as it
 * was, or say why it moved; then what a month of it costs three sites (monthly-costs.ts).
 */
import { measureCosts } from "./costs.ts";
import { printCostTable, printMonthlyCosts } from "./table.ts";

process.env.PORCH_LOG_LEVEL = "silent";
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const costs = await measureCosts((line) => console.error(line));
printCostTable(costs);
printMonthlyCosts(costs);
process.exit(0);
