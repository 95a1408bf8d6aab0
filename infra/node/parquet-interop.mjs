// Independent Parquet readers/writers for the interop tests, printing rows as one JSON array (int64 as strings,
// doubles with full round-trip precision, null as null):
//   node parquet-interop.mjs hyparquet-read FILE                  hyparquet (+ hyparquet-compressors) reads FILE
//   node parquet-interop.mjs wasm-read FILE                       parquet-wasm (arrow-rs) reads FILE via Arrow IPC
//   node parquet-interop.mjs wasm-write FILE CODEC V1|V2 DICT ROWGROUP N
//        parquet-wasm writes N generated rows (id int64, small int32?, ratio double?, f float, flag bool?, name string?,
//        key string) with codec UNCOMPRESSED|SNAPPY|GZIP|ZSTD|BROTLI, writer version, dictionary on/off and max row
//        group size, then prints the rows it wrote.
//   node parquet-interop.mjs wasm-rewrite IN OUT CODEC V1|V2 ROWGROUP
//        parquet-wasm reads IN and writes its table to OUT with that codec, writer version and max row group size
//        (dictionary on, as arrow-rs defaults); prints [].
import { readFileSync, writeFileSync } from 'node:fs';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import * as wasm from 'parquet-wasm/node';
import { tableFromIPC, tableToIPC, vectorFromArray, makeTable, Int64, Int32, Float64, Float32, Bool, Utf8 } from 'apache-arrow';

const json = rows => JSON.stringify(rows, (_, v) => typeof v === 'bigint' ? v.toString() : v);
const [cmd, file, ...rest] = process.argv.slice(2);

function generate(n) {
  const words = ['温州鞋业', 'Wenzhou', '🙂', 'plain'];
  const rows = [];
  for (let i = 0; i < n; i++) {
    rows.push({
      id: i === 0 ? -(2n ** 63n) : i === 1 ? 2n ** 63n - 1n : BigInt(i) * 1000003n - 500000000n,
      small: i % 7 === 0 ? null : i === 2 ? -2147483648 : i === 3 ? 2147483647 : (i * 7919) % 100003 - 50000,
      ratio: i % 5 === 0 ? null : i / 3,
      f: Math.fround(i * 0.25),
      flag: i % 3 === 0 ? null : i % 2 === 0,
      name: i % 11 === 0 ? null : i % 13 === 0 ? '' : words[i % 4] + (i % 50),
      key: 'key-' + String(i).padStart(6, '0'),
    });
  }
  return rows;
}

try {
  if (cmd === 'hyparquet-read') {
    const rows = await parquetReadObjects({ file: await asyncBufferFromFile(file), compressors });
    process.stdout.write(json(rows));
  } else if (cmd === 'wasm-read') {
    const table = tableFromIPC(wasm.readParquet(new Uint8Array(readFileSync(file))).intoIPCStream());
    const rows = table.toArray().map(r => {
      const o = {};
      for (const f of table.schema.fields) { const v = r[f.name]; o[f.name] = v === undefined ? null : v; }
      return o;
    });
    process.stdout.write(json(rows));
  } else if (cmd === 'wasm-write') {
    const [codec, version, dict, rowGroup, n] = rest;
    const rows = generate(Number(n));
    const col = (name, type) => vectorFromArray(rows.map(r => r[name]), type);
    const table = makeTable({
      id: col('id', new Int64()), small: col('small', new Int32()), ratio: col('ratio', new Float64()), f: col('f', new Float32()),
      flag: col('flag', new Bool()), name: col('name', new Utf8()), key: col('key', new Utf8()),
    });
    const props = new wasm.WriterPropertiesBuilder()
      .setCompression(wasm.Compression[codec])
      .setWriterVersion(wasm.WriterVersion[version])
      .setDictionaryEnabled(dict === 'true')
      .setMaxRowGroupSize(Number(rowGroup))
      .build();
    writeFileSync(file, wasm.writeParquet(wasm.Table.fromIPCStream(tableToIPC(table, 'stream')), props));
    process.stdout.write(json(rows));
  } else if (cmd === 'wasm-rewrite') {
    const [out, codec, version, rowGroup] = rest;
    const props = new wasm.WriterPropertiesBuilder()
      .setCompression(wasm.Compression[codec])
      .setWriterVersion(wasm.WriterVersion[version])
      .setMaxRowGroupSize(Number(rowGroup))
      .build();
    writeFileSync(out, wasm.writeParquet(wasm.readParquet(new Uint8Array(readFileSync(file))), props));
    process.stdout.write('[]');
  } else {
    console.error('usage: parquet-interop.mjs hyparquet-read|wasm-read FILE | wasm-write FILE CODEC V1|V2 DICT ROWGROUP N | wasm-rewrite IN OUT CODEC V1|V2 ROWGROUP');
    process.exit(2);
  }
} catch (e) {
  console.error(String(e && e.stack || e));
  process.exit(1);
}
