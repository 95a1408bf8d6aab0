// DuckDB side of bench/parquet.sh: loads the rows of OURS.parquet into an in-memory table (not timed), then times
// COPY … TO DUCK.parquet (FORMAT parquet) and a full read (count + sums over every column) of both files.
// Usage: node bench/parquet-duckdb.mjs OURS.parquet DUCK.parquet THREADS   → JSON lines on stdout.
import { createRequire } from 'node:module';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
const require = createRequire(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'infra', 'node', 'package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');

const [ours, duck, threads] = process.argv.slice(2);
const lit = p => "'" + p.replaceAll("'", "''") + "'";
const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
await db.run(`SET threads = ${Number(threads)}`);
await db.run(`CREATE TABLE t AS SELECT * FROM read_parquet(${lit(ours)})`);
const cols = (await db.runAndReadAll(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 't' ORDER BY ordinal_position`)).getRows();
const sums = cols.map(([name, type]) => type === 'VARCHAR' ? `sum(length("${name}"))` : `sum("${name}")`).join(', ');
const nulls = cols.map(([name]) => `count(*) - count("${name}")`).join(' + ');
const readSql = file => `SELECT count(*) AS n, ${nulls} AS nulls, ${sums} FROM read_parquet(${lit(file)})`;
const rows = Number((await db.runAndReadAll('SELECT count(*) FROM t')).getRows()[0][0]);

const time = async (op, sql, file) => {
  const start = performance.now();
  const r = await db.runAndReadAll(sql);
  const seconds = (performance.now() - start) / 1000;
  const vals = r.getRows()[0] ?? [];
  const checksum = vals.slice(1).reduce((a, v) => a + Number(v ?? 0), 0);
  const size = statSync(op === 'write' ? duck : file).size;
  console.log(JSON.stringify({ tool: `duckdb-${threads}t`, op, rows, seconds, bytes: size, checksum: op.startsWith('read') ? checksum : 0 }));
};
await time('write', `COPY t TO ${lit(duck)} (FORMAT parquet, COMPRESSION snappy)`, ours);
await time('read', readSql(duck), duck);
await time('read-our-file', readSql(ours), ours);
