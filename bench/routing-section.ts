// The routing section of `npm run bench`: routes for 1,000 screen positions on a generated 5,000-node campus,
// after one hazard change, each computed as a screen would compute its own. Target: p99 ≤ 5 ms per route.
import { runRoutingBench } from './routing.ts';
import { atMost, type Section } from './section.ts';

const CAMPUS_NODES = 5000;
const ROUTE_P99_LIMIT_MS = 5;

export const routingSection: Section = {
  name: 'routing: nearest safe exit per screen',
  async run(options, log) {
    const figures = await runRoutingBench({ screens: options.screens, nodes: CAMPUS_NODES });
    log(`${options.screens} routes on a ${figures.routing_nodes}-node campus after one hazard change`);
    log(`route: p50 ${figures.route_p50_ms} ms  p99 ${figures.route_p99_ms} ms  max ${figures.route_max_ms} ms (the first route after the change pays for the new search)`);
    return { figures: { ...figures }, targets: [atMost('route_p99_ms', figures.route_p99_ms, ROUTE_P99_LIMIT_MS)] };
  },
};
