// DuckDB side of bench/parquet.sh: loads the rows of our Hive-partitioned firm_metrics folder (OURS/**/*.parquet, the
// province back from the folder names) into an in-memory table (not timed), then times, with THREADS threads:
// COPY … TO one file, COPY … TO a folder PARTITION_BY (province) (our layout), and a full read (count + sums over
// every column) of each of them and of our folder; each line has wall and process CPU seconds.
// Usage: node bench/parquet-duckdb.mjs OURS_DIR OUT_DIR THREADS   → JSON lines on stdout.
import { createRequire } from 'node:module';
import { readdirSync, statSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
const require = createRequire(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'infra', 'node', 'package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');

const [ours, out, threads] = process.argv.slice(2);
const lit = p => "'" + p.replaceAll("'", "''") + "'";
const bytes = p => statSync(p).isDirectory() ? readdirSync(p, { recursive: true }).map(f => path.join(p, f)).filter(f => statSync(f).isFile()).reduce((a, f) => a + statSync(f).size, 0) : statSync(p).size;
const scan = p => statSync(p).isDirectory() ? `read_parquet(${lit(path.join(p, '**', '*.parquet'))}, hive_partitioning = true)` : `read_parquet(${lit(p)})`;
const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
await db.run(`SET threads = ${Number(threads)}`);
await db.run(`CREATE TABLE t AS SELECT * FROM ${scan(ours)}`);
const cols = (await db.runAndReadAll(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 't' ORDER BY ordinal_position`)).getRows();
const sums = cols.map(([name, type]) => type === 'VARCHAR' ? `sum(length("${name}"))` : `sum("${name}")`).join(', ');
const nulls = cols.map(([name]) => `count(*) - count("${name}")`).join(' + ');
const rows = Number((await db.runAndReadAll('SELECT count(*) FROM t')).getRows()[0][0]);

const time = async (op, sql, target) => {
  const start = performance.now(), cpu0 = process.cpuUsage();
  const r = await db.runAndReadAll(sql);
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu0), cpu = (used.user + used.system) / 1e6;   // the process: DuckDB's threads included
  const vals = r.getRows()[0] ?? [];
  const checksum = op.startsWith('read') ? vals.slice(1).reduce((a, v) => a + Number(v ?? 0), 0) : 0;
  console.log(JSON.stringify({ tool: `duckdb-${threads}t`, op, rows, seconds, cpu, bytes: bytes(target), checksum }));
};
const file = path.join(out, `duckdb-${threads}t.parquet`), hive = path.join(out, `duckdb-${threads}t-hive`);
rmSync(file, { force: true }); rmSync(hive, { recursive: true, force: true });
await time('write', `COPY t TO ${lit(file)} (FORMAT parquet, COMPRESSION snappy)`, file);
await time('write-hive', `COPY t TO ${lit(hive)} (FORMAT parquet, COMPRESSION snappy, PARTITION_BY (province))`, hive);
await time('read', `SELECT count(*) AS n, ${nulls} AS nulls, ${sums} FROM ${scan(file)}`, file);
await time('read-hive', `SELECT count(*) AS n, ${nulls} AS nulls, ${sums} FROM ${scan(hive)}`, hive);
await time('read-our-files', `SELECT count(*) AS n, ${nulls} AS nulls, ${sums} FROM ${scan(ours)}`, ours);
