// The simple peer for the tracking throughput budget (docs/BENCH.md): a minimal JavaScript
// Worker on Hono that reads the same KV snapshot Waypost's lookup reads (`pt:{waybill}`) and
// returns it. It runs under its own `wrangler dev` against the same --persist-to state, side by
// side with Waypost in one bench run. Not deployed, not part of the app.
import { Hono } from 'hono';

const app = new Hono();
app.get('/api/v1/public/track/:waybill', async (c) => {
  const json = await c.env.KV.get(`pt:${c.req.param('waybill')}`);
  if (json === null) return c.json({ code: 'not_found' }, 404);
  return c.body(json, 200, { 'Content-Type': 'application/json; charset=utf-8' });
});

export default app;
