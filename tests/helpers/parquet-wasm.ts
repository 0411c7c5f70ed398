// parquet-wasm for readers run in Node: its module from the package's own file (the browser
// worker fetches it from our origin instead).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { initSync } from 'parquet-wasm/esm';
import { useParquetWasm } from '../../src/lib/readers/read-parquet-wasm';

const require = createRequire(import.meta.url);

export function useParquetWasmInNode(): void {
	useParquetWasm(() => {
		initSync({ module: readFileSync(require.resolve('parquet-wasm/esm/parquet_wasm_bg.wasm')) });
		return Promise.resolve();
	});
}
