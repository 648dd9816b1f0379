"use server";
import { action } from "@/lib/actions/action";
import { setFxRate, setFxRateSchema } from "@/lib/fx/set-fx-rate";

export const setFxRateAction = action({ schema: setFxRateSchema, permission: "admin.fxRates" }, (input, { actor }) =>
  setFxRate({ actor, ...input }),
);
