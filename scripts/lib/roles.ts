// The two database roles of a console database (README, "Database roles"). The schema owner runs
// the migrations and owns every table; the runtime role, which the console, the workers and the
// command-line tools sign in as, owns nothing and holds only the grants runtime-grants.ts gives it.
// On the embedded server and for the test databases this creates both roles (passwords generated
// into .data/) and gives the database, and everything an older checkout created in it as the
// server's superuser, to the owner role.
import pg from "pg";
import { withCredentials, withDatabaseName } from "./database-url";
import { localSecretWithOrigin } from "./local-secret";

export interface DatabaseRoles {
  owner: string;
  runtime: string;
}

export interface ProvisionedDatabase {
  /** As the runtime role: the console, the workers and the tools (DATABASE_URL). */
  url: string;
  /** As the schema owner: migrations and the grants step only (DATABASE_MIGRATION_URL). */
  migrationUrl: string;
  /** As the server's administrator, on this database: setup, and tests playing a rogue superuser. */
  adminUrl: string;
  roles: DatabaseRoles;
}

const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,40}$/;

/** The roles of a local database are named after it, so test and demo databases never share one. */
export function rolesFor(database: string): DatabaseRoles {
  if (!DATABASE_NAME.test(database))
    throw new Error(`database name "${database}": expected lower-case letters, digits and "_" (at most 41)`);
  return { owner: `${database}_owner`, runtime: `${database}_app` };
}

// Neither role may create roles or databases, bypass row security or replicate; neither is a superuser.
const ATTRIBUTES = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS";

async function ensureRole(admin: pg.Client, name: string): Promise<string> {
  const { value: password, created } = localSecretWithOrigin(`pg-${name}`);
  const role = admin.escapeIdentifier(name);
  const passwordSql = `PASSWORD ${admin.escapeLiteral(password)}`;
  const { rows } = await admin.query<{ risky: boolean }>(
    `SELECT rolsuper OR rolcreatedb OR rolcreaterole OR rolreplication OR rolbypassrls OR NOT rolcanlogin AS risky
     FROM pg_roles WHERE rolname = $1`,
    [name],
  );
  const existing = rows[0];
  if (!existing) {
    try {
      await admin.query(`CREATE ROLE ${role} ${ATTRIBUTES} ${passwordSql}`);
      return password;
    } catch (error) {
      // Another process created it meanwhile (duplicate_object): it used the same secret file.
      if ((error as { code?: string }).code !== "42710") throw error;
      return password;
    }
  }
  // Altered only when needed (two processes altering one role at once would collide): attributes
  // that crept in are taken away, and a secret generated just now (its file was deleted) is set.
  if (existing.risky || created)
    await admin.query(`ALTER ROLE ${role} ${ATTRIBUTES}${created ? ` ${passwordSql}` : ""}`);
  return password;
}

/**
 * Creates the roles and the database (dropped first with `recreate`) on the server `serverUrl`
 * names, signed in as its administrator, and returns the three connection strings.
 */
export async function provisionDatabase(
  serverUrl: string,
  database: string,
  { recreate = false }: { recreate?: boolean } = {},
): Promise<ProvisionedDatabase> {
  const roles = rolesFor(database);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  let ownerPassword: string;
  let runtimePassword: string;
  try {
    ownerPassword = await ensureRole(admin, roles.owner);
    runtimePassword = await ensureRole(admin, roles.runtime);
    const name = admin.escapeIdentifier(database);
    const owner = admin.escapeIdentifier(roles.owner);
    if (recreate) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    const { rows } = await admin.query<{ owner: string }>(
      "SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1",
      [database],
    );
    const current = rows[0];
    if (!current) {
      try {
        await admin.query(`CREATE DATABASE ${name} OWNER ${owner}`);
      } catch (error) {
        // duplicate_database: another process created it meanwhile, with the same owner.
        if ((error as { code?: string }).code !== "42P04") throw error;
      }
    } else if (current.owner !== roles.owner) {
      await admin.query(`ALTER DATABASE ${name} OWNER TO ${owner}`);
    }
  } finally {
    await admin.end();
  }
  const adminUrl = withDatabaseName(serverUrl, database);
  await adoptSchemaObjects(adminUrl, roles.owner);
  return {
    url: withCredentials(adminUrl, roles.runtime, runtimePassword),
    migrationUrl: withCredentials(adminUrl, roles.owner, ownerPassword),
    adminUrl,
    roles,
  };
}

/**
 * Gives the owner role whatever in schema public someone else owns: a database migrated before the
 * roles existed (as the superuser) is taken over on its first start with them. Objects that belong
 * to an extension, and sequences that belong to a column, follow their extension or table.
 */
export async function adoptSchemaObjects(adminDatabaseUrl: string, owner: string) {
  const client = new pg.Client({ connectionString: adminDatabaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ statement: string }>(
      `WITH foreign_owned AS (
         SELECT c.oid, c.relkind, format('%I.%I', n.nspname, c.relname) AS name
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
           AND pg_get_userbyid(c.relowner) <> $1
           AND NOT EXISTS (SELECT 1 FROM pg_depend d
                           WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('e', 'a', 'i')))
       SELECT format('ALTER %s %s OWNER TO %I',
                     CASE relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                                  WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,
                     name, $1::text) AS statement
       FROM foreign_owned
       UNION ALL
       SELECT format('ALTER TYPE %I.%I OWNER TO %I', n.nspname, t.typname, $1::text)
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'r', 'm') AND pg_get_userbyid(t.typowner) <> $1
         AND NOT EXISTS (SELECT 1 FROM pg_depend d
                         WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
       UNION ALL
       SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, $1::text)
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> $1
         AND NOT EXISTS (SELECT 1 FROM pg_depend d
                         WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')`,
      [owner],
    );
    if (rows.length === 0) return;
    await client.query("BEGIN");
    for (const { statement } of rows) await client.query(statement);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
