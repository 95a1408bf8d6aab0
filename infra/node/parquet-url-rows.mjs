// Reads one Parquet file over HTTP(S) with hyparquet — a HEAD for its length, then Range GETs for the footer
// and the column chunks, the way BI tools read a blob through a SAS URL — and prints its rows as JSON (one
// array). INT64 values are printed as strings so they survive exactly (as duckdb-query.mjs does).
// Usage: node infra/node/parquet-url-rows.mjs "https://account.blob.core.windows.net/c/part-00000.parquet?sv=…&sig=…"
import { asyncBufferFromUrl, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
const url = process.argv[2];
if (!url) { console.error('usage: parquet-url-rows.mjs URL'); process.exit(2); }
try {
  const file = await asyncBufferFromUrl({ url });
  const rows = await parquetReadObjects({ file, compressors });
  process.stdout.write(JSON.stringify(rows, (_, v) => typeof v === 'bigint' ? v.toString() : v));
} catch (e) {
  // Never echo the URL: it carries the SAS signature.
  console.error(`reading the Parquet URL failed: ${String(e && e.message || e).replaceAll(url, '<url>')}`);
  process.exit(1);
}
