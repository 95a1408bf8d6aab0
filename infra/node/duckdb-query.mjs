// Runs one SQL statement in an in-memory DuckDB and prints the result rows as JSON (one array).
// Usage: node infra/node/duckdb-query.mjs "SELECT * FROM read_parquet('x.parquet')"
// Tests use it as an independent Parquet reader. BIGINTs are printed as strings by getRowObjectsJson
// so that int64 values survive exactly; doubles print with full round-trip precision.
import { DuckDBInstance } from '@duckdb/node-api';
const sql = process.argv[2];
if (!sql) { console.error('usage: duckdb-query.mjs "SQL"'); process.exit(2); }
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
try {
  const reader = await connection.runAndReadAll(sql);
  process.stdout.write(JSON.stringify(reader.getRowObjectsJson()));
} catch (e) {
  console.error(String(e && e.message || e));
  process.exit(1);
}
