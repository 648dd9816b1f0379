"use server";
import { revalidatePath } from "next/cache";
import { action } from "@/lib/actions/action";
import { updateSettings, updateSettingsSchema } from "@/lib/settings/update-settings";

export const updateSettingsAction = action(
  { schema: updateSettingsSchema, permission: "admin.settings" },
  async (input, { actor }) => {
    const result = await updateSettings({ actor, input });
    if (result.changed.length) revalidatePath("/admin/settings");
    return result;
  },
);
