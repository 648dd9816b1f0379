"use server";
import { action } from "@/lib/actions/action";
import { z } from "zod";
import { unlockSignIn } from "@/lib/auth/sign-in-throttle";
import { endUserSessions, endUserSessionsSchema } from "@/lib/users/end-user-sessions";
import { updateUserAccess, updateUserAccessSchema } from "@/lib/users/update-user-access";

export const updateUserAccessAction = action(
  { schema: updateUserAccessSchema, permission: "admin.users" },
  (input, { actor }) => updateUserAccess({ actor, ...input }),
);

export const endUserSessionsAction = action(
  { schema: endUserSessionsSchema, permission: "admin.users" },
  (input, { actor }) => endUserSessions({ actor, userId: input.userId }),
);

export const unlockSignInAction = action(
  { schema: z.object({ email: z.email().max(320) }), permission: "admin.users" },
  (input, { actor }) => unlockSignIn({ actor, email: input.email }),
);
