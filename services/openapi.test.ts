// The OpenAPI contracts describe exactly what the local servers implement, and every write
// declares the idempotency contract (required Idempotency-Key, 422 on reuse).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CRM_ROUTES } from "./crm/server";
import { DOCUMENTS_ROUTES } from "./documents/server";
import { KIT_ROUTES } from "./lib/http-service";

const dir = path.join(import.meta.dirname, "openapi");
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
const WRITES = new Set(["post", "put", "patch", "delete"]);

type Node = Record<string, unknown>;
type Located = { file: string; node: unknown };

const cache = new Map<string, unknown>();
function load(file: string): unknown {
  if (!cache.has(file)) cache.set(file, parse(readFileSync(file, "utf8")));
  return cache.get(file);
}

/** Follows $ref (local or ./other.yaml#/pointer) until a non-ref node, tracking its file. */
function resolve(file: string, node: unknown, seen = new Set<string>()): Located {
  if (typeof node !== "object" || node === null || !("$ref" in node)) return { file, node };
  const ref = (node as Node).$ref as string;
  const [target = "", pointer = ""] = ref.split("#");
  const targetFile = target ? path.resolve(path.dirname(file), target) : file;
  const id = `${targetFile}#${pointer}`;
  if (seen.has(id)) throw new Error(`$ref cycle at ${id}`);
  seen.add(id);
  let current = load(targetFile);
  for (const raw of pointer.split("/").slice(1)) {
    const part = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (typeof current !== "object" || current === null || !(part in current))
      throw new Error(`unresolvable $ref ${ref} in ${file}`);
    current = (current as Node)[part];
  }
  return resolve(targetFile, current, seen);
}

function walkRefs(file: string, node: unknown, visit: (file: string, ref: string) => void) {
  if (Array.isArray(node)) {
    for (const item of node) walkRefs(file, item, visit);
    return;
  }
  if (typeof node !== "object" || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref" && typeof value === "string") visit(file, value);
    else walkRefs(file, value, visit);
  }
}

type Operation = { path: string; method: string; op: Node; pathItem: Node };
function operations(file: string): Operation[] {
  const doc = load(file) as Node;
  const result: Operation[] = [];
  for (const [p, item] of Object.entries((doc.paths ?? {}) as Node)) {
    const pathItem = resolve(file, item).node as Node;
    for (const method of METHODS) {
      if (pathItem[method]) result.push({ path: p, method, op: pathItem[method] as Node, pathItem });
    }
  }
  return result;
}

function parametersOf(file: string, { op, pathItem }: Operation): Node[] {
  const all = [...((pathItem.parameters ?? []) as unknown[]), ...((op.parameters ?? []) as unknown[])];
  return all.map((p) => resolve(file, p).node as Node);
}

const contracts = [
  { name: "crm", file: path.join(dir, "crm.yaml"), routes: CRM_ROUTES },
  { name: "documents", file: path.join(dir, "documents.yaml"), routes: DOCUMENTS_ROUTES },
];

describe("OpenAPI contracts", () => {
  it.each(["common.yaml", "crm.yaml", "documents.yaml"])("%s is OpenAPI 3.1.x and every $ref resolves", (name) => {
    const file = path.join(dir, name);
    const doc = load(file) as Node;
    expect(String(doc.openapi)).toMatch(/^3\.1\.\d+$/);
    expect((doc.info as Node).title).toBeTruthy();
    const refs: string[] = [];
    walkRefs(file, doc, (from, ref) => {
      refs.push(ref);
      expect(() => resolve(from, { $ref: ref })).not.toThrow();
    });
    if (name !== "common.yaml") expect(refs.length).toBeGreaterThan(10);
  });

  it("the resolver rejects a dangling $ref (so the check above can fail)", () => {
    expect(() => resolve(path.join(dir, "crm.yaml"), { $ref: "./common.yaml#/components/schemas/Nope" })).toThrow(
      /unresolvable/,
    );
  });

  describe.each(contracts)("$name", ({ file, routes }) => {
    const doc = load(file) as Node;
    const ops = operations(file);

    it("describes exactly the routes the server implements", () => {
      const implemented = [...routes, ...KIT_ROUTES].map((r) => `${r.method} ${r.path}`).sort();
      const documented = ops.map((o) => `${o.method.toUpperCase()} ${o.path}`).sort();
      expect(documented).toEqual(implemented);
    });

    it("marks exactly the admin routes as local-only", () => {
      const localOnly = ops
        .filter((o) => o.op["x-local-only"] === true)
        .map((o) => `${o.method.toUpperCase()} ${o.path}`);
      const admin = KIT_ROUTES.filter((r) => r.admin).map((r) => `${r.method} ${r.path}`);
      expect(localOnly.sort()).toEqual(admin.sort());
    });

    it("every write requires an Idempotency-Key header and documents 422", () => {
      const writes = ops.filter((o) => WRITES.has(o.method) && o.op["x-local-only"] !== true);
      expect(writes.length).toBeGreaterThan(0);
      for (const operation of writes) {
        const where = `${operation.method.toUpperCase()} ${operation.path}`;
        const key = parametersOf(file, operation).find(
          (p) => p.in === "header" && String(p.name).toLowerCase() === "idempotency-key",
        );
        expect(key, `${where} declares Idempotency-Key`).toBeDefined();
        expect(key?.required, `${where} requires Idempotency-Key`).toBe(true);
        const responses = operation.op.responses as Node;
        expect(Object.keys(responses), `${where} documents 422`).toContain("422");
      }
    });

    it("declares every path parameter and the bearer scheme", () => {
      const schemes = (doc.components as Node).securitySchemes as Node;
      expect(resolve(file, schemes.bearer).node).toMatchObject({ type: "http", scheme: "bearer" });
      expect(doc.security).toEqual([{ bearer: [] }]);
      for (const operation of ops) {
        const declared = parametersOf(file, operation)
          .filter((p) => p.in === "path")
          .map((p) => p.name);
        const templated = [...operation.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        expect(declared.sort(), `${operation.method} ${operation.path}`).toEqual(templated.sort());
        // Only /health is open; everything else inherits the bearer requirement.
        if (operation.path === "/health") expect(operation.op.security).toEqual([]);
        else expect(operation.op.security).toBeUndefined();
      }
    });
  });

  it("a CRM invoice: number, month, amounts by tax rate, decimal-string totals, due date, status, document URL", () => {
    const file = path.join(dir, "crm.yaml");
    const fields = resolve(file, { $ref: "#/components/schemas/InvoiceFields" }).node as Node;
    const properties = fields.properties as Node;
    for (const name of [
      "month",
      "amountsByTaxRate",
      "subtotalJpy",
      "taxJpy",
      "totalJpy",
      "dueDate",
      "status",
      "documentUrl",
    ]) {
      expect(properties, name).toHaveProperty(name);
    }
    const total = resolve(file, properties.totalJpy);
    expect(total.node).toMatchObject({ type: "string" });
    const input = resolve(file, { $ref: "#/components/schemas/InvoiceInput" }).node as Node;
    const required = (input.allOf as Node[]).flatMap(
      (part) => (resolve(file, part).node as Node).required ?? [],
    ) as string[];
    expect(required).toEqual(expect.arrayContaining(["number", "month", "amountsByTaxRate", "totalJpy", "status"]));
  });

  it("a document's upload may carry its e-invoice XML, and a stored document takes one later", () => {
    const file = path.join(dir, "documents.yaml");
    const upload = resolve(file, { $ref: "#/components/schemas/Upload" }).node as Node;
    expect(upload.required).not.toContain("einvoice");
    const einvoice = resolve(file, (upload.properties as Node).einvoice).node as Node;
    expect(einvoice.required).toEqual(["fileName", "contentBase64", "sha256", "customizationId"]);
    const attach = operations(file).find((o) => o.method === "post" && o.path === "/documents/{id}/einvoice");
    expect(Object.keys((attach?.op.responses ?? {}) as Node)).toEqual(expect.arrayContaining(["200", "201", "409"]));
  });

  it("documents can be searched by issue date, amount and counterparty", () => {
    const file = path.join(dir, "documents.yaml");
    const search = operations(file).find((o) => o.method === "get" && o.path === "/documents")!;
    const names = parametersOf(file, search).map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "invoiceNumber",
        "issueDateFrom",
        "issueDateTo",
        "minTotalJpy",
        "maxTotalJpy",
        "counterparty",
      ]),
    );
  });
});
