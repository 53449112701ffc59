import type { Location } from '../lib/router';

export function InvestigatePage(_props: { location: Location }) {
  return <section><h1>Investigate</h1><p>The entity graph arrives with the investigation API.</p></section>;
}
