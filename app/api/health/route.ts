import { db } from "@/lib/db";

export const dynamic = "force-dynamic";

/** The driver's own words: Prisma's message starts with a blank line and wraps them in "Message: `...`". */
function reasonOf(error: unknown) {
  if (!(error instanceof Error)) return "unknown error";
  const last = error.message
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .at(-1);
  if (!last) return error.name;
  return /Message: `(.+)`$/.exec(last)?.[1] ?? last;
}

// For load balancers and the start script: 200 when the database answers, 503 otherwise.
export async function GET() {
  try {
    await db.$queryRaw`SELECT 1`;
    return Response.json({ status: "ok", db: "ok" });
  } catch (error) {
    return Response.json({ status: "error", db: "unavailable", reason: reasonOf(error) }, { status: 503 });
  }
}
