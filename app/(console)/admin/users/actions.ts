"use server";
import { action } from "@/lib/actions/action";
import { updateUserAccess, updateUserAccessSchema } from "@/lib/users/update-user-access";

export const updateUserAccessAction = action(
  { schema: updateUserAccessSchema, permission: "admin.users" },
  (input, { actor }) => updateUserAccess({ actor, ...input }),
);
