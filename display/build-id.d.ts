// Injected by vite.config.ts at build time.
declare const __MUSTER_BUILD__: string;
