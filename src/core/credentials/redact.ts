/** What replaces a secret in any text we display, log or put in an error. */
export const REDACTED = '••••••';

/** Shorter strings are not treated as secrets: masking "a" or "true" would mangle every line. */
const MIN_SECRET_LENGTH = 6;

function base64(text: string): string {
  // btoa only takes Latin-1; secrets we generate are ASCII, user ones may not be.
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * A function that masks every occurrence of the given secrets (and their base64 forms, as they
 * appear in Secret manifests) in a piece of text. Used on helm output, errors and screens.
 */
export function createRedactor(secrets: Iterable<string | undefined>): (text: string) => string {
  const needles = new Set<string>();
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
    needles.add(secret);
    needles.add(base64(secret));
  }
  // Longest first, so a secret that contains another is masked whole.
  const ordered = [...needles].sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return (text) => text;
  return (text) => {
    let result = text;
    for (const needle of ordered) result = result.split(needle).join(REDACTED);
    return result;
  };
}
