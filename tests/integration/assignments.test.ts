import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { assignProject } from "@/lib/projects/assign-project";
import { actorOf, createUser, uniqueSuffix } from "../support/db";

describe("assigning projects over time", () => {
  it("closes the open assignment at the new month, keeps history, and audits", async () => {
    const admin = actorOf(await createUser(["ADMIN"]));
    const s = uniqueSuffix();
    const [a, b] = await Promise.all(
      ["A", "B"].map((x) =>
        db.customer.create({
          data: {
            code: `AS${x}${s}`,
            name: `${x} ${s}`,
            nameKana: "エー",
            billingGroups: { create: { name: "Default", isDefault: true, recipientName: x } },
          },
          include: { billingGroups: true },
        }),
      ),
    );
    const project = await db.project.create({ data: { id: `assign-${s}`, name: "p" } });
    await assignProject({
      actor: admin,
      projectId: project.id,
      billingGroupId: a!.billingGroups[0]!.id,
      fromMonth: "2030-01",
    });
    await assignProject({
      actor: admin,
      projectId: project.id,
      billingGroupId: b!.billingGroups[0]!.id,
      fromMonth: "2030-06",
    });
    const history = await db.projectAssignment.findMany({
      where: { projectId: project.id },
      orderBy: { fromMonth: "asc" },
    });
    expect(history.map((h) => [h.customerId, h.fromMonth, h.toMonth])).toEqual([
      [a!.id, "2030-01", "2030-06"],
      [b!.id, "2030-06", null],
    ]);
    expect(await db.auditEvent.count({ where: { action: "project.assign", targetId: project.id } })).toBe(2);

    await expect(
      assignProject({
        actor: admin,
        projectId: project.id,
        billingGroupId: a!.billingGroups[0]!.id,
        fromMonth: "2030-03",
      }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
    const finance = actorOf(await createUser(["FINANCE"]));
    await expect(
      assignProject({
        actor: finance,
        projectId: project.id,
        billingGroupId: a!.billingGroups[0]!.id,
        fromMonth: "2031-01",
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
