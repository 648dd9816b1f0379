"use server";
import { revalidatePath } from "next/cache";
import { action } from "@/lib/actions/action";
import { assignProject, assignProjectSchema } from "@/lib/projects/assign-project";

export const assignProjectAction = action(
  { schema: assignProjectSchema, permission: "admin.assignments" },
  async (input, { actor }) => {
    const result = await assignProject({ actor, ...input });
    revalidatePath("/admin/assignments");
    return result;
  },
);
