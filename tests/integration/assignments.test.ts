import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { normalizeForSearch } from "@/lib/lookup/normalize";
import { assignProject, listProjectsForAssignment, searchCustomersForAssignment } from "@/lib/projects/assign-project";
import { actorOf, createUser, uniqueSuffix } from "../support/db";
import { addUsage } from "../support/drafts";

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

  it("lists a month's unassigned projects a page at a time, by keyset, forwards and back, and searches", async () => {
    const s = uniqueSuffix();
    const month = "2035-03";
    const ids = Array.from({ length: 120 }, (_, i) => `kp-${s}-${String(i).padStart(3, "0")}`);
    await db.project.createMany({ data: ids.map((id) => ({ id, name: `keyset ${id}` })) });
    await addUsage(ids.map((projectId) => ({ projectId, service: "GCS", currency: "JPY", cost: "1", month })));
    const customer = await db.customer.create({
      data: {
        code: `KP${s}`,
        name: `ページ${s}`,
        nameKana: "ページ",
        billingGroups: { create: { name: "Default", isDefault: true, recipientName: "p" } },
      },
      include: { billingGroups: true },
    });
    const group = customer.billingGroups[0]?.id ?? "";
    // Seven projects have a customer for the month; one had one only until then.
    const covered = ids.filter((_, i) => i % 17 === 5);
    await db.projectAssignment.createMany({
      data: [
        ...covered.map((projectId) => ({
          projectId,
          customerId: customer.id,
          billingGroupId: group,
          fromMonth: "2035-01",
        })),
        {
          projectId: ids[0] ?? "",
          customerId: customer.id,
          billingGroupId: group,
          fromMonth: "2034-01",
          toMonth: month,
        },
      ],
    });
    const unassigned = ids.filter((id) => !covered.includes(id));
    expect(unassigned).toHaveLength(113);

    // Other tests' projects share the database: only this test's month is listed.
    const first = await listProjectsForAssignment({ month });
    expect([first.total, first.from, first.to, first.previous]).toEqual([113, 1, 50, null]);
    expect(first.projects.map((p) => p.id)).toEqual(unassigned.slice(0, 50));
    expect(first.projects[0]?.history).toEqual([
      { customer: `KP${s} ページ${s}`, billingGroup: "Default", fromMonth: "2034-01", toMonth: month },
    ]);
    const second = await listProjectsForAssignment({ month, after: first.next ?? "" });
    expect([second.from, second.to]).toEqual([51, 100]);
    expect(second.projects.map((p) => p.id)).toEqual(unassigned.slice(50, 100));
    const third = await listProjectsForAssignment({ month, after: second.next ?? "" });
    expect([third.from, third.to, third.next]).toEqual([101, 113, null]);
    expect(third.projects.map((p) => p.id)).toEqual(unassigned.slice(100));
    const back = await listProjectsForAssignment({ month, before: third.previous ?? "" });
    expect(back.projects.map((p) => p.id)).toEqual(unassigned.slice(50, 100));
    expect([back.from, back.to, back.next, back.previous]).toEqual([51, 100, back.projects.at(-1)?.id, unassigned[50]]);

    // A search lists every matching project, assigned or not, paged the same way.
    const search = await listProjectsForAssignment({ q: `KP-${s}-01`, month: null, pageSize: 4 });
    expect([search.total, search.projects.map((p) => p.id)]).toEqual([10, ids.slice(10, 14)]);
  });

  it("finds customers to assign to by name, kana or code, folded as the lookup folds them", async () => {
    const s = uniqueSuffix();
    const [name, nameKana, code] = [`青葉テスト${s}商事`, `アオバテスト`, `AO${s}`.toUpperCase()];
    const customer = await db.customer.create({
      data: { code, name, nameKana, searchText: normalizeForSearch(`${name} ${nameKana} ${code}`) },
    });
    for (const typed of [`青葉テスト${s}`, "ｱｵﾊﾞﾃｽﾄ", "あおばてすと", code.toLowerCase()]) {
      const found = await searchCustomersForAssignment(typed, 50);
      expect(found.hits.map((c) => c.id)).toContain(customer.id);
    }
    expect(await searchCustomersForAssignment("該当なしの会社名ですよ")).toEqual({ hits: [], more: false });
    // More than asked for: the first ones, and word that there are more.
    await db.customer.create({
      data: { code: `${code}X`, name: `${name}2`, nameKana, searchText: normalizeForSearch(`${name}2 ${nameKana}`) },
    });
    const many = await searchCustomersForAssignment("あおばてすと", 1);
    expect([many.hits.length, many.more]).toEqual([1, true]);
  });
});
