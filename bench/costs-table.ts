/**
 * `npm run bench:costs`: only the benchmark's cost table (requests, round trips, read and write
 * units, management calls per action), in about 20 s: what a change to the store must leave as it
 * was, or say why it moved.
 */
import { measureCosts } from "./costs.ts";
import { printCostTable } from "./table.ts";

process.env.PORCH_LOG_LEVEL = "silent";
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

printCostTable(await measureCosts((line) => console.error(line)));
process.exit(0);
