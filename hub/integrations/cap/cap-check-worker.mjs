// The CAP schema check, on the hub's CAP-checking thread (see cap-validator.ts): plain JavaScript, loaded with no
// TypeScript loader, so that the thread xmllint-wasm starts for each check does not load one either (~100 ms each).
import { validateXML } from 'xmllint-wasm';
import { yieldCpuToTheHub } from '../../threads/yield-cpu.mjs';

yieldCpuToTheHub();

/** @param {{ xml: string, schema: { fileName: string, contents: string } }} task */
export default async function check({ xml, schema }) {
  const result = await validateXML({ xml: [{ fileName: 'alert.xml', contents: xml }], schema: [schema] });
  return { valid: result.valid, problems: result.errors.slice(0, 3).map((error) => error.message) };
}
