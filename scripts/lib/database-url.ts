// Connection strings: the same server under another database name or as another role.

/** Replaces the database name in a connection string. */
export function withDatabaseName(url: string, name: string) {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** The same server and database, signed in as another role. */
export function withCredentials(url: string, user: string, password: string) {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

/** The role a connection string signs in as ("" when it names none and libpq's defaults apply). */
export function userOf(url: string) {
  return decodeURIComponent(new URL(url).username);
}
