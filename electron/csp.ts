/**
 * The Content-Security-Policy the app:// handler sends with every response. It repeats the policy of the meta tag
 * in renderer/index.html (a test keeps the two equal) and adds what only a header can say: no framing.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Mantine sets inline styles.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export const CSP_HEADER = `${RENDERER_CSP}; frame-ancestors 'none'`;
