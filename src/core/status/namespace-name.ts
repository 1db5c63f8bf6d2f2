/**
 * turso-server's namespace name rule (`^[a-z0-9][a-z0-9_-]{0,62}$`), with messages that match
 * what the server answers, so the live screen rejects a name before asking the server.
 */
export function validateNamespaceName(name: string): string | undefined {
  if (name === '') return 'namespace name is empty';
  if (new TextEncoder().encode(name).length > 63) return 'namespace name longer than 63 characters';
  let position = 0;
  for (const char of name) {
    if (!/^[a-z0-9_-]$/.test(char))
      return `namespace name contains invalid character '${char}' at position ${position}`;
    if (position === 0 && !/^[a-z0-9]$/.test(char)) return 'namespace name must start with [a-z0-9]';
    position += new TextEncoder().encode(char).length;
  }
  return undefined;
}
