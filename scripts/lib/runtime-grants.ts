// The runtime role's privileges, stated in full after every migration (README, "Database roles").
// Run as the schema owner, in one transaction: every privilege the runtime role held on the schema's
// tables is revoked, then it gets SELECT, INSERT, UPDATE and DELETE on every table but two: the audit
// log (SELECT and INSERT only, so no UPDATE, DELETE or TRUNCATE by grant, and as it owns nothing it
// cannot switch the audit triggers off either) and Prisma's migration history (nothing).
//
// Why a step after every migrate rather than ALTER DEFAULT PRIVILEGES alone: default privileges
// apply to tables created later by the role that set them, with the same grant for every table, so
// a migration that recreated the audit table (or one applied by another role) would leave it wrong
// until someone noticed; this step recomputes the exact set from the tables that exist, and then
// checks the result from the catalog and fails the start when it is not what it should be. Default
// privileges are set as well, so a migration applied by the owner outside the scripts (a bare
// `prisma migrate deploy`) leaves its new tables usable until the next start states the set again.
import pg from "pg";
import { userOf } from "./database-url";

export const AUDIT_TABLE = "AuditEvent";
const MIGRATIONS_TABLE = "_prisma_migrations";
const TABLE_PRIVILEGES = ["SELECT", "INSERT", "UPDATE", "DELETE"] as const;

/** The SQL the owner runs, for a runtime role and the tables that exist (also shown in the README). */
export function runtimeGrantStatements(runtimeRole: string, tables: string[]): string[] {
  const id = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const role = id(runtimeRole);
  return [
    "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
    `GRANT USAGE ON SCHEMA public TO ${role}`,
    `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role}`,
    ...tables
      .filter((table) => table !== AUDIT_TABLE && table !== MIGRATIONS_TABLE)
      .map((table) => `GRANT ${TABLE_PRIVILEGES.join(", ")} ON TABLE public.${id(table)} TO ${role}`),
    `GRANT SELECT, INSERT ON TABLE public.${id(AUDIT_TABLE)} TO ${role}`,
    `REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${role}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ${TABLE_PRIVILEGES.join(", ")} ON TABLES TO ${role}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${role}`,
  ];
}

async function schemaTables(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1`,
  );
  return rows.map((row) => row.name);
}

/** What is wrong with the runtime role's privileges (empty when nothing is), read from the catalog. */
export async function runtimeRoleProblems(client: pg.ClientBase, runtimeRole: string): Promise<string[]> {
  const problems: string[] = [];
  const { rows: roleRows } = await client.query<{ rolsuper: boolean; rolbypassrls: boolean }>(
    "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1",
    [runtimeRole],
  );
  const role = roleRows[0];
  if (!role) return [`the runtime role ${runtimeRole} does not exist`];
  if (role.rolsuper) problems.push(`${runtimeRole} is a superuser`);
  if (role.rolbypassrls) problems.push(`${runtimeRole} bypasses row-level security`);
  // Owning a relation, or being able to act as its owner, allows ALTER TABLE and DISABLE TRIGGER.
  const { rows: owned } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
       AND pg_has_role($1, c.relowner, 'MEMBER') ORDER BY 1`,
    [runtimeRole],
  );
  if (owned.length)
    problems.push(`${runtimeRole} owns (or may act as the owner of) ${owned.map((r) => r.name).join(", ")}`);
  const { rows: audit } = await client.query<Record<string, boolean>>(
    `SELECT ${["UPDATE", "DELETE", "TRUNCATE", "TRIGGER", "REFERENCES", "SELECT", "INSERT"]
      .map((p) => `has_table_privilege($1, 'public."${AUDIT_TABLE}"', '${p}') AS "${p}"`)
      .join(", ")}`,
    [runtimeRole],
  );
  const auditPrivileges = audit[0] ?? {};
  for (const forbidden of ["UPDATE", "DELETE", "TRUNCATE", "TRIGGER", "REFERENCES"])
    if (auditPrivileges[forbidden]) problems.push(`${runtimeRole} holds ${forbidden} on ${AUDIT_TABLE}`);
  for (const needed of ["SELECT", "INSERT"])
    if (!auditPrivileges[needed]) problems.push(`${runtimeRole} lacks ${needed} on ${AUDIT_TABLE}`);
  const { rows: lacking } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname NOT IN ($2, $3)
       AND NOT (${TABLE_PRIVILEGES.map((p) => `has_table_privilege($1, c.oid, '${p}')`).join(" AND ")})
     ORDER BY 1`,
    [runtimeRole, AUDIT_TABLE, MIGRATIONS_TABLE],
  );
  if (lacking.length) problems.push(`${runtimeRole} cannot read and write ${lacking.map((r) => r.name).join(", ")}`);
  return problems;
}

/**
 * After a migration: grants the runtime role (DATABASE_URL's) its privileges as the schema owner
 * (the migration connection's), then checks them. With one role for both, there is nothing to
 * grant: it warns, because that role can switch the audit table's triggers off.
 */
export async function grantRuntimeRole({
  migrationUrl,
  runtimeUrl,
  log = (line: string) => console.warn(line),
}: {
  migrationUrl: string;
  runtimeUrl: string;
  log?: (line: string) => void;
}) {
  const client = new pg.Client({ connectionString: migrationUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ owner: string }>("SELECT current_user AS owner");
    const owner = rows[0]?.owner ?? "";
    const runtimeRole = userOf(runtimeUrl);
    if (!runtimeRole || runtimeRole === owner) {
      log(
        "[db] the console signs in as the schema owner: set DATABASE_MIGRATION_URL to the owner and DATABASE_URL " +
          "to a runtime role, so the console cannot change audit events or switch off their triggers (README, " +
          '"Database roles")',
      );
      return;
    }
    const statements = runtimeGrantStatements(runtimeRole, await schemaTables(client));
    await client.query("BEGIN");
    try {
      // Two processes stating the grants at once (a start and a command-line tool) would collide
      // on the same catalog rows; they take turns instead.
      await client.query("SELECT pg_advisory_xact_lock(7314002::bigint)");
      for (const statement of statements) await client.query(statement);
      // The scheduler's queue (pg-boss, lib/jobs) keeps its own tables in its own schema, made here
      // by the owner; the runtime role may create and use tables there and nowhere else.
      await client.query("CREATE SCHEMA IF NOT EXISTS pgboss");
      await client.query(`GRANT USAGE, CREATE ON SCHEMA pgboss TO "${runtimeRole.replaceAll('"', '""')}"`);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    }
    const problems = await runtimeRoleProblems(client, runtimeRole);
    if (problems.length)
      throw new Error(`the runtime role's privileges are not as they should be: ${problems.join("; ")}`);
  } finally {
    await client.end();
  }
}
