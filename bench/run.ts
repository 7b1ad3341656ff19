// `npm run bench`: every benchmark, one `BENCH name value unit baseline=... ratio=...` line each.
import { runDomainBenches } from './domain.bench.js';

runDomainBenches();
