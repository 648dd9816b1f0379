import { db } from "@/lib/db";

export const dynamic = "force-dynamic";

// For load balancers and the start script: 200 when the database answers, 503 otherwise.
export async function GET() {
  try {
    await db.$queryRaw`SELECT 1`;
    return Response.json({ status: "ok", db: "ok" });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : "unknown error";
    return Response.json({ status: "error", db: "unavailable", reason }, { status: 503 });
  }
}
