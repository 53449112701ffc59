import type { Location } from '../lib/router';

export function FindingsPage(_props: { location: Location }) {
  return <section><h1>Findings</h1><p>The findings arrive with the investigation API.</p></section>;
}
