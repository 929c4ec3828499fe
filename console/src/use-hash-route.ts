import { useEffect, useState } from 'preact/hooks';

/**
 * The page the console shows, from the URL's fragment (`#/flows/<id>`). Routing in the fragment
 * keeps the server's routes to `/` and `/assets/…`, both declared in the OpenAPI document.
 */
export function useHashRoute(): string[] {
  const read = () =>
    window.location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const update = () => setRoute(read());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

/** Goes to a console page. */
export function navigate(...parts: string[]): void {
  window.location.hash = `#/${parts.map(encodeURIComponent).join('/')}`;
}
