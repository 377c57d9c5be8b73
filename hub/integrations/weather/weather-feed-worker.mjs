// The weather feed's reading thread (see weather-feed-parsing.ts): a national feed is ~300 KB of XML, ~20 ms to read,
// which must never hold up the event loop a Lockdown runs on. Plain JavaScript, loaded with no TypeScript loader.
import { yieldCpuToTheHub } from '../../threads/yield-cpu.mjs';
import { readWeatherFeed } from './weather-feed-reader.mjs';

yieldCpuToTheHub();

/** @param {{ xml: string }} task */
export default function read({ xml }) {
  return readWeatherFeed(xml);
}
