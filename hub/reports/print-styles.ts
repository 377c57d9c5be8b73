// The look of the hub's printed reports (after-action reports, the drill compliance log): US Letter with room at the
// foot for the renderer's "Page n of m" line, tables whose rows never split across pages and whose headings repeat,
// and sections that start a new page where a reader expects one.
export const PRINT_STYLES = `
  @page { size: letter portrait; margin: 0.55in 0.6in 0.75in; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 10pt/1.4 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; color: #0f172a; }
  header.title { border-bottom: 4px solid #1d4ed8; padding-bottom: 0.08in; margin-bottom: 0.15in; }
  header.title p { margin: 0; color: #334155; font-size: 10.5pt; }
  h1 { margin: 0.04in 0; font-size: 20pt; line-height: 1.2; }
  h2 { margin: 0.25in 0 0.08in; font-size: 13pt; color: #1e293b; border-bottom: 1px solid #cbd5e1; padding-bottom: 0.03in; break-after: avoid; }
  h3 { margin: 0.15in 0 0.05in; font-size: 11pt; break-after: avoid; }
  .new-page { break-before: page; }
  .badge { display: inline-block; padding: 0.02in 0.1in; border: 2px solid currentColor; border-radius: 1em; font-size: 9pt; font-weight: 800; letter-spacing: 0.04em; text-transform: uppercase; vertical-align: middle; }
  .badge.drill { background: #fef3c7; color: #78350f; }
  .badge.real { background: #fee2e2; color: #7f1d1d; }
  dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.04in 0.2in; margin: 0; }
  dl.facts dt { font-weight: 700; }
  dl.facts dd { margin: 0; overflow-wrap: anywhere; }
  .figures { display: grid; grid-template-columns: repeat(4, 1fr); gap: 0.1in; margin: 0.05in 0 0.1in; break-inside: avoid; }
  .figure { border: 1px solid #cbd5e1; border-radius: 6px; padding: 0.06in 0.1in; }
  .figure strong { display: block; font-size: 15pt; }
  .figure span { font-size: 8.5pt; color: #475569; }
  table { width: 100%; border-collapse: collapse; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  th { text-align: left; font-size: 8.5pt; text-transform: uppercase; letter-spacing: 0.03em; color: #334155; border-bottom: 2px solid #94a3b8; padding: 0.03in 0.06in; }
  td { border-bottom: 1px solid #e2e8f0; padding: 0.04in 0.06in; vertical-align: top; overflow-wrap: break-word; }
  td.nowrap { white-space: nowrap; }
  .muted { color: #475569; }
  .bad { color: #b91c1c; font-weight: 700; }
  .ok { color: #15803d; font-weight: 700; }
  ul.plain { margin: 0; padding-left: 1.1em; }
  ul.plain li { break-inside: avoid; margin: 0.02in 0; }
  .person { break-inside: avoid; }
  .empty { color: #475569; font-style: italic; }
`;
